/**
 * Body decoding. Services do not always label their bodies honestly, so a success body is
 * decoded by the media type the operation is documented to return, never by `Content-Type`
 * (answer-errors.ts reports a body that is not that, with what did arrive). JSON is built in;
 * a client registers decoders for other media types.
 */

/** Turns a body's text into a value; throws (anything) when the text is not of its kind. */
export type Decoder = (text: string) => unknown;

/** Media type → decoder. */
export type Decoders = Readonly<Record<string, Decoder>>;

export const JSON_MEDIA_TYPE = "application/json";

/** Decodes a success body as the media type the operation documents; throws the decoder's error. */
export function decodeBody(text: string, mediaType: string, decoders: Decoders | undefined): unknown {
  const decode = decoders?.[mediaType];
  return decode ? decode(text) : JSON.parse(text);
}

/** Whether any character of `text` is not white space, without copying it. */
export function isBlank(text: string): boolean {
  return firstNonBlank(text) < 0;
}

/** Index of the first character that is not white space, or -1. */
export function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return i;
  }
  return -1;
}

const utf8 = new TextDecoder();
// A client talks to one API, which labels its bodies the same way every time: the decoder for
// the last Content-Type seen is kept, so a call does not parse the header again.
let lastContentType: string | null = null;
let lastDecoder = utf8;

/** Decodes a body by the charset the response declares (UTF-8 when none or unknown). */
export function decodeText(body: Uint8Array | string, contentType: string | null): string {
  if (typeof body === "string") return body; // read as UTF-8 text already (see `isUtf8`)
  return body.byteLength === 0 ? "" : decoderOf(contentType).decode(body);
}

/** Whether a body of this Content-Type is UTF-8 text, so that fetch's own `text()` reads it right. */
export function isUtf8(contentType: string | null): boolean {
  return decoderOf(contentType) === utf8;
}

function decoderOf(contentType: string | null): typeof utf8 {
  if (contentType !== lastContentType) {
    lastDecoder = decoderFor(contentType);
    lastContentType = contentType;
  }
  return lastDecoder;
}

function decoderFor(contentType: string | null): typeof utf8 {
  const at = contentType ? contentType.toLowerCase().indexOf("charset=") : -1;
  if (at < 0 || !contentType) return utf8;
  const label = contentType
    .slice(at + 8, at + 48)
    .split(";")[0]
    ?.trim()
    .replace(/^"|"$/g, "");
  if (!label || /^utf-?8$/i.test(label)) return utf8;
  try {
    return new TextDecoder(label);
  } catch {
    return utf8; // an unknown label: UTF-8 is what these APIs send
  }
}

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

/** Decodes body bytes by the charset the response declares (UTF-8 when none or unknown). */
export function decodeText(bytes: Uint8Array, contentType: string | null): string {
  return bytes.byteLength === 0 ? "" : decoderOf(contentType).decode(bytes);
}

/** Whether a body of this Content-Type is UTF-8 text, so that fetch's own `text()` reads it right. */
export function isUtf8(contentType: string | null): boolean {
  return decoderOf(contentType).encoding === "utf-8";
}

function decoderOf(contentType: string | null): typeof utf8 {
  if (contentType !== lastContentType) {
    lastDecoder = decoderFor(contentType);
    lastContentType = contentType;
  }
  return lastDecoder;
}

function decoderFor(contentType: string | null): typeof utf8 {
  // The label after "charset=" (bounded, so the match is linear); TextDecoder knows every
  // spelling of every label, and an unknown one means UTF-8, which is what these APIs send.
  const label = contentType && /charset="?([^";\s]{1,40})/i.exec(contentType)?.[1];
  try {
    return label ? new TextDecoder(label) : utf8;
  } catch {
    return utf8;
  }
}

/**
 * Body decoding. Services do not always label their bodies honestly, so a success body is
 * decoded by the media type the operation is documented to return, never by `Content-Type`,
 * and a body that is not that is reported with what did arrive. JSON is built in; a client
 * registers decoders for other media types.
 */
import { DecodeError, type ErrorContext } from "./errors.js";
import { excerpt, type SecretRegistry } from "./redact.js";

/** Turns a body's text into a value; throws (anything) when the text is not of its kind. */
export type Decoder = (text: string) => unknown;

/** Media type → decoder. */
export type Decoders = Readonly<Record<string, Decoder>>;

export const JSON_MEDIA_TYPE = "application/json";

/** `application/json` → `JSON`, for messages. */
export function mediaLabel(mediaType: string): string {
  return (mediaType.split("/")[1] ?? mediaType).toUpperCase();
}

/** Whether any character of `text` is not white space, without copying it. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return false;
  }
  return true;
}

/** Decodes a body of the expected media type; the caller has ruled out a blank body. */
export function decodeBody(
  text: string,
  mediaType: string,
  decoders: Decoders,
  context: ErrorContext & { secrets: SecretRegistry; contentType?: string | null },
): unknown {
  try {
    const decode = decoders[mediaType];
    return decode ? decode(text) : JSON.parse(text);
  } catch (error) {
    const what = mediaLabel(mediaType);
    // A parser's own reason may quote the body (JSON.parse does), so it is scrubbed like the excerpt.
    const reason = looksLikeHtml(text)
      ? "an HTML page"
      : context.secrets.scrub(excerptOf(error instanceof Error ? error.message : String(error), 200));
    const type = context.contentType
      ? ` (Content-Type: ${context.secrets.scrub(excerptOf(context.contentType, 100))})`
      : "";
    throw new DecodeError(
      `Expected ${what} from ${where(context)}${type} but got ${reason}; body starts: ${excerpt(text, context.secrets)}`,
      { ...context, cause: undefined },
    );
  }
}

/**
 * Decodes an error body as well as it can: JSON, an HTML page's title, the client's decoder for
 * the declared media type, or else the text itself.
 */
export function decodeErrorBody(text: string, contentType: string | null, decoders: Decoders): unknown {
  const start = firstNonBlank(text);
  if (start < 0) return undefined;
  const first = text[start];
  if (first === "{" || first === "[") {
    try {
      return JSON.parse(text);
    } catch {
      return text.trim();
    }
  }
  if (looksLikeHtml(text)) return htmlSummary(text);
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  const decode = decoders[mediaType] ?? (first === "<" ? decoders["application/xml"] : undefined);
  if (decode) {
    try {
      return decode(text);
    } catch {
      return text.trim();
    }
  }
  return text.trim();
}

function firstNonBlank(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return i;
  }
  return -1;
}

/** `<!doctype html` or `<html` at the start (after white space), in any case. */
function looksLikeHtml(text: string): boolean {
  const start = firstNonBlank(text);
  if (start < 0) return false;
  const head = text.slice(start, start + 14).toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

const MAX_TITLE_SCAN = 64 * 1024;

/**
 * An HTML error page (a proxy's 502, say) reduced to its title, which is what a person needs.
 * Looks only at the page's head (a title lives there), with indexOf: linear in that prefix.
 */
function htmlSummary(html: string): string {
  const head = html.slice(0, MAX_TITLE_SCAN);
  const lower = head.toLowerCase();
  const open = lower.indexOf("<title");
  const openEnd = open < 0 ? -1 : lower.indexOf(">", open);
  const close = openEnd < 0 ? -1 : lower.indexOf("</title", openEnd);
  const title =
    close < 0
      ? ""
      : head
          .slice(openEnd + 1, close)
          .replace(/\s+/g, " ")
          .trim();
  return title ? `HTML error page: ${excerptOf(title, 200)}` : "HTML error page";
}

function excerptOf(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function where(context: ErrorContext): string {
  return [context.method, context.url].filter(Boolean).join(" ") || "the server";
}

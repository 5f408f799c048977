/**
 * Body decoding. The services do not label their bodies honestly (Z.com sends JSON as
 * `text/html`), so we decode by what the operation is documented to return, never by
 * `Content-Type`, and say clearly what arrived when it is not that.
 */
import { DecodeError, type ErrorContext } from "./errors.js";
import { excerpt, redactUrl, type SecretRegistry } from "./redact.js";
import { decodeRailsXml } from "./xml.js";

/** The wire format an operation's body is expected in. */
export type WireFormat = "json" | "xml";

/** Decodes a body of the expected format. Blank text decodes to `undefined`. */
export function decodeBody(
  text: string,
  format: WireFormat,
  context: ErrorContext & { secrets?: SecretRegistry | undefined; contentType?: string | null },
): unknown {
  if (text.trim() === "") return undefined;
  try {
    return format === "xml" ? decodeRailsXml(text) : JSON.parse(text);
  } catch (error) {
    const what = format === "xml" ? "XML" : "JSON";
    const looksHtml = /^\s*(<!doctype html|<html)/i.test(text);
    const reason = looksHtml ? "an HTML page" : error instanceof Error ? error.message : String(error);
    const where = [context.method, context.url && redactUrl(context.url)].filter(Boolean).join(" ");
    const type = context.contentType ? ` (Content-Type: ${context.contentType})` : "";
    throw new DecodeError(
      `Expected ${what} from ${where || "the server"}${type} but got ${reason}; body starts: ${excerpt(text, context.secrets)}`,
      { ...context, cause: error },
    );
  }
}

/** Decodes an error body as well as it can: JSON, then XML, then the text itself. */
export function decodeErrorBody(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return JSON.parse(trimmed);
    } catch {
      return trimmed;
    }
  }
  if (trimmed.startsWith("<?xml") || /^<[A-Za-z_]/.test(trimmed)) {
    if (/^<(!doctype html|html)/i.test(trimmed)) return htmlSummary(trimmed);
    try {
      return flattenXmlErrors(decodeRailsXml(trimmed));
    } catch {
      return trimmed;
    }
  }
  return trimmed;
}

/** `<errors><error>a</error></errors>` decodes to `{errors: {error: "a"}}`; callers want `{errors: ["a"]}`. */
function flattenXmlErrors(value: unknown): unknown {
  const errors = (value as { errors?: unknown })?.errors;
  if (errors && typeof errors === "object" && !Array.isArray(errors)) {
    const inner = (errors as { error?: unknown }).error;
    if (inner !== undefined) return { errors: Array.isArray(inner) ? inner : [inner] };
  }
  return value;
}

/** An HTML error page (a proxy's 502, say) reduced to its title, which is what a person needs. */
function htmlSummary(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]?.trim();
  return title ? `HTML error page: ${title}` : "HTML error page";
}

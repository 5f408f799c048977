/**
 * Answers that are not the data, turned into typed errors: an error status (with the API's own
 * message, read from a body that may be JSON, the client's format, an HTML page or plain text),
 * an empty body where data was promised, and a body that does not decode. Loaded on the first
 * such answer.
 */
import type { Decoders } from "./decode.js";
import type { APIError, DecodeError, ErrorContext } from "./errors.js";
import type { Operation } from "./operation.js";
import type { SecretRegistry } from "./redact.js";
import type { ApiProfile } from "./runtime.js";
import { shared } from "./slow-path-link.js";
import type { ReceivedResponse, ResponseHeaders } from "./transport.js";

/** The error class for an HTTP status. */
export function errorClassForStatus(status: number): typeof APIError {
  const classes: Record<number, typeof APIError> = {
    400: shared.BadRequestError,
    401: shared.AuthenticationError,
    403: shared.PermissionDeniedError,
    404: shared.NotFoundError,
    409: shared.ConflictError,
    422: shared.UnprocessableEntityError,
    429: shared.RateLimitError,
  };
  return classes[status] ?? (status >= 500 ? shared.ServerError : shared.APIError);
}

/**
 * Builds the right error for a non-2xx response. `detail` is the vendor's own message, read from
 * the body by the client that knows the vendor's error shapes.
 */
export function errorFromResponse(
  status: number,
  context: ErrorContext & { statusText?: string },
  detail?: string,
): APIError {
  const ErrorClass = errorClassForStatus(status);
  const where = [context.method, context.url && shared.redactUrl(context.url)].filter(Boolean).join(" ");
  const head = `${status}${context.statusText ? ` ${context.statusText}` : ""}`;
  const message = `${head}${where ? ` from ${where}` : ""}${detail ? `: ${excerptOf(flatten(detail, 300), 300)}` : ""}`;
  return new ErrorClass(message, { ...context, status });
}

/**
 * A short, single-line, redacted excerpt of a body, for error messages. Only the head is looked
 * at (an excerpt never costs more than its own length), and it is scrubbed before it is put on
 * one line or cut: a secret with white space in it, or cut in two, would no longer match, and
 * what was left of it would show.
 */
export function excerpt(text: string, secrets?: SecretRegistry, max = 160): string {
  // Room for a whole secret written escaped, which is longer (`&quot;` for `"`, `&#x1F600;`).
  const margin = (secrets?.longest ?? 0) * ESCAPED_GROWTH;
  const cut = text.length > max * 4 + margin;
  let head = cut ? text.slice(0, max * 4 + margin) : text;
  head = scrubbed(secrets, head);
  // The head's last `margin` characters may hold the start of a secret that went on past the cut.
  if (cut && margin > 0) head = head.slice(0, -margin);
  return excerptOf(flatten(head, max), max);
}

/** How many times longer than itself a character can be once escaped: `&#00000000001114111;`. */
const ESCAPED_GROWTH = 20;

/** Character references (`&#38;`, `&#x26;`), named ones (`&amp;`), and JSON's backslash escapes. */
const ESCAPE =
  /&(?:#0{0,10}(\d{1,7})|#[xX]0{0,10}([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,7}));|\\(?:u([\da-fA-F]{4})|(["\\/bfnrt]))/g;
/** The five XML entities, and HTML's for Latin-1 (a proxy's error page may write `&eacute;`). */
const NAMED = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);
/** HTML's names for U+00A0 to U+00FF, in code point order. */
const LATIN_1 =
  `nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2
sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc
Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve
Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute
acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde
ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml`.split(/\s+/);
for (const [i, name] of LATIN_1.entries()) NAMED.set(name, String.fromCharCode(0xa0 + i));
const JSON_ESCAPES: Record<string, string> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/**
 * Server text scrubbed of the client's secrets, also where the server wrote one escaped, as its
 * format escapes it (XML or HTML entities, JSON's backslashes, a URL's percent-encoding), or
 * split it with characters that do not show: if a secret is found in such a form, that form is
 * what comes back, scrubbed; otherwise the text as it came, scrubbed.
 */
export function scrubText(secrets: SecretRegistry, text: string): string {
  const plain = secrets.scrub(text);
  if (!MAY_HIDE.test(plain)) return plain;
  // Each step undoes one way of writing text, on what the last step left, and scrubs: a secret
  // found in any form stays found, and the last form one was found in is what comes back.
  // Scrubbing between steps finds a secret that holds a `%` of its own (`Pa%41ss`).
  let current = plain;
  let shown = plain;
  for (const step of STEPS) {
    const next = step(current);
    if (next === current) continue;
    current = secrets.scrub(next);
    if (current !== next) shown = current;
  }
  return shown;
}

/**
 * Characters that show as nothing: controls, soft hyphens, zero-width, joining and bidirectional
 * marks, variation selectors, fillers and tags.
 */
const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex lint/suspicious/noMisleadingCharacterClass: finding these characters, one at a time, is the point.
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u034f\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}]/gu;
/**
 * Text in which a secret may hide from a plain match: an escape, a character that does not show,
 * white space other than a space (tabs and line breaks are not in INVISIBLE) or two spaces.
 */
const MAY_HIDE = new RegExp(`[&\\\\%]|${INVISIBLE.source}|[^\\S ]| {2}`, "u");

const unescaped = (text: string) => text.replace(ESCAPE, unescapeOne);
const visible = (text: string) => text.replace(INVISIBLE, "");

/**
 * First what does not show dropped, before any step can change a secret's own text (its `%41`,
 * its `\n`, its tab) around the character that splits it. Then entities and JSON escapes, twice
 * (escaped for JSON, then again for HTML); percent-escapes, up to three deep (a URL in a URL's
 * query); entities and JSON escapes again (JSON in a query). Then what does not show dropped
 * again (an escape may have written some) and what a one-line message does to text: each white
 * space a space, then runs of them made one. So neither the app that prints
 * a message nor the reader's eye can join a secret the steps missed. Last, no white space at all:
 * a server that wraps long lines (as base64 often is) splits a secret with a line break.
 */
const STEPS: ((text: string) => string)[] = [
  visible,
  unescaped,
  unescaped,
  percentDecoded,
  percentDecoded,
  percentDecoded,
  unescaped,
  (text) => visible(text).replace(/[^\S ]/g, " "),
  (text) => text.replace(/ {2,}/g, " "),
  (text) => text.replace(/ /g, ""),
];

/**
 * `text` with each run of `%XX` sequences decoded as UTF-8, bytes that are not UTF-8 as U+FFFD:
 * an invalid escape (`%ff`), even in the same run as an encoded secret, loses only itself.
 */
function percentDecoded(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(ESCAPE_RUN, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return UTF8.decode(bytes);
  });
}

/** A run of percent-escapes. One pass, and each match ends where the escapes do. */
const ESCAPE_RUN = /(?:%[\dA-Fa-f]{2})+/g;
const UTF8 = new TextDecoder();

function unescapeOne(
  match: string,
  decimal?: string,
  hex?: string,
  named?: string,
  unicode?: string,
  simple?: string,
): string {
  const code = decimal
    ? Number(decimal)
    : hex || unicode
      ? Number.parseInt((hex ?? unicode) as string, 16)
      : -1;
  if (code >= 0) return code <= 0x10ffff ? String.fromCodePoint(code) : match;
  if (named) return NAMED.get(named) ?? match;
  return simple ? (JSON_ESCAPES[simple] ?? simple) : match;
}

/**
 * A URL a server led us to, for an error: scrubbed as it came, then redacted, then scrubbed
 * again. Redacting rebuilds a query that names a credential (`sig=`), writing `%20` as `+`, so a
 * secret with spaces would no longer be found after it.
 */
export function errorUrl(secrets: SecretRegistry | undefined, url: string): string {
  return scrubbed(secrets, shared.redactUrl(scrubbed(secrets, url)));
}

/** `scrubText` where the client's secrets are known, else only the credential shapes any text may hold. */
export function scrubbed(secrets: SecretRegistry | undefined, text: string): string {
  return secrets ? scrubText(secrets, text) : shared.redactText(text);
}

/** The head of `text` (a few times `max`) on one line. */
function flatten(text: string, max: number): string {
  return text
    .slice(0, max * 4)
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * A copy of a parsed body with every string scrubbed of the client's secrets (servers sometimes
 * echo what we sent). Keys are kept as own properties (`__proto__` included); nesting past
 * `maxDepth` is cut.
 */
export function scrubValue(secrets: SecretRegistry, value: unknown, maxDepth = 64): unknown {
  if (typeof value === "string") return scrubText(secrets, value);
  if (value === null || typeof value !== "object") {
    // A numeric password echoed as a number is still the password.
    if (typeof value !== "number" && typeof value !== "bigint") return value;
    const text = String(value);
    const scrubbed = secrets.scrub(text);
    return scrubbed === text ? value : scrubbed;
  }
  if (maxDepth <= 0) return "[nested too deep]";
  if (Array.isArray(value)) return value.map((item) => scrubValue(secrets, item, maxDepth - 1));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    Object.defineProperty(out, scrubText(secrets, key), {
      value: scrubValue(secrets, inner, maxDepth - 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** `application/json` → `JSON`, for messages. */
function mediaLabel(mediaType: string): string {
  return (mediaType.split("/")[1] ?? mediaType).toUpperCase();
}

/** What a vendor's error reader is handed, so that its module needs nothing from core at run time. */
export interface ErrorHelpers {
  /** True for plain objects (not arrays, not null). */
  isRecord(value: unknown): value is Record<string, unknown>;
  /** A value from a server as text, whatever it is. */
  textOf(value: unknown): string;
}

/**
 * How a client reads its API's error bodies: the module its `ApiProfile.errorReading` loads on
 * the first error answer.
 */
export interface ErrorReading {
  /** Reshapes a decoded error body into the form users read (e.g. an XML error list). */
  errorBody?: ((body: unknown, helpers: ErrorHelpers) => unknown) | undefined;
  /** The API's own message in an error body. */
  errorMessage?: ((body: unknown, helpers: ErrorHelpers) => string | undefined) | undefined;
}

/** What an error (or a contract violation) reports about an answer, redacted. */
export function answerContext(
  operation: Operation,
  response: ReceivedResponse,
  profile: ApiProfile,
  secrets: SecretRegistry,
): ErrorContext & { status: number } {
  const headers = errorHeaders(response.headers, secrets);
  return {
    method: operation.method,
    operation: operation.operationId,
    status: response.status,
    // The URL answered from: after a redirect, the server's own, which may echo a secret.
    url: errorUrl(secrets, response.url),
    headers,
    // Read from those headers, so the id is scrubbed whole before it is cut, as requestIdOf does.
    requestId: shared.requestIdOf({ get: (name) => headers[name.toLowerCase()] ?? null }, profile, secrets),
  };
}

/**
 * Response headers for an error: credential headers redacted, and every other name and value
 * scrubbed of the client's secrets also where the server wrote one escaped, as bodies are.
 */
export function errorHeaders(
  headers: ResponseHeaders,
  secrets: SecretRegistry | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  // Names too: a server may name a header after what it echoes.
  for (const [name, value] of Object.entries(shared.redactHeaders(headers, secrets))) {
    out[scrubbed(secrets, name)] = scrubbed(secrets, value);
  }
  return out;
}

/** The typed error for a non-2xx answer. */
export async function errorForStatus(
  profile: { decoders?: Decoders | undefined; errorReading?: (() => Promise<ErrorReading>) | undefined },
  secrets: SecretRegistry,
  context: ErrorContext & { status: number },
  text: string,
  contentType: string | null,
  statusText: string,
): Promise<APIError> {
  // Without its reader (a chunk that failed to load) the error still comes, with less detail.
  const reading = (await profile.errorReading?.().catch(() => undefined)) ?? {};
  const helpers: ErrorHelpers = { isRecord: shared.isRecord, textOf: shared.textOf };
  // Servers sometimes echo the request back in an error; nothing we sent may come out again.
  const decoded = decodeErrorBody(text, contentType, profile.decoders ?? {}, secrets);
  // A hostile body cannot turn an API error into another failure: a reader that throws is ignored.
  let shaped = decoded;
  try {
    if (reading.errorBody) shaped = reading.errorBody(decoded, helpers);
  } catch {
    // keep the body as decoded
  }
  const body = scrubValue(secrets, shaped);
  let detail: string | undefined;
  try {
    // Scrubbed again: a reader may put together text that no single value of the body held.
    const message = reading.errorMessage?.(body, helpers);
    detail = message === undefined ? undefined : scrubText(secrets, message);
  } catch {
    detail = undefined;
  }
  // The status text is the server's too: it goes into the message, so it is scrubbed like the body.
  return errorFromResponse(
    context.status,
    { ...context, body, statusText: scrubText(secrets, statusText) },
    detail,
  );
}

/** The error for a blank body where the operation promises one. */
export function emptyBody(mediaType: string, context: ErrorContext & { status: number }): DecodeError {
  return new shared.DecodeError(
    `Expected a ${mediaLabel(mediaType)} body from ${where(context)} (${context.status}) but it was empty`,
    context,
  );
}

/** The error for a body that is not of the expected media type; `error` is the decoder's. */
export function undecodable(
  text: string,
  mediaType: string,
  error: unknown,
  context: ErrorContext,
  secrets: SecretRegistry | undefined,
  contentType: string | null,
): DecodeError {
  const reason = looksLikeHtml(text) ? "an HTML page" : parserReason(error, mediaType, secrets);
  const type = contentType ? ` (Content-Type: ${excerptOf(scrubbed(secrets, contentType), 100)})` : "";
  return new shared.DecodeError(
    `Expected ${mediaLabel(mediaType)} from ${where(context)}${type} but got ${reason}; body starts: ${excerpt(text, secrets)}`,
    context,
  );
}

/**
 * Why a body did not decode, in words that quote none of it. JSON.parse's message quotes a few
 * characters of the body where it stopped, too few to match a whole secret when scrubbed, so
 * only its position is kept. A client's own decoder names places, never text (the contract of
 * `Decoders`); its message is still scrubbed.
 */
function parserReason(error: unknown, mediaType: string, secrets: SecretRegistry | undefined): string {
  const message = error instanceof Error ? error.message : String(error);
  if (mediaType !== shared.JSON_MEDIA_TYPE) return excerptOf(scrubbed(secrets, message), 200);
  // At the end: the quoted part of the message is the body's, and may say "position" too.
  const position = / at position (\d{1,12})$/.exec(message)?.[1];
  return position === undefined ? "invalid JSON" : `invalid JSON (at position ${position})`;
}

/**
 * Decodes an error body as well as it can: JSON, an HTML page's title, the client's decoder for
 * the declared media type, or else the text itself.
 */
export function decodeErrorBody(
  text: string,
  contentType: string | null,
  decoders: Decoders,
  secrets?: SecretRegistry,
): unknown {
  const start = shared.firstNonBlank(text);
  if (start < 0) return undefined;
  const first = text[start];
  if (first === "{" || first === "[") {
    try {
      return JSON.parse(text);
    } catch {
      return text.trim();
    }
  }
  if (looksLikeHtml(text)) return htmlSummary(text, secrets);
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

/** `<!doctype html` or `<html` at the start (after white space), in any case. */
function looksLikeHtml(text: string): boolean {
  const start = shared.firstNonBlank(text);
  if (start < 0) return false;
  const head = text.slice(start, start + 14).toLowerCase();
  return head.startsWith("<!doctype html") || head.startsWith("<html");
}

const MAX_TITLE_SCAN = 64 * 1024;

/**
 * An HTML error page (a proxy's 502, say) reduced to its title, which is what a person needs.
 * Looks only at the page's head (a title lives there), with indexOf: linear in that prefix.
 */
function htmlSummary(html: string, secrets: SecretRegistry | undefined): string {
  const head = html.slice(0, MAX_TITLE_SCAN);
  const lower = head.toLowerCase();
  const open = lower.indexOf("<title");
  const openEnd = open < 0 ? -1 : lower.indexOf(">", open);
  const close = openEnd < 0 ? -1 : lower.indexOf("</title", openEnd);
  // Whole, the title is scrubbed before it is put on one line and cut (see `excerpt`).
  const raw = close < 0 ? "" : head.slice(openEnd + 1, close);
  const title = flatten(secrets ? scrubText(secrets, raw) : raw, 200);
  return title ? `HTML error page: ${excerptOf(title, 200)}` : "HTML error page";
}

function excerptOf(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function where(context: ErrorContext): string {
  return [context.method, context.url].filter(Boolean).join(" ") || "the server";
}

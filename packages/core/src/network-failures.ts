/**
 * What a failed attempt becomes: a TimeoutError, an AbortedError, a DecodeError for a body that
 * does not inflate, or a ConnectionError that names the real reason; and whether it may be
 * tried again. Loaded on the first failure, while the caller waits for it anyway.
 */
import { errorHeaders } from "./answer-errors.js";
import type { ConnectionError, ResponseTooLargeError } from "./errors.js";
import { shared } from "./slow-path-link.js";
import type { Exchange, ResponseHeaders } from "./transport.js";

/** Network failures that happen before a request reaches the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

/** Connection failures worth another attempt (timeouts are, too). */
const transient = new WeakSet<Error>();

/** The error for an attempt that failed on the wire; `state` is how things stood when it did. */
export function attemptFailure(
  exchange: Exchange,
  error: unknown,
  state: { callerAborted: boolean; timedOut: boolean },
): Error {
  const { method } = exchange;
  const url = shared.safeUrl(exchange);
  if (state.callerAborted) return shared.abortedError(exchange);
  if (state.timedOut) {
    return new shared.TimeoutError(`No response from ${method} ${url} within ${exchange.timeoutMs} ms`, {
      method,
      url,
      cause: error,
    });
  }
  // Only an inflating body fails with a zlib or brotli code.
  const inflate = decompressionCode(error);
  if (inflate) {
    return new shared.DecodeError(
      `The body from ${method} ${url} could not be decompressed (${inflate}): it is not the encoding its Content-Encoding header names`,
      { method, url, cause: error },
    );
  }
  const failure = new shared.ConnectionError(
    // Redacted: fetch quotes a URL with user info, password and all, in its message.
    `Could not reach ${method} ${url}: ${shared.redactText(describeNetworkError(error))}`,
    { method, url, cause: withoutPacket(error) },
  );
  // Only failures with a system error code (refused, reset, DNS) can pass; a URL that fetch
  // rejects outright (a blocked port, say) fails the same way every time.
  if (networkCode(error)) transient.add(failure);
  return failure;
}

/** The error for a request to an origin the client was not configured for. */
export function refused(exchange: Exchange): ConnectionError {
  const url = shared.safeUrl(exchange);
  const parsed = URL.canParse(exchange.url) ? new URL(exchange.url) : null;
  const why =
    parsed === null
      ? "it is not a valid URL"
      : parsed.username !== "" || parsed.password !== ""
        ? "its URL carries user info, which is never sent"
        : `${parsed.origin} is not a configured origin of this client`;
  return new shared.ConnectionError(`Refused to send ${exchange.method} ${url}: ${why}`, {
    method: exchange.method,
    url,
  });
}

/** The error for a body over `maxResponseBytes`; `size` says by how much, as far as is known. */
export function tooLarge(
  exchange: Exchange,
  response: { status: number; headers: ResponseHeaders },
  size: string,
): ResponseTooLargeError {
  const { method } = exchange;
  const url = shared.safeUrl(exchange);
  return new shared.ResponseTooLargeError(
    `The body from ${method} ${url} is ${size}, over the limit of ${exchange.maxBytes} bytes; raise maxResponseBytes if it is expected`,
    {
      method,
      url,
      status: response.status,
      headers: errorHeaders(response.headers, exchange.secrets),
    },
  );
}

/**
 * Whether a failed attempt may be repeated. A DELETE whose fate is unknown (a timeout, a reset)
 * is not: if the first one worked, the retry would report a 404 for a delete that succeeded.
 */
export function retryable(error: unknown, method: string): boolean {
  const { ConnectionError, TimeoutError } = shared;
  if (method === "DELETE") {
    return (
      error instanceof ConnectionError &&
      !(error instanceof TimeoutError) &&
      NOT_SENT_CODES.has(networkCode(error) ?? "")
    );
  }
  return error instanceof TimeoutError || (error instanceof Error && transient.has(error));
}

/**
 * The failure without the bytes an HTTP parser keeps on it: node:http's `rawPacket`, undici's
 * `data` (on the cause's cause). They are the answer as received, and a server may have echoed a
 * credential in it. The errors are this request's own, made by the wire just now.
 */
function withoutPacket(error: unknown): unknown {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    for (const key of ["rawPacket", "data"]) {
      const value = (current as unknown as Record<string, unknown>)[key];
      if (typeof value === "string" || value instanceof Uint8Array) Reflect.deleteProperty(current, key);
    }
    current = current.cause;
  }
  return error;
}

/** The system error code behind a fetch failure (ECONNREFUSED, ENOTFOUND, ...), if any. */
function networkCode(error: unknown): string | undefined {
  return codeInChain(error, /^E[A-Z]+$|^UND_ERR_/);
}

/** The zlib (`Z_DATA_ERROR`) or brotli (`ERR__ERROR_FORMAT_...`) code behind a failed body read, if any. */
function decompressionCode(error: unknown): string | undefined {
  return codeInChain(error, /^Z_|^ERR__ERROR_/);
}

function codeInChain(error: unknown, pattern: RegExp): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && pattern.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** Names the real reason: undici wraps it as the cause (or the cause's cause) of "fetch failed". */
function describeNetworkError(error: unknown): string {
  const code = networkCode(error);
  let innermost = error instanceof Error ? error.message : String(error);
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    innermost = current.message || innermost;
    current = current.cause;
  }
  if (innermost === "bad port") innermost = "fetch refuses to connect to this port";
  if (code) return innermost.includes(code) ? innermost : `${code} (${innermost})`;
  return innermost;
}

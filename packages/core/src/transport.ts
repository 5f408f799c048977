/**
 * The transport: timeouts per attempt, retries where they are safe, `Retry-After`, aborts,
 * redirects that never carry credentials to another origin, a cap on response size, and
 * failures turned into typed errors. The typed methods call `sendRequest`; openapi-fetch's
 * `raw` client gets the same behaviour through `createCallFetch`.
 */
import {
  AbortedError,
  BackupKitError,
  ConfigurationError,
  ConnectionError,
  DecodeError,
  type InvalidArgumentError,
  RedirectRefusedError,
  ResponseTooLargeError,
  TimeoutError,
} from "./errors.js";
import { redactUrl } from "./redact.js";

/** Options every client accepts for how requests are sent. */
export interface TransportOptions {
  /** The fetch implementation to use. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch | undefined;
  /** Time allowed for each attempt, in milliseconds. Default: 30 000. */
  timeoutMs?: number | undefined;
  /** Retries after the first attempt, for idempotent requests only. Default: 2. */
  maxRetries?: number | undefined;
  /** First backoff delay in milliseconds, doubled per retry, with jitter. Default: 500. */
  initialRetryDelayMs?: number | undefined;
  /** Cap on any single backoff delay, `Retry-After` included. Default: 8 000. */
  maxRetryDelayMs?: number | undefined;
  /** `User-Agent` header sent with every request. */
  userAgent?: string | undefined;
  /** Largest response body accepted, in bytes. Default: 64 MiB. */
  maxResponseBytes?: number | undefined;
}

/** Options one call may override. */
export interface CallOptions {
  /** Cancels the call. An aborted call is never retried. */
  signal?: AbortSignal | undefined;
  /** Time allowed for each attempt of this call, in milliseconds. */
  timeoutMs?: number | undefined;
  /** Retries for this call. */
  maxRetries?: number | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RETRIES = 2;
/** Well above any real list (10 000 backups are about 10 MB of JSON), far below what harms the process. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Statuses that say the request was not carried out, so even a DELETE may be sent again. */
const NOT_RUN_STATUSES = new Set([408, 429, 503]);
/** Network failures that happen before a request reaches the server. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const MAX_REDIRECTS = 5;
/** setTimeout (and so AbortSignal.timeout) overflows past this and fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

function isRedirect(response: Response): boolean {
  return response.status >= 300 && response.status < 400 && response.headers.has("location");
}

/**
 * Validates transport options: a client's at creation (ConfigurationError) or one call's
 * overrides (InvalidArgumentError, before anything is sent).
 */
export function checkTransportOptions(
  options: TransportOptions,
  where: string,
  ErrorClass: typeof ConfigurationError | typeof InvalidArgumentError = ConfigurationError,
): void {
  const check = (name: string, value: number | undefined, min: number) => {
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < min)) {
      throw new ErrorClass(`${where}: ${name} must be a number >= ${min}, got ${String(value)}`, {
        operation: where,
      });
    }
  };
  check("timeoutMs", options.timeoutMs, 1);
  if (options.timeoutMs !== undefined && options.timeoutMs > MAX_TIMEOUT_MS) {
    throw new ErrorClass(`${where}: timeoutMs must be at most ${MAX_TIMEOUT_MS} (about 24.8 days)`, {
      operation: where,
    });
  }
  check("maxRetries", options.maxRetries, 0);
  check("initialRetryDelayMs", options.initialRetryDelayMs, 0);
  check("maxRetryDelayMs", options.maxRetryDelayMs, 0);
  check("maxResponseBytes", options.maxResponseBytes, 1);
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ErrorClass(`${where}: fetch must be a function`, { operation: where });
  }
}

/** One request as the transport sends it. */
export interface OutgoingRequest {
  method: string;
  url: string;
  headers: Headers;
  body?: string | Uint8Array | ArrayBuffer | undefined;
}

/** A response read whole, within the attempt's timeout and the size limit. */
export interface ReceivedResponse {
  status: number;
  statusText: string;
  /** The URL that answered (after same-origin redirects). */
  url: string;
  headers: Headers;
  /** The body bytes; empty for statuses that have none. */
  body: Uint8Array;
}

/** What a call's hooks are told, after each attempt and before each retry. No credential is ever in it. */
export interface AttemptInfo {
  method: string;
  /** The URL with credentials redacted. */
  url: string;
  /** 1 for the first attempt. */
  attempt: number;
}

/** Where the transport reports what it does; no credential ever reaches it. */
export interface TransportEvents {
  onRequest?: (info: AttemptInfo) => void;
  onResponse?: (info: AttemptInfo & { status: number; durationMs: number }) => void;
  onRetry?: (info: AttemptInfo & { delayMs: number; reason: string }) => void;
}

/**
 * Sends one request with timeouts, retries, redirects and the size limit. `allowedOrigins`
 * are the only origins a request (or a redirect) may go to; anything else is refused before a
 * byte is sent.
 */
export async function sendRequest(
  options: TransportOptions,
  allowedOrigins: readonly string[],
  request: OutgoingRequest,
  call: CallOptions = {},
  events: TransportEvents = {},
): Promise<ReceivedResponse> {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxRetries = call.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const initialDelay = options.initialRetryDelayMs ?? 500;
  const maxDelay = options.maxRetryDelayMs ?? 8_000;
  const method = request.method.toUpperCase();
  const safeUrl = redactUrl(request.url);
  assertAllowed(request.url, allowedOrigins, method);
  const headers = request.headers;
  if (options.userAgent && !headers.has("user-agent")) headers.set("user-agent", options.userAgent);
  const retries = IDEMPOTENT.has(method) ? maxRetries : 0;

  for (let attempt = 0; ; attempt++) {
    throwIfAborted(call.signal, method, safeUrl);
    const info: AttemptInfo = { method, url: safeUrl, attempt: attempt + 1 };
    events.onRequest?.(info);
    const started = performance.now();
    let response: ReceivedResponse;
    try {
      response = await sendFollowingRedirects(request.url, method, headers, request.body);
    } catch (error) {
      if (error instanceof AbortedError || !(attempt < retries && retryable(error, method))) throw error;
      const delayMs = backoff(attempt, initialDelay, maxDelay);
      events.onRetry?.({ ...info, delayMs, reason: (error as Error).message });
      await sleep(delayMs, call.signal, method, safeUrl);
      continue;
    }
    events.onResponse?.({ ...info, status: response.status, durationMs: performance.now() - started });
    if (attempt < retries && (method === "DELETE" ? NOT_RUN_STATUSES : RETRY_STATUSES).has(response.status)) {
      const delayMs = retryAfterMs(response.headers, maxDelay) ?? backoff(attempt, initialDelay, maxDelay);
      events.onRetry?.({ ...info, delayMs, reason: `HTTP ${response.status}` });
      await sleep(delayMs, call.signal, method, safeUrl);
      continue;
    }
    return response;
  }

  async function sendFollowingRedirects(
    url: string,
    firstMethod: string,
    firstHeaders: Headers,
    firstBody: OutgoingRequest["body"],
  ): Promise<ReceivedResponse> {
    let target = url;
    let currentMethod = firstMethod;
    let sendHeaders = firstHeaders;
    let sendBody = firstBody;
    for (let hop = 0; ; hop++) {
      const response = await attemptOnce(target, currentMethod, sendHeaders, sendBody);
      if (!(response instanceof Response)) return response;
      const location = response.headers.get("location") ?? "";
      await response.body?.cancel().catch(() => {});
      const next = URL.canParse(location, target) ? new URL(location, target) : undefined;
      // User info in a Location would be sent on (fetch refuses it, quoting the URL in its error).
      const withCredentials = next !== undefined && (next.username !== "" || next.password !== "");
      if (!next || withCredentials || !allowedOrigins.includes(next.origin) || hop >= MAX_REDIRECTS) {
        throw new RedirectRefusedError(
          hop >= MAX_REDIRECTS
            ? `Too many redirects from ${method} ${safeUrl}`
            : withCredentials
              ? `Refused to follow a redirect from ${method} ${safeUrl}: its Location carries credentials`
              : next
                ? `Refused to follow a redirect from ${method} ${safeUrl} to another origin (${next.origin}): credentials are only sent to the configured host`
                : `Refused to follow a redirect from ${method} ${safeUrl}: its Location is not a valid URL`,
          { method, url: safeUrl, status: response.status },
        );
      }
      target = next.toString();
      // As fetch does: 303, and 301/302 after a POST, turn into a GET without the body.
      if (
        response.status === 303 ||
        ((response.status === 301 || response.status === 302) && currentMethod === "POST")
      ) {
        currentMethod = "GET";
        sendBody = undefined;
        sendHeaders = new Headers(sendHeaders);
        sendHeaders.delete("content-type");
      }
    }
  }

  /** One exchange: a redirect comes back as the raw Response, anything else read whole. */
  async function attemptOnce(
    url: string,
    sendMethod: string,
    sendHeaders: Headers,
    sendBody: OutgoingRequest["body"],
  ): Promise<ReceivedResponse | Response> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
    let readingBody = false;
    try {
      const response = await baseFetch(url, {
        method: sendMethod,
        headers: sendHeaders,
        body: sendBody as RequestInit["body"],
        signal,
        // We follow redirects ourselves, so a Location to another host never sees a token.
        redirect: "manual",
      });
      if (isRedirect(response)) return response;
      // Read the whole body while the attempt's timeout and the caller's signal still apply,
      // so a body that stalls or breaks off is a typed, retryable failure like any other.
      readingBody = true;
      const body = NULL_BODY_STATUSES.has(response.status)
        ? new Uint8Array(0)
        : await readBody(response, maxBytes, { method, url: safeUrl });
      return {
        status: response.status,
        statusText: response.statusText,
        url: response.url || url,
        headers: response.headers,
        body,
      };
    } catch (error) {
      if (error instanceof BackupKitError) throw error;
      if (call.signal?.aborted) throw abortedError(method, safeUrl, call.signal.reason);
      if (timeout.aborted) {
        throw new TimeoutError(`No response from ${method} ${safeUrl} within ${timeoutMs} ms`, {
          method,
          url: safeUrl,
          cause: error,
        });
      }
      const code = networkCode(error);
      const inflate = readingBody ? decompressionCode(error) : undefined;
      if (inflate) {
        throw new DecodeError(
          `The body from ${method} ${safeUrl} could not be decompressed (${inflate}): it is not the encoding its Content-Encoding header names`,
          { method, url: safeUrl, cause: error },
        );
      }
      const failure = new ConnectionError(
        `Could not reach ${method} ${safeUrl}: ${describeNetworkError(error)}`,
        { method, url: safeUrl, cause: error },
      );
      // Only failures with a system error code (refused, reset, DNS) can pass; a URL that fetch
      // rejects outright (a blocked port, say) fails the same way every time.
      if (code) transient.add(failure);
      throw failure;
    }
  }
}

/**
 * Reads a body, refusing it as soon as it passes `maxBytes`: a declared length over the limit is
 * refused before any byte is read, and an undeclared one is counted while it streams.
 */
async function readBody(
  response: Response,
  maxBytes: number,
  where: { method: string; url: string },
): Promise<Uint8Array> {
  const tooLarge = (size: string) =>
    new ResponseTooLargeError(
      `The body from ${where.method} ${where.url} is ${size}, over the limit of ${maxBytes} bytes; raise maxResponseBytes if it is expected`,
      { ...where, status: response.status, headers: response.headers },
    );
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    throw tooLarge(`${declared} bytes`);
  }
  // fetch checks a declared length itself, so it can read in one piece; but a compressed body's
  // length says nothing of what it inflates to, so that one is counted as it streams.
  if (Number.isFinite(declared) && !response.headers.has("content-encoding")) {
    return new Uint8Array(await response.arrayBuffer());
  }
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge("larger");
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * The transport as a `fetch`, for openapi-fetch's result-style `raw` client: the same
 * timeouts, retries, redirects and limits as the typed methods.
 */
export function createCallFetch(
  options: TransportOptions,
  allowedOrigins: readonly string[],
  call: CallOptions = {},
  events: TransportEvents = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.body ? await request.arrayBuffer() : undefined;
    const received = await sendRequest(
      options,
      allowedOrigins,
      { method: request.method, url: request.url, headers: new Headers(request.headers), body },
      { ...call, signal: call.signal ?? request.signal },
      events,
    );
    const response = new Response(NULL_BODY_STATUSES.has(received.status) ? null : received.body, {
      status: received.status,
      statusText: received.statusText,
      headers: received.headers,
    });
    Object.defineProperty(response, "url", { value: received.url });
    return response;
  };
}

function assertAllowed(url: string, allowedOrigins: readonly string[], method: string): void {
  const origin = new URL(url).origin;
  if (!allowedOrigins.includes(origin)) {
    throw new ConnectionError(
      `Refused to send ${method} ${redactUrl(url)}: ${origin} is not a configured origin of this client`,
      { method, url },
    );
  }
}

function throwIfAborted(signal: AbortSignal | undefined, method: string, url: string): void {
  if (signal?.aborted) throw abortedError(method, url, signal.reason);
}

function abortedError(method: string, url: string, reason: unknown): AbortedError {
  return new AbortedError(`${method} ${url} was aborted by the caller`, { method, url, cause: reason });
}

/** Exponential backoff with full jitter in the upper half: 0.5–1.0 × base × 2^attempt, capped. */
function backoff(attempt: number, initial: number, max: number): number {
  const base = Math.min(initial * 2 ** attempt, max);
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

/** The delay a server asked for, in ms (`retry-after-ms`, `Retry-After` seconds or date), capped. */
export function retryAfterMs(headers: Headers, max: number): number | undefined {
  const ms = Number(headers.get("retry-after-ms"));
  if (headers.has("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return Math.min(ms, max);
  const value = headers.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, max);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - Date.now()), max);
}

function sleep(ms: number, signal: AbortSignal | undefined, method: string, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(method, url, signal.reason));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(method, url, signal?.reason));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Connection failures worth another attempt (timeouts are, too). */
const transient = new WeakSet<Error>();

/**
 * Whether a failed attempt may be repeated. A DELETE whose fate is unknown (a timeout, a reset)
 * is not: if the first one worked, the retry would report a 404 for a delete that succeeded.
 */
function retryable(error: unknown, method: string): boolean {
  if (method === "DELETE") {
    return (
      error instanceof ConnectionError &&
      !(error instanceof TimeoutError) &&
      NOT_SENT_CODES.has(networkCode(error) ?? "")
    );
  }
  return error instanceof TimeoutError || (error instanceof Error && transient.has(error));
}

/** The system error code behind a fetch failure (ECONNREFUSED, ENOTFOUND, ...), if any. */
function networkCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^E[A-Z]+$|^UND_ERR_/.test(code)) return code;
    current = current.cause;
  }
  return undefined;
}

/** The zlib (`Z_DATA_ERROR`) or brotli (`ERR__ERROR_FORMAT_...`) code behind a failed body read, if any. */
function decompressionCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^Z_|^ERR__ERROR_/.test(code)) return code;
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

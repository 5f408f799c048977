/**
 * The transport: timeouts per attempt, retries where they are safe, `Retry-After`, aborts,
 * redirects that never carry credentials to another origin, a cap on response size, and
 * failures turned into typed errors. The typed methods call `send`; openapi-fetch's `raw`
 * client gets the same behaviour through `createCallFetch` (raw-fetch.ts).
 *
 * This module is the path every successful call takes, so it holds only that. The bytes go over
 * a wire loaded on the first call: node:http (wire-http.ts), or the caller's `fetch`
 * (wire-fetch.ts). What a failed attempt becomes (network-failures.ts), how a redirect is
 * followed (redirects.ts) and how long to wait before a retry (retries.ts) come through
 * slow-path.ts, loaded the first time one of them is needed, when the caller is waiting on a
 * failure anyway.
 */

import { setMaxListeners } from "node:events";
import { isUtf8 } from "./decode.js";
import { AbortedError, BackupKitError, ConfigurationError, type InvalidArgumentError } from "./errors.js";
import { slowPath } from "./load-slow-path.js";
import type { Logger } from "./options.js";
import { redactUrl, type SecretRegistry } from "./redact.js";

/** Options every client accepts for how requests are sent. */
export interface TransportOptions {
  /**
   * A fetch to send requests with (a mock, a proxy's dispatcher). Default: node:http and node:https
   * on Node's global keep-alive agent.
   */
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
export const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/** The statuses fetch follows; a 300, 304 or 305 with a Location is an answer like any other. */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** setTimeout overflows past this and fires at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

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

/**
 * A request as `send` takes it: the method in upper case and the headers as a plain object with
 * lower-case names, which fetch takes as it is (a `Headers` object it would copy, sorted).
 */
export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | ArrayBuffer | undefined;
  /**
   * Read a UTF-8 body as text (`ReceivedResponse.text`) rather than bytes, for a caller that
   * decodes it anyway: fetch's `text()` makes one copy of the body fewer than `arrayBuffer()`.
   */
  asText?: boolean | undefined;
}

/**
 * Response headers, as far as the clients read them: fetch's `Headers` has all of it (the fetch
 * wire hands its own over), and the node:http wire has just this, which spares loading undici.
 * Names are case-insensitive; a header sent more than once reads as its values joined by ", ".
 */
export interface ResponseHeaders {
  get(name: string): string | null;
  has(name: string): boolean;
  /** Every header in order of name, lower case. */
  forEach(callback: (value: string, name: string) => void): void;
}

/** A response read whole, within the attempt's timeout and the size limit. */
export interface ReceivedResponse {
  status: number;
  statusText: string;
  /** The URL that answered (after same-origin redirects). */
  url: string;
  headers: ResponseHeaders;
  /** The body bytes; empty for statuses that have none, and when the body was read as `text`. */
  body: Uint8Array;
  /** The body as text, when the request asked for it (`asText`) and the body is UTF-8. */
  text?: string | undefined;
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
  /** Where each retry is logged, at debug level, before `onRetry` is told. */
  logger?: Logger | undefined;
  /**
   * The client's secrets, scrubbed from what the transport's own errors quote of an answer (the
   * headers of one too large): a server may echo a credential under any header name.
   */
  secrets?: SecretRegistry | undefined;
}

/** One call as it goes through the transport: its settings, resolved once. */
export interface Exchange {
  /** The fetch the caller gave; without one, requests go over node:http. */
  readonly fetch: typeof globalThis.fetch | undefined;
  readonly method: string;
  /** The URL as requested; `safeUrl` gives it redacted. */
  readonly url: string;
  readonly allowedOrigins: readonly string[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal: AbortSignal | undefined;
  /** Whether a UTF-8 body is read as text (see `PreparedRequest.asText`). */
  readonly asText: boolean;
  /** See `TransportEvents.secrets`. */
  readonly secrets: SecretRegistry | undefined;
  redacted: string | undefined;
}

/** The exchange's URL with credentials redacted, for messages and hooks; worked out on first use. */
export function safeUrl(exchange: Exchange): string {
  exchange.redacted ??= redactUrl(exchange.url);
  return exchange.redacted;
}

/**
 * Sends one request with timeouts, retries, redirects and the size limit. `allowedOrigins`
 * are the only origins a request (or a redirect) may go to; anything else is refused before a
 * byte is sent.
 */
export function sendRequest(
  options: TransportOptions,
  allowedOrigins: readonly string[],
  request: OutgoingRequest,
  call: CallOptions = {},
  events: TransportEvents = {},
): Promise<ReceivedResponse> {
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const method = request.method.toUpperCase();
  return send(
    options,
    allowedOrigins,
    { method, url: request.url, headers, body: request.body },
    call,
    events,
  );
}

/** `sendRequest` for a request that is already prepared (see `PreparedRequest`). */
export async function send(
  options: TransportOptions,
  allowedOrigins: readonly string[],
  request: PreparedRequest,
  call: CallOptions = {},
  events: TransportEvents = {},
): Promise<ReceivedResponse> {
  const { method, headers } = request;
  const exchange: Exchange = {
    fetch: options.fetch,
    method,
    url: request.url,
    allowedOrigins,
    timeoutMs: call.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    signal: call.signal,
    asText: request.asText === true,
    secrets: events.secrets,
    redacted: undefined,
  };
  if (!isAllowed(request.url, allowedOrigins)) throw (await slowPath()).refused(exchange);
  if (options.userAgent && headers["user-agent"] === undefined) headers["user-agent"] = options.userAgent;
  const retries = IDEMPOTENT.has(method) ? (call.maxRetries ?? options.maxRetries ?? DEFAULT_MAX_RETRIES) : 0;
  const delays = { initial: options.initialRetryDelayMs ?? 500, max: options.maxRetryDelayMs ?? 8_000 };
  // Most calls have no hooks: then no attempt record is made and no clock is read.
  const observed = events.onRequest !== undefined || events.onResponse !== undefined;

  for (let attempt = 1; ; attempt++) {
    if (exchange.signal?.aborted) throw abortedError(exchange);
    const info = observed ? { method, url: safeUrl(exchange), attempt } : undefined;
    if (info) events.onRequest?.(info);
    const started = observed ? performance.now() : 0;
    let response: ReceivedResponse;
    try {
      const hop = { url: exchange.url, method, headers, body: request.body };
      // One deadline for the attempt and every redirect it follows: a chain of slow hops is one timeout.
      const deadline = deadlineFor(exchange.timeoutMs);
      const answer = await attemptOnce(exchange, hop, deadline);
      response =
        "redirect" in answer
          ? await (await slowPath()).followRedirects(exchange, hop, answer, deadline)
          : answer;
    } catch (error) {
      if (error instanceof AbortedError || attempt > retries) throw error;
      const slow = await slowPath();
      if (!slow.retryable(error, method)) throw error;
      await slow.waitToRetry(
        exchange,
        attempt,
        slow.backoff(attempt, delays),
        (error as Error).message,
        events,
      );
      continue;
    }
    if (info)
      events.onResponse?.({ ...info, status: response.status, durationMs: performance.now() - started });
    if (
      attempt <= retries &&
      (method === "DELETE" ? NOT_RUN_STATUSES : RETRY_STATUSES).has(response.status)
    ) {
      const slow = await slowPath();
      const delayMs = slow.retryAfterMs(response.headers, delays.max) ?? slow.backoff(attempt, delays);
      await slow.waitToRetry(exchange, attempt, delayMs, `HTTP ${response.status}`, events);
      continue;
    }
    return response;
  }
}

/**
 * Whether `url` is on one of the allowed origins. A URL that starts with an origin followed by
 * `/`, `?`, `#` or nothing has that origin, which spares parsing it; anything else (another
 * case, a default port, user info) is parsed.
 */
function isAllowed(url: string, allowedOrigins: readonly string[]): boolean {
  for (const origin of allowedOrigins) {
    if (!url.startsWith(origin)) continue;
    const next = url[origin.length];
    if (next === undefined || next === "/" || next === "?" || next === "#") return true;
  }
  const parsed = URL.canParse(url) ? new URL(url) : null;
  // User info would be sent on as credentials (node:http) or quoted in an error (fetch).
  return (
    parsed !== null &&
    parsed.username === "" &&
    parsed.password === "" &&
    allowedOrigins.includes(parsed.origin)
  );
}

/** Where one hop of a request goes, and with what. */
export interface Hop {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: PreparedRequest["body"];
}

/** A redirect as a wire answers it, its body let go: redirects.ts decides whether to follow it. */
export interface Redirect {
  redirect: true;
  status: number;
  location: string;
}

/**
 * One exchange over the network, by whichever wire the exchange uses: a redirect comes back as
 * it is, anything else read whole within the size limit.
 */
export type Wire = (
  exchange: Exchange,
  hop: Hop,
  signal: AbortSignal,
) => Promise<ReceivedResponse | Redirect>;

/**
 * What a wire uses of the start code, handed over when it loads: a wire imports only types from
 * the start modules, for the reason load-slow-path.ts gives.
 */
export interface WireHelpers {
  isUtf8: (contentType: string | null) => boolean;
  nullBody: ReadonlySet<number>;
  redirects: ReadonlySet<number>;
  /** The error for a body over the limit; `size` says by how much, as far as is known. */
  tooLarge: (
    exchange: Exchange,
    answer: { status: number; headers: ResponseHeaders },
    size: string,
  ) => Promise<Error>;
}

let overHttp: Promise<Wire> | undefined;
let overFetch: Promise<Wire> | undefined;

/** The wire of an exchange, loaded on its first use: the `fetch` the caller gave, or else node:http. */
function wireFor(exchange: Exchange): Promise<Wire> {
  if (exchange.fetch) {
    overFetch ??= import("./wire-fetch.js").then((wire) => wire.createWire(helpers));
    return overFetch;
  }
  // node:http costs half of what fetch costs per call; where it is missing, the global fetch serves.
  overHttp ??= import("./wire-http.js").then(
    (wire) => wire.createWire(helpers),
    () => import("./wire-fetch.js").then((wire) => wire.createWire(helpers)),
  );
  return overHttp;
}

/**
 * One hop of an attempt, sent and answered before the attempt's `deadline` (which covers reading
 * the body too, so a body that stalls is a timeout like any other), or the typed error it became.
 */
export async function attemptOnce(
  exchange: Exchange,
  hop: Hop,
  deadline: Deadline,
): Promise<ReceivedResponse | Redirect> {
  const caller = exchange.signal;
  let signal = deadline.signal;
  if (caller) {
    // AbortSignal.any costs about as much as the rest of our work on a call: the attempts of one
    // caller that share a deadline share one.
    if (deadline.caller !== caller) {
      deadline.caller = caller;
      deadline.either = AbortSignal.any([caller, signal]);
      setMaxListeners(MAX_LISTENERS, deadline.either);
    }
    signal = deadline.either as AbortSignal;
  }
  try {
    return await (await wireFor(exchange))(exchange, hop, signal);
  } catch (error) {
    // A caller's abort is an AbortedError whatever its reason: a wire rejects with the reason,
    // which may be any error, one of ours included (`controller.abort(notFound)`).
    if (error instanceof BackupKitError && !caller?.aborted) throw error;
    // Taken now: the import below gives the timer a moment to fire after the fact.
    const state = { callerAborted: caller?.aborted === true, timedOut: deadline.signal.aborted };
    throw (await slowPath()).attemptFailure(exchange, error, state);
  }
}

/** A signal that fires when an attempt's time is up, shared by the attempts of one slice of time. */
export interface Deadline {
  /** When it fires, on the `performance.now()` clock. */
  at: number;
  signal: AbortSignal;
  /** Attempts given this signal so far. */
  uses: number;
  /** The caller's signal last combined with this one, and the combination. */
  caller?: AbortSignal;
  either?: AbortSignal;
}

/** The current deadline per `timeoutMs` in use. */
const deadlines = new Map<number, Deadline>();
/** Attempts per deadline signal. */
const MAX_USES = 16;
/** Redirects one attempt follows at most (redirects.ts). */
export const MAX_REDIRECTS = 5;
/**
 * Listeners a deadline's signals may have: fetch keeps one on them per request (each hop of each
 * attempt) until the request is collected, so this many is no leak.
 */
const MAX_LISTENERS = MAX_USES * (MAX_REDIRECTS + 1) + 1;

const helpers: WireHelpers = {
  isUtf8,
  nullBody: NULL_BODY_STATUSES,
  redirects: REDIRECT_STATUSES,
  tooLarge: async (exchange, answer, size) => (await slowPath()).tooLarge(exchange, answer, size),
};

/**
 * The deadline of an attempt that starts now and may take `timeoutMs`. Creating an AbortSignal
 * costs more than the rest of our work on a call, so attempts share one: it fires at the end of
 * the slice of `timeoutMs / 64` in which their time is up, so an attempt is never cut short and
 * overruns by at most that slice (about 1.6 %; 470 ms of the default 30 s).
 */
function deadlineFor(timeoutMs: number): Deadline {
  const now = performance.now();
  const slice = Math.max(1, timeoutMs / 64);
  const at = Math.ceil((now + timeoutMs) / slice) * slice;
  let deadline = deadlines.get(timeoutMs);
  if (deadline === undefined || deadline.at !== at || deadline.uses >= MAX_USES) {
    // Per-call timeouts can take any value; the table only needs the ones in use right now.
    if (deadlines.size >= 16) deadlines.clear();
    const signal = AbortSignal.timeout(Math.min(Math.ceil(at - now), MAX_TIMEOUT_MS));
    setMaxListeners(MAX_LISTENERS, signal);
    deadline = { at, signal, uses: 0 };
    deadlines.set(timeoutMs, deadline);
  }
  deadline.uses++;
  return deadline;
}

export function abortedError(exchange: Exchange, reason: unknown = exchange.signal?.reason): AbortedError {
  const url = safeUrl(exchange);
  return new AbortedError(`${exchange.method} ${url} was aborted by the caller`, {
    method: exchange.method,
    url,
    cause: reason,
  });
}

/**
 * Waiting before a retry: exponential backoff with jitter, or as long as the server asked
 * (`Retry-After`), capped; an abort ends the wait. Loaded on the first retry.
 */
import { shared } from "./slow-path-link.js";
import type { Exchange, ResponseHeaders, TransportEvents } from "./transport.js";

/** Exponential backoff with full jitter in the upper half: 0.5–1.0 × initial × 2^(attempt - 1), capped. */
export function backoff(attempt: number, delays: { initial: number; max: number }): number {
  const base = Math.min(delays.initial * 2 ** (attempt - 1), delays.max);
  return Math.round(base * (0.5 + Math.random() * 0.5));
}

/** The delay a server asked for, in ms (`retry-after-ms`, `Retry-After` seconds or date), capped. */
export function retryAfterMs(headers: ResponseHeaders, max: number): number | undefined {
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

/** Logs and tells the hooks, then waits `delayMs` before attempt `attempt + 1` (or until the caller aborts). */
export function waitToRetry(
  exchange: Exchange,
  attempt: number,
  delayMs: number,
  reason: string,
  events: TransportEvents,
): Promise<void> {
  const { method } = exchange;
  const url = shared.safeUrl(exchange);
  try {
    events.logger?.debug?.(
      `backupkit: retry ${attempt} of ${method} ${url} in ${delayMs} ms after ${reason}`,
    );
  } catch {
    // A broken logger must not break the call it reports on.
  }
  events.onRetry?.({ method, url, attempt, delayMs, reason });
  const signal = exchange.signal;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(shared.abortedError(exchange));
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, delayMs);
    const onAbort = () => {
      clearTimeout(timer);
      reject(shared.abortedError(exchange));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

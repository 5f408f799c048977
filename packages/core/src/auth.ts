/** Credentials helpers shared by the clients: HTTP Basic, and a cache for tokens that expire. */
import { slowPath } from "./load-slow-path.js";
import type { Secret } from "./redact.js";

/** The `Authorization` value for HTTP Basic. */
export function basicAuthorization(username: string, password: Secret): string {
  return `Basic ${Buffer.from(`${username}:${password.reveal()}`, "utf8").toString("base64")}`;
}

/** A token and when it stops working. */
export interface IssuedToken {
  token: Secret;
  /** When the server says the token expires; unknown means "until it is refused". */
  expiresAt?: Date | undefined;
}

/** A login's token, kept while it is valid: what `cacheTokens` returns. */
export interface TokenCache {
  /** A token that is still valid, logging in when there is none (or waiting for the login under way). */
  get(signal?: AbortSignal): Promise<Secret>;
  /** Forgets `token` if it is the cached one (the server refused it), so the next call logs in again. */
  invalidate(token: Secret): void;
}

/**
 * Keeps the token `issue` logs in for until shortly before it expires (`skewMs`, default one
 * minute). Concurrent callers share one login (a burst of 50 calls logs in once); a refused
 * token is dropped. The cache itself loads with the slow path, at the first login.
 */
export function cacheTokens(
  issue: () => Promise<IssuedToken>,
  options: { skewMs?: number; now?: () => number } = {},
): TokenCache {
  let cache: TokenCache | undefined;
  return {
    async get(signal) {
      if (!cache) {
        const { TokenCache } = await slowPath();
        // Callers that waited for the same load share the first cache made, and so one login.
        cache ??= new TokenCache(issue, options);
      }
      return cache.get(signal);
    },
    invalidate: (token) => cache?.invalidate(token),
  };
}

/**
 * What `start()` settles to, unless `signal` fires first: then an AbortedError naming `what`, and
 * what `start()` settles to later is ignored (never an unhandled rejection). Nothing is started
 * for a signal that has already fired. For waits the transport's timeouts do not cover: a login
 * shared by several callers, a token provider of the caller's own.
 */
export async function untilAborted<T>(
  start: () => Promise<T>,
  signal: AbortSignal | undefined,
  what: string,
): Promise<T> {
  // The wait itself lives with the token cache, in the slow path: most clients never need it.
  return signal ? (await slowPath()).untilAborted(start, signal, what) : start();
}

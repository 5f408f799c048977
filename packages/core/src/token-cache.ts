/**
 * The token cache behind `cacheTokens` (auth.ts). It is slow-path code: a client loads it with
 * its first login, and one that never logs in with a password never loads it.
 */
import type { IssuedToken } from "./auth.js";
import type { Secret } from "./redact.js";
import { shared } from "./slow-path-link.js";

/** `untilAborted` (auth.ts), for a caller's signal. */
export function untilAborted<T>(start: () => Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  const aborted = () =>
    new shared.AbortedError(`${what} was aborted by the caller`, { cause: signal.reason });
  if (signal.aborted) return Promise.reject(aborted());
  // A provider of the caller's own may hand back a plain value, or throw before it returns one.
  const promise = Promise.resolve().then(start);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(aborted());
    signal.addEventListener("abort", stop, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

/**
 * Keeps one token until shortly before it expires. Concurrent callers share one login
 * (a burst of 50 calls logs in once), and a token the server refused is dropped so the
 * next call logs in again.
 */
export class TokenCache {
  readonly #issue: () => Promise<IssuedToken>;
  readonly #skewMs: number;
  readonly #now: () => number;
  #current: IssuedToken | undefined;
  #pending: Promise<IssuedToken> | undefined;

  constructor(issue: () => Promise<IssuedToken>, options: { skewMs?: number; now?: () => number } = {}) {
    this.#issue = issue;
    this.#skewMs = options.skewMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /** A token that is still valid, logging in when there is none. */
  async get(signal?: AbortSignal): Promise<Secret> {
    const current = this.#current;
    if (current && (!current.expiresAt || current.expiresAt.getTime() - this.#skewMs > this.#now())) {
      return current.token;
    }
    // A caller that has already given up starts no login: it would send the password for nothing.
    const start = () => this.#login();
    const issued = await (signal ? untilAborted(start, signal, "Waiting for a login") : start());
    return issued.token;
  }

  /**
   * The login under way, or a new one. It is shared by every caller waiting for it, so no single
   * caller's signal may cancel it: each caller stops waiting on its own signal instead. Its token
   * is kept when the login ends, even if every caller has given up by then: with deadlines
   * shorter than the login, each call would otherwise log in again, and none would ever succeed.
   */
  #login(): Promise<IssuedToken> {
    this.#pending ??= this.#issue()
      .then((issued) => {
        // A token that is "expired" on arrival means the clocks disagree (or a mock replays an old
        // example): use it until the server refuses it rather than logging in before every call.
        const expiresAt = issued.expiresAt;
        this.#current =
          expiresAt && expiresAt.getTime() - this.#skewMs <= this.#now() ? { token: issued.token } : issued;
        return issued;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  /** Forgets `token` if it is the cached one (the server refused it). */
  invalidate(token: Secret): void {
    if (this.#current?.token.reveal() === token.reveal()) this.#current = undefined;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `TokenCache(${this.#current ? "token cached" : "empty"})`;
  }

  toJSON(): string {
    return "[TokenCache]";
  }
}

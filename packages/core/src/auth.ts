/** Credentials helpers shared by the clients: HTTP Basic, and a cache for tokens that expire. */
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

/**
 * Keeps one token until shortly before it expires. Concurrent callers share one login
 * (a burst of 50 calls logs in once), and a token the server refused is dropped so the
 * next call logs in again.
 */
export class TokenCache {
  readonly #issue: (signal?: AbortSignal) => Promise<IssuedToken>;
  readonly #skewMs: number;
  readonly #now: () => number;
  #current: IssuedToken | undefined;
  #pending: Promise<IssuedToken> | undefined;

  constructor(
    issue: (signal?: AbortSignal) => Promise<IssuedToken>,
    options: { skewMs?: number; now?: () => number } = {},
  ) {
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
    if (!this.#pending) {
      this.#pending = this.#issue(signal).finally(() => {
        this.#pending = undefined;
      });
    }
    const issued = await this.#pending;
    // A token that is "expired" on arrival means the clocks disagree (or a mock replays an old
    // example): use it until the server refuses it rather than logging in before every call.
    const expiresAt = issued.expiresAt;
    const usable =
      expiresAt && expiresAt.getTime() - this.#skewMs <= this.#now() ? { token: issued.token } : issued;
    this.#current = usable;
    return issued.token;
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

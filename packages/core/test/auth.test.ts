import { recordUnhandledRejections } from "@backupkit/testkit";
import { describe, expect, it } from "vitest";
import { cacheTokens, type IssuedToken } from "../src/auth.js";
import { AbortedError } from "../src/errors.js";
import { Secret } from "../src/redact.js";

function counting(expiresAt: () => Date | undefined) {
  let issued = 0;
  const cache = cacheTokens(
    async (): Promise<IssuedToken> => ({ token: new Secret(`token-${++issued}`), expiresAt: expiresAt() }),
    { skewMs: 60_000, now: () => now },
  );
  let now = Date.parse("2026-11-25T12:00:00Z");
  return {
    cache,
    issued: () => issued,
    advance: (ms: number) => {
      now += ms;
    },
    at: () => now,
  };
}

describe("TokenCache", () => {
  it("keeps a token until a minute before it expires, then logs in again", async () => {
    const t = counting(() => new Date(Date.parse("2026-11-25T13:00:00Z")));
    expect((await t.cache.get()).reveal()).toBe("token-1");
    t.advance(58 * 60_000);
    expect((await t.cache.get()).reveal()).toBe("token-1");
    t.advance(60_000);
    expect((await t.cache.get()).reveal()).toBe("token-2");
  });

  it("shares one login between concurrent callers", async () => {
    const t = counting(() => undefined);
    const tokens = await Promise.all([t.cache.get(), t.cache.get(), t.cache.get()]);
    expect(tokens.map((token) => token.reveal())).toEqual(["token-1", "token-1", "token-1"]);
    expect(t.issued()).toBe(1);
  });

  it("drops a refused token, but only if it is still the cached one", async () => {
    const t = counting(() => undefined);
    const first = await t.cache.get();
    t.cache.invalidate(new Secret("some-other-token"));
    expect((await t.cache.get()).reveal()).toBe("token-1");
    t.cache.invalidate(first);
    expect((await t.cache.get()).reveal()).toBe("token-2");
  });

  it("one caller's abort does not cancel the login the others are waiting for", async () => {
    let finish: (token: IssuedToken) => void = () => {};
    let started: () => void = () => {};
    const loginStarted = new Promise<void>((resolve) => (started = resolve));
    const cache = cacheTokens(() => {
      started();
      return new Promise<IssuedToken>((resolve) => (finish = resolve));
    });
    const controller = new AbortController();
    const impatient = cache.get(controller.signal);
    const patient = cache.get();
    // Abort while both wait on the login, not before the first get() has reached it.
    await loginStarted;
    controller.abort();
    await expect(impatient).rejects.toBeInstanceOf(AbortedError);
    finish({ token: new Secret("token-1") });
    expect((await patient).reveal()).toBe("token-1");
  });

  it("keeps the token of a login every caller gave up on, so the next call needs none", async () => {
    let logins = 0;
    let finish: (token: IssuedToken) => void = () => {};
    let started: () => void = () => {};
    const loginStarted = new Promise<void>((resolve) => (started = resolve));
    const cache = cacheTokens(() => {
      logins += 1;
      started();
      return new Promise<IssuedToken>((resolve) => (finish = resolve));
    });
    const controller = new AbortController();
    const waiting = cache.get(controller.signal);
    await loginStarted;
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    finish({ token: new Secret("token-1") });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await cache.get()).reveal()).toBe("token-1");
    expect(logins).toBe(1);
  });

  it("starts no login for a caller that has already given up", async () => {
    const t = counting(() => undefined);
    const controller = new AbortController();
    controller.abort();
    await expect(t.cache.get(controller.signal)).rejects.toBeInstanceOf(AbortedError);
    expect(t.issued()).toBe(0);
  });

  it("is no unhandled rejection when a login fails after every caller stopped waiting", async () => {
    const unhandled = recordUnhandledRejections();
    try {
      let fail: (error: Error) => void = () => {};
      let started: () => void = () => {};
      const loginStarted = new Promise<void>((resolve) => (started = resolve));
      const cache = cacheTokens(() => {
        started();
        return new Promise<IssuedToken>((_, reject) => (fail = reject));
      });
      const controller = new AbortController();
      const waiting = cache.get(controller.signal);
      // The only caller gives up while the login is under way; then the login fails.
      await loginStarted;
      controller.abort();
      await expect(waiting).rejects.toBeInstanceOf(AbortedError);
      fail(new Error("401 from the identity service"));
      // Node reports an unhandled rejection once the microtask queue has drained.
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled.reasons).toEqual([]);
    } finally {
      unhandled.stop();
    }
  });

  it("uses a token that arrives already expired until it is refused, instead of logging in every call", async () => {
    const t = counting(() => new Date(Date.parse("2015-02-11T08:00:45Z")));
    await t.cache.get();
    await t.cache.get();
    expect(t.issued()).toBe(1);
  });
});

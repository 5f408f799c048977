/**
 * APIPromise: the data and `withResponse()` are two promises of one call. A failure must reach
 * whichever the caller awaits, once, and never also surface as an unhandled rejection of the
 * other one.
 */
import { recordUnhandledRejections, type UnhandledRejections } from "@backupkit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { APIPromise } from "../src/api-promise.js";
import type { WithResponse } from "../src/runtime.js";

const answer = <T>(data: T): WithResponse<T> => ({
  data,
  status: 200,
  headers: {},
  requestId: undefined,
  header: () => undefined,
});
const failing = () =>
  APIPromise.from<unknown, unknown>(
    () => Promise.reject(new Error("boom")),
    (data) => data,
  );
/** Lets any rejection still unhandled be reported (Node reports after the microtask queue drains). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let unhandled: UnhandledRejections;
beforeEach(() => {
  unhandled = recordUnhandledRejections();
});
afterEach(() => unhandled.stop());

describe("APIPromise", () => {
  it("reads once: the data and withResponse() hand back the same value", async () => {
    let reads = 0;
    const call = APIPromise.from(
      async () => answer({ items: [1, 2] }),
      (body, response) => ({ items: body.items, status: response.status, read: ++reads }),
    );
    const [data, full] = await Promise.all([call, call.withResponse()]);
    expect(full.data).toBe(data);
    expect(data).toEqual({ items: [1, 2], status: 200, read: 1 });
    expect(call.withResponse()).toBe(call.withResponse());
  });

  it("a failure reaches the awaited promise and is not reported again by the other", async () => {
    const first = failing();
    first.withResponse(); // taken, never awaited
    await expect(first).rejects.toThrow("boom");

    const second = failing();
    await expect(second).rejects.toThrow("boom");
    second.withResponse(); // taken after the data, never awaited

    const third = failing();
    await expect(third.withResponse()).rejects.toThrow("boom");
    await expect(third.catch((error: Error) => error.message)).resolves.toBe("boom");
    await expect(third.finally(() => {})).rejects.toThrow("boom");

    await settle();
    expect(unhandled.reasons).toEqual([]);
  });

  it("an answer promise that nobody awaits still reports its failure", async () => {
    failing().withResponse();
    await settle();
    expect(unhandled.reasons).toHaveLength(1);
  });
});

import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import type { Operation } from "../src/operation.js";
import { ClientRuntime } from "../src/runtime.js";

const send: Operation<unknown> = {
  operationId: "sendThing",
  method: "POST",
  path: "/things",
  pathParams: [],
  queryParams: [],
  requestMediaTypes: ["application/x-test"],
  responses: { 200: { mediaTypes: ["application/json"], mayBeEmpty: false } },
};

describe("ClientRuntime request bodies", () => {
  it("reports a body the codec cannot encode as an InvalidArgumentError naming the call, and sends nothing", async () => {
    let fetched = 0;
    const runtime = new ClientRuntime({
      profile: {
        encoders: {
          "application/x-test": () => {
            throw new TypeError("the key 'a b' is not a name");
          },
        },
      },
      baseUrl: "http://127.0.0.1:9",
      allowedOrigins: ["http://127.0.0.1:9"],
      defaultUserAgent: "test",
      where: "test",
      fetch: async () => {
        fetched++;
        return new Response("{}");
      },
    });
    const call = runtime.call(send, { body: { a: 1 }, mediaType: "application/x-test" } as never);
    await expect(call).rejects.toThrow(InvalidArgumentError);
    await expect(call).rejects.toThrow("sendThing: the key 'a b' is not a name");
    await expect(runtime.call(send, { body: { n: 1n } } as never)).rejects.toThrow(/^sendThing: .*BigInt/);
    expect(fetched).toBe(0);
  });
});

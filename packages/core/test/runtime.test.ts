import { startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../src/errors.js";
import type { Operation } from "../src/operation.js";
import { ClientRuntime } from "../src/runtime.js";

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

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

describe("ClientRuntime response bodies", () => {
  const list: Operation<unknown> = {
    ...send,
    operationId: "listThings",
    method: "GET",
    requestMediaTypes: [],
  };

  async function runtimeFor(contentType: string, body: Buffer) {
    const s = await startServer((_req, res) => {
      res.writeHead(200, { "content-type": contentType, "content-length": body.byteLength });
      res.end(body);
    });
    servers.push(s);
    return new ClientRuntime({
      profile: {},
      baseUrl: s.url,
      allowedOrigins: [s.url],
      defaultUserAgent: "test",
      where: "test",
    });
  }

  it("decodes a body by the charset it declares", async () => {
    // "café" in Latin-1: é is the single byte 0xE9, which is not UTF-8.
    const latin1 = Buffer.from('{"name":"caf\u00e9"}', "latin1");
    const runtime = await runtimeFor("application/json; charset=iso-8859-1", latin1);
    expect(await runtime.call(list, {} as never)).toEqual({ name: "café" });
  });

  it("reads a UTF-8 body, with or without a charset, byte order mark and all", async () => {
    const utf8 = Buffer.concat([Buffer.from("efbbbf", "hex"), Buffer.from('{"name":"café ✓"}', "utf8")]);
    for (const type of ["application/json", "application/json; charset=UTF-8"]) {
      const runtime = await runtimeFor(type, utf8);
      expect(await runtime.call(list, {} as never)).toEqual({ name: "café ✓" });
    }
  });
});

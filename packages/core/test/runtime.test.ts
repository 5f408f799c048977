import { createServer as createNetServer } from "node:net";
import { startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { ConnectionError, InvalidArgumentError } from "../src/errors.js";
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

const list: Operation<unknown> = {
  ...send,
  operationId: "listThings",
  method: "GET",
  requestMediaTypes: [],
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

describe("ClientRuntime answers that quote or strain what we know", () => {
  const PASSWORD = "hunter2-SECRET-password";

  /** A runtime for a server that answers every request with `answer` (or what it gives for the request's head), byte for byte. */
  async function rawRuntime(answer: string | ((head: string) => string)) {
    const raw = createNetServer((socket) => {
      socket.once("data", (head) =>
        socket.end(typeof answer === "string" ? answer : answer(head.toString("latin1"))),
      );
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(raw.address() as { port: number }).port}`;
    servers.push({
      url,
      close: () => new Promise<void>((resolve) => raw.close(() => resolve())),
    } as TestServer);
    const runtime = new ClientRuntime({
      profile: {},
      baseUrl: url,
      allowedOrigins: [url],
      defaultUserAgent: "test",
      where: "test",
      maxRetries: 0,
    });
    runtime.secrets.add(PASSWORD);
    // A result-style client as small as the runtime allows: GET through the call's fetch.
    const client = runtime.rawClient(async (fetch) => ({
      use() {},
      eject() {},
      GET: (path: string) => fetch(new Request(`${url}${path}`)),
    }));
    return { runtime, GET: (client as unknown as { GET: (path: string) => Promise<Response> }).GET };
  }

  it("cuts a request id that echoes a secret only after scrubbing it", async () => {
    const id = `${"r".repeat(190)}${PASSWORD}`;
    const { runtime } = await rawRuntime(
      `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: ${id}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
    );
    const { requestId } = await runtime.request(list, {} as never);
    expect(requestId).toMatch(/^r{190}\[reda/);
    expect(requestId).not.toContain(PASSWORD.slice(0, 4));
  });

  it("gives the raw client a typed error for a status no Response can hold", async () => {
    const { GET } = await rawRuntime("HTTP/1.1 999 Odd\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    const error = await GET("/x").catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/status 999, which is not a final HTTP status/);
  });

  const encoded = [...PASSWORD].map((c) => `%${c.charCodeAt(0).toString(16)}`).join("");
  it.each([
    ["alone", ""],
    ["beside an escape that is not UTF-8", "a=%ff&"],
    ["beside a stray %", "a=100%&"],
  ])(
    "scrubs a percent-encoded secret from the URL a redirect led the raw client to, %s",
    async (_, before) => {
      const { GET } = await rawRuntime((head) =>
        head.startsWith("GET /x ")
          ? `HTTP/1.1 302 Found\r\nLocation: /y?${before}k=${encoded}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`
          : "HTTP/1.1 999 Odd\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
      );
      const error = await GET("/x").catch((e) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).toMatch(/\/y\?.*k=.*status 999/);
      expect(`${error.message} ${error.url}`).not.toContain(encoded);
      expect(`${error.message} ${error.url}`).not.toContain(PASSWORD);
    },
  );

  it("gives the raw client the answer when its reason phrase holds control characters", async () => {
    const { GET } = await rawRuntime(
      "HTTP/1.1 200 O\u0001K\u007f\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
    );
    const response = await GET("/x");
    expect(response.status).toBe(200);
    expect(response.statusText).toBe("OK");
    expect(await response.json()).toEqual({});
  });
});

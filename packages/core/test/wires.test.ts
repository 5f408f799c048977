/**
 * The two wires, node:http (the default) and fetch (a caller's `fetch`), side by side: every
 * case runs over both and must end the same way.
 */
import { createServer, type Server } from "node:net";
import { inspect } from "node:util";
import { brotliCompressSync, deflateRawSync, gzipSync } from "node:zlib";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  AbortedError,
  ConnectionError,
  DecodeError,
  NotFoundError,
  ResponseTooLargeError,
  TimeoutError,
} from "../src/errors.js";
import { SecretRegistry } from "../src/redact.js";
import { send, type TransportOptions } from "../src/transport.js";

const servers: TestServer[] = [];
async function server(...args: Parameters<typeof startServer>) {
  const started = await startServer(...args);
  servers.push(started);
  return started;
}
const rawServers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  for (const raw of rawServers.splice(0)) raw.close();
});

/** A TCP server that answers every request with `answer`, byte for byte. */
async function rawServer(answer: string): Promise<string> {
  const raw = createServer((socket) => {
    socket.once("data", () => socket.end(answer));
    socket.on("error", () => {});
  });
  rawServers.push(raw);
  await new Promise<void>((resolve) => raw.listen(0, "127.0.0.1", resolve));
  const address = raw.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

const WIRES: [string, TransportOptions][] = [
  ["node:http", { maxRetries: 0 }],
  ["fetch", { maxRetries: 0, fetch: (input, init) => fetch(input, init) }],
];

describe.each(WIRES)("the %s wire", (_name, options) => {
  const get = (s: TestServer, path: string, extra: TransportOptions = {}, asText = true) =>
    send({ ...options, ...extra }, [s.url], { method: "GET", url: `${s.url}${path}`, headers: {}, asText });

  it("reads UTF-8 text without its byte order mark, and keeps the headers", async () => {
    const s = await server((_req, res) => {
      res.setHeader("set-cookie", ["a=1", "b=2"]);
      reply(res, 200, '\uFEFF{"ok":"é"}', { "content-type": "application/json", "X-Page": "2" });
    });
    const answer = await get(s, "/x");
    expect(answer.text).toBe('{"ok":"é"}');
    expect(answer.headers.get("x-page")).toBe("2");
    expect(answer.headers.get("X-PAGE")).toBe("2");
    expect(answer.headers.has("missing")).toBe(false);
    const seen: [string, string][] = [];
    answer.headers.forEach((value, name) => {
      seen.push([name, value]);
    });
    expect(seen.filter(([name]) => name === "set-cookie")).toEqual([
      ["set-cookie", "a=1"],
      ["set-cookie", "b=2"],
    ]);
    expect(seen.map(([name]) => name)).toEqual([...seen.map(([name]) => name)].sort());
  });

  it("decodes large bodies alike whether or not they are pure ASCII", async () => {
    // Past a megabyte Node builds strings outside V8's heap; the ASCII path reads them as Latin-1.
    const ascii = `{"items":"${"a~".repeat(700_000)}"}`;
    const mixed = `${ascii.slice(0, -2)}\u00e9ü€😀"}`;
    const invalid = Buffer.concat([
      Buffer.from(ascii.slice(0, -2)),
      Buffer.from([0xff, 0xc3]),
      Buffer.from('"}'),
    ]);
    const bodies: (string | Buffer)[] = [ascii, mixed, invalid];
    const s = await server((req, res) => {
      const body = Buffer.from(bodies[Number(req.url?.slice(1))] ?? "");
      res.writeHead(200, { "content-type": "application/json", "content-length": body.byteLength });
      res.end(body);
    });
    expect((await get(s, "/0")).text).toBe(ascii);
    expect((await get(s, "/1")).text).toBe(mixed);
    // Bytes that are not UTF-8 become U+FFFD, as fetch's text() makes them.
    expect((await get(s, "/2")).text).toBe(`${ascii.slice(0, -2)}\uFFFD\uFFFD"}`);
  });

  it("hands binary bodies over as bytes in a buffer of their own", async () => {
    const bytes = Buffer.from("efbbbf89504e47ff00c3", "hex");
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": bytes.byteLength });
      res.end(bytes);
    });
    const answer = await get(s, "/blob", {}, false);
    expect(Buffer.from(answer.body).equals(bytes)).toBe(true);
    expect(answer.body.buffer.byteLength).toBe(bytes.byteLength);
  });

  it("reads each body exactly, after larger ones and before ones handed over as bytes", async () => {
    // The node:http wire reads a text body into the buffer the last text body left behind.
    const large = `[${'"x",'.repeat(50_000)}"end"]`;
    const json = "application/json";
    const bodies: Record<string, { body: Buffer; type: string; length?: false }> = {
      "/large": { body: Buffer.from(large), type: json },
      "/small": { body: Buffer.from('{"n":1}'), type: json },
      "/chunked": { body: Buffer.from('["chunked"]'), type: json, length: false },
      // Asked for as text but in another charset, so handed over as bytes. The same size as the
      // large text: were it read into the buffer that text left behind, it would fill it exactly
      // and be handed over in it.
      "/latin1": { body: Buffer.alloc(large.length, 0xe9), type: "text/plain; charset=iso-8859-1" },
    };
    const s = await server((req, res) => {
      const { body, type, length } = bodies[req.url ?? ""] ?? { body: Buffer.alloc(0), type: json };
      res.writeHead(200, {
        "content-type": type,
        ...(length === false ? {} : { "content-length": body.byteLength }),
      });
      res.end(body);
    });
    // A fresh copy of the wires, whose first text body leaves the buffer that the rest reuse.
    vi.resetModules();
    const fresh = await import("../src/transport.js");
    const fetchFresh = (path: string) =>
      fresh.send(options, [s.url], { method: "GET", url: `${s.url}${path}`, headers: {}, asText: true });
    // Text comes as text, or as UTF-8 bytes where the wire leaves decoding to the caller.
    const text = async (path: string) => {
      const answer = await fetchFresh(path);
      return answer.text ?? Buffer.from(answer.body).toString("utf8");
    };
    expect(await text("/large")).toBe(large);
    expect(await text("/small")).toBe('{"n":1}');
    expect(await text("/large")).toBe(large);
    expect(await text("/chunked")).toBe('["chunked"]');
    const latin1 = await fetchFresh("/latin1");
    expect(latin1.text).toBeUndefined();
    const expected = bodies["/latin1"]?.body as Buffer;
    expect(Buffer.from(latin1.body).equals(expected)).toBe(true);
    // Text read after it must not land in the bytes the caller holds.
    expect(await text("/large")).toBe(large);
    expect(await text("/small")).toBe('{"n":1}');
    expect(Buffer.from(latin1.body).equals(expected)).toBe(true);
    expect(latin1.body.buffer.byteLength).toBe(expected.byteLength);
  });

  it("inflates gzip, and counts the inflated bytes against the limit", async () => {
    const text = JSON.stringify({ padding: " ".repeat(64 * 1024) });
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(text));
    });
    const answer = await get(s, "/zipped", {}, false);
    expect(Buffer.from(answer.body).toString("utf8")).toBe(text);
    const error = await get(s, "/zipped", { maxResponseBytes: 4096 }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain("over the limit of 4096 bytes");
  });

  it("refuses a declared length over the limit before reading it", async () => {
    const s = await server((_req, res) => reply(res, 200, "x".repeat(5000)));
    const error = await get(s, "/big", { maxResponseBytes: 1000 }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.message).toContain("is 5000 bytes");
  });

  it("scrubs the client's secrets from the headers of a body too large", async () => {
    const password = "hunter2-SECRET-pw";
    const secrets = new SecretRegistry();
    secrets.add(password);
    const basic = `Basic ${Buffer.from(`alice:${password}`).toString("base64")}`;
    secrets.add(basic.slice("Basic ".length));
    const s = await server((req, res) => {
      const echo = { "x-echo": basic, "x-pw": `pw=${password}` };
      if (req.url === "/declared") reply(res, 200, "x".repeat(5000), echo);
      else {
        res.writeHead(200, echo);
        res.end("y".repeat(5000));
      }
    });
    for (const path of ["/declared", "/streamed"]) {
      const error = await send(
        { ...options, maxResponseBytes: 1000 },
        [s.url],
        { method: "GET", url: `${s.url}${path}`, headers: {}, asText: true },
        {},
        { secrets },
      ).catch((e) => e);
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.headers["x-pw"]).toBe("pw=[redacted]");
      expect(inspect(error, { depth: 5 })).not.toMatch(/hunter2|aHVudGVy/);
    }
  });

  it("keeps none of an unparsable answer's bytes on a connection failure", async () => {
    const url = await rawServer(
      // The echo comes after the byte the parser stops at: undici keeps what follows that byte.
      "HTTP/1.1 200 OK\r\nX-Bad: a\u0001b\r\nX-Echo: hunter2-SECRET\r\nContent-Length: 2\r\n\r\n{}",
    );
    const error = await send(options, [url], { method: "GET", url: `${url}/x`, headers: {} }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(inspect(error, { depth: 8 })).not.toMatch(/hunter2|68756e74657232/);
    expect(error.cause).not.toHaveProperty("rawPacket");
  });

  it("calls a body that is not the coding it names a DecodeError", async () => {
    const s = await server((_req, res) => reply(res, 200, "plain", { "content-encoding": "gzip" }));
    await expect(get(s, "/lying")).rejects.toBeInstanceOf(DecodeError);
  });

  it("takes a body in an unknown coding as it is", async () => {
    const s = await server((_req, res) => reply(res, 200, "as sent", { "content-encoding": "x-snappy" }));
    const answer = await get(s, "/odd");
    // The fetch wire hands a coded body over as bytes, which the caller decodes.
    expect(answer.text ?? Buffer.from(answer.body).toString("utf8")).toBe("as sent");
  });

  it("sends the body, method and headers as given, and never sends user info from a URL", async () => {
    const s = await server((_req, res) => reply(res, 201, "made"));
    const answer = await send(options, [s.url], {
      method: "POST",
      url: `${s.url}/things`,
      headers: { "content-type": "application/json", "x-trace": "t-1" },
      body: '{"a":1}',
    });
    expect(answer.status).toBe(201);
    expect(s.requests[0]).toMatchObject({ method: "POST", url: "/things", body: '{"a":1}' });
    expect(s.requests[0]?.headers["x-trace"]).toBe("t-1");
    expect(s.requests[0]?.headers["content-length"]).toBe("7");

    const withUser = s.url.replace("http://", "http://user:hunter22@");
    const error = await send(options, [s.url], { method: "GET", url: `${withUser}/x`, headers: {} }).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).not.toContain("hunter22");
    expect(s.requests).toHaveLength(1);
  });

  it("reads an empty body of a 204 and of a HEAD", async () => {
    const s = await server((req, res) => (req.method === "HEAD" ? reply(res, 200, "") : reply(res, 204)));
    const head = await send(options, [s.url], { method: "HEAD", url: `${s.url}/h`, headers: {} });
    expect(head.body.byteLength).toBe(0);
    const empty = await get(s, "/e");
    expect(empty.status).toBe(204);
    expect(empty.body.byteLength).toBe(0);
  });

  it("ends a protocol switch with a ConnectionError, not a hang", async () => {
    const origin = await rawServer(
      "HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n",
    );
    const error = await send({ ...options, timeoutMs: 5_000 }, [origin], {
      method: "GET",
      url: `${origin}/ws`,
      headers: {},
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error).not.toBeInstanceOf(TimeoutError);
  });

  it("frames a DELETE's body, so the server never reads it as another request", async () => {
    const s = await server((_req, res) => reply(res, 200, "ok"));
    const smuggled = "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n";
    await send(options, [s.url], {
      method: "DELETE",
      url: `${s.url}/backups/1`,
      headers: {},
      body: smuggled,
    });
    expect(s.requests.map((r) => [r.method, r.url, r.body])).toEqual([["DELETE", "/backups/1", smuggled]]);
  });

  it("reads a body sent one byte per chunk", async () => {
    const text = "x".repeat(3000);
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      for (const char of text) res.write(char);
      res.end();
    });
    const answer = await get(s, "/drip");
    // Of unknown length, the fetch wire hands the body over as bytes, which the caller decodes.
    expect(answer.text ?? Buffer.from(answer.body).toString("utf8")).toBe(text);
  });

  it("stops a brotli bomb at the limit", async () => {
    const bomb = brotliCompressSync(Buffer.alloc(4 << 20, 0x20));
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-encoding": "br", "content-length": bomb.byteLength });
      res.end(bomb);
    });
    const error = await get(s, "/bomb", { maxResponseBytes: 256 * 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("reads what lenient servers send: empty gzip bodies, raw deflate, gzip without its trailer", async () => {
    const text = '{"ok":true}';
    const zipped = gzipSync(text);
    const bodies: Record<string, [string, Buffer]> = {
      "/empty": ["gzip", Buffer.alloc(0)],
      "/raw": ["deflate", deflateRawSync(text)],
      "/cut": ["gzip", zipped.subarray(0, zipped.byteLength - 8)],
    };
    const s = await server((req, res) => {
      const [coding, body] = bodies[req.url] as [string, Buffer];
      res.writeHead(200, { "content-encoding": coding, "content-length": body.byteLength });
      res.end(body);
    });
    const read = async (path: string) => {
      const answer = await get(s, path, {}, false);
      return Buffer.from(answer.body).toString("utf8");
    };
    expect(await read("/empty")).toBe("");
    expect(await read("/raw")).toBe(text);
    expect(await read("/cut")).toBe(text);
  });

  it("hands over a 304 and a HEAD whatever their Content-Length, coding and Location say", async () => {
    const origin = await rawServer(
      "HTTP/1.1 304 Not Modified\r\nContent-Length: 999999999\r\nContent-Encoding: gzip\r\nLocation: http://elsewhere.example/\r\n\r\n",
    );
    const answer = await send({ ...options, maxResponseBytes: 1000 }, [origin], {
      method: "GET",
      url: `${origin}/x`,
      headers: {},
    });
    expect(answer.status).toBe(304);
    const s = await server((_req, res) => reply(res, 200, "", { "content-encoding": "gzip" }));
    const head = await send(options, [s.url], { method: "HEAD", url: `${s.url}/h`, headers: {} });
    expect(head.status).toBe(200);
  });

  it("fails a body in more content codings than fetch undoes", async () => {
    const s = await server((_req, res) =>
      reply(res, 200, "x", { "content-encoding": "gzip, gzip, gzip, gzip, gzip, gzip" }),
    );
    await expect(get(s, "/layers")).rejects.toBeInstanceOf(ConnectionError);
  });

  it("never quotes a header value it refuses to send", async () => {
    const s = await server((_req, res) => reply(res, 200, "ok"));
    const error = await send(options, [s.url], {
      method: "GET",
      url: `${s.url}/x`,
      headers: { "x-auth-token": "tok-secret\r\ninjected: 1" },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).not.toContain("tok-secret");
    expect(JSON.stringify(error)).not.toContain("tok-secret");
    expect(s.requests).toHaveLength(0);
  });

  it("hands a decompressed body over in a buffer of its own", async () => {
    const text = '{"ok":true}';
    const s = await server((_req, res) => {
      const zipped = gzipSync(text);
      res.writeHead(200, { "content-encoding": "gzip", "content-length": zipped.byteLength });
      res.end(zipped);
    });
    for (let i = 0; i < 5; i++) {
      const answer = await get(s, "/small", {}, false);
      expect(Buffer.from(answer.body).toString("utf8")).toBe(text);
      expect(answer.body.buffer.byteLength).toBe(answer.body.byteLength);
    }
  });

  it("ends the call when its time runs out while the body inflates", async () => {
    const zipped = gzipSync(Buffer.alloc(8 << 20, 0x20));
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip", "content-length": zipped.byteLength });
      res.end(zipped);
    });
    const error = await get(s, "/slow-to-inflate", { timeoutMs: 5 }, false).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("ends a call its caller aborts with an AbortedError, whatever reason the abort gives", async () => {
    let arrived = () => {};
    const asked = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const s = await server(() => arrived()); // and never answers
    const controller = new AbortController();
    const call = send(
      options,
      [s.url],
      { method: "GET", url: `${s.url}/x`, headers: {} },
      {
        signal: controller.signal,
      },
    );
    await asked;
    // A sibling call's failure, passed on to cancel the rest.
    controller.abort(new NotFoundError("GET /other: not found", { status: 404 }));
    const error = await call.catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(error.message).toContain("was aborted by the caller");
  });

  it("sets framing and connection headers itself, whatever the caller passed", async () => {
    const s = await server((_req, res) => reply(res, 200, "ok"));
    await send(options, [s.url], {
      method: "GET",
      url: `${s.url}/x`,
      headers: { host: "evil.example", "content-length": "5", "x-kept": "1" },
    });
    const seen = s.requests[0]?.headers;
    expect(seen?.host).toBe(new URL(s.url).host);
    expect(seen?.["content-length"]).toBeUndefined();
    expect(seen?.["x-kept"]).toBe("1");
  });
});

it("refuses a URL that does not parse with a typed error that does not quote it", async () => {
  const error = await send({}, ["http://127.0.0.1:1"], {
    method: "GET",
    url: "http//127.0.0.1:1/x?token=s3cret-value",
    headers: {},
  }).catch((e) => e);
  expect(error).toBeInstanceOf(ConnectionError);
  expect(error.message).toContain("not a valid URL");
  expect(JSON.stringify(error)).not.toContain("s3cret-value");
});

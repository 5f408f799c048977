import { gzipSync } from "node:zlib";
import { closedPort, reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  ConnectionError,
  DecodeError,
  RedirectRefusedError,
  TimeoutError,
} from "../src/errors.js";
import { slowPath } from "../src/load-slow-path.js";
import { createCallFetch } from "../src/raw-fetch.js";
import { SecretRegistry } from "../src/redact.js";
import { retryAfterMs } from "../src/retries.js";
import { checkTransportOptions, type TransportOptions } from "../src/transport.js";

// createCallFetch and retryAfterMs are slow-path code: linked to the start code when it is loaded.
await slowPath();

const servers: TestServer[] = [];
async function server(...args: Parameters<typeof startServer>) {
  const started = await startServer(...args);
  servers.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

// Backoff is real time; keep it tiny so retries are counted, not timed.
const fast: TransportOptions = { initialRetryDelayMs: 1, maxRetryDelayMs: 5 };

function send(url: string, init: RequestInit = {}, options: TransportOptions = fast, call = {}) {
  const origin = new URL(url).origin;
  return createCallFetch(options, [origin], call)(new Request(url, init));
}

describe("retries", () => {
  it.each([408, 429, 500, 502, 503, 504])(
    "retries an idempotent GET on %i, then succeeds",
    async (status) => {
      const s = await server();
      let calls = 0;
      s.handle((_req, res) => (++calls < 3 ? reply(res, status) : reply(res, 200, "ok")));
      const response = await send(`${s.url}/x`);
      expect(response.status).toBe(200);
      expect(s.requests).toHaveLength(3);
    },
  );

  it("gives up after maxRetries and returns the last response", async () => {
    const s = await server((_req, res) => reply(res, 503, "down"));
    const response = await send(`${s.url}/x`, {}, { ...fast, maxRetries: 1 });
    expect(response.status).toBe(503);
    expect(s.requests).toHaveLength(2);
  });

  it("never retries a POST", async () => {
    const s = await server((_req, res) => reply(res, 503));
    const response = await send(`${s.url}/x`, { method: "POST", body: "{}" });
    expect(response.status).toBe(503);
    expect(s.requests).toHaveLength(1);
  });

  it("does not retry a 4xx other than 408 and 429", async () => {
    const s = await server((_req, res) => reply(res, 404));
    await send(`${s.url}/x`);
    expect(s.requests).toHaveLength(1);
  });

  it("sends the same body on every attempt of a PUT", async () => {
    const s = await server();
    s.handle((_req, res) => (s.requests.length < 2 ? reply(res, 500) : reply(res, 200)));
    await send(`${s.url}/x`, { method: "PUT", body: '{"a":1}' });
    expect(s.requests.map((r) => r.body)).toEqual(['{"a":1}', '{"a":1}']);
  });

  it("retries connection failures of a GET, then reports a ConnectionError", async () => {
    const port = await closedPort();
    let attempts = 0;
    const counting = ((input: string | URL | Request, init?: RequestInit) => {
      attempts++;
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const error = await send(`http://127.0.0.1:${port}/x`, {}, { ...fast, fetch: counting }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(/Could not reach GET http:\/\/127\.0\.0\.1:\d+\/x: .*ECONNREFUSED/);
    expect(attempts).toBe(3);
  });

  it("does not retry a URL fetch itself refuses, and says why", async () => {
    let attempts = 0;
    const refusing = (async () => {
      attempts++;
      throw new TypeError("fetch failed", { cause: new Error("bad port") });
    }) as typeof globalThis.fetch;
    const error = await send("http://127.0.0.1:1/x", {}, { ...fast, fetch: refusing }).catch((e) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(
      "Could not reach GET http://127.0.0.1:1/x: fetch refuses to connect to this port",
    );
    expect(attempts).toBe(1);
  });

  it("reads Retry-After as seconds, milliseconds or a date, capped", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), 60_000)).toBe(2000);
    expect(retryAfterMs(new Headers({ "retry-after": "120" }), 8_000)).toBe(8000);
    expect(retryAfterMs(new Headers({ "retry-after-ms": "150" }), 8_000)).toBe(150);
    const inTwoSeconds = new Date(Date.now() + 2_000).toUTCString();
    expect(retryAfterMs(new Headers({ "retry-after": inTwoSeconds }), 60_000)).toBeGreaterThan(0);
    expect(retryAfterMs(new Headers({ "retry-after": "soon" }), 60_000)).toBeUndefined();
    expect(retryAfterMs(new Headers(), 60_000)).toBeUndefined();
  });

  it("waits as long as Retry-After asks before the next attempt", async () => {
    const s = await server();
    s.handle((_req, res) =>
      s.requests.length === 1 ? reply(res, 429, "", { "retry-after-ms": "0" }) : reply(res, 200),
    );
    const retries: number[] = [];
    const logged: string[] = [];
    const origin = s.url;
    await createCallFetch(
      { ...fast, initialRetryDelayMs: 10_000, maxRetryDelayMs: 10_000 },
      [origin],
      {},
      {
        onRetry: ({ delayMs }) => retries.push(delayMs),
        logger: { warn: () => {}, debug: (message) => logged.push(message) },
      },
      // Far more than a 0 ms wait needs on a loaded machine, far less than the computed backoff:
      // a retry held for the backoff ends here instead.
    )(new Request(`${s.url}/x?api_key=hunter22`, { signal: AbortSignal.timeout(3_000) }));
    // The computed backoff would be 5–10 s; the server's 0 ms won.
    expect(retries).toEqual([0]);
    // The retry is logged at debug level, with the URL redacted.
    expect(logged).toEqual([
      `backupkit: retry 1 of GET ${s.url}/x?api_key=%5Bredacted%5D in 0 ms after HTTP 429`,
    ]);
  });
});

describe("timeouts and aborts", () => {
  // Attempts are counted at the fetch, not at the server: on a loaded machine a request can
  // time out before the server has even seen it, and the count must not depend on that.
  function countingFetch() {
    const counter = {
      attempts: 0,
      fetch: ((input: string | URL | Request, init?: RequestInit) => {
        counter.attempts++;
        return fetch(input, init);
      }) as typeof globalThis.fetch,
    };
    return counter;
  }

  it("fails a silent server with a TimeoutError per attempt, retrying idempotent calls", async () => {
    const s = await server(() => {
      /* never answers */
    });
    const counter = countingFetch();
    const options = { ...fast, timeoutMs: 50, maxRetries: 1, fetch: counter.fetch };
    const error = await send(`${s.url}/x`, {}, options).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("within 50 ms");
    expect(counter.attempts).toBe(2);
  });

  it("a per-call timeout overrides the client's", async () => {
    const s = await server(() => {});
    const counter = countingFetch();
    const client = { ...fast, timeoutMs: 60_000, fetch: counter.fetch };
    const error = await send(`${s.url}/x`, {}, client, { timeoutMs: 30, maxRetries: 0 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("within 30 ms");
    expect(counter.attempts).toBe(1);
  });

  it("stops at once when the caller aborts, and never retries", async () => {
    const controller = new AbortController();
    // Abort only once the request has really arrived, so a slow machine cannot reorder things.
    const s = await server(() => controller.abort());
    const error = await send(
      `${s.url}/x`,
      {},
      { ...fast, timeoutMs: 60_000 },
      { signal: controller.signal },
    ).catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(s.requests).toHaveLength(1);
  });

  it("an abort during the backoff wait ends the call", async () => {
    const s = await server((_req, res) => reply(res, 503));
    const controller = new AbortController();
    const fetcher = createCallFetch(
      { initialRetryDelayMs: 60_000, maxRetryDelayMs: 60_000 },
      [s.url],
      { signal: controller.signal },
      { onRetry: () => setImmediate(() => controller.abort()) },
    );
    await expect(fetcher(new Request(`${s.url}/x`))).rejects.toBeInstanceOf(AbortedError);
    expect(s.requests).toHaveLength(1);
  });

  it("an already-aborted signal sends nothing", async () => {
    const s = await server();
    await expect(send(`${s.url}/x`, {}, fast, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      AbortedError,
    );
    expect(s.requests).toHaveLength(0);
  });
});

describe("bodies, DELETE and limits", () => {
  it("a body that stalls after the headers is a TimeoutError, and a GET is retried", async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"backup": [');
      /* and never finishes */
    });
    const error = await send(`${s.url}/x`, {}, { ...fast, timeoutMs: 200, maxRetries: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(s.requests).toHaveLength(2);
  });

  it("never repeats a DELETE whose fate is unknown (timeout or 500), only one that surely did not run", async () => {
    const silent = await server(() => {});
    const counter = { n: 0 };
    const counting = ((input: string | URL | Request, init?: RequestInit) => {
      counter.n++;
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    await expect(
      send(
        `${silent.url}/x`,
        { method: "DELETE" },
        { ...fast, timeoutMs: 100, maxRetries: 2, fetch: counting },
      ),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(counter.n).toBe(1);

    const failing = await server((_req, res) => reply(res, 500));
    expect((await send(`${failing.url}/x`, { method: "DELETE" })).status).toBe(500);
    expect(failing.requests).toHaveLength(1);

    const busy = await server();
    busy.handle((_req, res) => (busy.requests.length === 1 ? reply(res, 503) : reply(res, 204)));
    expect((await send(`${busy.url}/x`, { method: "DELETE" })).status).toBe(204);
    expect(busy.requests).toHaveLength(2);
  });

  it("refuses a timeout the platform cannot honour", () => {
    expect(() => createCallFetch({ timeoutMs: 2 ** 31 }, [])).not.toThrow();
    expect(() => checkTransportOptions({ timeoutMs: 2 ** 31 }, "test")).toThrow(/at most 2147483647/);
  });
});

describe("origins and redirects", () => {
  it("turns a 303 after a POST into a GET without the body", async () => {
    const s = await server();
    s.handle((req, res) =>
      req.url === "/create" ? reply(res, 303, "", { location: "/result" }) : reply(res, 200, "done"),
    );
    const response = await send(`${s.url}/create`, {
      method: "POST",
      body: '{"a":1}',
      headers: { "content-type": "application/json" },
    });
    expect(await response.text()).toBe("done");
    expect(s.requests.map((r) => [r.method, r.url, r.body, r.headers["content-type"]])).toEqual([
      ["POST", "/create", '{"a":1}', "application/json"],
      ["GET", "/result", "", undefined],
    ]);
  });

  it("refuses to send to an origin the client was not configured for", async () => {
    const s = await server();
    const fetcher = createCallFetch(fast, ["https://api.example.com"]);
    await expect(fetcher(new Request(`${s.url}/x`))).rejects.toThrow(/not a configured origin/);
    expect(s.requests).toHaveLength(0);
  });

  it("follows a same-origin redirect with the credentials", async () => {
    const s = await server();
    s.handle((req, res) =>
      req.url === "/old" ? reply(res, 302, "", { location: "/new" }) : reply(res, 200, "moved"),
    );
    const response = await send(`${s.url}/old`, { headers: { "x-auth-token": "tok-123456" } });
    expect(await response.text()).toBe("moved");
    expect(s.requests[1]?.headers["x-auth-token"]).toBe("tok-123456");
  });

  it("gives an attempt's redirects the attempt's time, not a fresh timeout each", async () => {
    // Each hop answers well within the timeout; the chain of them does not.
    const s = await server((req, res) => {
      const hop = Number(req.url?.slice(1));
      setTimeout(() => reply(res, 302, "", { location: `/${hop + 1}` }), 150);
    });
    const options = { ...fast, timeoutMs: 400, maxRetries: 0 };
    const error = await send(`${s.url}/0`, {}, options).catch((e) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain("within 400 ms");
    // 150 ms a hop: the third is still waiting when 400 ms are up, and no fourth is asked.
    expect(s.requests.length).toBeLessThanOrEqual(3);
  });

  it("refuses a redirect to another origin, so the token never travels there", async () => {
    const elsewhere = await server((_req, res) => reply(res, 200, "stolen"));
    const s = await server((_req, res) => reply(res, 307, "", { location: `${elsewhere.url}/grab` }));
    const error = await send(`${s.url}/x`, { headers: { "x-auth-token": "tok-123456" } }).catch((e) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error.message).toContain("another origin");
    expect(elsewhere.requests).toHaveLength(0);
    expect(s.requests).toHaveLength(1);
  });

  it("sets the User-Agent", async () => {
    const s = await server((_req, res) => reply(res, 200));
    await send(`${s.url}/x`, {}, { ...fast, userAgent: "backupkit-test/1" });
    expect(s.requests[0]?.headers["user-agent"]).toBe("backupkit-test/1");
  });
});

describe("bodies", () => {
  it("hands the raw client a body's bytes exactly as they came, whatever they are", async () => {
    // A UTF-8 byte order mark, bytes that are not UTF-8, a NUL: text decoding would change all three.
    const bytes = Buffer.from("efbbbf89504e47ff00c3", "hex");
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-length": bytes.byteLength });
      res.end(bytes);
    });
    const response = await createCallFetch(fast, [s.url])(new Request(`${s.url}/blob`));
    expect(Buffer.from(await response.arrayBuffer()).equals(bytes)).toBe(true);
    expect(response.headers.get("content-type")).toBeNull();
    expect(response.headers.get("content-length")).toBe(String(bytes.byteLength));
  });

  it("gives the length of the body it holds, inflated, and keeps a HEAD's as it came", async () => {
    const packed = gzipSync("[1,2]");
    const s = await server((req, res) => {
      res.writeHead(200, {
        "content-encoding": "gzip",
        "content-length": req.method === "HEAD" ? 1234 : packed.byteLength,
      });
      res.end(req.method === "HEAD" ? undefined : packed);
    });
    const response = await createCallFetch(fast, [s.url])(new Request(`${s.url}/x`));
    expect(response.headers.get("content-length")).toBe("5");
    expect(await response.json()).toEqual([1, 2]);
    const head = await createCallFetch(fast, [s.url])(new Request(`${s.url}/x`, { method: "HEAD" }));
    expect(head.headers.get("content-length")).toBe("1234");
  });

  it("gives a chunked body its length, and fails its json() as a DecodeError that quotes no secret", async () => {
    const SECRET = "sh0rt-secret";
    const s = await server((_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write(SECRET);
      res.end();
    });
    const secrets = new SecretRegistry();
    secrets.add(SECRET);
    const response = await createCallFetch(fast, [s.url], {}, { secrets })(new Request(`${s.url}/x`));
    // openapi-fetch parses a body without a length with its own JSON.parse, past json().
    expect(response.headers.get("content-length")).toBe(String(SECRET.length));
    expect(response.headers.get("transfer-encoding")).toBeNull();
    const error = await response.json().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error).toMatchObject({ method: "GET", status: 200, url: `${s.url}/x` });
    expect(`${(error as Error).message} ${JSON.stringify(error)}`).not.toContain(SECRET);
  });
});

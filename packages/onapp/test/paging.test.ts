/**
 * Paging, per-call headers, response metadata and hooks, against a real node:http server that
 * pages the way OnApp does (`page`/`per_page` in, `X-Page`/`X-Limit`/`X-Total` out).
 */
import { inspect } from "node:util";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  AbortedError,
  createOnAppClient,
  InvalidArgumentError,
  type OnAppClientOptions,
} from "../src/index.js";

const PASSWORD = "api-key-SECRET-0123456789";
const backups = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ backup: { id: i + 1, built: true } }));

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

function client(options: Partial<OnAppClientOptions> = {}) {
  return createOnAppClient({
    baseUrl: server.url,
    auth: { username: "user@example.com", password: PASSWORD },
    maxRetries: 0,
    ...options,
  });
}

/**
 * Serves `all` in pages; `honourPage: false` answers every page with the first one. `cap`: pages
 * of at most that many, whatever was asked, and no X-Limit to say so.
 */
function pagedServer(
  all: unknown[],
  { honourPage = true, headers = true, cap = Number.POSITIVE_INFINITY } = {},
) {
  server.handle((req, res) => {
    const url = new URL(req.url, "http://x");
    const perPage = Math.min(cap, Number(url.searchParams.get("per_page") ?? 10));
    const page = honourPage ? Number(url.searchParams.get("page") ?? 1) : 1;
    const items = all.slice((page - 1) * perPage, page * perPage);
    const paging: Record<string, string> = headers
      ? { "x-page": String(page), "x-total": String(all.length) }
      : {};
    if (headers && cap === Number.POSITIVE_INFINITY) paging["x-limit"] = String(perPage);
    reply(res, 200, items, { "content-type": "application/json", ...paging });
  });
}

describe("paging", () => {
  it("iterates every item of 3+ pages exactly once, one page at a time", async () => {
    pagedServer(backups(25));
    const ids: number[] = [];
    for await (const backup of client().iterateBackups(488, { perPage: 10 })) ids.push(backup.id);
    expect(ids).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(server.requests.map((r) => new URL(r.url, "http://x").searchParams.get("page"))).toEqual([
      "1",
      "2",
      "3",
    ]);
  });

  it("reads to X-Total from a server that pages by a smaller size than asked and does not say so", async () => {
    pagedServer(backups(60), { cap: 25 });
    const ids: number[] = [];
    for await (const backup of client().iterateBackups(488)) ids.push(backup.id);
    expect(ids).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(server.requests).toHaveLength(3);
  });

  it("stops at an empty page when X-Total promised more than there was", async () => {
    server.handle((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      reply(res, 200, page === 1 ? backups(3) : [], { "content-type": "application/json", "x-total": "50" });
    });
    let count = 0;
    for await (const _ of client().iterateBackups(488)) count++;
    expect(count).toBe(3);
    expect(server.requests).toHaveLength(2);
  });

  it("ends on a short page when the server sends no paging headers", async () => {
    pagedServer(backups(25), { headers: false });
    let count = 0;
    for await (const _ of client().iterateBackups(488, { perPage: 10 })) count++;
    expect(count).toBe(25);
    expect(server.requests).toHaveLength(3);
  });

  it("stops after one repeated page from a server that ignores `page`, with a warning", async () => {
    pagedServer(backups(10), { honourPage: false, headers: false });
    const warnings: string[] = [];
    let count = 0;
    const onapp = client({ logger: { warn: (m) => warnings.push(m) } });
    for await (const _ of onapp.iterateBackups(488, { perPage: 10 })) count++;
    expect(count).toBe(10);
    expect(server.requests).toHaveLength(2);
    expect(warnings.join("\n")).toMatch(/page 2 repeats page 1; the server seems to ignore paging/);
  });

  it("stops from a server that ignores `page` and alternates two orders, with a warning", async () => {
    // Page 3 repeats page 1, though no page repeats the one before it.
    const forward = backups(4);
    const backward = [...forward].reverse();
    server.handle((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      reply(res, 200, page % 2 === 1 ? forward : backward, {
        "content-type": "application/json",
        "x-limit": "4",
        "x-total": "1000",
      });
    });
    const warnings: string[] = [];
    let count = 0;
    const onapp = client({ logger: { warn: (m) => warnings.push(m) } });
    for await (const _ of onapp.iterateBackups(488, { perPage: 4 })) count++;
    expect(server.requests).toHaveLength(3);
    expect(count).toBe(8);
    expect(warnings.join("\n")).toMatch(/page 3 repeats page 1; the server seems to ignore paging/);
  });

  it("stops on a cycle that starts after the first page, having handed out some items twice", async () => {
    // Pages: X, then A, B, C over and over. The walk keeps pages 1, 2, 4, 8...: page 7 repeats 4.
    const cycle = [
      [1, 2],
      [3, 4],
      [5, 6],
    ].map((ids) => ids.map((id) => ({ backup: { id, built: true } })));
    server.handle((req, res) => {
      const page = Number(new URL(req.url, "http://x").searchParams.get("page"));
      const items =
        page === 1
          ? [{ backup: { id: 99, built: true } }, { backup: { id: 98, built: true } }]
          : cycle[(page - 2) % 3];
      reply(res, 200, items, { "content-type": "application/json", "x-limit": "2", "x-total": "1000" });
    });
    const warnings: string[] = [];
    const ids: number[] = [];
    const onapp = client({ logger: { warn: (m) => warnings.push(m) } });
    for await (const backup of onapp.iterateBackups(488, { perPage: 2 })) ids.push(backup.id);
    expect(server.requests).toHaveLength(7);
    expect(ids).toEqual([99, 98, 1, 2, 3, 4, 5, 6, 1, 2, 3, 4]);
    expect(warnings.join("\n")).toMatch(/page 7 repeats page 4/);
  });

  it("tells pages of items nested too deep to serialise apart without failing", async () => {
    // JSON.parse reads any depth; JSON.stringify, which compares pages, overflows the stack.
    const deep = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
    const body = `[{"backup":{"id":1,"note":${deep}}},{"backup":{"id":2,"note":${deep}}}]`;
    server.handle((_req, res) =>
      reply(res, 200, body, { "content-type": "application/json", "x-limit": "2" }),
    );
    const warnings: string[] = [];
    const ids: number[] = [];
    const onapp = client({ logger: { warn: (m) => warnings.push(m) } });
    for await (const backup of onapp.iterateBackups(488, { perPage: 2 })) ids.push(backup.id);
    expect(ids).toEqual([1, 2]);
    expect(warnings.join("\n")).toMatch(/page 2 repeats page 1/);
  });

  it("an abort mid-iteration stops fetching", async () => {
    pagedServer(backups(100));
    const controller = new AbortController();
    const seen: number[] = [];
    const error = await (async () => {
      for await (const backup of client().iterateBackups(
        488,
        { perPage: 10 },
        { signal: controller.signal },
      )) {
        seen.push(backup.id);
        if (seen.length === 15) controller.abort();
      }
    })().catch((e) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(2);
  });

  it("a page call reports page, perPage and total as the server says", async () => {
    pagedServer(backups(25));
    const page = await client().listBackupsPage(488, { page: 3, perPage: 10 });
    expect(page).toMatchObject({ page: 3, perPage: 10, total: 25 });
    expect(page.items.map((b) => b.id)).toEqual([21, 22, 23, 24, 25]);
    await expect(client().listBackupsPage(488, { page: 0 })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it("a page call reports what the server says over what was asked, and what was asked without it", async () => {
    // A server that answers page 3 of 10 with its own page 1 of 4.
    server.handle((_req, res) =>
      reply(res, 200, backups(4), {
        "content-type": "application/json",
        "x-page": "1",
        "x-limit": "4",
        "x-total": "40",
      }),
    );
    expect(await client().listBackupsPage(488, { page: 3, perPage: 10 })).toMatchObject({
      page: 1,
      perPage: 4,
      total: 40,
    });
    server.handle((_req, res) => reply(res, 200, backups(4), { "content-type": "application/json" }));
    const page = await client().listBackupsPage(488, { page: 3, perPage: 10 });
    expect(page).toMatchObject({ page: 3, perPage: 10 });
    expect(page.total).toBeUndefined();
  });
});

describe("headers, response metadata and hooks", () => {
  it("sends client and per-call headers, and refuses to let either replace the credentials", async () => {
    server.handle((_req, res) => reply(res, 200, [], { "content-type": "application/json" }));
    const onapp = client({ headers: { "X-Trace": "client" } });
    await onapp.listBackups(1, { headers: { "X-Request-Id": "call-1", "X-Trace": "call" } });
    expect(server.requests[0]?.headers).toMatchObject({ "x-trace": "call", "x-request-id": "call-1" });
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
    await expect(onapp.listBackups(1, { headers: { authorization: "Basic evil" } })).rejects.toThrow(
      /carries credentials and is set from the client's `auth`/,
    );
    expect(() => client({ headers: { Authorization: "x" } })).toThrow(/carries credentials/);
  });

  it("withResponse gives status, redacted headers and the request id", async () => {
    server.handle((_req, res) =>
      reply(res, 200, [], {
        "content-type": "application/json",
        "x-request-id": "req-42",
        "x-echo": PASSWORD,
      }),
    );
    const answer = await client().listBackups(1).withResponse();
    const { data, status, headers, requestId } = answer;
    expect(data).toEqual([]);
    expect(status).toBe(200);
    expect(requestId).toBe("req-42");
    expect(JSON.stringify(headers)).not.toContain(PASSWORD);
    // One header alone, in any case, redacted as `headers` redacts it.
    expect(answer.header("X-Request-Id")).toBe("req-42");
    expect(answer.header("x-echo")).toBe(headers["x-echo"]);
    expect(answer.header("x-echo")).not.toContain(PASSWORD);
    expect(answer.header("x-missing")).toBeUndefined();
  });

  it("await and withResponse() of one call share one request and one value", async () => {
    server.handle((_req, res) =>
      reply(res, 200, backups(2), { "content-type": "application/json", "x-total": "2" }),
    );
    const call = client().listBackups(1);
    const [data, answer] = await Promise.all([call, call.withResponse()]);
    // The backups are normalised copies: both ways must hand back the same ones.
    expect(answer.data).toBe(data);
    expect(data.map((backup) => backup.id)).toEqual([1, 2]);

    const page = client().listBackupsPage(1, { page: 1, perPage: 2 });
    const { data: first, headers } = await page.withResponse();
    expect(first).toBe(await page);
    expect(first).toMatchObject({ page: 1, perPage: 2, total: 2 });
    expect(headers["x-total"]).toBe("2");
    expect(server.requests).toHaveLength(2);
  });

  it("hooks see operation, method, redacted URL, attempt, status and duration, never a secret", async () => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? reply(res, 503, "") : reply(res, 200, [], { "content-type": "application/json" }),
    );
    const events: unknown[] = [];
    const onapp = client({
      maxRetries: 1,
      headers: { "X-Proxy-Secret": "proxy-SECRET-987654" },
      onRequest: (info) => events.push({ on: "request", ...info }),
      onResponse: (info) => events.push({ on: "response", ...info }),
      onRetry: (info) => events.push({ on: "retry", ...info }),
    });
    await onapp.listBackups(488);
    expect(events.map((e) => (e as { on: string }).on)).toEqual([
      "request",
      "response",
      "retry",
      "request",
      "response",
    ]);
    expect(events[1]).toMatchObject({ operationId: "listBackups", method: "GET", attempt: 1, status: 503 });
    expect(events[4]).toMatchObject({ attempt: 2, status: 200 });
    expect((events[4] as { durationMs: number }).durationMs).toBeGreaterThanOrEqual(0);
    const printed = `${JSON.stringify(events)} ${inspect(events)} ${inspect(onapp)} ${JSON.stringify(onapp)}`;
    const basic = Buffer.from(`user@example.com:${PASSWORD}`).toString("base64");
    for (const secret of [PASSWORD, basic, "proxy-SECRET"]) expect(printed).not.toContain(secret);
  });

  it("hooks see calls in the order they were made, first ones included", async () => {
    server.handle((_req, res) => reply(res, 200, [], { "content-type": "application/json" }));
    const seen: string[] = [];
    const onapp = client({ onRequest: (info) => seen.push(info.operationId) });
    // The first calls wait for the hook wrapping to load; they go on in order.
    await Promise.all([onapp.listBackupFiles(488), onapp.listBackups(488)]);
    // Later ones, one of an operation seen before and one not, are told at once, in order.
    await Promise.all([onapp.listBackupImages(488), onapp.listBackups(488)]);
    expect(seen).toEqual(["listBackupFiles", "listBackups", "listBackupImages", "listBackups"]);
    // A call aborted just after it was made has been sent, and told, already.
    seen.length = 0;
    const controller = new AbortController();
    const call = onapp.listBackupImages(488, { signal: controller.signal });
    controller.abort();
    await call.catch(() => {});
    expect(seen).toEqual(["listBackupImages"]);
  });

  it("a hook that throws is logged and breaks neither the call nor the hooks after it", async () => {
    server.handle((_req, res) => reply(res, 200, [], { "content-type": "application/json" }));
    const warnings: string[] = [];
    const seen: string[] = [];
    const onapp = client({
      logger: { warn: (line) => warnings.push(line) },
      onRequest: () => {
        throw new Error("hook bug");
      },
      onResponse: (info) => seen.push(`${info.operationId} ${info.status}`),
    });
    expect(await onapp.listBackups(488)).toEqual([]);
    expect(await onapp.listBackupImages(488)).toEqual([]);
    expect(seen).toEqual(["listBackups 200", "listBackupImages 200"]);
    expect(warnings).toEqual(["backupkit: a hook threw: hook bug", "backupkit: a hook threw: hook bug"]);
  });
});

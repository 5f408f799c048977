/**
 * Paging through Prism: a paging upstream on loopback, Prism's validating proxy in front of it
 * (every answer checked against the spec, paging headers included), and the OnApp client's
 * iterator on the proxy. A second case pages against Prism's static mock, which answers every
 * page with the spec's example, as a server that ignores `page` would.
 */
import { type ProxyServer, startProxy } from "@backupkit/mocks";
import { createOnAppClient, type OnAppFormat } from "@backupkit/onapp";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

const AUTH = { username: "user", password: "userpass" };
const TOTAL = 25;
const record = (id: number) => ({
  backup: {
    id,
    built: true,
    backup_type: "normal",
    created_at: "2026-11-01T00:00:00Z",
    target_type: "Disk",
    target_id: 7,
  },
});

let upstream: TestServer;
let proxy: ProxyServer;
// The run's shared static OnApp mock (test/mocks-setup.ts).
const mock = { url: inject("onappMockUrl") };
beforeAll(async () => {
  upstream = await startServer((req, res) => {
    const url = new URL(req.url, "http://x");
    const perPage = Number(url.searchParams.get("per_page") ?? 10);
    const page = Number(url.searchParams.get("page") ?? 1);
    const ids = Array.from({ length: TOTAL }, (_, i) => i + 1).slice((page - 1) * perPage, page * perPage);
    reply(res, 200, ids.map(record), {
      "content-type": "application/json; charset=utf-8",
      "x-page": String(page),
      "x-limit": String(perPage),
      "x-total": String(TOTAL),
    });
  });
  proxy = await startProxy("onapp", upstream.url, { errors: true });
});
afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

describe("paging through Prism", () => {
  it("yields every backup of 3 pages exactly once, each page valid by the spec", async () => {
    const onapp = createOnAppClient({ baseUrl: proxy.url, auth: AUTH, validate: true, maxRetries: 0 });
    const ids: number[] = [];
    for await (const backup of onapp.iterateBackups(488, { perPage: 10 })) ids.push(backup.id);
    expect(ids).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    const pages = upstream.requests.map((r) => new URL(r.url, "http://x").searchParams.get("page"));
    expect(pages).toEqual(["1", "2", "3"]);
  });

  it.each<OnAppFormat>(["json", "xml"])(
    "terminates against Prism's static mock, which answers every page with the example (%s)",
    async (format) => {
      const warnings: string[] = [];
      const onapp = createOnAppClient({
        baseUrl: mock.url,
        auth: AUTH,
        format,
        maxRetries: 0,
        logger: { warn: (m) => warnings.push(m) },
      });
      const seen: number[] = [];
      for await (const backup of onapp.iterateBackups(488, { perPage: 1 })) seen.push(backup.id);
      // The example page and its example paging headers say it is the whole list, or the
      // second request repeats it: either way one example page, each backup once.
      expect(seen.length).toBeGreaterThan(0);
      expect(new Set(seen).size).toBe(seen.length);
    },
  );
});

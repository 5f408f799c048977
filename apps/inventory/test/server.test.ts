import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { Collection } from "../src/collect.js";
import { fromOnAppBackup } from "../src/records.js";
import { type RunningServer, startInventoryServer } from "../src/server.js";

const NOW = new Date("2015-08-14T12:00:00Z");
const collection: Collection = {
  providers: ["onapp"],
  vms: [
    { provider: "onapp", vmId: "1", vmLabel: "web" },
    { provider: "onapp", vmId: "2", vmLabel: "db" },
  ],
  records: [
    fromOnAppBackup({ id: 1, label: "web" }, { id: 10, built: true, built_at: "2015-08-14T06:00:00Z" }),
    fromOnAppBackup({ id: 2, label: "db" }, { id: 20, built: true, built_at: "2015-08-01T00:00:00Z" }),
  ],
  failures: [],
};

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

async function start(load: () => Promise<Collection> = async () => collection, minRefreshMs?: number) {
  let loads = 0;
  running = await startInventoryServer({
    minRefreshMs,
    port: 0,
    host: "127.0.0.1",
    maxAgeMs: 24 * 3_600_000,
    maxAgeText: "24h",
    now: () => NOW,
    load: () => {
      loads += 1;
      return load();
    },
    source: {
      mock: true,
      providers: [{ provider: "onapp", url: "http://x", mock: true }],
      notConfigured: [],
    },
  });
  return { url: running.url, loads: () => loads };
}

/** A raw request, so the Host header can be anything. */
function get(url: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on("error", reject);
      req.end();
    },
  );
}

describe("serve", () => {
  it("serves the page with a strict content security policy", async () => {
    const { url } = await start();
    const response = await get(`${url}/`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    const csp = String(response.headers["content-security-policy"]);
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(response.body).toContain(`<script nonce="${nonce}">`);
    expect(response.body).toContain(`<style nonce="${nonce}">`);
    // Self-contained: nothing is loaded from elsewhere.
    expect(response.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers the report as JSON, with ?max-age overriding the default", async () => {
    const { url } = await start();
    const report = (await (await fetch(`${url}/api/report`)).json()) as {
      maxAge: string;
      generatedAt: string;
      counts: Record<string, number>;
      vms: { vmLabel: string; state: string }[];
      source: { mock: boolean };
    };
    expect(report.generatedAt).toBe(NOW.toISOString());
    expect(report.maxAge).toBe("24h");
    expect(report.vms.map((vm) => [vm.vmLabel, vm.state])).toEqual([
      ["db", "stale"],
      ["web", "fresh"],
    ]);
    expect(report.source.mock).toBe(true);
    const weekly = (await (await fetch(`${url}/api/report?max-age=30d`)).json()) as typeof report;
    expect(weekly.maxAge).toBe("30d");
    expect(weekly.counts.fresh).toBe(2);
    const bad = await fetch(`${url}/api/report?max-age=soon`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/max-age/);
  });

  it("answers the records with their source at /api/backups", async () => {
    const { url } = await start();
    const body = (await (await fetch(`${url}/api/backups`)).json()) as {
      backups: { backupId: string; source: unknown }[];
    };
    expect(body.backups.map((backup) => backup.backupId)).toEqual(["20", "10"]);
    expect(body.backups[0]?.source).toMatchObject({ id: 20 });
  });

  it("reads the clouds once for a page and its API call, again on ?refresh=1", async () => {
    const { url, loads } = await start(undefined, 0);
    await Promise.all([fetch(`${url}/api/report`), fetch(`${url}/api/backups`)]);
    expect(loads()).toBe(1);
    await fetch(`${url}/api/report?refresh=1`);
    expect(loads()).toBe(2);
  });

  it("rate-limits ?refresh=1: a burst right after a collection reads the clouds no more", async () => {
    const { url, loads } = await start(undefined, 60_000);
    await fetch(`${url}/api/report`);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => fetch(`${url}/api/report?refresh=1`).then((r) => r.status)),
    );
    expect(burst.every((status) => status === 200)).toBe(true);
    expect(loads()).toBe(1);
  });

  it("answers 502 when the collection fails, and tries again next time", async () => {
    let fail = true;
    const { url } = await start(async () => {
      if (fail) throw new Error("mock gone");
      return collection;
    });
    const first = await fetch(`${url}/api/report`);
    expect(first.status).toBe(502);
    expect(((await first.json()) as { error: string }).error).toBe("could not collect backups: mock gone");
    fail = false;
    expect((await fetch(`${url}/api/report`)).status).toBe(200);
  });

  it("refuses other methods, unknown paths and foreign Host headers", async () => {
    const { url } = await start();
    expect((await get(`${url}/api/report`, {}, "POST")).status).toBe(405);
    expect((await get(`${url}/nope`)).status).toBe(404);
    expect((await get(`${url}/api/report`, { host: "attacker.example" })).status).toBe(421);
    expect((await get(`${url}/api/report`, { host: `localhost:${new URL(url).port}` })).status).toBe(200);
    const head = await get(`${url}/`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });
});

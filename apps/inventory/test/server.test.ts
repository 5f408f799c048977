import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { AccountCollection } from "../src/collect.js";
import type { CollectorState } from "../src/collector.js";
import { fromOnAppBackup } from "../src/records.js";
import { type RunningServer, startInventoryServer } from "../src/server.js";

/** An OnApp record of the account "onapp", from its image listing unless told. */
const fromOnApp = (
  vm: Parameters<typeof fromOnAppBackup>[1],
  backup: Parameters<typeof fromOnAppBackup>[2],
  listing: Parameters<typeof fromOnAppBackup>[3] = "image",
) => fromOnAppBackup("onapp", vm, backup, listing);

const NOW = new Date("2015-08-14T12:00:00Z");
const REFRESH_MS = 60_000;
const account: AccountCollection = {
  account: "onapp",
  provider: "onapp",
  ok: true,
  finishedAt: NOW.getTime() - 1000,
  durationMs: 250,
  vms: [
    { account: "onapp", provider: "onapp", vmId: "1", vmLabel: "web" },
    { account: "onapp", provider: "onapp", vmId: "2", vmLabel: "db" },
  ],
  records: [
    fromOnApp({ id: 1, label: "web" }, { id: 10, built: true, built_at: "2015-08-14T06:00:00Z" }),
    fromOnApp({ id: 2, label: "db" }, { id: 20, built: true, built_at: "2015-08-01T00:00:00Z" }),
  ],
  failures: [],
};

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

const ready: CollectorState = { accounts: [account], pending: [], startedAt: NOW.getTime() - 5000 };

async function start(state: () => CollectorState = () => ready, now = () => NOW, host = "127.0.0.1") {
  let reads = 0;
  running = await startInventoryServer({
    port: 0,
    host,
    maxAgeMs: 24 * 3_600_000,
    maxAgeText: "24h",
    now,
    refreshMs: REFRESH_MS,
    state: () => {
      reads += 1;
      return state();
    },
    source: {
      mock: true,
      providers: [{ account: "onapp", provider: "onapp", url: "http://x", mock: true }],
      notConfigured: [],
    },
  });
  return { url: running.url, reads: () => reads };
}

/** A raw request, so the Host header can be anything. */
function get(url: string, headers: Record<string, string> = {}, method = "GET", target?: string) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        url,
        { method, headers, ...(target === undefined ? {} : { path: target }) },
        (res) => {
          let body = "";
          res.setEncoding("utf8").on("data", (chunk: string) => {
            body += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
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

  it("refuses a ?max-age that rounds to 0 ms with a 400 naming it, not a 500", async () => {
    const { url } = await start();
    const tiny = await fetch(`${url}/api/report?max-age=0.0004s`);
    expect(tiny.status).toBe(400);
    expect(((await tiny.json()) as { error: string }).error).toMatch(/^max-age must be longer than zero/);
  });

  it("answers the records with their source at /api/backups", async () => {
    const { url } = await start();
    const body = (await (await fetch(`${url}/api/backups`)).json()) as {
      backups: { backupId: string; source: unknown }[];
    };
    expect(body.backups.map((backup) => backup.backupId)).toEqual(["20", "10"]);
    expect(body.backups[0]?.source).toMatchObject({ id: 20 });
  });

  it("answers from what the collector keeps, naming the accounts not read yet", async () => {
    const { url } = await start(() => ({ accounts: [], pending: ["onapp"], startedAt: NOW.getTime() }));
    const report = (await (await fetch(`${url}/api/report`)).json()) as { pending: string[]; vms: unknown[] };
    expect(report).toMatchObject({ pending: ["onapp"], vms: [] });
    expect((await get(`${url}/metrics`)).body).toContain(
      'backup_inventory_collection_pending{account="onapp"} 1',
    );
  });

  it("shows one account's machines for ?account=<name>", async () => {
    const other: AccountCollection = {
      ...account,
      account: "panel-b",
      vms: [{ account: "panel-b", provider: "onapp", vmId: "7", vmLabel: "b-7" }],
      records: [],
    };
    const { url } = await start(() => ({ ...ready, accounts: [account, other] }));
    const names = async (query: string) =>
      ((await (await fetch(`${url}/api/report${query}`)).json()) as { vms: { account: string }[] }).vms.map(
        (vm) => vm.account,
      );
    expect(await names("")).toEqual(["onapp", "onapp", "panel-b"]);
    expect(await names("?account=panel-b")).toEqual(["panel-b"]);
    const nobody = await fetch(`${url}/api/report?account=nobody`);
    expect(nobody.status).toBe(404);
    expect(await nobody.json()).toEqual({ error: 'no account is named "nobody"' });
  });

  it("is not ok while an account has not been read yet", async () => {
    const { url } = await start(() => ({ ...ready, pending: ["panel-b"] }));
    const report = async (query: string) =>
      (await (await fetch(`${url}/api/report${query}`)).json()) as { ok: boolean; pending: string[] };
    expect(await report("")).toMatchObject({ ok: false, pending: ["panel-b"] });
    expect(await report("?account=panel-b")).toMatchObject({ ok: false, pending: ["panel-b"] });
  });

  it("is ok for one account that was read and is all fresh while another is still pending", async () => {
    const freshOnly = { ...account, vms: account.vms.slice(0, 1), records: account.records.slice(0, 1) };
    const { url } = await start(() => ({ ...ready, accounts: [freshOnly], pending: ["panel-b"] }));
    const report = await (await fetch(`${url}/api/report?account=onapp`)).json();
    expect(report).toMatchObject({ ok: true, pending: [] });
  });

  it("reuses the exposition of an unchanged state for 10 s, and makes a new one when it changes", async () => {
    let clock = NOW.getTime();
    let state: CollectorState = { ...ready, version: 1 };
    const { url } = await start(
      () => state,
      () => new Date(clock),
    );
    const age = async () => {
      const body = (await get(`${url}/metrics`)).body;
      return /backup_inventory_backup_age_seconds\{[^}]*vm_id="2"[^}]*\} (\d+)/.exec(body)?.[1];
    };
    const first = await age();
    expect(first).toBe(String(13.5 * 86400));
    clock += 9_000;
    expect(await age()).toBe(first);
    clock += 1_000;
    expect(await age()).toBe(String(13.5 * 86400 + 10));
    // A new collection is shown at once.
    clock += 1_000;
    state = { ...state, version: 2 };
    expect(await age()).toBe(String(13.5 * 86400 + 11));
    // A state that says nothing of its version is never taken for an unchanged one.
    state = { ...ready };
    clock += 1_000;
    expect(await age()).toBe(String(13.5 * 86400 + 12));
    clock += 1_000;
    expect(await age()).toBe(String(13.5 * 86400 + 13));
  });

  it("serves /metrics in the Prometheus text format, per machine and per account", async () => {
    const { url } = await start();
    const response = await get(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const labels = 'account="onapp",provider="onapp",vm_id="2",vm_label="db"';
    // db's newest backup is from 2015-08-01T00:00:00Z; NOW is 13.5 days later.
    expect(response.body).toContain(`backup_inventory_backup_age_seconds{${labels}} ${13.5 * 86400}`);
    expect(response.body).toContain(
      `backup_inventory_backup_timestamp_seconds{${labels}} ${Date.parse("2015-08-01T00:00:00Z") / 1000}`,
    );
    expect(response.body).toContain(`backup_inventory_vm_state{${labels},state="stale"} 1`);
    expect(response.body).toContain(`backup_inventory_vm_state{${labels},state="fresh"} 0`);
    expect(response.body).toContain(`backup_inventory_backups{${labels}} 1`);
    expect(response.body).toContain(
      'backup_inventory_collection_success{account="onapp",provider="onapp"} 1',
    );
    expect(response.body).toContain(
      'backup_inventory_collection_duration_seconds{account="onapp",provider="onapp"} 0.25',
    );
    expect(response.body).toContain("backup_inventory_max_age_seconds 86400");
    expect(response.body).toContain('backup_inventory_collection_pending{account="onapp"} 0');
  });

  it("bounds and escapes label values from a server", async () => {
    const label = `evil"\\name\n${"x".repeat(100)}`;
    const { url } = await start(() => ({
      ...ready,
      accounts: [
        {
          ...account,
          vms: [{ account: "onapp", provider: "onapp", vmId: "9", vmLabel: label }],
          records: [],
        },
      ],
    }));
    const body = (await get(`${url}/metrics`)).body;
    const line = body.split("\n").find((l) => l.startsWith("backup_inventory_backups{")) ?? "";
    expect(line).toMatch(/vm_label="evil\\"\\\\name x+…"\} 0$/);
    expect(/vm_label="((?:[^"\\]|\\.)*)"/.exec(line)?.[1]?.replace(/\\(.)/g, "$1")).toHaveLength(64);
  });

  it("is healthy while every account was collected within three refresh intervals", async () => {
    let now = NOW;
    const { url } = await start(
      () => ready,
      () => now,
    );
    expect((await get(`${url}/healthz`)).status).toBe(200);
    now = new Date(account.finishedAt + 3 * REFRESH_MS - 1);
    expect((await get(`${url}/healthz`)).status).toBe(200);
    now = new Date(account.finishedAt + 3 * REFRESH_MS);
    const stale = await get(`${url}/healthz`);
    expect(stale.status).toBe(503);
    expect(stale.body).toBe("no collection for 180 s or more: onapp\n");
  });

  it("checks the Host header on any loopback address, 127.0.0.2 as well", async () => {
    const { url } = await start(undefined, undefined, "127.0.0.2");
    expect((await get(`${url}/api/report`, { host: "attacker.example" })).status).toBe(421);
    expect((await get(`${url}/api/report`)).status).toBe(200);
  });

  it("refuses other methods, unknown paths and foreign Host headers", async () => {
    const { url } = await start();
    expect((await get(`${url}/api/report`, {}, "POST")).status).toBe(405);
    expect((await get(`${url}/nope`)).status).toBe(404);
    expect((await get(`${url}/api/report`, { host: "attacker.example" })).status).toBe(421);
    expect((await get(`${url}/api/report`, { host: `localhost:${new URL(url).port}` })).status).toBe(200);
    expect((await get(url, {}, "GET", "http://[")).status).toBe(400);
    const head = await get(`${url}/`, {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });
});

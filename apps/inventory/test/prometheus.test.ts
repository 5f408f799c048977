/**
 * The exporter under a real Prometheus (Debian's package, installed before turbo starts by
 * scripts/system-packages.mjs): `serve` reads two accounts from an accounts file, the embedded
 * Z.com mock and a node:http OnApp panel with one fresh and one stale machine; Prometheus
 * scrapes it on loopback and evaluates the shipped rules (with `for:` set to 0 in a test copy;
 * the `for:` windows themselves are checked by `promtool test rules`).
 *
 * No prometheus: skipped with a loud warning, except under CI=true, where that fails
 * (BACKUPKIT_SKIP_PROMETHEUS=1 skips anyway).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { type MockServer, startMock } from "@backupkit/mocks";
import {
  closedPort,
  type RecordedRequest,
  reply,
  startServer,
  systemTool,
  type TestServer,
} from "@backupkit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { MOCK_ZCOM_TENANT } from "../src/sources.js";
import { APP_ROOT, cleanEnv, fixture } from "./helpers.js";

const run = promisify(execFile);
const RULES = join(APP_ROOT, "prometheus", "backup-rules.yml");
const RULE_TESTS = join(APP_ROOT, "prometheus", "backup-rules.test.yml");
const ZCOM_TOKEN = "zcom-token-never-shown-4711";
const ONAPP_KEY = "onapp-key-never-shown-0815";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const HOUR = 3600 * 1000;

const prometheus = systemTool("prometheus", {
  skipEnv: "BACKUPKIT_SKIP_PROMETHEUS",
  pkg: "prometheus",
  what: "the Prometheus exporter tests",
});
const promtool = systemTool("promtool", {
  skipEnv: "BACKUPKIT_SKIP_PROMETHEUS",
  pkg: "prometheus",
  what: "the promtool checks",
});

/** An OnApp panel: `web-01` backed up an hour ago, `db-01` three days ago (stale at 24h). */
const now = Date.now();
const FRESH_AT = new Date(now - HOUR).toISOString().replace(/\.\d+Z$/, "Z");
const STALE_AT = new Date(now - 72 * HOUR).toISOString().replace(/\.\d+Z$/, "Z");
function panel(req: RecordedRequest, res: ServerResponse) {
  const path = req.url.split("?")[0] ?? "";
  if (path === "/virtual_machines.json") {
    return reply(
      res,
      200,
      [
        { virtual_machine: { id: 1, identifier: "vm1", label: "web-01" } },
        { virtual_machine: { id: 2, identifier: "vm2", label: 'db-01 "primary"' } },
      ],
      JSON_TYPE,
    );
  }
  const match = /^\/virtual_machines\/(\d)\/backups\/(images|files)\.json$/.exec(path);
  if (match?.[2] === "images") {
    const seed = JSON.parse(fixture("onapp", "backup-images.seed.json")) as {
      backup: Record<string, unknown>;
    }[];
    const first = seed[0] as { backup: Record<string, unknown> };
    const at = match[1] === "1" ? FRESH_AT : STALE_AT;
    first.backup = { ...first.backup, id: Number(match[1]) * 100, built: true, built_at: at, created_at: at };
    return reply(res, 200, [first], JSON_TYPE);
  }
  // This panel keeps no incremental backups: OnApp answers 404.
  return reply(res, 404, { errors: ["not found"] }, JSON_TYPE);
}

interface Sample {
  metric: Record<string, string>;
  value: [number, string];
}

// Starting Prism, the exporter and Prometheus, and waiting for scrapes and rule evaluations,
// takes seconds on an idle machine and much longer on a loaded 2-core one: a generous budget.
describe.skipIf(!prometheus.run)("the exporter under a real Prometheus", { timeout: 120_000 }, () => {
  let dir = "";
  let mock: MockServer | undefined;
  let fake: TestServer | undefined;
  let prom: ChildProcess | undefined;
  let promLog = "";
  const stopExporter = new AbortController();
  let exporterDone: Promise<number> | undefined;
  let exporterUrl = "";
  let promUrl = "";

  beforeAll(async () => {
    if (!prometheus.path || !promtool.path) {
      throw new Error(`CI=true and the Prometheus tests cannot run: ${prometheus.why || promtool.why}.`);
    }
    dir = mkdtempSync(join(tmpdir(), "backup-inventory-prometheus-"));
    [mock, fake] = await Promise.all([startMock("zcom", { port: 0 }), startServer(panel)]);
    const config = join(dir, "backup-inventory.yaml");
    writeFileSync(
      config,
      [
        "accounts:",
        "  - name: tokyo",
        "    provider: zcom",
        `    tenant_id: ${MOCK_ZCOM_TENANT}`,
        `    endpoint: ${mock.url}`,
        "    token_env: TEST_ZCOM_TOKEN",
        "  - name: panel-eu",
        "    provider: onapp",
        `    endpoint: ${fake.url}`,
        "    username: api@example.com",
        "    password_env: TEST_ONAPP_KEY",
        "",
      ].join("\n"),
    );
    let stdout = "";
    let stderr = "";
    const listening = new Promise<string>((resolve, reject) => {
      const io = {
        stdout: {
          write: (text: string) => {
            stdout += text;
            const url = /at (http:\/\/[\d.:]+)\//.exec(stdout)?.[1];
            if (url) resolve(url);
          },
        },
        stderr: { write: (text: string) => (stderr += text), isTTY: false },
        env: cleanEnv({ TEST_ZCOM_TOKEN: ZCOM_TOKEN, TEST_ONAPP_KEY: ONAPP_KEY }),
        stopSignal: stopExporter.signal,
      };
      exporterDone = main(["serve", "--config", config, "--port", "0", "--refresh", "2s"], io);
      exporterDone.then((code) => reject(new Error(`serve ended with ${code}: ${stderr}`)));
    });
    exporterUrl = await listening;

    // A test copy of the shipped rules with every `for:` at 0s, so alerts fire on the first
    // evaluation; scrape and evaluate every second.
    writeFileSync(join(dir, "rules.yml"), readFileSync(RULES, "utf8").replace(/^(\s+for:).*$/gm, "$1 0s"));
    writeFileSync(
      join(dir, "prometheus.yml"),
      [
        "global:",
        "  scrape_interval: 1s",
        "  evaluation_interval: 1s",
        "rule_files: [rules.yml]",
        "scrape_configs:",
        "  - job_name: backup-inventory",
        "    static_configs:",
        `      - targets: ["${new URL(exporterUrl).host}"]`,
        "",
      ].join("\n"),
    );
    const port = await closedPort();
    promUrl = `http://127.0.0.1:${port}`;
    prom = spawn(
      prometheus.path,
      [
        `--config.file=${join(dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${join(dir, "data")}`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
    );
    prom.stdout?.on("data", (chunk: Buffer) => (promLog += chunk));
    prom.stderr?.on("data", (chunk: Buffer) => (promLog += chunk));
  }, 120_000);

  afterAll(async () => {
    if (prom && prom.exitCode === null && prom.signalCode === null) {
      const exited = new Promise((resolve) => prom?.once("exit", resolve));
      prom.kill("SIGTERM");
      const timer = setTimeout(() => prom?.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    stopExporter.abort();
    await exporterDone?.catch(() => {});
    await Promise.all([mock?.stop(), fake?.close()]);
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  /** Runs a PromQL query until `accept` likes the result (Prometheus needs a few scrapes). */
  async function query(promql: string, accept: (samples: Sample[]) => boolean): Promise<Sample[]> {
    let last: unknown;
    for (let attempt = 0; attempt < 180; attempt++) {
      try {
        const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(promql)}`);
        const body = (await response.json()) as { data?: { result: Sample[] } };
        last = body;
        if (body.data && accept(body.data.result)) return body.data.result;
      } catch (error) {
        last = error; // not listening yet
      }
      await new Promise((done) => setTimeout(done, 500));
    }
    throw new Error(`no acceptable answer to ${promql}: ${JSON.stringify(last)}\n${promLog.slice(-2000)}`);
  }
  const value = (samples: Sample[], match: Record<string, string>) =>
    samples.find((s) => Object.entries(match).every(([k, v]) => s.metric[k] === v))?.value[1];

  it("scrapes a series per machine, labelled with its account, with the right values", async () => {
    const timestamps = await query("backup_inventory_backup_timestamp_seconds", (r) => r.length >= 5);
    expect(new Set(timestamps.map((s) => s.metric.account))).toEqual(new Set(["tokyo", "panel-eu"]));
    expect(Number(value(timestamps, { account: "panel-eu", vm_id: "1", vm_label: "web-01" }))).toBe(
      Date.parse(FRESH_AT) / 1000,
    );
    // The label's quotes arrive intact: prom-client escaped them, Prometheus unescaped them.
    expect(Number(value(timestamps, { account: "panel-eu", vm_id: "2", vm_label: 'db-01 "primary"' }))).toBe(
      Date.parse(STALE_AT) / 1000,
    );
    const states = await query("backup_inventory_vm_state == 1", (r) => r.length >= 5);
    expect(value(states, { account: "panel-eu", vm_id: "1", state: "fresh" })).toBe("1");
    expect(value(states, { account: "panel-eu", vm_id: "2", state: "stale" })).toBe("1");
    // The mock's examples are from 2015: every tokyo machine is stale.
    expect(states.filter((s) => s.metric.account === "tokyo").map((s) => s.metric.state)).toEqual(
      Array(3).fill("stale"),
    );
    const success = await query("backup_inventory_collection_success", (r) => r.length === 2);
    expect(success.map((s) => [s.metric.account, s.value[1]]).sort()).toEqual([
      ["panel-eu", "1"],
      ["tokyo", "1"],
    ]);
    const up = await query('up{job="backup-inventory"}', (r) => r.length === 1);
    expect(up[0]?.value[1]).toBe("1");
  });

  it("fires BackupStale for the stale machine and not for the fresh one", async () => {
    const firing = await query(
      'ALERTS{alertname="BackupStale",alertstate="firing",account="panel-eu"}',
      (r) => r.some((s) => s.metric.vm_id === "2"),
    );
    expect(firing.map((s) => s.metric.vm_id)).toEqual(["2"]);
    const response = await fetch(`${promUrl}/api/v1/alerts`);
    const { data } = (await response.json()) as {
      data: { alerts: { labels: Record<string, string>; annotations: Record<string, string> }[] };
    };
    const alert = data.alerts.find((a) => a.labels.alertname === "BackupStale" && a.labels.vm_id === "2");
    expect(alert?.annotations.summary).toBe('Backup stale: db-01 "primary" (2) in account panel-eu');
    expect(data.alerts.filter((a) => a.labels.alertname === "BackupCollectionFailing")).toEqual([]);
  });

  it("never shows a secret in /metrics, /api/report or the page", async () => {
    for (const path of ["/metrics", "/api/report", "/api/backups", "/"]) {
      const text = await (await fetch(`${exporterUrl}${path}`)).text();
      expect(text).not.toContain(ZCOM_TOKEN);
      expect(text).not.toContain(ONAPP_KEY);
    }
  });

  it("passes promtool: check metrics on the exposition, check rules and test rules", async () => {
    const tool = promtool.path as string;
    const exposition = await (await fetch(`${exporterUrl}/metrics`)).text();
    const checked = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(tool, ["check", "metrics"], { stdio: ["pipe", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk));
      child.on("close", (code) => resolve({ code, output }));
      child.stdin.end(exposition);
    });
    expect(checked).toEqual({ code: 0, output: "" });
    await expect(run(tool, ["check", "rules", RULES])).resolves.toMatchObject({
      stdout: expect.stringContaining("SUCCESS: 3 rules found"),
    });
    await expect(run(tool, ["test", "rules", RULE_TESTS])).resolves.toMatchObject({
      stdout: expect.stringContaining("SUCCESS"),
    });
  });
});

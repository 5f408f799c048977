/**
 * The served page in a real browser: Debian's Chromium driven by playwright-core (no browser
 * download), against `backup-inventory serve` on the embedded mocks. The table must show what
 * /api/report says, the page must run under its CSP without errors, and a screenshot is kept
 * in test-results/.
 *
 * Chromium is installed before turbo starts by the root `test` script
 * (scripts/system-packages.mjs); here it is only looked for. None: the tests are skipped with a
 * loud warning, except under CI=true, where that fails (BACKUPKIT_SKIP_BROWSER=1 skips anyway).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { systemTool } from "@backupkit/testkit";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findTool } from "../../../scripts/system-packages.mjs";
import { APP_ROOT, CLI, cleanEnv } from "./helpers.js";

const RESULTS = fileURLToPath(new URL("../test-results/", import.meta.url));
const SCREENSHOT = `${RESULTS}inventory-page.png`;
const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const found = systemTool("chromium", {
  skipEnv: "BACKUPKIT_SKIP_BROWSER",
  pkg: "chromium",
  what: "the inventory browser tests",
});

describe.skipIf(!found.run)("the served page in Chromium", () => {
  let serve: ChildProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;
  let baseUrl = "";
  const blocked: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!found.path) {
      throw new Error(
        `CI=true and the browser tests cannot run: ${found.why}. A missing browser is a failure in CI.`,
      );
    }
    ({ serve, url: baseUrl } = await startServe());
    browser = await chromium.launch({ executablePath: found.path, args: LAUNCH_ARGS, timeout: 30_000 });
    const context = await browser.newContext({
      viewport: { width: 1360, height: 900 },
      deviceScaleFactor: 1,
    });
    // Nothing may leave the machine: every request not to our server is refused and noted.
    await context.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith(`${baseUrl}/`)) return route.continue();
      blocked.push(url);
      return route.abort("blockedbyclient");
    });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await stopServe(serve);
  });

  it("shows one row per machine, matching /api/report, with stale machines highlighted", async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    const report = (await (await fetch(`${baseUrl}/api/report`)).json()) as {
      vms: {
        account: string;
        provider: string;
        vmId: string;
        vmLabel: string | null;
        state: string;
        newest: { createdAt: string } | null;
        backups: unknown[];
      }[];
      perDay: { zcom: number; onapp: number }[];
    };

    const rows = await page.$$eval("tr.vm-row", (trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll("td")].map((td) => td.textContent?.trim() ?? "");
        const group = tr.closest("tbody");
        return {
          account: tr.getAttribute("data-account"),
          provider: tr.getAttribute("data-provider"),
          vmId: tr.getAttribute("data-vm-id"),
          state: tr.getAttribute("data-state"),
          cells,
          groupClass: group?.className ?? "",
          // The test's tsconfig has no DOM library; this runs in the page, where it exists.
          background: (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(tr).backgroundColor,
          backupRows: group?.querySelectorAll("tr.backup-row").length ?? 0,
        };
      }),
    );
    expect(rows.map((row) => [row.account, row.provider, row.vmId, row.state])).toEqual(
      report.vms.map((vm) => [vm.account, vm.provider, vm.vmId, vm.state]),
    );
    expect(new Set(rows.map((row) => row.provider))).toEqual(new Set(["zcom", "onapp"]));
    for (const [i, vm] of report.vms.entries()) {
      const row = rows[i];
      expect(row?.cells[0]).toBe(`${vm.provider}${vm.account}`);
      expect(row?.cells[1]).toContain(vm.vmLabel ?? vm.vmId);
      // The CLI's date format, shared: UTC to the second.
      const newest = vm.newest
        ? `${vm.newest.createdAt.slice(0, 10)} ${vm.newest.createdAt.slice(11, 19)}`
        : "-";
      expect(row?.cells[3]).toBe(newest);
      expect(row?.backupRows).toBe(Math.min(vm.backups.length, 5));
      expect(row?.groupClass).toContain(`state-${vm.state}`);
    }
    // The mocks' examples are from 2013-2015: every machine is stale, and shown so.
    const stale = rows.filter((row) => row.state === "stale");
    expect(stale.length).toBeGreaterThan(0);
    for (const row of stale) expect(row.background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);

    const bars = await page.$$eval("#chart rect.bar", (rects) => rects.length);
    expect(bars).toBe(
      report.perDay.reduce((n, day) => n + (day.zcom > 0 ? 1 : 0) + (day.onapp > 0 ? 1 : 0), 0),
    );
    expect(await page.textContent('.card[data-count="vms"] .n')).toBe(String(report.vms.length));

    mkdirSync(RESULTS, { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(blocked).toEqual([]);
    // Any CSP violation or script error would show up here.
    expect(problems).toEqual([]);
  });

  it("also serves /metrics on the mocks, clean for `promtool check metrics`", async () => {
    const exposition = await (await fetch(`${baseUrl}/metrics`)).text();
    expect(exposition).toMatch(
      /^backup_inventory_vm_state\{account="onapp",provider="onapp",vm_id="488",vm_label="web-01",state="stale"\} 1$/m,
    );
    const promtool = findTool("promtool");
    if (promtool === undefined) return; // the Prometheus test reports a missing promtool loudly
    const result = spawnSync(promtool, ["check", "metrics"], { input: exposition, encoding: "utf8" });
    expect({ status: result.status, output: `${result.stdout}${result.stderr}` }).toEqual({
      status: 0,
      output: "",
    });
  });

  it("filters the machines by account", async () => {
    await page.goto(`${baseUrl}/`);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
    const options = await page.$$eval("#account-filter option", (all) =>
      all.map((o) => o.getAttribute("value")),
    );
    expect(options).toEqual(["", "zcom", "onapp"]);
    await page.selectOption("#account-filter", "onapp");
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } })
        .document;
      return doc.querySelectorAll('tr.vm-row[data-account="zcom"]').length === 0;
    });
    await page.waitForSelector('body[data-ready="true"]');
    const accounts = await page.$$eval("tr.vm-row", (trs) =>
      trs.map((tr) => tr.getAttribute("data-account")),
    );
    expect(accounts).toEqual(["onapp", "onapp"]);
    expect(await page.textContent('.card[data-count="vms"] .n')).toBe("2");
    expect(problems).toEqual([]);
  });
});

/** Starts `backup-inventory serve --port 0` and waits for the URL it prints. */
function startServe(): Promise<{ serve: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "serve", "--port", "0"], {
      cwd: APP_ROOT,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => {
      child.kill("SIGINT");
      reject(new Error(`serve did not print its URL within 30 s:\n${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString("utf8");
      const match = /serving .* at (http:\/\/\S+?)\/? \(/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ serve: child, url: match[1] });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Stops `serve` the way a user would (Ctrl-C), so it stops its mocks; SIGKILL after 10 s. */
async function stopServe(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGINT");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

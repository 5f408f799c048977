/**
 * The CLI end to end: in-process through `main()` against testkit servers, and as the built
 * `node dist/cli.js` child process for exit codes, one-line errors and the embedded mocks.
 */

import type { ServerResponse } from "node:http";
import { type MockServers, startMocks } from "@backupkit/mocks";
import { closedPort, type RecordedRequest, reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { MOCK_ONAPP_AUTH, MOCK_ZCOM_AUTH, MOCK_ZCOM_TENANT } from "../src/sources.js";
import { cleanEnv, fixture, lines, runCli } from "./helpers.js";

const MOCK_NOTICE = "backup-inventory: no credentials configured, using the embedded Prism mocks (--mock)";
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

/** Runs `main()` with captured output. */
async function run(argv: string[], env: Record<string, string>, now = new Date("2015-08-14T12:00:00Z")) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    now: () => now,
    stopSignal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}

/** Every stderr line is ours, and none looks like a stack frame. */
function expectCleanErrors(stderr: string): void {
  for (const line of lines(stderr)) expect(line).toMatch(/^backup-inventory: /);
  expect(stderr).not.toMatch(/^\s+at /m);
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** An OnApp with three machines, where machine 2's backups call fails with a 500. */
function onappWithOneBrokenVm(req: RecordedRequest, res: ServerResponse) {
  const path = req.url.split("?")[0];
  if (path === "/virtual_machines.json") {
    return reply(
      res,
      200,
      [1, 2, 3].map((id) => ({ virtual_machine: { id, identifier: `vm${id}`, label: `vm-${id}` } })),
      JSON_TYPE,
    );
  }
  const match = /^\/virtual_machines\/(\d+)\/backups\/images\.json$/.exec(path ?? "");
  // The failure echoes the API key, as a careless panel might: what the CLI prints must not.
  if (match?.[1] === "2")
    return reply(res, 500, { errors: ["backup server unreachable for api-key"] }, JSON_TYPE);
  if (match) {
    const seed = JSON.parse(fixture("onapp", "backup-images.seed.json")) as { backup: { id: number } }[];
    if (seed[0]) seed[0].backup.id = Number(match[1]) * 1000;
    return reply(res, 200, seed, JSON_TYPE);
  }
  return reply(res, 404, { errors: ["not found"] }, JSON_TYPE);
}

const onappEnv = (url: string, password = "api-key") =>
  cleanEnv({ ONAPP_BASE_URL: url, ONAPP_USERNAME: "me@example.com", ONAPP_PASSWORD: password });

describe("partial failure", () => {
  it("lists the other machines, names the broken one, and exits 1", async () => {
    server = await startServer(onappWithOneBrokenVm);
    const result = await run(["list", "--format", "csv", "--retries", "0"], onappEnv(server.url));
    expect(result.code).toBe(1);
    const rows = lines(result.stdout);
    expect(rows).toHaveLength(3);
    expect(rows.slice(1).map((row) => row.split(",").slice(0, 5).join(","))).toEqual([
      "onapp,onapp,1,vm-1,1000",
      "onapp,onapp,3,vm-3,3000",
    ]);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^backup-inventory: onapp VM vm-2 \(2\): listBackupImages failed: 500 .*virtual_machines\/2\/backups\/images\.json\?page=1&per_page=100: backup server unreachable for \[redacted\]$/,
      ),
    ]);
    expectCleanErrors(result.stderr);
    // The password never shows up in what we print.
    expect(result.stdout + result.stderr).not.toContain("api-key");
  });

  it("reports the broken machine as an error in the report", async () => {
    server = await startServer(onappWithOneBrokenVm);
    const result = await run(["report", "--retries", "0", "--max-age", "7d"], onappEnv(server.url));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/onapp\s+onapp\s+vm-1 \(1\)\s+ok\s+2015-08-13 02:00:49\s+1d 9h/);
    expect(result.stdout).toMatch(/onapp\s+onapp\s+vm-2 \(2\)\s+ERROR\s+-\s+-\s+-\s+0\s+500 /);
    expect(result.stdout).toContain(
      "1 of 3 VMs could not be read; the others have a usable backup younger than 7d.",
    );
    expect(result.stdout).toContain("zcom: not configured");
  });

  it("exits 0 when every machine is fresh, and 1 once --max-age is shorter than the newest age", async () => {
    server = await startServer((req, res) => onappWithOneBrokenVm(req, res));
    server.handle((req, res) =>
      req.url.includes("/2/backups/images") ? reply(res, 200, [], JSON_TYPE) : onappWithOneBrokenVm(req, res),
    );
    // vm-2 has no backup at all: stale whatever the age.
    expect((await run(["report", "--max-age", "2d"], onappEnv(server.url))).code).toBe(1);
    server.handle((req, res) =>
      req.url.startsWith("/virtual_machines.json")
        ? reply(res, 200, [{ virtual_machine: { id: 1, identifier: "a", label: "a" } }], JSON_TYPE)
        : onappWithOneBrokenVm(req, res),
    );
    // The newest backup is 1d 9h 59m old at the injected now.
    expect((await run(["report", "--max-age", "2d"], onappEnv(server.url))).code).toBe(0);
    expect((await run(["report", "--max-age", "1d9h"], onappEnv(server.url))).code).toBe(1);
    expect((await run(["report", "--max-age", "1d10h"], onappEnv(server.url))).code).toBe(0);
  });
});

describe("progress", () => {
  it("counts machines on a terminal's stderr, then clears the line", async () => {
    server = await startServer(onappWithOneBrokenVm);
    let stderr = "";
    const code = await main(["list", "--retries", "0", "--format", "json"], {
      stdout: { write: () => true },
      stderr: { write: (text: string) => (stderr += text), isTTY: true },
      env: onappEnv(server.url),
      stopSignal: new AbortController().signal,
    });
    expect(code).toBe(1);
    expect(stderr).toContain("\r\x1b[Kcollecting backups: 0/3 VMs");
    expect(stderr).toContain("\r\x1b[Kcollecting backups: 3/3 VMs");
    // The progress line is wiped before the failure is printed on a line of its own.
    expect(stderr).toContain("3/3 VMs\r\x1b[Kbackup-inventory: onapp VM vm-2 (2)");
  });
});

describe("bad configuration ends in one line on stderr (built CLI)", () => {
  it("an unreachable URL: exit 2", async () => {
    const port = await closedPort();
    const result = await runCli(["list", "--retries", "0"], {
      env: cleanEnv({ ZCOM_TENANT_ID: "x", ZCOM_TOKEN: "y", ZCOM_BASE_URL: `http://127.0.0.1:${port}` }),
    });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^backup-inventory: zcom: Could not reach GET http://127\\.0\\.0\\.1:${port}/v2/x/backup: .*ECONNREFUSED.*\\(check ZCOM_BASE_URL`,
        ),
      ),
    ]);
    expectCleanErrors(result.stderr);
  });

  it("a wrong OnApp password: exit 2", async () => {
    server = await startServer((req, res) =>
      req.headers.authorization === `Basic ${Buffer.from("me@example.com:right").toString("base64")}`
        ? reply(res, 200, [], JSON_TYPE)
        : reply(res, 401, { errors: ["Invalid login or password"] }, JSON_TYPE),
    );
    const result = await runCli(["report"], { env: onappEnv(server.url, "wrong") });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toEqual([
      `backup-inventory: onapp: 401 Unauthorized from GET ${server.url}/virtual_machines.json?page=1&per_page=100: Invalid login or password (check ONAPP_USERNAME / ONAPP_PASSWORD)`,
    ]);
    expect(result.stderr).not.toContain("wrong");
  });

  it("a wrong Z.com password: exit 2", async () => {
    server = await startServer((req, res) =>
      req.url === "/v2.0/tokens"
        ? reply(
            res,
            401,
            { error: { message: "The request you have made requires authentication.", code: 401 } },
            JSON_TYPE,
          )
        : reply(res, 500),
    );
    const result = await runCli(["list"], {
      env: cleanEnv({
        ZCOM_TENANT_ID: "t",
        ZCOM_USERNAME: "gncu1",
        ZCOM_PASSWORD: "wrong-pass",
        ZCOM_BASE_URL: server.url,
      }),
    });
    expect(result.code).toBe(2);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(
        /^backup-inventory: zcom: 401 .*requires authentication\. \(check ZCOM_TOKEN or ZCOM_USERNAME/,
      ),
    ]);
    expect(result.stderr).not.toContain("wrong-pass");
  });

  it.each([["list"], ["report"]])(
    "%s: a refused account exits 2 although another was read, and what was read is printed",
    async (command) => {
      server = await startServer((req, res) => {
        if (req.url === "/v2.0/tokens") return reply(res, 401, { error: { code: 401 } }, JSON_TYPE);
        if (req.url.startsWith("/virtual_machines.json"))
          return reply(res, 200, [{ virtual_machine: { id: 1, label: "web" } }], JSON_TYPE);
        if (req.url.startsWith("/virtual_machines/1/backups/images.json"))
          return reply(
            res,
            200,
            [{ backup: { id: 5, built: true, created_at: "2024-01-01T00:00:00Z" } }],
            JSON_TYPE,
          );
        return reply(res, 200, [], JSON_TYPE);
      });
      const env = cleanEnv({
        ...onappEnv(server.url),
        ZCOM_TENANT_ID: "t",
        ZCOM_USERNAME: "gncu1",
        ZCOM_PASSWORD: "wrong-pass",
        ZCOM_BASE_URL: server.url,
      });
      const result = await runCli([command, "--format", "json"], { env });
      expect(result.code).toBe(2);
      expect(lines(result.stderr)).toEqual([
        expect.stringMatching(/^backup-inventory: zcom: 401 .*\(check ZCOM_TOKEN/),
      ]);
      expect(result.stdout).toContain('"vmLabel": "web"');
    },
  );

  it("an account that timed out exits 1, not 2: it may answer next time", async () => {
    server = await startServer((req, res) => {
      if (req.url.startsWith("/v2/")) return; // Z.com never answers
      if (req.url.startsWith("/virtual_machines.json"))
        return reply(res, 200, [{ virtual_machine: { id: 1, label: "web" } }], JSON_TYPE);
      return reply(res, 200, [], JSON_TYPE);
    });
    const env = cleanEnv({
      ...onappEnv(server.url),
      ZCOM_TENANT_ID: "t",
      ZCOM_TOKEN: "tok-0123",
      ZCOM_BASE_URL: server.url,
    });
    // Long enough that the OnApp account answers in time on a loaded machine.
    const result = await runCli(["list", "--timeout", "2s", "--retries", "0"], { env });
    expect(result.code).toBe(1);
    expect(lines(result.stderr)).toEqual([
      expect.stringMatching(/^backup-inventory: zcom: No response from GET .* within 2000 ms/),
    ]);
  });

  it.each([
    [["report", "--max-age", "24"], /--max-age "24" is not valid/],
    [["report", "--max-age", "yesterday"], /--max-age "yesterday" is not valid/],
    [["report", "--max-age", "3y"], /--max-age has an unknown unit "y"/],
    [["list", "--format", "xlsx"], /--format must be table, json or csv/],
    [["list"], /ONAPP_USERNAME and ONAPP_PASSWORD are missing/],
  ])("%j: exit 2 before anything starts", async (args, message) => {
    const env =
      args[0] === "list" && args.length === 1 ? cleanEnv({ ONAPP_BASE_URL: "https://x" }) : cleanEnv();
    const result = await runCli(args, { env });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(lines(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expectCleanErrors(result.stderr);
  });

  it("help goes to stdout with exit 0", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: backup-inventory <command>/);
    expect(result.stdout).toContain("ZCOM_TENANT_ID");
  });
});

// The CLI starts two Prism mocks: seconds when idle, far longer on a loaded 2-core machine, so a
// generous budget rather than the default per-test timeout.
describe("against the embedded Prism mocks (built CLI)", { timeout: 120_000 }, () => {
  it("list: the first line says mocks, and both providers are in the table", async () => {
    const result = await runCli(["list"], { timeoutMs: 100_000 });
    expect(result.code).toBe(0);
    expect(lines(result.stderr)[0]).toBe(MOCK_NOTICE);
    const rows = lines(result.stdout);
    expect(rows[0]).toMatch(
      /^ACCOUNT\s+PROVIDER\s+VM\s+KIND\s+STATUS\s+CREATED \(UTC\)\s+SIZE\s+BACKUP ID\s+RUN ID$/,
    );
    expect(
      rows.some((row) =>
        /^zcom\s+zcom\s+5da9552d-93fa-4b86-8fe5-2968556017f7\s+instance\s+available/.test(row),
      ),
    ).toBe(true);
    expect(
      rows.some((row) =>
        /^onapp\s+onapp\s+web-01 \(488\)\s+incremental\s+built\s+2015-08-14 02:01:12/.test(row),
      ),
    ).toBe(true);
    // The vendor's example of the image listing (6117) is an incremental backup by its own
    // target_type, and the kind follows the backup, not the listing it came from.
    expect(rows.some((row) => /^\s+incremental\s+built\s+2015-08-13 02:00:49.*\b6117\b/.test(row))).toBe(
      true,
    );
    expect(rows.at(-1)).toBe("zcom: 6 backups of 3 VMs; onapp: 4 backups of 2 VMs (embedded mocks)");
  });
});

// One started pair of mocks serves the rest, the CLI configured by the environment as a user's
// would be: Prism starts once, not once per command.
describe("against Prism mocks configured by the environment", { timeout: 120_000 }, () => {
  let mocks: MockServers | undefined;
  let env: Record<string, string>;
  beforeAll(async () => {
    mocks = await startMocks({ ports: { zcom: 0, onapp: 0 } });
    env = cleanEnv({
      ZCOM_TENANT_ID: MOCK_ZCOM_TENANT,
      ZCOM_TOKEN: MOCK_ZCOM_AUTH.token,
      ZCOM_BASE_URL: mocks.zcom.url,
      ONAPP_BASE_URL: mocks.onapp.url,
      ONAPP_USERNAME: MOCK_ONAPP_AUTH.username,
      ONAPP_PASSWORD: MOCK_ONAPP_AUTH.password,
    });
  });
  afterAll(async () => {
    await mocks?.stop();
  });

  it("list --format json --onapp-format xml: the same records, OnApp read as XML", async () => {
    const result = await run(["list", "--format", "json", "--onapp-format", "xml"], env);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe("");
    const records = JSON.parse(result.stdout) as { provider: string; vmId: string; source: unknown }[];
    expect(new Set(records.map((record) => record.provider))).toEqual(new Set(["zcom", "onapp"]));
    expect(records.filter((record) => record.provider === "onapp")).toHaveLength(6);
    expect(records.find((record) => record.provider === "onapp")?.source).toMatchObject({
      id: 6131,
      backup_size: 112640,
    });
  });

  it("report: every mock backup is years old, so exit 1", async () => {
    const result = await run(["report", "--max-age", "24h", "--provider", "onapp"], env, new Date());
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/onapp\s+onapp\s+web-01 \(488\)\s+STALE\s+2015-08-14 02:01:12/);
    expect(result.stdout).toContain("2 of 2 VMs have no usable backup younger than 24h (2 stale).");
  });
});

describe("paging", () => {
  /** An OnApp that pages like the Go SDK expects: 10 machines, 250 image backups each. */
  function pagedOnApp(req: RecordedRequest, res: ServerResponse) {
    const url = new URL(req.url, "http://onapp.test");
    const perPage = Number(url.searchParams.get("per_page") ?? 1000);
    const page = Number(url.searchParams.get("page") ?? 1);
    const slice = <T>(all: T[]) => {
      const headers = {
        ...JSON_TYPE,
        "x-page": String(page),
        "x-limit": String(perPage),
        "x-total": String(all.length),
      };
      return { items: all.slice((page - 1) * perPage, page * perPage), headers };
    };
    if (url.pathname === "/virtual_machines.json") {
      const vms = Array.from({ length: 10 }, (_, i) => ({
        virtual_machine: { id: i + 1, label: `vm-${i + 1}` },
      }));
      const { items, headers } = slice(vms);
      return reply(res, 200, items, headers);
    }
    const match = /^\/virtual_machines\/(\d+)\/backups\/(images|files)\.json$/.exec(url.pathname);
    if (match?.[2] === "files") return reply(res, 404, { errors: ["not found"] }, JSON_TYPE);
    if (match) {
      const vm = Number(match[1]);
      const backups = Array.from({ length: 250 }, (_, i) => ({
        backup: { id: vm * 1000 + i, built: true, built_at: "2015-08-14T00:00:00Z", backup_type: "normal" },
      }));
      const { items, headers } = slice(backups);
      return reply(res, 200, items, headers);
    }
    return reply(res, 404, { errors: ["not found"] }, JSON_TYPE);
  }

  it("list reads every page: 2,500 backups over 10 VMs, and says how many it read", async () => {
    server = await startServer(pagedOnApp);
    const { code, stdout, stderr } = await run(["list", "--format", "csv"], onappEnv(server.url));
    expectCleanErrors(stderr);
    expect(code).toBe(0);
    const rows = lines(stdout).slice(1);
    expect(rows).toHaveLength(2500);
    expect(new Set(rows.map((row) => row.split(",").slice(0, 5).join(","))).size).toBe(2500);
    // Each machine's 250 backups took 3 pages of 100.
    const pages = server.requests.filter((r) => r.url.includes("/backups/images.json"));
    expect(pages).toHaveLength(30);
    const table = await run(["list"], onappEnv(server.url));
    expect(table.stdout).toMatch(/2500 backups of 10 VMs|2,500 backups of 10 VMs/);
  });
});

/** `serve` run in-process on a free port, with captured output; `stop()` ends it and gives the exit code. */
async function startServe(argv: string[], env: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const stop = new AbortController();
  const exited = main(["serve", "--port", "0", ...argv], {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    stopSignal: stop.signal,
  });
  await expect.poll(() => stdout, { timeout: 10_000 }).toMatch(/ at http:\/\/\S+\/ /);
  const url = / at (http:\/\/\S+)\/ /.exec(stdout)?.[1] as string;
  return {
    url,
    stderr: () => stderr,
    stop: async () => {
      stop.abort(new Error("stopped by the test"));
      return await exited;
    },
  };
}

describe("serve", () => {
  it("strips escape sequences from server text in its own stderr lines, as the other commands do", async () => {
    server = await startServer((_req, res) =>
      reply(
        res,
        500,
        { errors: ["boom \u001b]0;PWNED\u0007\u001b[2J\u001b[31mRED\u009b31m \u202eevil"] },
        JSON_TYPE,
      ),
    );
    const serving = await startServe(["--retries", "0"], onappEnv(server.url));
    try {
      await expect.poll(serving.stderr, { timeout: 10_000 }).toContain("boom");
    } finally {
      expect(await serving.stop()).toBe(0);
    }
    expect(serving.stderr()).toContain("RED");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
    expect(serving.stderr()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
  });
});

describe("durations out of range (in-process)", () => {
  it.each([
    [["serve", "--port", "0", "--refresh", "25d"], /^--refresh must be at most 2147483647 ms .*, got "25d"$/],
    [["list", "--timeout", "25d"], /^--timeout must be at most 2147483647 ms .*, got "25d"$/],
    [
      ["list", "--timeout", "0.0004s"],
      /^--timeout must be longer than zero \(at least 1 ms\), got "0\.0004s"$/,
    ],
    [
      ["report", "--max-age", "0.0004s"],
      /^--max-age must be longer than zero \(at least 1 ms\), got "0\.0004s"$/,
    ],
  ])("%j: exit 2 and one line naming the flag, before anything starts", async (argv, message) => {
    server = await startServer((_req, res) => reply(res, 200, [], JSON_TYPE));
    let stdout = "";
    let stderr = "";
    // For serve, already stopped: a `serve` that did start would end at once (exit 130), not run on.
    const stopped = new AbortController();
    if (argv[0] === "serve") stopped.abort(new Error("stopped by the test"));
    const code = await main(argv, {
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: false },
      env: onappEnv(server.url),
      stopSignal: stopped.signal,
    });
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(lines(stderr)).toHaveLength(1);
    expect(stderr.replace(/^backup-inventory: /, "").trimEnd()).toMatch(message);
    // Refused before any call: the panel was never asked.
    expect(server.requests).toEqual([]);
  });
});

describe("a machine the panel's list names twice", () => {
  /** Pages of two machines that shift between calls: page 1 = VMs 1, 2; page 2 = VMs 2, 3. */
  function shiftingPages(req: RecordedRequest, res: ServerResponse) {
    const url = new URL(req.url, "http://onapp.test");
    const vm = (id: number) => ({ virtual_machine: { id, identifier: `vm${id}`, label: `vm-${id}` } });
    if (url.pathname === "/virtual_machines.json") {
      const pages: Record<string, number[]> = { "1": [1, 2], "2": [2, 3] };
      const ids = pages[url.searchParams.get("page") ?? "1"] ?? [];
      return reply(res, 200, ids.map(vm), { ...JSON_TYPE, "x-limit": "2" });
    }
    const match = /^\/virtual_machines\/(\d+)\/backups\/images\.json$/.exec(url.pathname);
    if (match) {
      const id = Number(match[1]);
      return reply(
        res,
        200,
        [{ backup: { id: id * 100, built: true, built_at: "2015-08-14T00:00:00Z" } }],
        JSON_TYPE,
      );
    }
    return reply(res, 404, { errors: ["not found"] }, JSON_TYPE);
  }

  it("is read and counted once: 3 VMs, each backup once, in the totals, the JSON report and /metrics", async () => {
    server = await startServer(shiftingPages);
    const table = await run(["list"], onappEnv(server.url));
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^onapp: 3 backups of 3 VMs; /m);
    expect(
      server.requests.filter((r) => r.url.startsWith("/virtual_machines/2/backups/images")),
    ).toHaveLength(1);

    const json = await run(["report", "--format", "json", "--max-age", "7d"], onappEnv(server.url));
    const report = JSON.parse(json.stdout) as {
      counts: { vms: number; backups: number };
      accounts: { vms: number }[];
      vms: { vmId: string; backups: unknown[] }[];
    };
    expect(report.counts).toMatchObject({ vms: 3, backups: 3 });
    expect(report.accounts.map((account) => account.vms)).toEqual([3]);
    expect(report.vms.map((vm) => [vm.vmId, vm.backups.length])).toEqual([
      ["1", 1],
      ["2", 1],
      ["3", 1],
    ]);

    const serving = await startServe(["--max-age", "7d"], onappEnv(server.url));
    let metrics = "";
    try {
      await expect
        .poll(
          async () =>
            ((await (await fetch(`${serving.url}/api/report`)).json()) as { pending: string[] }).pending,
        )
        .toEqual([]);
      metrics = await (await fetch(`${serving.url}/metrics`)).text();
    } finally {
      await serving.stop();
    }
    const backups = metrics.split("\n").filter((line) => line.startsWith("backup_inventory_backups{"));
    expect(backups.map((line) => line.replace(/^.*vm_id="(\d+)".*\} /, "$1:"))).toEqual([
      "1:1",
      "2:1",
      "3:1",
    ]);
  });
});

describe("a Z.com answer with malformed parts", () => {
  const run1 = (id: string) => ({
    status: "available",
    created_at: "2015-08-14T00:00:00Z",
    backuprun_id: id,
    type: "instance",
  });
  /** One tenant: a good subscription, one with a bad run among good ones, and one of each other mistake. */
  const tenant = {
    backup: [
      { instance_id: "vm1", id: "s1", backupruns: [run1("r1a"), null, run1("r1b")] },
      { id: "s2", backupruns: [run1("r2")] },
      { instance_id: "vm3", backupruns: [run1("r3")] },
      { instance_id: "vm4", id: "s4", backupruns: { status: "available" } },
      { instance_id: "vm5", id: "s5", backupruns: [run1("r5")] },
    ],
  };
  const zcomEnv = (url: string) => cleanEnv({ ZCOM_TENANT_ID: "t", ZCOM_TOKEN: "tok", ZCOM_BASE_URL: url });

  it("keeps the good parts, and names each bad one's field and the account, never printing a missing id", async () => {
    server = await startServer((req, res) =>
      req.url.startsWith("/v2/t/backup")
        ? reply(res, 200, tenant, JSON_TYPE)
        : reply(res, 404, {}, JSON_TYPE),
    );
    const result = await run(["list", "--format", "csv"], zcomEnv(server.url));
    expect(result.code).toBe(1);
    // account, vm_id, backup_id and run_id of each row.
    const rows = lines(result.stdout).map((row) => row.split(","));
    expect(rows.slice(1).map((cells) => [cells[0], cells[2], cells[4], cells[5]].join(" "))).toEqual([
      "zcom vm1 s1 r1a",
      "zcom vm1 s1 r1b",
      "zcom vm5 s5 r5",
    ]);
    const errors = lines(result.stderr);
    expect(errors).toHaveLength(4);
    expectCleanErrors(result.stderr);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^backup-inventory: zcom VM vm1: .*backupruns\[1\]/),
        expect.stringMatching(/^backup-inventory: zcom: .*backup\[1\].*instance_id/),
        expect.stringMatching(/^backup-inventory: zcom VM vm3: .*\bid\b/),
        expect.stringMatching(/^backup-inventory: zcom VM vm4: .*backupruns/),
      ]),
    );
    const table = await run(["list"], zcomEnv(server.url));
    expect(table.stdout + table.stderr).not.toMatch(/undefined|null|\[object/);
  });
});

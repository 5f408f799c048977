/**
 * `pnpm mock` (dist/cli.js): both mocks until SIGINT, ports from flags or environment, and the
 * vendor docs' own curl requests answered with the host swapped: 200, the seed bodies, and
 * bodies the clients accept with `validate: true`.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { type AddressInfo, createServer } from "node:net";
import { createOnAppClient } from "@backupkit/onapp";
import { closedPort } from "@backupkit/testkit";
import { createZcomClient } from "@backupkit/zcom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  fixture,
  HAS_PROC,
  mockProcessesOf,
  PACKAGE_DIR,
  processesWithEnv,
  requireDist,
  TENANT,
  TOKEN,
} from "./helpers.js";

interface Cli {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function runCli(args: string[], env: Record<string, string> = {}): Cli {
  requireDist();
  const child = spawn(process.execPath, ["dist/cli.js", ...args], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, ZCOM_MOCK_PORT: "", ONAPP_MOCK_PORT: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

describe("pnpm mock", () => {
  let cli: Cli;
  let zcomUrl: string;
  let onappUrl: string;
  let zcomPort: number;
  let onappPort: number;

  beforeAll(async () => {
    [zcomPort, onappPort] = [await closedPort(), await closedPort()];
    // The zcom port comes from the environment; for OnApp the flag wins over the environment.
    cli = runCli(["--onapp-port", String(onappPort)], {
      ZCOM_MOCK_PORT: String(zcomPort),
      ONAPP_MOCK_PORT: "1",
    });
    await Promise.race([
      eventually(() => cli.output().includes("Press Ctrl-C to stop."), 45_000, "the mocks are up"),
      cli.exited.then((code) => {
        throw new Error(`pnpm mock exited (${code}):\n${cli.output()}`);
      }),
    ]);
    zcomUrl = /Z\.com\s+(http:\/\/\S+)/.exec(cli.output())?.[1] ?? "";
    onappUrl = /OnApp\s+(http:\/\/\S+)/.exec(cli.output())?.[1] ?? "";
  });
  afterAll(async () => {
    if (cli.child.exitCode === null) cli.child.kill("SIGKILL");
  });

  it("prints both URLs, on the requested ports, each with a curl example", () => {
    expect(zcomUrl).toBe(`http://127.0.0.1:${zcomPort}`);
    expect(onappUrl).toBe(`http://127.0.0.1:${onappPort}`);
    expect(cli.output()).toContain(`curl -H 'X-Auth-Token: t' ${zcomUrl}/v2/${TENANT}/backup`);
    expect(cli.output()).toContain(
      `curl -u user:userpass -H 'Accept: application/xml' ${onappUrl}/virtual_machines/1/backups/images.xml`,
    );
  });

  it("answers the issue's two curl commands with 200 and the seed bodies", async () => {
    const zcom = await fetch(`${zcomUrl}/v2/${TENANT}/backup`, { headers: { "X-Auth-Token": "t" } });
    expect(zcom.status).toBe(200);
    expect(await zcom.json()).toEqual(JSON.parse(fixture("zcom", "list-backups.seed.json")));
    const onapp = await fetch(`${onappUrl}/virtual_machines/1/backups/images.xml`, {
      headers: {
        Authorization: `Basic ${Buffer.from("user:userpass").toString("base64")}`,
        Accept: "application/xml",
      },
    });
    expect(onapp.status).toBe(200);
    expect(await onapp.text()).toBe(fixture("onapp", "backup-images.seed.xml"));
  });

  it("answers the seeds' own curl commands (host swapped) with 200 and the seed bodies", async () => {
    // curl -i -X GET -H "Accept: application/json" -H "X-Auth-Token: 3594…" https://compute.tyo1.cloud.z.com/v2/1864…/backup
    const zcom = await fetch(`${zcomUrl}/v2/${TENANT}/backup`, {
      headers: { Accept: "application/json", "X-Auth-Token": TOKEN },
    });
    expect(zcom.status).toBe(200);
    expect(await zcom.json()).toEqual(JSON.parse(fixture("zcom", "list-backups.seed.json")));
    // curl -i -X GET -H 'Accept: application/<f>' -H 'Content-type: application/<f>' -u user:userpass
    //   --url <api_url>/virtual_machines/:virtual_machine_id/backups/images.<f>
    const basic = `Basic ${Buffer.from("user:userpass").toString("base64")}`;
    for (const format of ["json", "xml"]) {
      const response = await fetch(`${onappUrl}/virtual_machines/1/backups/images.${format}`, {
        headers: {
          Accept: `application/${format}`,
          "Content-type": `application/${format}`,
          Authorization: basic,
        },
      });
      expect(response.status).toBe(200);
      const seed = fixture("onapp", `backup-images.seed.${format}`);
      if (format === "json") expect(await response.json()).toEqual(JSON.parse(seed));
      else expect(await response.text()).toBe(seed);
    }
  });

  it("serves bodies that validate against the specs (the clients with validate: true)", async () => {
    const zcom = createZcomClient({
      tenantId: TENANT,
      baseUrl: zcomUrl,
      auth: { token: "t" },
      validate: true,
    });
    expect(await zcom.listBackups()).toHaveLength(3);
    for (const format of ["json", "xml"] as const) {
      const onapp = createOnAppClient({
        baseUrl: onappUrl,
        auth: { username: "user", password: "userpass" },
        format,
        validate: true,
      });
      expect(await onapp.listBackupImages(1)).toHaveLength(1);
    }
  });

  it("stops both mocks on Ctrl-C (SIGINT), exits 0 and leaves no process behind", async () => {
    const pid = cli.child.pid as number;
    if (HAS_PROC) expect(mockProcessesOf(pid)).toHaveLength(4); // two watchdogs, two Prisms
    cli.child.kill("SIGINT");
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Stopping the mocks");
    if (HAS_PROC) await eventually(() => mockProcessesOf(pid).length === 0, 5000, "no mock process is left");
    await expect(fetch(zcomUrl)).rejects.toThrow();
  });
});

describe.runIf(HAS_PROC)("pnpm mock run by a package manager", () => {
  it("stops when the launching script process is killed (pnpm does not pass SIGTERM on)", async () => {
    requireDist();
    // A stand-in for the shell pnpm starts for a script: npm_lifecycle_event marks it as one.
    const launcher = spawn("sh", ["-c", "node dist/cli.js --zcom-port 0 --onapp-port 0; true"], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, npm_lifecycle_event: "mock" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    launcher.stdout?.on("data", (chunk) => {
      output += chunk;
    });
    launcher.stderr?.on("data", (chunk) => {
      output += chunk;
    });
    await eventually(() => output.includes("Press Ctrl-C"), 45_000, "the mocks are up");
    const cli = processesWithEnv("npm_lifecycle_event", "mock").find(
      (p) => p.pid !== launcher.pid && p.cmdline.includes("dist/cli.js"),
    );
    expect(cli).toBeDefined();
    const pid = cli?.pid as number;
    expect(mockProcessesOf(pid)).toHaveLength(4);
    launcher.kill("SIGKILL");
    await eventually(
      () =>
        mockProcessesOf(pid).length === 0 &&
        !processesWithEnv("npm_lifecycle_event", "mock").some((p) => p.pid === pid),
      5000,
      "the CLI and its mocks have stopped",
    );
  });
});

describe("pnpm mock's arguments", () => {
  it("--help prints the usage and exits 0", async () => {
    const cli = runCli(["--help"]);
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toContain("Usage: pnpm mock [options]");
    expect(cli.output()).toContain("ZCOM_MOCK_PORT");
  });

  it("refuses a port that is not a number, and an unknown flag, with exit code 2", async () => {
    const bad = runCli(["--zcom-port", "abc"]);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain("--zcom-port / ZCOM_MOCK_PORT must be a port number");
    const unknown = runCli(["--verbose"]);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toContain("Unknown option '--verbose'");
  });

  // The CLI starts Prism for the port that is free (slow on a loaded 2-core machine) before it
  // finds the other one taken, so this test gets a generous budget.
  it("exits 1 with a clear message when a port is taken", { timeout: 120_000 }, async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, "127.0.0.1", resolve));
    const taken = String((holder.address() as AddressInfo).port);
    try {
      const cli = runCli(["--zcom-port", "0", "--onapp-port", taken]);
      expect(await cli.exited).toBe(1);
      expect(cli.output()).toContain(`port ${taken} on 127.0.0.1 is already in use`);
      // One line, not Prism's usage text and stack trace.
      expect(cli.output()).not.toContain("EADDRINUSE");
      if (HAS_PROC) expect(mockProcessesOf(cli.child.pid as number)).toEqual([]);
    } finally {
      holder.close();
    }
  });
});

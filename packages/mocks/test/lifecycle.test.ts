/**
 * startMock's promises about processes: it resolves only once Prism answers, picks free ports,
 * explains failures with Prism's own output, and never leaves a Prism process behind: not
 * after stop(), not after a failed start, not when the parent exits or is SIGKILLed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { startServer } from "@backupkit/testkit";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type MockServer, MockStartError, specPath, startMock, startMocks } from "../src/index.js";
import { eventually, HAS_PROC, mockProcessesOf, PACKAGE_DIR, requireDist, TENANT } from "./helpers.js";

const started: MockServer[] = [];
const children: ChildProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((mock) => mock.stop()));
});
afterAll(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
});

async function track(mock: Promise<MockServer>): Promise<MockServer> {
  const server = await mock;
  started.push(server);
  return server;
}

/** The Prism processes (not their watchdogs) started by `owner`. */
const prismOf = (owner: number) =>
  mockProcessesOf(owner).filter((p) => p.cmdline.includes("prism-cli") && !p.cmdline.includes("watchdog.js"));

describe("startMock", () => {
  // One start of both APIs serves both checks: each Prism start costs seconds of CPU.
  it("startMocks starts both APIs on free ports, each resolving only once Prism answers; a mock's stop() (even repeated) leaves nothing of it", async () => {
    const mocks = await startMocks({ ports: { zcom: 0, onapp: 0 } });
    try {
      expect(mocks.zcom.api).toBe("zcom");
      expect(mocks.onapp.api).toBe("onapp");
      for (const mock of [mocks.zcom, mocks.onapp]) {
        expect(mock.url).toBe(`http://127.0.0.1:${mock.port}`);
        expect(mock.port).toBeGreaterThan(0);
      }
      expect(mocks.zcom.port).not.toBe(mocks.onapp.port);
      const response = await fetch(`${mocks.zcom.url}/v2/${TENANT}/backup`, {
        headers: { "x-auth-token": "t" },
      });
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      const images = await fetch(`${mocks.onapp.url}/virtual_machines/1/backups/images.xml`, {
        headers: {
          authorization: `Basic ${Buffer.from("user:userpass").toString("base64")}`,
          accept: "application/xml",
        },
      });
      expect(images.headers.get("content-type")).toContain("application/xml");
      await images.arrayBuffer();
      if (HAS_PROC) {
        const zcomPrism = prismOf(process.pid).filter((p) => p.cmdline.includes(specPath("zcom")));
        expect(zcomPrism.map((p) => p.cmdline)).toEqual([
          expect.stringContaining(`mock ${specPath("zcom")} -h 127.0.0.1 -p ${mocks.zcom.port}`),
        ]);
        expect(mockProcessesOf(process.pid)).toHaveLength(4); // a watchdog and Prism per API
      }
      // Twice at once, and once more afterwards: all the same stop. The other mock keeps running.
      await Promise.all([mocks.zcom.stop(), mocks.zcom.stop()]);
      await mocks.zcom.stop();
      if (HAS_PROC) {
        expect(mockProcessesOf(process.pid)).toHaveLength(2);
        expect(prismOf(process.pid).filter((p) => p.cmdline.includes(specPath("zcom")))).toEqual([]);
      }
      // Without /proc, the freed port is the only sign the mock is gone. With it, the process
      // check above says so for certain, and the port is not asked: other suites start Prism
      // instances at the same time, and one may already have been given the freed port.
      else await expect(fetch(mocks.zcom.url)).rejects.toThrow();
      const still = await fetch(`${mocks.onapp.url}/virtual_machines/1/backups/images.xml`, {
        headers: { authorization: `Basic ${Buffer.from("user:userpass").toString("base64")}` },
      });
      await still.arrayBuffer();
    } finally {
      await mocks.stop();
    }
    if (HAS_PROC) expect(mockProcessesOf(process.pid)).toEqual([]);
  });

  it("fails on a taken port with a MockStartError that says so, and leaves nothing behind", async () => {
    const squatter = await startServer();
    try {
      const port = Number(new URL(squatter.url).port);
      const error = await startMock("onapp", { port }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(MockStartError);
      expect((error as MockStartError).addressInUse).toBe(true);
      expect((error as MockStartError).message).toBe(
        `onapp mock: port ${port} on 127.0.0.1 is already in use`,
      );
      expect((error as MockStartError).output.join("\n")).toContain("EADDRINUSE");
    } finally {
      await squatter.close();
    }
    if (HAS_PROC) expect(mockProcessesOf(process.pid)).toEqual([]);
  });

  it("fails a start that takes too long, quoting Prism's output, and leaves nothing behind", async () => {
    const error = await startMock("zcom", { port: 0, startTimeoutMs: 1 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MockStartError);
    expect((error as Error).message).toMatch(/zcom mock: Prism did not start listening within 1 ms/);
    if (HAS_PROC) expect(mockProcessesOf(process.pid)).toEqual([]);
  });

  it("rejects an unknown API and a bad port before starting anything", async () => {
    await expect(startMock("nope" as "zcom")).rejects.toThrow(/api must be one of "zcom", "onapp"/);
    await expect(startMock("zcom", { port: 70_000 })).rejects.toThrow(
      /port must be an integer from 0 to 65535/,
    );
    await expect(startMock("zcom", { port: 1.5 })).rejects.toThrow(TypeError);
  });

  it("with a seed, dynamic mode answers an operation with the same random body every time", async () => {
    const mock = await track(startMock("zcom", { port: 0, dynamic: true, seed: "42" }));
    const body = async () =>
      (await fetch(`${mock.url}/v2/${TENANT}/backup`, { headers: { "x-auth-token": "t" } })).text();
    const first = await body();
    expect(await body()).toBe(first);
    expect(first).not.toContain("9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17"); // not the example
  });

  it.runIf(HAS_PROC)("tells onExit when Prism dies on its own", async () => {
    const exits: { code: number | null; output: string[] }[] = [];
    const mock = await track(startMock("zcom", { port: 0, onExit: (info) => exits.push(info) }));
    const [prism] = prismOf(process.pid);
    process.kill(prism?.pid as number, "SIGKILL");
    await eventually(() => exits.length === 1, 5000, "onExit is called");
    expect(exits[0]?.output.join("\n")).toContain("Prism is listening");
    await mock.stop(); // still fine afterwards
    expect(mockProcessesOf(process.pid)).toEqual([]);
  });
});

/** Runs a plain-Node script (no TS loader) that imports the built package, and reads its first line. */
async function nodeChild(code: string): Promise<{ child: ChildProcess; firstLine: string }> {
  requireDist();
  const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
    cwd: PACKAGE_DIR,
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const firstLine = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before printing: ${stderr}`)));
  });
  return { child, firstLine };
}

const START_AND_WAIT = `
import { startMock } from "@backupkit/mocks";
const mock = await startMock("zcom", { port: 0 });
console.log(mock.url);
process.stdin.once("data", () => process.exit(0));
`;

// Each child is its own owner, so these two can run side by side.
describe.runIf(HAS_PROC).concurrent("no Prism outlives the process that started it", () => {
  it("the parent is SIGKILLed (no handler can run): Prism is gone within a few seconds", async ({
    expect,
  }) => {
    const { child, firstLine } = await nodeChild(START_AND_WAIT);
    expect(firstLine).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const pid = child.pid as number;
    expect(prismOf(pid)).toHaveLength(1);
    child.kill("SIGKILL");
    await eventually(() => mockProcessesOf(pid).length === 0, 5000, "the watchdog and Prism have exited");
    await expect(fetch(firstLine)).rejects.toThrow();
  });

  it("the parent calls process.exit() without stop(): Prism is gone", async ({ expect }) => {
    const { child, firstLine } = await nodeChild(START_AND_WAIT);
    const pid = child.pid as number;
    expect(prismOf(pid)).toHaveLength(1);
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.stdin?.write("exit\n");
    await exited;
    await eventually(() => mockProcessesOf(pid).length === 0, 5000, "the watchdog and Prism have exited");
    await expect(fetch(firstLine)).rejects.toThrow();
  });
});

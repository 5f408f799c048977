/**
 * What reaches the terminal: server text cannot drive it, and output that cannot be written
 * (a full disk, a closed pipe) ends in one line and exit 2.
 */
import { spawn } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../src/cli.js";
import { forTerminal, stripControl } from "../src/terminal.js";
import { APP_ROOT, CLI, cleanEnv, lines } from "./helpers.js";

const ESCAPES = "\u001b[2J\u001b]0;owned\u0007\u009b31m\u202e\r\u0000";
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const ANY_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;

describe("stripControl and forTerminal", () => {
  it("replace what a terminal acts on and keep tabs, newlines and CSV row ends", () => {
    expect(stripControl(`a${ESCAPES}b\tc\nd\r\n`)).toBe(
      "a\uFFFD[2J\uFFFD]0;owned\uFFFD\uFFFD31m\uFFFD\uFFFD\uFFFDb\tc\nd\r\n",
    );
    // Never joined: two halves a control character split stay apart.
    expect(stripControl("half\u0001other")).toBe("half\uFFFDother");
  });

  it("keep JSON parseable and every value intact", () => {
    const value = { label: `vm${ESCAPES}1`, note: "é ✓" };
    const out = forTerminal(JSON.stringify(value), "json");
    expect(out).not.toMatch(ANY_CONTROL);
    expect(JSON.parse(out)).toEqual(value);
  });
});

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("server text on the terminal", () => {
  it("VM labels and error messages with escape sequences arrive stripped, in every format", async () => {
    server = await startServer((req, res) => {
      const path = req.url.split("?")[0];
      if (path === "/virtual_machines.json") {
        return reply(
          res,
          200,
          [1, 2].map((id) => ({ virtual_machine: { id, label: `vm${ESCAPES}${id}` } })),
        );
      }
      if (path === "/virtual_machines/2/backups/images.json") {
        return reply(res, 500, { errors: [`disk ${ESCAPES} gone`] });
      }
      return reply(res, 200, [
        { backup: { id: 7, built: true, note: `n${ESCAPES}`, built_at: "2015-08-14T06:00:00Z" } },
      ]);
    });
    const env = cleanEnv({
      ONAPP_BASE_URL: server.url,
      ONAPP_USERNAME: "me@example.com",
      ONAPP_PASSWORD: "api-key",
    });
    for (const format of ["table", "csv", "json"]) {
      for (const command of ["list", "report"]) {
        let stdout = "";
        let stderr = "";
        await main([command, "--retries", "0", "--format", format], {
          stdout: { write: (text: string) => (stdout += text) },
          stderr: { write: (text: string) => (stderr += text), isTTY: false },
          env,
          now: () => new Date("2015-08-14T12:00:00Z"),
          stopSignal: new AbortController().signal,
        });
        expect(stderr).toContain("gone");
        expect(stderr).not.toMatch(ANY_CONTROL);
        expect(stdout.replace(/\r\n/g, "\n")).not.toMatch(ANY_CONTROL);
        if (format === "json") expect(JSON.stringify(JSON.parse(stdout))).toContain("\\u001b");
      }
    }
  });
});

/** Runs the built CLI with stdout on a given file descriptor or a pipe we close at once. */
function runWithStdout(args: string[], stdout: number | "closed-pipe") {
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: APP_ROOT,
      env: cleanEnv(),
      stdio: ["ignore", stdout === "closed-pipe" ? "pipe" : stdout, "pipe"],
    });
    // Closing our end before the CLI writes makes its write fail with EPIPE.
    if (stdout === "closed-pipe") child.stdout?.destroy();
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the CLI did not exit"));
    }, 30_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("output that cannot be written (built CLI)", () => {
  it.skipIf(!existsSync("/dev/full"))("> /dev/full: exit 2 and one line", async () => {
    const full = openSync("/dev/full", "w");
    try {
      const { code, stderr } = await runWithStdout(["help"], full);
      expect(code).toBe(2);
      expect(lines(stderr)).toEqual([
        "backup-inventory: cannot write the output: no space left on the device (ENOSPC)",
      ]);
    } finally {
      closeSync(full);
    }
  });

  it("a pipe closed by the reader: exit 2 and one line", async () => {
    const { code, stderr } = await runWithStdout(["help"], "closed-pipe");
    expect(code).toBe(2);
    expect(lines(stderr)).toEqual([
      "backup-inventory: cannot write the output: the reading end of the pipe was closed (EPIPE)",
    ]);
  });
});

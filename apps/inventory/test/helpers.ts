/** Shared by the tests: fixtures, a clean environment, and the built CLI as a child process. */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const APP_ROOT = fileURLToPath(new URL("..", import.meta.url));
export const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));

/** A file of specs/<api>/fixtures. */
export function fixture(api: "zcom" | "onapp", name: string): string {
  return readFileSync(new URL(`../../../specs/${api}/fixtures/${name}`, import.meta.url), "utf8");
}

/** The process environment without any provider setting, so a developer's own never leaks in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(ZCOM|ONAPP)_/.test(key)) env[key] = value;
  }
  return { ...env, ...extra };
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args`; kills it (and fails) after `timeoutMs`. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<CliResult> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: APP_ROOT,
      env: options.env ?? cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => {
      child.kill("SIGINT");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
      reject(new Error(`backup-inventory ${args.join(" ")} took more than ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Lines of text, without the empty one after the last newline. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).filter((line, index, all) => line !== "" || index < all.length - 1);
}

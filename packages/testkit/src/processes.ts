/**
 * Processes as /proc shows them, for suites that start child processes (Prism, its watchdog)
 * and must prove they leave none behind.
 */
import { randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** A process on this machine as /proc sees it. */
export interface ProcessInfo {
  pid: number;
  cmdline: string;
  env: Map<string, string>;
}

export const HAS_PROC = existsSync("/proc/self/environ");

/** Every live process whose environment has `name=value` (ours only: /proc hides others' environments). */
export function processesWithEnv(name: string, value: string): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = new Map<string, string>();
      for (const pair of readFileSync(`/proc/${entry}/environ`, "utf8").split("\0")) {
        const at = pair.indexOf("=");
        if (at > 0) env.set(pair.slice(0, at), pair.slice(at + 1));
      }
      if (env.get(name) !== value) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (/^\d+ \(.*\) Z /.test(stat)) continue; // a zombie has exited; only its entry is left
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), cmdline, env });
    } catch {
      // Gone in the meantime, or not ours.
    }
  }
  return found;
}

/**
 * A Vitest global setup that marks every process of the run with a run id in the environment
 * (`runEnv`), and fails the run if a process whose command line matches `leftover` is still
 * alive at the end: the suite's own proof that it leaves nothing behind.
 */
export function strayProcessCheck(runEnv: string, leftover: RegExp) {
  return {
    setup(): void {
      process.env[runEnv] = randomUUID();
    },
    async teardown(): Promise<void> {
      const run = process.env[runEnv];
      if (!HAS_PROC || !run) return;
      const strays = () =>
        processesWithEnv(runEnv, run).filter((p) => p.pid !== process.pid && leftover.test(p.cmdline));
      // A stop() that resolved has waited for its processes; allow a moment for anything exiting anyway.
      const deadline = Date.now() + 3000;
      while (strays().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const left = strays();
      for (const p of left) {
        try {
          process.kill(p.pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      if (left.length > 0) {
        // Vitest reports an error thrown here but still exits 0; the exit code must say it too.
        process.exitCode = 1;
        throw new Error(
          `the test run left ${left.length} process(es) behind (now killed):\n${left
            .map((p) => `  ${p.pid} ${p.cmdline}`)
            .join("\n")}`,
        );
      }
    },
  };
}

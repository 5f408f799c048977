/**
 * Marks every process of this test run (workers, watchdogs, Prism) with a run id in the
 * environment, and fails the run if any watchdog or Prism is still alive at the end: the
 * suite's own proof that it leaves nothing behind.
 */
import { randomUUID } from "node:crypto";
import { HAS_PROC, processesWithEnv, RUN_ENV } from "./helpers.js";

const PRISM_OR_WATCHDOG = /prism-cli|watchdog\.js/;

export function setup(): void {
  process.env[RUN_ENV] = randomUUID();
}

export async function teardown(): Promise<void> {
  const run = process.env[RUN_ENV];
  if (!HAS_PROC || !run) return;
  const strays = () =>
    processesWithEnv(RUN_ENV, run).filter((p) => p.pid !== process.pid && PRISM_OR_WATCHDOG.test(p.cmdline));
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
      `the test run left ${left.length} Prism/watchdog process(es) behind (now killed):\n${left
        .map((p) => `  ${p.pid} ${p.cmdline}`)
        .join("\n")}`,
    );
  }
}

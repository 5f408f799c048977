/**
 * The fleet benchmark (scripts/bench-fleet.mjs) is not a test, but it must still run: once, with
 * a tiny fleet, so that a change to the app's modules or build cannot break it unnoticed.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("../scripts/bench-fleet.mjs", import.meta.url));

it("runs the fleet benchmark to its end on a tiny fleet", { timeout: 120_000 }, async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [SCRIPT, "--accounts", "5", "--vms", "3", "--refreshes", "2", "--latency", "1"],
    { timeout: 110_000 },
  );
  expect(stdout).toMatch(/^5 accounts \(1 OnApp, 4 Z\.com\) x 3 VMs/m);
  expect(stdout).toMatch(/^round {3}2: .* unreadable: /m);
  expect(stdout).toMatch(/^heapUsed +[\d.]+ MiB +[\d.]+ MiB +[\d.]+x$/m);
});

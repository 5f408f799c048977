#!/usr/bin/env node
// `pnpm test`: every check of the code, in the order that keeps two busy cores busy.
//
//   1. system packages (Chromium, Prometheus) and Biome, before anything else starts;
//   2. every build, so that no check waits behind another's build;
//   3. the checks, with turbo's three slots for everything but the fault corpus, which runs
//      beside them from the start: it mostly waits on its hostile server's timers (a 20 s stall
//      among them), so in a slot it would hold one for a minute while using a core for a third
//      of that, and turbo cannot be told to start it first;
//   4. the drift of generated files and the spec breaking-change check, once, after the build.
//
// Each step's output is shown as it comes; the first failing step ends the run with its code.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = fileURLToPath(new URL("./run.mjs", import.meta.url));
const FAULTS = "@backupkit/faults";

/** Runs a command (through scripts/run.mjs, so every tool's telemetry is off); resolves to its exit code. */
function start(command, args) {
  const child = spawn(process.execPath, [run, command, ...args], { cwd: root, stdio: "inherit" });
  return new Promise((resolve) => {
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function step(command, ...args) {
  const code = await start(command, args);
  if (code !== 0) process.exit(code);
}

await step("node", "scripts/system-packages.mjs", "chromium", "prometheus");
await step("biome", "check", ".");
await step("turbo", "run", "build", "docs:build", "--concurrency=3");
const codes = await Promise.all([
  start("turbo", ["run", "lint", "typecheck", "test", "--only", "--concurrency=3", `--filter=!${FAULTS}`]),
  start("turbo", ["run", "test", "--only", `--filter=${FAULTS}`]),
]);
const failed = codes.find((code) => code !== 0);
if (failed !== undefined) process.exit(failed);
await step("node", "scripts/check-drift.mjs");
await step("node", "scripts/check-spec-breaking.mjs");

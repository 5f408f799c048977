#!/usr/bin/env node
// Runs a workspace command with every tool's telemetry and update check switched off,
// so nobody has to remember an environment variable. turbo runs tasks in strict env
// mode, so the same names are also listed in turbo.json's globalPassThroughEnv.
import { spawn } from "node:child_process";

const quiet = {
  TURBO_TELEMETRY_DISABLED: "1",
  TURBO_NO_UPDATE_NOTIFIER: "1",
  DO_NOT_TRACK: "1",
  REDOCLY_TELEMETRY: "off",
  REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  SCARF_ANALYTICS: "false",
};

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/run.mjs <command> [args...]");
  process.exit(2);
}
const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...quiet } });
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => child.kill(signal));
}
child.on("error", (error) => {
  console.error(`could not start ${command}: ${error.message}`);
  process.exit(127);
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

#!/usr/bin/env node
// Fails when generated files differ from what is committed. `pnpm test` regenerates the bundles
// and the clients' src/generated/ first (turbo's generate task), so a spec edited without
// regenerating, or generated code edited by hand, shows up here as a diff.
import { execFileSync } from "node:child_process";

const paths = ["specs/bundled", "packages/zcom/src/generated", "packages/onapp/src/generated"];
let changed;
try {
  changed = execFileSync("git", ["status", "--porcelain", "--", ...paths], { encoding: "utf8" }).trim();
} catch {
  console.log("check-drift: not a git checkout, nothing to compare against");
  process.exit(0);
}
if (changed) {
  console.error(
    `check-drift: generated files differ from the commit (run \`pnpm generate\` and commit them):\n${changed}`,
  );
  process.exit(1);
}
console.log("check-drift: generated files match the specs and the commit");

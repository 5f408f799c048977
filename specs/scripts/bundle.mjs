#!/usr/bin/env node
// Bundles each API registered in redocly.yaml into one self-contained JSON file under
// bundled/, for the tools that need a single document (Prism, openapi-typescript, Ajv).
// Drift between these bundles and the sources is checked once, by scripts/check-drift.mjs.
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const redocly = join(here, "node_modules", ".bin", "redocly");

for (const api of ["zcom", "onapp"]) {
  const out = join(here, "bundled", `${api}.json`);
  const result = spawnSync(redocly, ["bundle", api, "--config", "../redocly.yaml", "-o", out], {
    cwd: here,
    encoding: "utf8",
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stderr);
    console.error(`bundle: redocly could not bundle ${api} (exit ${result.status})`);
    process.exit(1);
  }
  console.log(`bundled ${api} -> specs/bundled/${api}.json`);
}

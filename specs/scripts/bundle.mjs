#!/usr/bin/env node
// Bundles each API registered in redocly.yaml into one self-contained JSON file under
// bundled/, for the tools that need a single document (Prism, openapi-typescript, Ajv).
// With --check it bundles into a temporary folder and fails when the committed bundle differs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const apis = ["zcom", "onapp"];
const check = process.argv.includes("--check");
const outDir = check ? mkdtempSync(join(tmpdir(), "backupkit-bundle-")) : join(here, "bundled");
const redocly = join(here, "node_modules", ".bin", "redocly");

const drifted = [];
try {
  for (const api of apis) {
    const out = join(outDir, `${api}.json`);
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
    if (check && readFileSync(out, "utf8") !== readFileSync(join(here, "bundled", `${api}.json`), "utf8")) {
      drifted.push(api);
    } else if (!check) {
      console.log(`bundled ${api} -> specs/bundled/${api}.json`);
    }
  }
} finally {
  if (check) rmSync(outDir, { recursive: true, force: true });
}
if (drifted.length > 0) {
  console.error(
    `bundle --check: specs/bundled/{${drifted.join(",")}}.json differ from the sources; run \`pnpm generate\` and commit`,
  );
  process.exit(1);
}
if (check) console.log("bundle --check: committed bundles match the sources");

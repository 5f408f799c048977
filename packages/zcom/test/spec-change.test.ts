/**
 * Spec-first means a change in the spec reaches code that uses it: rename a field in the
 * bundled spec, regenerate the types into a scratch package, and code reading the old name
 * stops compiling. The unchanged spec compiles the same code, so the test can fail both ways.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const bundle = JSON.parse(readFileSync(join(root, "specs/bundled/zcom.json"), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "backupkit-spec-change-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const consumer = `import type { components } from "./src/generated/schema.js";
type Run = components["schemas"]["BackupRun"];
export const runId = (run: Run): string => run.backuprun_id;
`;

function compileAgainst(spec: unknown, name: string): { status: number | null; output: string } {
  const dir = join(scratch, name);
  const specFile = join(scratch, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  execFileSync("node", [join(root, "scripts/generate-client.mjs"), "zcom", dir, "--spec", specFile]);
  writeFileSync(join(dir, "consumer.ts"), consumer);
  const tsc = join(root, "packages/zcom/node_modules/.bin/tsc");
  const result = spawnSync(
    tsc,
    [
      "--noEmit",
      "--strict",
      "--module",
      "nodenext",
      "--moduleResolution",
      "nodenext",
      "--skipLibCheck",
      "--types",
      "node",
      join(dir, "consumer.ts"),
    ],
    {
      encoding: "utf8",
      cwd: join(root, "packages/zcom"),
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("a spec change reaches the code that uses it", { timeout: 90_000 }, () => {
  it("compiles against the spec as it is", () => {
    const result = compileAgainst(bundle, "unchanged");
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
  });

  it("fails to compile once the spec renames the field", () => {
    const changed = structuredClone(bundle);
    const run = changed.components.schemas.BackupRun;
    run.properties.run_id = run.properties.backuprun_id;
    delete run.properties.backuprun_id;
    run.required = run.required.map((name: string) => (name === "backuprun_id" ? "run_id" : name));
    const result = compileAgainst(changed, "renamed");
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/consumer\.ts.*Property 'backuprun_id' does not exist/s);
  });
});

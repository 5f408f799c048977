/**
 * The API report check (`api` task, run by `pnpm release:check`) fails when a public signature moves
 * and etc/zcom.api.md was not updated, and says which command updates it. It runs on a scratch
 * copy of the built package and its committed report, with one declaration changed. That the
 * committed report matches the real package is the `api` task's own check, run for every package;
 * a stale committed report would make this check fail too, so the test cannot pass by accident.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
const script = fileURLToPath(new URL("../../../scripts/api-report.mjs", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "backupkit-api-report-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

cpSync(join(packageDir, "dist"), join(scratch, "dist"), { recursive: true });
cpSync(join(packageDir, "package.json"), join(scratch, "package.json"));
cpSync(join(packageDir, "etc"), join(scratch, "etc"), { recursive: true });
// The declarations import @backupkit/core, openapi-fetch and node's types: resolve them as the package does.
symlinkSync(join(packageDir, "node_modules"), join(scratch, "node_modules"), "dir");

function apiCheck(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: scratch, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// The check runs API Extractor (a full TypeScript program over the declarations, a few seconds
// on an idle machine and much more on a busy one), hence the generous budget.
describe("the API report check", { timeout: 120_000 }, () => {
  it("fails, naming the update command, when a method's signature changed without the report", () => {
    const file = join(scratch, "dist", "client.d.ts");
    const declarations = readFileSync(file, "utf8");
    const changed = declarations.replace("listBackups(", "listBackups(region: string, ");
    expect(changed).not.toBe(declarations);
    writeFileSync(file, changed);

    const check = apiCheck();
    expect(check.status).toBe(1);
    expect(check.output).toContain("public API of @backupkit/zcom changed");
    expect(check.output).toContain("`pnpm api:update`");
    expect(check.output).toMatch(/^\+\s+listBackups\(region: string, /m);

    // The command it names writes the new signature into the report.
    const update = apiCheck("--update");
    expect(update.output).toContain("updated etc/zcom.api.md");
    expect(update.status).toBe(0);
    expect(readFileSync(join(scratch, "etc", "zcom.api.md"), "utf8")).toMatch(
      /listBackups\(region: string, /,
    );
  });
});

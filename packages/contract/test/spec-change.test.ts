/**
 * Spec-first means a change in the spec breaks the client's own source, not only its tests:
 * rename a response envelope key and a backup field in a copy of the bundled spec, regenerate
 * into a scratch copy of the client package, and the package's `tsc` must fail in a hand-written
 * file under `src/` (not in `src/generated/`), and every error must be about a renamed name, so a
 * scratch copy that is broken some other way (a module that does not resolve, say) cannot pass.
 * That the unchanged spec compiles is the root `typecheck` task, on the same sources,
 * after scripts/check-drift.mjs has shown the generated files are what the spec gives.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { type Doc, loadBundle } from "@backupkit/specs/walk";
import { afterAll, describe, expect, it } from "vitest";
import type { Api } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "backupkit-spec-change-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Renames a property of an object schema, in `properties` and in `required`. */
function renameProperty(schema: Doc, from: string, to: string): void {
  if (!(from in (schema.properties ?? {}))) throw new Error(`the schema has no property ${from}`);
  schema.properties = Object.fromEntries(
    Object.entries(schema.properties).map(([name, value]) => [name === from ? to : name, value]),
  );
  if (Array.isArray(schema.required)) {
    schema.required = schema.required.map((name: string) => (name === from ? to : name));
  }
}

/** Per client: the spec change (an envelope key and a backup field) and the hand-written files it must break. */
const CASES: {
  api: Api;
  change: string;
  edit: (schemas: Doc) => void;
  breaks: string[];
  names: string[];
}[] = [
  {
    api: "zcom",
    change: "BackupList.backup → backups, BackupRun.backuprun_id → run_id",
    edit: (schemas) => {
      renameProperty(schemas.BackupList, "backup", "backups");
      renameProperty(schemas.BackupRun, "backuprun_id", "run_id");
    },
    breaks: ["src/client.ts"],
    names: ["backup", "backups", "backuprun_id", "run_id"],
  },
  {
    api: "onapp",
    change: "BackupEnvelope.backup → record, Backup.backup_size → size",
    edit: (schemas) => {
      renameProperty(schemas.BackupEnvelope, "backup", "record");
      renameProperty(schemas.Backup, "backup_size", "size");
    },
    breaks: ["src/normalize.ts"],
    names: ["backup", "record", "backup_size", "size"],
  },
];

/**
 * A scratch copy of the client package (its hand-written src/, package.json and tsconfigs, its
 * real node_modules linked), generated from `spec`, then type-checked as the package builds.
 */
function compileAgainst(api: Api, spec: Doc, name: string): { status: number | null; output: string } {
  const packageDir = join(ROOT, "packages", api);
  const copy = join(scratch, `${api}-${name}`);
  const generated = join(packageDir, "src", "generated");
  cpSync(join(packageDir, "src"), join(copy, "src"), {
    recursive: true,
    filter: (source) => source !== generated && !source.startsWith(`${generated}${sep}`),
  });
  cpSync(join(packageDir, "package.json"), join(copy, "package.json"));
  for (const tsconfig of ["tsconfig.json", "tsconfig.build.json"]) {
    const config = JSON.parse(readFileSync(join(packageDir, tsconfig), "utf8"));
    // The copy lives outside the repository: point `extends` at the real base config.
    if (typeof config.extends === "string") config.extends = resolve(packageDir, config.extends);
    writeFileSync(join(copy, tsconfig), JSON.stringify(config, null, 2));
  }
  // @backupkit/core, openapi-fetch and TypeScript resolve as they do for the real package.
  symlinkSync(join(packageDir, "node_modules"), join(copy, "node_modules"), "dir");

  const specFile = join(scratch, `${api}-${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  execFileSync(process.execPath, [join(ROOT, "scripts/generate-client.mjs"), api, copy, "--spec", specFile], {
    stdio: "pipe",
  });
  const tsc = join(packageDir, "node_modules", "typescript", "bin", "tsc");
  const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--noEmit"], {
    cwd: copy,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Each error tsc reports: its file (a `src/...` path relative to the package) and its first line. */
const errorsIn = (output: string) =>
  [...output.matchAll(/^(\S+?)\(\d+,\d+\): error (TS\d+: .*)$/gm)].map((m) => ({
    file: m[1] as string,
    message: m[2] as string,
  }));

// Each case generates a package and runs tsc on it; the clients run one after the other, and
// that takes a minute or more on a loaded 2-core machine, so the whole file gets one generous budget.
describe("a spec change breaks the client's own source", { timeout: 180_000 }, () => {
  for (const { api, change, edit, breaks, names } of CASES) {
    it(`${api}: ${change} fails to compile in ${breaks.join(", ")}, and only because of the renames`, () => {
      const changed = loadBundle(api);
      edit(changed.components.schemas);
      const result = compileAgainst(api, changed, "renamed");
      expect(result.status, result.output).not.toBe(0);
      const errors = errorsIn(result.output);
      const files = [...new Set(errors.map((error) => error.file))];
      const handWritten = files.filter(
        (file) => file.startsWith("src/") && !file.startsWith("src/generated/"),
      );
      expect(handWritten, result.output).toEqual(expect.arrayContaining(breaks));
      expect(
        files.filter((file) => file.startsWith("src/generated/")),
        result.output,
      ).toEqual([]);
      // Every error names an old or new property name (a module that does not resolve would not).
      const renamed = new RegExp(`\\b(${names.join("|")})\\b`);
      expect(
        errors.filter((error) => !renamed.test(error.message)),
        result.output,
      ).toEqual([]);
    });
  }
});

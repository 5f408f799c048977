/**
 * `validate: true` loads the precompiled validators, which use one of Ajv's runtime helpers. A
 * user's bundler must be able to follow that import: bundled into one file and run from a folder
 * with no node_modules, the validators still load and still judge.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, expect, it } from "vitest";

const out = mkdtempSync(join(tmpdir(), "zcom-bundled-validators-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it("bundles the validators with their Ajv helper, and they run without node_modules", async () => {
  const file = join(out, "validators.mjs");
  await build({
    entryPoints: [new URL("../dist/generated/validators.js", import.meta.url).pathname],
    bundle: true,
    format: "esm",
    platform: "node",
    outfile: file,
    logLevel: "silent",
  });
  const validators = await import(pathToFileURL(file).href);
  const run = { status: "available", created_at: "", backuprun_id: "r", type: "instance" };
  const valid = { backup: [{ instance_id: "i", id: "b", backupruns: [run] }] };
  expect(validators.listBackups_200(valid)).toBe(true);
  // The helper is what measures `created_at`'s length: a non-empty one that is no date fails.
  const wrong = { backup: [{ instance_id: "i", id: "b", backupruns: [{ ...run, created_at: "soon" }] }] };
  expect(validators.listBackups_200(wrong)).toBe(false);
});

/**
 * `validate: true` loads the precompiled validators. The generator writes out the one Ajv runtime
 * helper they use instead of requiring it (scripts/generate-client.mjs says why), so a bundle of
 * them runs from a folder with no node_modules, and the helper must count as Ajv's does.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import fc from "fast-check";
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

it("counts a string's length as Ajv's own ucs2length does, lone surrogates included", () => {
  const source = readFileSync(new URL("../src/generated/validators.ts", import.meta.url), "utf8");
  const written = /const func\d+ = (\(text\) => \{.*?return length; \});/.exec(source)?.[1];
  expect(written).toBeDefined();
  const ours = new Function(`return ${written}`)() as (text: string) => number;
  const ajvs = createRequire(import.meta.url)("ajv/dist/runtime/ucs2length").default as (
    text: string,
  ) => number;
  fc.assert(
    fc.property(fc.string({ unit: "binary" }), (text) => ours(text) === ajvs(text)),
    { numRuns: 2000 },
  );
  expect(ours("a\u{1F600}\ud800b")).toBe(4);
});

#!/usr/bin/env node
// After `changeset version` has bumped the package.json files, writes each client's new version
// into its src/version.ts (the User-Agent's version), which a test keeps equal to package.json.
// Part of `pnpm release:version`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packagesDir = fileURLToPath(new URL("../packages", import.meta.url));
const literal = /(export const VERSION: string = )"[^"\n]*";/;

for (const name of readdirSync(packagesDir).sort()) {
  const file = join(packagesDir, name, "src", "version.ts");
  if (!existsSync(file)) continue;
  const { version } = JSON.parse(readFileSync(join(packagesDir, name, "package.json"), "utf8"));
  const source = readFileSync(file, "utf8");
  if (!literal.test(source)) {
    console.error(`sync-version: ${file} has no \`export const VERSION: string = "..."\` line to update`);
    process.exit(1);
  }
  const updated = source.replace(literal, `$1${JSON.stringify(version)};`);
  if (updated !== source) writeFileSync(file, updated);
  console.log(
    `sync-version: packages/${name} VERSION = ${version}${updated === source ? " (unchanged)" : ""}`,
  );
}

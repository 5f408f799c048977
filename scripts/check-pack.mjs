#!/usr/bin/env node
// Fails when the package's tarball would hold anything a user does not need: only the built
// JavaScript, its type declarations, package.json, the README, the changelog and the licence
// may ship. Run in a package directory (its `lint` script); scripts/release-check.mjs applies the
// same rule to the tarball `pnpm pack` made.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const allowed = [/^package\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/, /^dist\/.+\.(js|d\.ts)$/];
const required = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts"];

/**
 * What is wrong with a tarball holding `files` (paths relative to the package), one line each.
 * @param {string[]} files
 */
export function packProblems(files) {
  const extra = files.filter((path) => !allowed.some((pattern) => pattern.test(path)));
  const missing = required.filter((path) => !files.includes(path));
  return [
    ...(extra.length > 0 ? [`would ship files users do not need: ${extra.join(", ")}`] : []),
    ...(missing.length > 0 ? [`would ship without ${missing.join(", ")}`] : []),
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [report] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" }),
  );
  const files = report.files.map((/** @type {{ path: string }} */ file) => file.path);
  const problems = packProblems(files);
  for (const problem of problems) console.error(`check-pack: ${report.name} ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log(
    `check-pack: ${report.name} ships ${files.length} files (${(report.size / 1024).toFixed(1)} kB packed)`,
  );
}

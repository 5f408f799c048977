#!/usr/bin/env node
// Fails when the package's tarball would hold anything a user does not need: only the built
// JavaScript, its type declarations, package.json, the README and the licence may ship.
import { execFileSync } from "node:child_process";

const allowed = [/^package\.json$/, /^README\.md$/, /^LICENSE$/, /^dist\/.+\.(js|d\.ts)$/];
const [report] = JSON.parse(
  execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { encoding: "utf8" }),
);
const files = report.files.map((file) => file.path);
const extra = files.filter((path) => !allowed.some((pattern) => pattern.test(path)));
const required = ["package.json", "README.md", "dist/index.js", "dist/index.d.ts"].filter(
  (path) => !files.includes(path),
);
if (extra.length > 0 || required.length > 0) {
  if (extra.length > 0)
    console.error(`check-pack: ${report.name} would ship files users do not need: ${extra.join(", ")}`);
  if (required.length > 0)
    console.error(`check-pack: ${report.name} would ship without ${required.join(", ")}`);
  process.exit(1);
}
console.log(
  `check-pack: ${report.name} ships ${files.length} files (${(report.size / 1024).toFixed(1)} kB packed)`,
);

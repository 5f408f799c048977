#!/usr/bin/env node
// `pnpm release:check`: everything a publish does except publishing. Builds the public packages,
// checks every API report against the built declarations, packs each package with `pnpm pack`
// (which is what `changeset publish` uploads under pnpm: `workspace:` and `catalog:` ranges
// replaced by versions), then checks the tarball itself: its files (the pack-contents rule of
// check-pack.mjs), its manifest, publint and are-the-types-wrong.
// Nothing is uploaded and nothing is left behind; it exits 1 listing every problem found.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { packProblems } from "./check-pack.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = join(root, "scripts", "run.mjs");
/** @param {string} tool a root devDependency's binary */
const bin = (tool) => join(root, "node_modules", ".bin", tool);

/** The workspace packages that `changeset publish` would publish: every non-private one under packages/. */
function publicPackages() {
  return readdirSync(join(root, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(root, "packages", entry.name))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) }))
    .filter(({ manifest }) => manifest.private !== true)
    .map(({ dir, manifest }) => ({ dir, name: /** @type {string} */ (manifest.name) }));
}

/**
 * Runs a tool through scripts/run.mjs (telemetry off), output shown; returns whether it passed.
 * @param {string[]} command
 * @param {string} cwd
 */
function step(command, cwd) {
  return spawnSync(process.execPath, [run, ...command], { cwd, stdio: "inherit" }).status === 0;
}

/** Dependency ranges that only mean something inside this workspace. @param {Record<string, any>} manifest */
function unresolvedRanges(manifest) {
  return ["dependencies", "peerDependencies", "optionalDependencies"].flatMap((field) =>
    Object.entries(manifest[field] ?? {})
      .filter(([, range]) => /^(workspace|catalog):/.test(String(range)))
      .map(([name, range]) => `${field}.${name} is "${range}"`),
  );
}

const packages = publicPackages();
/** @type {string[]} */
const failures = [];

console.log(`release-check: building ${packages.map((pkg) => pkg.name).join(", ")}`);
if (
  !step(
    [
      bin("turbo"),
      "run",
      "build",
      "--output-logs=errors-only",
      ...packages.flatMap((pkg) => ["--filter", pkg.name]),
    ],
    root,
  )
) {
  console.error("release-check: the build failed");
  process.exit(1);
}

// The API reports (etc/*.api.md) must match what is published: a changed public API ships only
// with its report updated (`pnpm api:update`) and reviewed.
console.log("release-check: checking the API reports");
if (!step([bin("turbo"), "run", "api", "--output-logs=errors-only"], root)) {
  failures.push("an API report is out of date (above); run `pnpm api:update` and review the diff");
}

const scratch = mkdtempSync(join(tmpdir(), "backupkit-release-check-"));
try {
  for (const pkg of packages) {
    const packed = JSON.parse(
      execFileSync("pnpm", ["pack", "--json", "--pack-destination", scratch], {
        cwd: pkg.dir,
        encoding: "utf8",
      }),
    );
    const tarball = /** @type {string} */ (packed.filename);
    const files = packed.files.map((/** @type {{ path: string }} */ file) => file.path);
    console.log(
      `release-check: ${pkg.name}: packed ${files.length} files into ${relative(scratch, tarball)}`,
    );

    const problems = packProblems(files, { changelog: existsSync(join(pkg.dir, "CHANGELOG.md")) });
    const manifest = JSON.parse(
      execFileSync("tar", ["-xOzf", tarball, "package/package.json"], { encoding: "utf8" }),
    );
    problems.push(
      ...unresolvedRanges(manifest).map((range) => `the packed package.json still says ${range}`),
    );
    if (!step([bin("publint"), "run", tarball, "--strict"], pkg.dir))
      problems.push("publint found problems (above)");
    if (!step([bin("attw"), tarball, "--profile", "esm-only", "--no-emoji"], pkg.dir)) {
      problems.push("are-the-types-wrong found problems (above)");
    }
    failures.push(...problems.map((problem) => `${pkg.name}: ${problem}`));
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`release-check: not releasable:\n${failures.map((line) => `  ${line}`).join("\n")}`);
  process.exit(1);
}
console.log(`release-check: ${packages.length} packages would publish cleanly (nothing was published)`);

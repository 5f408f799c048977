#!/usr/bin/env node
// Fails when a bundled spec (specs/bundled/<api>.json) changed in a way that breaks the users of
// its client, unless a pending changeset bumps that client `major`. Each spec is compared with
// the one users last received: the bundle in the newest release tag of the client
// (`@backupkit/<api>@x.y.z`), or, before the first release, the committed baseline in
// specs/baseline/. api-smart-diff does the comparison and classification (OpenAPI 3.1, offline).
//
//   node scripts/check-spec-breaking.mjs                     the check (last step of `pnpm test`)
//   node scripts/check-spec-breaking.mjs --update-baseline   `pnpm spec:baseline`: baseline := bundles
//   node scripts/check-spec-breaking.mjs --against <dir>     compare with <dir>/<api>.json instead
//
// Options for tests and one-off checks: --bundled <dir> (default specs/bundled) and
// --changesets <dir> (a .changeset folder; default the repository's).
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import readChangesets from "@changesets/read";
import { apiCompare } from "api-smart-diff";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
export const BASELINE_COMMAND = "pnpm spec:baseline";

/** RFC 6901: `~` and `/` inside a key are escaped. @param {(string | number)[]} path */
export function jsonPointer(path) {
  return path.map((key) => `/${String(key).replaceAll("~", "~0").replaceAll("/", "~1")}`).join("");
}

/** @param {unknown} type */
function typeSet(type) {
  return new Set(Array.isArray(type) ? type.map(String) : type === undefined ? [] : [String(type)]);
}

/**
 * Whether every type in `inner` is allowed by `outer` (a number accepts every integer).
 * @param {Set<string>} outer
 * @param {Set<string>} inner
 */
function covers(outer, inner) {
  return [...inner].every((type) => outer.has(type) || (type === "integer" && outer.has("number")));
}

/**
 * api-smart-diff's classification, with two changes of our own:
 * - Differences under `components` are dropped: the library resolves every `$ref`, so a change
 *   to a shared schema is reported at each operation that uses it, with a description, and the
 *   component-level entry adds nothing a reader can act on.
 * - A changed `type` is judged by which values it lets through. In a response, a type that
 *   admits new values (`string` -> `["string", "null"]`, `integer` -> `string`) breaks code that
 *   reads the field, so it is breaking (the library calls it non-breaking); dropping values is
 *   safe. In a request it is the other way round.
 * @param {import("api-smart-diff").Diff} diff
 * @returns {string | undefined} the change's class, or undefined to leave it out
 */
export function classify(diff) {
  if (diff.path[0] !== "paths") return undefined;
  if (diff.action === "replace" && diff.path.at(-1) === "type") {
    const before = typeSet(diff.before);
    const after = typeSet(diff.after);
    const inResponse = diff.path.includes("responses");
    const safe = inResponse ? covers(before, after) : covers(after, before);
    return safe ? "non-breaking" : "breaking";
  }
  return diff.type;
}

/**
 * @param {unknown} before the spec users have
 * @param {unknown} after the spec about to ship
 * @returns {{ pointer: string, in: "before" | "after", description: string }[]}
 */
export function breakingChanges(before, after) {
  const { diffs } = apiCompare(before, after);
  return diffs
    .filter((diff) => classify(diff) === "breaking")
    .map((diff) => {
      let description = (diff.description ?? "").trim() || `${diff.action} ${diff.path.at(-1)}`;
      if (diff.action === "replace" && diff.path.at(-1) === "type") {
        description += ` (type ${[...typeSet(diff.before)].join(" | ")} -> ${[...typeSet(diff.after)].join(" | ")})`;
      }
      // A removal's path points into the old document; anything else into the new one.
      return {
        pointer: jsonPointer(diff.path),
        in: diff.action === "remove" ? "before" : "after",
        description,
      };
    });
}

/** The package built from specs/bundled/<api>.json. @param {string} api */
function clientPackage(api) {
  const file = join(root, "packages", api, "package.json");
  if (!existsSync(file)) throw new Error(`no client package for the ${api} spec (${relative(root, file)})`);
  return /** @type {string} */ (JSON.parse(readFileSync(file, "utf8")).name);
}

/** @param {string[]} args */
function git(args) {
  return execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
}

/**
 * The spec users of `packageName` have now: the newest release tag's bundle, else the baseline.
 * @param {string} api
 * @param {string} packageName
 * @param {string | undefined} against
 */
function releasedSpec(api, packageName, against) {
  if (against) {
    const file = join(against, `${api}.json`);
    return existsSync(file)
      ? { spec: JSON.parse(readFileSync(file, "utf8")), from: relative(root, file) }
      : null;
  }
  let tag = "";
  try {
    tag =
      git(["tag", "--list", `${packageName}@*`, "--merged", "HEAD", "--sort=-v:refname"]).split("\n")[0] ??
      "";
  } catch {
    // Not a git checkout (an unpacked tarball): only the baseline can tell.
  }
  if (tag) {
    try {
      return { spec: JSON.parse(git(["show", `${tag}:specs/bundled/${api}.json`])), from: tag };
    } catch {
      // The tag predates this spec: nothing was released for it yet.
      return null;
    }
  }
  const file = join(root, "specs", "baseline", `${api}.json`);
  return existsSync(file)
    ? { spec: JSON.parse(readFileSync(file, "utf8")), from: relative(root, file) }
    : null;
}

/** Package names that a pending changeset bumps `major`. @param {string} dir a .changeset folder */
async function majorBumps(dir) {
  if (basename(dir) !== ".changeset")
    throw new Error(`--changesets must name a .changeset folder, not ${dir}`);
  if (!existsSync(dir)) return new Set();
  // @changesets/read takes the repository root and reads its .changeset folder.
  const changesets = await readChangesets(dirname(dir));
  return new Set(
    changesets.flatMap((changeset) =>
      changeset.releases.filter((release) => release.type === "major").map((release) => release.name),
    ),
  );
}

async function main() {
  const { values } = parseArgs({
    options: {
      "update-baseline": { type: "boolean" },
      against: { type: "string" },
      bundled: { type: "string" },
      changesets: { type: "string" },
    },
  });
  const bundledDir = values.bundled ?? join(root, "specs", "bundled");
  const apis = readdirSync(bundledDir)
    .filter((name) => name.endsWith(".json"))
    .map((name) => name.slice(0, -".json".length))
    .sort();

  if (values["update-baseline"]) {
    const baselineDir = join(root, "specs", "baseline");
    mkdirSync(baselineDir, { recursive: true });
    for (const api of apis) copyFileSync(join(bundledDir, `${api}.json`), join(baselineDir, `${api}.json`));
    console.log(`spec-breaking: ${relative(root, baselineDir)}/ now holds ${apis.join(", ")} as bundled`);
    return 0;
  }

  const majors = await majorBumps(values.changesets ?? join(root, ".changeset"));
  let failed = false;
  for (const api of apis) {
    const packageName = clientPackage(api);
    const released = releasedSpec(api, packageName, values.against);
    if (!released) {
      console.log(
        `spec-breaking: ${api}: no release tag and no baseline, so nothing to break (\`${BASELINE_COMMAND}\` writes one)`,
      );
      continue;
    }
    const current = JSON.parse(readFileSync(join(bundledDir, `${api}.json`), "utf8"));
    const breaking = breakingChanges(released.spec, current);
    if (breaking.length === 0) {
      console.log(`spec-breaking: ${api}: no breaking change against ${released.from}`);
      continue;
    }
    const list = breaking
      .map(
        (change) =>
          `  ${change.pointer}${change.in === "before" ? " (in the old spec)" : ""}\n    ${change.description}`,
      )
      .join("\n");
    if (majors.has(packageName)) {
      console.log(
        `spec-breaking: ${api}: ${breaking.length} breaking change(s) against ${released.from}, allowed by a major changeset for ${packageName}:\n${list}`,
      );
      continue;
    }
    failed = true;
    console.error(
      `spec-breaking: ${api}: ${breaking.length} breaking change(s) against ${released.from}:\n${list}\n` +
        `Users of ${packageName} would break. Make the change compatible (see CONTRIBUTING.md), ` +
        `or add a changeset that bumps ${packageName} major (\`pnpm changeset\`).`,
    );
  }
  return failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(`spec-breaking: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    },
  );
}

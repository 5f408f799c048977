#!/usr/bin/env node
// Checks (or, with --update, rewrites) the API report of the package in the current directory:
// etc/<name>.api.md, API Extractor's listing of every export of dist/index.d.ts. The report is
// committed, so a change to the public TypeScript API shows up in the diff a reviewer reads.
//
//   node ../../scripts/api-report.mjs            the package's `api` script: fails if the report is stale
//   node ../../scripts/api-report.mjs --update   the package's `api:update` script (`pnpm api:update` at the root)
//
// Both read the built declarations, so the package must be built first (turbo's `api` task
// depends on `build`). The configuration lives here rather than in one api-extractor.json per
// package because it is the same for every package.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Extractor, ExtractorConfig, ExtractorMessageCategory } from "@microsoft/api-extractor";

export const UPDATE_COMMAND = "pnpm api:update";

/**
 * @param {string} packageDir
 * @returns {import("@microsoft/api-extractor").IConfigFile}
 */
function configFor(packageDir) {
  return {
    projectFolder: packageDir,
    mainEntryPointFilePath: "<projectFolder>/dist/index.d.ts",
    // The built declarations are all API Extractor reads; our tsconfig files would make it load
    // the sources too. NodeNext resolution matches how users import the packages.
    compiler: {
      overrideTsconfig: {
        compilerOptions: {
          target: "ES2022",
          lib: ["ES2023"],
          module: "NodeNext",
          moduleResolution: "NodeNext",
          types: ["node"],
          strict: true,
          skipLibCheck: true,
        },
        files: ["dist/index.d.ts"],
      },
    },
    apiReport: {
      enabled: true,
      reportFolder: "<projectFolder>/etc/",
      // Where a check leaves the report it would write: ignored by git, kept for a look or a diff.
      reportTempFolder: "<projectFolder>/node_modules/.api-report/",
      reportFileName: "<unscopedPackageName>",
    },
    newlineKind: "lf",
    docModel: { enabled: false },
    dtsRollup: { enabled: false },
    tsdocMetadata: { enabled: false },
    messages: {
      compilerMessageReporting: { default: { logLevel: "warning" } },
      extractorMessageReporting: {
        default: { logLevel: "warning", addToApiReportFile: true },
        // We publish everything exported from index.ts; there are no @beta/@internal tiers.
        "ae-missing-release-tag": { logLevel: "none" },
        // Generated schema types have no doc comments; the spec documents them.
        "ae-undocumented": { logLevel: "none" },
      },
      // Doc comments are written for editors' hovers, not for a TSDoc site.
      tsdocMessageReporting: { default: { logLevel: "none" } },
    },
  };
}

/** @param {string} path */
const shown = (path) => relative(process.cwd(), path) || path;

/** The changed lines between the committed report and the new one, for the failure message. */
function reportDiff(committed, fresh) {
  if (!existsSync(committed)) return "";
  try {
    execFileSync("git", ["diff", "--no-index", "--no-color", "-U0", committed, fresh], { encoding: "utf8" });
    return "";
  } catch (error) {
    // git diff --no-index exits 1 when the files differ; its stdout is the diff.
    const lines = String(/** @type {{ stdout?: string }} */ (error).stdout ?? "")
      .split("\n")
      .filter((line) => /^[+-](?![+-])/.test(line));
    const head = lines.slice(0, 40).join("\n");
    return lines.length > 40 ? `${head}\n... ${lines.length - 40} more changed lines` : head;
  }
}

/**
 * @param {string} packageDir
 * @param {{ update: boolean }} options
 * @returns {boolean} whether the report is (now) up to date
 */
export function checkApiReport(packageDir, { update }) {
  const packageJsonFullPath = join(packageDir, "package.json");
  const name = JSON.parse(readFileSync(packageJsonFullPath, "utf8")).name;
  if (!existsSync(join(packageDir, "dist", "index.d.ts"))) {
    console.error(`api: ${name} has no dist/index.d.ts; build it first (pnpm --filter ${name} build)`);
    return false;
  }
  if (update) mkdirSync(join(packageDir, "etc"), { recursive: true });
  const config = ExtractorConfig.prepare({
    configObject: configFor(packageDir),
    configObjectFullPath: undefined,
    packageJsonFullPath,
  });
  /** @type {string[]} */
  const problems = [];
  const result = Extractor.invoke(config, {
    localBuild: update,
    messageCallback(message) {
      message.handled = true;
      // Console messages narrate the run (and, for a stale report, point at API Extractor's temp
      // folder); the message below names our command instead.
      if (message.category === ExtractorMessageCategory.Console) return;
      if (message.logLevel === "error" || message.logLevel === "warning") {
        problems.push(message.formatMessageWithLocation(packageDir));
      }
    },
  });
  const fileName = config.reportConfigs[0]?.fileName ?? `${name.split("/").pop()}.api.md`;
  const reportFile = join(config.reportFolder, fileName);
  for (const problem of problems) console.error(`api: ${name}: ${problem}`);
  if (update) {
    // API Extractor compares reports ignoring line endings, so a report once written with CRLF
    // would keep them; one style everywhere keeps diffs readable.
    if (existsSync(reportFile)) {
      const text = readFileSync(reportFile, "utf8");
      if (text.includes("\r\n")) writeFileSync(reportFile, text.replaceAll("\r\n", "\n"));
    }
    console.log(`api: ${name}: ${result.apiReportChanged ? "updated" : "unchanged"} ${shown(reportFile)}`);
    return existsSync(reportFile) && problems.length === 0;
  }
  if (!existsSync(reportFile)) {
    console.error(
      `api: ${name} has no API report yet (${shown(reportFile)}). Run \`${UPDATE_COMMAND}\` and commit it.`,
    );
    return false;
  }
  if (result.apiReportChanged) {
    const diff = reportDiff(reportFile, join(config.reportTempFolder, fileName));
    console.error(
      `api: the public API of ${name} changed but ${shown(reportFile)} was not updated.\n` +
        `Run \`${UPDATE_COMMAND}\` and commit the report (check that the change is intended; a breaking one needs a major changeset).` +
        (diff ? `\n${diff}` : ""),
    );
    return false;
  }
  if (!result.succeeded) return false;
  console.log(`api: ${name}: ${shown(reportFile)} matches the public API`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const update = process.argv.includes("--update");
  process.exit(checkApiReport(process.cwd(), { update }) ? 0 : 1);
}

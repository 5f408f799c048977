#!/usr/bin/env node
// Builds the offline docs site into dist/: index.html, and for each API a Redoc page
// (<api>.html) plus the decorated OpenAPI document it was rendered from (<api>.openapi.json).
//
//   node scripts/build.mjs            (the package's `docs:build` script; `pnpm docs:build` at the root)
//
// Fails with one line on stderr when an operation has no sample, Redocly fails, or a page
// would still load something from another host.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { renderIndex } from "./index-page.mjs";
import { changelogHref, readPackages, renderChangelogPage } from "./packages.mjs";
import { APIS, decorateSpec, externalAssets, listOperations, localizePage, redocOptions } from "./site.mjs";

const appDir = dirname(dirname(fileURLToPath(import.meta.url)));
const rootDir = join(appDir, "..", "..");
const distDir = join(appDir, "dist");
const redoclyConfig = join(rootDir, "redocly.yaml");
// Redoc display options: which code sample tabs to show (the TypeScript one is not a language
// Redoc knows, so it must be listed) and how far to unfold JSON examples.
const redocOptionsFile = join(appDir, "redoc-options.json");

class BuildError extends Error {}

/** @param {string} apiId */
async function readSamples(apiId) {
  const dir = join(appDir, "samples", apiId);
  /** @type {Map<string, string>} */
  const samples = new Map();
  if (!existsSync(dir)) return samples;
  for (const name of (await readdir(dir)).sort()) {
    if (!name.endsWith(".ts")) continue;
    samples.set(name.slice(0, -3), await readFile(join(dir, name), "utf8"));
  }
  return samples;
}

/**
 * Runs `redocly build-docs` on one decorated spec with the repository's redocly.yaml
 * (`telemetry: off`), with telemetry and the update check also switched off by environment.
 * @param {string} specFile
 * @param {string} outFile
 * @param {string} title
 */
function buildDocs(specFile, outFile, title) {
  const require = createRequire(import.meta.url);
  const cliPackage = require.resolve("@redocly/cli/package.json");
  const cli = join(dirname(cliPackage), "bin", "cli.js");
  const args = [
    cli,
    "build-docs",
    specFile,
    "--inlineBundle",
    "--config",
    redoclyConfig,
    "--openapi",
    redocOptionsFile,
    "--title",
    title,
    "-o",
    outFile,
  ];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      cwd: appDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", (error) => fail(new BuildError(`could not start Redocly CLI: ${error.message}`)));
    child.on("exit", (code, signal) => {
      if (code === 0) return done(output);
      process.stderr.write(output);
      fail(
        new BuildError(
          `redocly build-docs failed for ${relative(appDir, specFile)} (${signal ?? `exit ${code}`})`,
        ),
      );
    });
  });
}

async function main() {
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });

  // Decorate both specs before building anything, so that a missing sample fails fast.
  /** @type {{ api: import("./site.mjs").ApiInfo, bundled: Record<string, any>, spec: Record<string, any> }[]} */
  const decorated = [];
  for (const api of APIS) {
    const bundledFile = join(rootDir, "specs", "bundled", `${api.id}.json`);
    if (!existsSync(bundledFile)) {
      throw new BuildError(
        `${relative(rootDir, bundledFile)} is missing: run \`pnpm --filter @backupkit/specs generate\``,
      );
    }
    const bundled = JSON.parse(await readFile(bundledFile, "utf8"));
    try {
      decorated.push({ api, bundled, spec: decorateSpec(bundled, api, await readSamples(api.id)) });
    } catch (error) {
      throw new BuildError(/** @type {Error} */ (error).message);
    }
  }

  /** @type {{ api: import("./site.mjs").ApiInfo, spec: Record<string, any> }[]} */
  const built = [];
  for (const { api, bundled, spec } of decorated) {
    const specFile = join(distDir, `${api.id}.openapi.json`);
    const pageFile = join(distDir, `${api.id}.html`);
    await writeFile(specFile, `${JSON.stringify(spec, null, 2)}\n`);
    await buildDocs(specFile, pageFile, `${bundled.info.title} · backupkit API docs`);

    const { html, replaced } = localizePage(await readFile(pageFile, "utf8"));
    const options = redocOptions(html);
    if (options?.disableTelemetry !== true) {
      throw new BuildError(
        `${api.id}.html: __redoc_options.disableTelemetry is ${JSON.stringify(options?.disableTelemetry)}, expected true (is \`telemetry: off\` still in redocly.yaml?)`,
      );
    }
    const external = externalAssets(html);
    if (external.length > 0) {
      throw new BuildError(`${api.id}.html still loads from other hosts: ${external.join("; ")}`);
    }
    await writeFile(pageFile, html);
    const kib = Math.round(Buffer.byteLength(html) / 1024);
    console.log(
      `docs: ${api.id}.html (${kib} KiB, ${listOperations(spec).length} operations, ${replaced} CDN image(s) inlined)`,
    );
    built.push({ api, spec: bundled });
  }

  const packages = readPackages(rootDir);
  await mkdir(join(distDir, "changelog"), { recursive: true });
  for (const pkg of packages) {
    const page = renderChangelogPage(pkg);
    const external = externalAssets(page);
    if (external.length > 0)
      throw new BuildError(`${changelogHref(pkg)} loads from other hosts: ${external.join("; ")}`);
    await writeFile(join(distDir, changelogHref(pkg)), page);
  }
  console.log(
    `docs: ${packages.map((pkg) => `${changelogHref(pkg)} (${pkg.name} ${pkg.version})`).join(", ")}`,
  );

  const index = renderIndex(built, packages);
  const external = externalAssets(index);
  if (external.length > 0) throw new BuildError(`index.html loads from other hosts: ${external.join("; ")}`);
  await writeFile(join(distDir, "index.html"), index);
  console.log(`docs: index.html — open ${relative(process.cwd(), join(distDir, "index.html"))} in a browser`);
}

main().catch((error) => {
  if (error instanceof BuildError) {
    console.error(`docs: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});

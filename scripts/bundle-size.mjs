#!/usr/bin/env node
import { fileURLToPath } from "node:url";
/**
 * What a user's bundle pays for each client: esbuild bundles the built entry (`dist/index.js`)
 * with minify and code splitting, and every output file is gzipped. "At start" is the entry
 * chunk plus every chunk it imports statically, which is what loads before the first call with
 * validation off (and, for OnApp, JSON). Chunks reached only through `import()` load on first use.
 * openapi-fetch alone, bundled the same way, is the reference.
 *
 * Run it alone (`node scripts/bundle-size.mjs`) or through `pnpm bench` (B6). Needs a build.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));

export const CLIENTS = ["zcom", "onapp"];

/** Code that must never be in what loads at start: it is only for some users, on first use. */
const LAZY_ONLY = [
  { what: "validators", test: (input) => /\/generated\/validators\.js$/.test(input) },
  {
    what: "Ajv",
    test: (input) => /node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(ajv|ajv-formats|fast-uri)\//.test(input),
  },
  { what: "XML codec", test: (input) => /onapp\/dist\/xml(\/codec)?\.js$/.test(input) },
];

/** Bundles `entryPoints` (or `stdin`) and returns each output's gzip size, inputs and imports. */
async function bundle(options) {
  const entry = options.stdin ? "<stdin>" : options.entryPoints[0].slice(1);
  const result = await build({
    ...options,
    bundle: true,
    minify: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "es2022",
    // Paths in the metafile are relative to this, so "/" keeps them equal to outputFiles paths.
    absWorkingDir: "/",
    outdir: "/bundle-size",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const outputs = new Map();
  for (const file of result.outputFiles) {
    const meta = result.metafile.outputs[file.path.slice(1)];
    if (!meta) continue;
    outputs.set(file.path, {
      path: file.path,
      gzip: gzipSync(file.contents, { level: 9 }).byteLength,
      inputs: Object.keys(meta.inputs),
      imports: meta.imports.filter((item) => !item.external),
      // Chunks loaded by `import()` are entry points too; only the bundled entry loads at start.
      entry: meta.entryPoint === entry,
    });
  }
  return outputs;
}

/** The entry chunk and every chunk it reaches through static imports. */
function atStart(outputs) {
  const absolute = (path) => (path.startsWith("/") ? path : `/${path}`);
  const start = new Set();
  const queue = [...outputs.values()].filter((output) => output.entry).map((output) => output.path);
  while (queue.length > 0) {
    const path = queue.pop();
    if (start.has(path)) continue;
    start.add(path);
    for (const item of outputs.get(path)?.imports ?? []) {
      if (item.kind === "import-statement") queue.push(absolute(item.path));
    }
  }
  return start;
}

function summarize(outputs) {
  const start = atStart(outputs);
  const startFiles = [...outputs.values()].filter((output) => start.has(output.path));
  const lazyFiles = [...outputs.values()].filter((output) => !start.has(output.path));
  const kinds = (files) => [
    ...new Set(files.flatMap((file) => LAZY_ONLY.filter((k) => file.inputs.some(k.test)).map((k) => k.what))),
  ];
  return {
    startGzip: startFiles.reduce((sum, file) => sum + file.gzip, 0),
    startFiles: startFiles.length,
    /** Lazy-only code found in the start chunks: must be empty. */
    leaked: kinds(startFiles),
    lazy: lazyFiles.map((file) => ({ gzip: file.gzip, holds: kinds([file]) })),
  };
}

/** Measures openapi-fetch alone and each client; sizes in bytes (gzip). */
export async function measureBundles() {
  const baseline = summarize(
    await bundle({
      stdin: {
        contents: 'export { default } from "openapi-fetch";',
        resolveDir: `${root}packages/zcom`,
        loader: "js",
      },
    }),
  );
  const clients = [];
  for (const name of CLIENTS) {
    const summary = summarize(await bundle({ entryPoints: [`${root}packages/${name}/dist/index.js`] }));
    clients.push({ name, ...summary });
  }
  return { baseline, clients };
}

export const kB = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

/** One line per client: start size next to openapi-fetch's, and what loads later. */
export function describe({ baseline, clients }) {
  const lines = [`openapi-fetch alone: ${kB(baseline.startGzip)} (min + gzip)`];
  for (const client of clients) {
    const lazy = client.lazy
      .map((chunk) => `${kB(chunk.gzip)}${chunk.holds.length ? ` (${chunk.holds.join(", ")})` : ""}`)
      .join(", ");
    lines.push(
      `@backupkit/${client.name}: ${kB(client.startGzip)} at start in ${client.startFiles} file(s), ` +
        `+${kB(client.startGzip - baseline.startGzip)} over openapi-fetch; ` +
        `on first use: ${lazy || "nothing"}` +
        (client.leaked.length ? `; AT START BUT SHOULD NOT BE: ${client.leaked.join(", ")}` : ""),
    );
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of describe(await measureBundles())) console.log(line);
}

#!/usr/bin/env node
// Compiles the served page from its sources into one self-contained document, dist/page.html:
// src/page/main.ts (and what it imports, such as the CLI's formatters) bundled by esbuild,
// src/page/page.css minified by esbuild, both inlined into src/page/index.html. The server
// fills in the CSP nonce per request.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const at = (path) => new URL(path, root).pathname;

const common = {
  bundle: true,
  minify: true,
  write: false,
  target: "es2022",
  logLevel: "warning",
  legalComments: "none",
};
const [script, style] = await Promise.all([
  build({ ...common, entryPoints: [at("src/page/main.ts")], format: "iife", platform: "browser" }),
  build({ ...common, entryPoints: [at("src/page/page.css")], loader: { ".css": "css" } }),
]);
const js = script.outputFiles[0].text.trim().replaceAll("</script", "<\\/script");
const css = style.outputFiles[0].text.trim().replaceAll("</style", "<\\/style");
const template = readFileSync(at("src/page/index.html"), "utf8");
for (const marker of ["/*STYLE*/", "/*SCRIPT*/", "%NONCE%"]) {
  if (!template.includes(marker)) throw new Error(`src/page/index.html has no ${marker}`);
}
// A function as replacement, so `$` in the code is never read as a pattern.
const page = template.replace("/*STYLE*/", () => css).replace("/*SCRIPT*/", () => js);
mkdirSync(at("dist"), { recursive: true });
writeFileSync(at("dist/page.html"), page);

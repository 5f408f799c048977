// Checks the built site as files, without a browser: every page is there, nothing in it
// loads a script, stylesheet, font or image from another host, telemetry is off, and the
// Redoc pages carry every operation with its code samples and the vendor quirks.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  API_IDS,
  appDir,
  builtPages,
  bundledSpec,
  distDir,
  embeddedDefinition,
  embeddedOptions,
  operationsOf,
  readDist,
} from "./helpers.js";

const REMOTE = /^\s*(?:https?:)?\/\//i;

/** Value of one attribute in a start tag, or undefined. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Every remote script, stylesheet, font or image a page would load. Written apart from the build's own check. */
function remoteAssets(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    if (src !== undefined && REMOTE.test(src)) found.push(`script ${src}`);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const href = attribute(tag, "href");
    if (href !== undefined && REMOTE.test(href)) found.push(`link rel=${attribute(tag, "rel")} ${href}`);
  }
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = attribute(tag, "src");
    if (src !== undefined && REMOTE.test(src)) found.push(`img ${src}`);
  }
  for (const [, url] of html.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')\s]*)/gi))
    found.push(`url(${url})`);
  for (const [, url] of html.matchAll(/@import\s+(?:url\()?\s*["']?((?:https?:)?\/\/[^"')\s;]*)/gi)) {
    found.push(`@import ${url}`);
  }
  for (const [block] of html.matchAll(/@font-face\s*\{[^}]*\}/gi)) {
    if (/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/i.test(block.replace(/data:[^)'"]*/g, ""))) {
      found.push(`@font-face ${block.slice(0, 80)}`);
    }
  }
  return found;
}

describe("the external-asset check itself", () => {
  it("finds each kind of remote asset and ignores plain links and inline data", () => {
    const page = `<html><head>
      <script src="https://cdn.example.com/app.js"></script>
      <script type="module">import x from "./local.js";</script>
      <link rel="stylesheet" href="//fonts.example.com/css">
      <link rel="icon" href="favicon.svg">
      <style>@font-face { font-family: X; src: url(https://fonts.example.com/x.woff2); }
        .a { background: url('data:image/svg+xml,abc'); }
        @import url("https://example.com/more.css");</style>
      </head><body><img src='http://example.com/logo.png'><img src="data:image/png;base64,AAAA">
      <a href="https://redocly.com/">a link is fine</a></body></html>`;
    expect(remoteAssets(page)).toEqual([
      "script https://cdn.example.com/app.js",
      "link rel=stylesheet //fonts.example.com/css",
      "img http://example.com/logo.png",
      "url(https://fonts.example.com/x.woff2)",
      "url(https://example.com/more.css)",
      "@import https://example.com/more.css",
      expect.stringMatching(/^@font-face /),
    ]);
  });
});

describe("the built site", () => {
  it("has the landing page and one Redoc page per API", () => {
    expect(existsSync(distDir), "run `pnpm docs:build` first").toBe(true);
    expect(builtPages().sort()).toEqual(["index.html", "onapp.html", "zcom.html"]);
  });

  it.each(["index.html", "zcom.html", "onapp.html"])("%s loads nothing from another host", (name) => {
    expect(remoteAssets(readDist(name))).toEqual([]);
  });

  it("checks every page in dist/, not only the known ones", () => {
    for (const name of builtPages()) expect(remoteAssets(readDist(name)), name).toEqual([]);
  });

  it("links the landing page to both API pages", () => {
    const index = readDist("index.html");
    expect(index).toContain('href="zcom.html"');
    expect(index).toContain('href="onapp.html"');
    expect(index, "the landing page needs no script").not.toMatch(/<script\b/i);
  });
});

describe.each(API_IDS)("%s.html", (api) => {
  const spec = bundledSpec(api);
  const operations = operationsOf(spec);

  it("was built with telemetry off and the Redoc bundle inline", () => {
    const html = readDist(`${api}.html`);
    expect(embeddedOptions(html).disableTelemetry).toBe(true);
    // (Booleans, so that a failure does not print the 2.5 MB page.)
    expect(html.includes("cdn.redocly.com/redoc/"), "the page refers to Redoc's CDN bundle").toBe(false);
    expect(html.includes("cdn.redoc.ly"), "the page refers to Redoc's CDN logos").toBe(false);
  });

  it("documents every operation of the bundled spec, each with the TypeScript sample file and curl", () => {
    const definition = embeddedDefinition(readDist(`${api}.html`));
    const documented = operationsOf(definition);
    expect(documented.map((op) => op.operationId)).toEqual(operations.map((op) => op.operationId));
    for (const op of documented) {
      const samples = op.operation["x-codeSamples"] as { lang: string; label: string; source: string }[];
      expect(samples.map((sample) => [sample.lang, sample.label])).toEqual([
        ["TypeScript", "backupkit"],
        ["Shell", "curl"],
      ]);
      const file = readFileSync(join(appDir, "samples", api, `${op.operationId}.ts`), "utf8");
      expect(samples[0]?.source, "dist/ is older than the samples: run `pnpm docs:build`").toBe(
        file.trimEnd(),
      );
      expect(samples[0]?.source).toContain(`from "@backupkit/${api}"`);
      expect(samples[1]?.source).toMatch(/^(# .*\n)?curl -sS/);
    }
  });
});

describe("vendor quirks recorded in the specs reach the pages", () => {
  it("Z.com: the JSON-labelled-as-HTML content type and the /v1 headings", () => {
    const definition = embeddedDefinition(readDist("zcom.html"));
    const listBackups = operationsOf(definition).find((op) => op.operationId === "listBackups");
    expect(definition.info.description).toContain("text/html; charset=UTF-8");
    expect(listBackups?.operation.description).toContain("**Vendor doc erratum:**");
    expect(listBackups?.operation.description).toContain("GET /v1/{tenant_id}/backup");
    expect(listBackups?.operation.responses["200"].description).toContain("text/html; charset=UTF-8");
  });

  it("OnApp: the field the vendor's list renames", () => {
    const definition = embeddedDefinition(readDist("onapp.html"));
    const field = definition.components.schemas.Backup.properties.allow_resize_without_reboot;
    expect(field.description).toContain("**Vendor doc erratum:**");
    expect(field.description).toContain("allowed_resize_without_reboot");
  });
});

/**
 * The `serve` command's page: one self-contained HTML document (inline CSS and script, no
 * external assets) built from src/page/ by scripts/build-page.mjs into dist/page.html. It
 * fetches `/api/report` and draws the machines table and a per-day chart; server data only
 * reaches the DOM through textContent and attributes.
 */
import { readFileSync } from "node:fs";

export interface PageOptions {
  /** The CSP nonce that lets the inline style and script run. */
  nonce: string;
}

// From src/ (tests) and from dist/ alike, the built page is ../dist/page.html.
const BUILT = new URL("../dist/page.html", import.meta.url);
let template: string | undefined;

/** The whole page, with the nonce filled in. */
export function renderPage(options: PageOptions): string {
  template ??= readFileSync(BUILT, "utf8");
  const nonce = options.nonce.replace(/[^A-Za-z0-9+/=]/g, "");
  return template.replaceAll("%NONCE%", nonce);
}

// The packages the site documents, with the version in their package.json and their changelog,
// and the changelog pages (changelog/<id>.html). The versions come from the same files a release
// bumps, so the site built from a release commit shows that release.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Marked } from "marked";

/**
 * @typedef {{ id: string, name: string, version: string, description: string, published: boolean, changelog: string | null }} PackageInfo
 */

/** @param {unknown} text */
function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/**
 * The versioned packages under packages/: those Changesets does not ignore (see
 * .changeset/config.json), each with its CHANGELOG.md if a release has written one.
 * @param {string} rootDir the repository root
 * @returns {PackageInfo[]}
 */
export function readPackages(rootDir) {
  const config = JSON.parse(readFileSync(join(rootDir, ".changeset", "config.json"), "utf8"));
  const ignored = new Set(/** @type {string[]} */ (config.ignore ?? []));
  const order = ["core", "zcom", "onapp"];
  const rank = (/** @type {string} */ id) => (order.includes(id) ? order.indexOf(id) : order.length);
  return readdirSync(join(rootDir, "packages"), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(rootDir, "packages", entry.name, "package.json")),
    )
    .map((entry) => {
      const dir = join(rootDir, "packages", entry.name);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const changelogFile = join(dir, "CHANGELOG.md");
      return {
        id: entry.name,
        name: /** @type {string} */ (manifest.name),
        version: /** @type {string} */ (manifest.version),
        description: /** @type {string} */ (manifest.description ?? ""),
        published: manifest.private !== true,
        changelog: existsSync(changelogFile) ? readFileSync(changelogFile, "utf8") : null,
      };
    })
    .filter((pkg) => !ignored.has(pkg.name))
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
}

/** Where the landing page links for a package's changelog. @param {PackageInfo} pkg */
export const changelogHref = (pkg) => `changelog/${pkg.id}.html`;

/**
 * One package's changelog as a page of its own, for dist/changelog/<id>.html. Before the first
 * release there is no CHANGELOG.md yet; the page says so instead of linking nowhere.
 * @param {PackageInfo} pkg
 * @returns {string}
 */
export function renderChangelogPage(pkg) {
  // The changelog's first heading repeats the package name, which the page title already says.
  // CommonMark, not GFM: GFM would turn "@backupkit/core@0.2.0" into a mailto: link.
  const body = pkg.changelog
    ? new Marked({ gfm: false }).parse(pkg.changelog.replace(/^# .*\n/, ""), { async: false })
    : `<p>No release of ${escapeHtml(pkg.name)} has been made with Changesets yet, so there is no changelog: ${escapeHtml(pkg.version)} is the version in the repository. The changes waiting for the next release are the notes in <code>.changeset/</code>.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(pkg.name)} changelog · backupkit</title>
  <style>
    :root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6472; --line: #dfe3ea; --accent: #2458c6; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #a2abb8; --line: #2f3541; --accent: #7aa5ff; } }
    body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); }
    main { max-width: 48rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
    a { color: var(--accent); }
    h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
    code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
    .meta { color: var(--muted); }
  </style>
</head>
<body>
  <main>
    <p><a href="../index.html">← backupkit docs</a></p>
    <h1>${escapeHtml(pkg.name)} changelog</h1>
    <p class="meta">Version in this build: ${escapeHtml(pkg.version)}${pkg.published ? "" : " (not published to a registry: it is used from this repository)"}</p>
    ${body}
  </main>
</body>
</html>
`;
}

// The landing page of the docs site: plain HTML with inline CSS and nothing fetched from
// anywhere, so it works from a file:// URL on a machine with no network.
import { changelogHref } from "./packages.mjs";
import { listOperations } from "./site.mjs";

/** @param {unknown} text */
function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** Turns `code` spans of a one-line Markdown summary into <code>. @param {string} text */
function inlineMarkdown(text) {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

/** What each API's card says beyond what its spec's info has. */
const BLURB = {
  zcom: "Automatic backups of a tenant's virtual machines on Z.com Cloud and ConoHa (OpenStack underneath): apply for backup, list and read backups and their runs, cancel, restore a run or save it as an image. Authenticates with a Keystone token in <code>X-Auth-Token</code>; the client can log in for you.",
  onapp:
    "Backups of virtual servers and disks on a provider's own OnApp control panel: list them, take normal and incremental backups, restore and delete them. HTTP Basic auth (email and API key, or user name and password); every call in JSON or XML.",
};

const QUIRKS = [
  [
    "Z.com",
    "The compute service sends JSON but labels it <code>Content-Type: text/html; charset=UTF-8</code>. The spec declares <code>application/json</code> and keeps the real label in <code>x-wire-content-type</code>; the client parses the body whatever the header says.",
  ],
  [
    "Z.com",
    "The vendor pages print paths as <code>/v1/{tenant_id}/…</code> under a “Compute API v2.0” heading, while their own curl examples call <code>/v2/</code>. The spec uses <code>/v2/</code>; each page's wording is kept as a “vendor doc erratum”.",
  ],
  [
    "Z.com",
    "Reading one backup may return it wrapped in a one-element array; the client always hands you the object.",
  ],
  [
    "OnApp",
    "The field list names <code>allowed_resize_without_reboot</code>, but every real body says <code>allow_resize_without_reboot</code>. The spec and the client use the wire name (the client also accepts the documented one and renames it).",
  ],
  [
    "OnApp",
    "Every path ends in <code>.json</code> or <code>.xml</code>, and the <code>Accept</code> header should match. A 201 means “scheduled”, not “done”; a delete may answer 204, or 200 with <code>{}</code> or a single space; older servers send <code>backup_size</code> as a string.",
  ],
];

/**
 * @param {{ api: import("./site.mjs").ApiInfo, spec: Record<string, any> }[]} apis
 * @param {import("./packages.mjs").PackageInfo[]} packages the versioned packages, from readPackages()
 * @returns {string}
 */
export function renderIndex(apis, packages = []) {
  const cards = apis
    .map(({ api, spec }) => {
      const pkg = packages.find((candidate) => candidate.name === api.packageName);
      const release = pkg
        ? ` ${escapeHtml(pkg.version)} (<a href="${changelogHref(pkg)}">changelog</a>)`
        : "";
      const operations = listOperations(spec)
        .map(
          (entry) =>
            `<li><span class="method ${entry.method}">${entry.method.toUpperCase()}</span> <code>${escapeHtml(entry.path)}</code> — ${escapeHtml(entry.summary)}</li>`,
        )
        .join("\n          ");
      return `<section class="card" id="${api.id}">
        <h2><a href="${api.id}.html">${escapeHtml(api.title)}</a></h2>
        <p class="meta">${escapeHtml(spec.info.title)} · API version ${escapeHtml(spec.info.version)} · OpenAPI ${escapeHtml(spec.openapi)} · client <code>${escapeHtml(api.packageName)}</code>${release}</p>
        <p>${BLURB[/** @type {keyof typeof BLURB} */ (api.id)] ?? inlineMarkdown(spec.info.summary ?? "")}</p>
        <pre><code>import { ${escapeHtml(api.factory)} } from "${escapeHtml(api.packageName)}";</code></pre>
        <p class="links"><a class="button" href="${api.id}.html">Open the ${escapeHtml(api.title)} reference</a>
          <a href="${api.id}.openapi.json">OpenAPI document (JSON, with the code samples)</a></p>
        <details>
          <summary>${listOperations(spec).length} operations</summary>
          <ul class="ops">
          ${operations}
          </ul>
        </details>
      </section>`;
    })
    .join("\n      ");

  const packageRows = packages
    .map(
      (pkg) =>
        `<tr><td><code>${escapeHtml(pkg.name)}</code></td><td>${escapeHtml(pkg.version)}</td><td><a href="${changelogHref(pkg)}">changelog</a></td><td>${escapeHtml(pkg.description)}${pkg.published ? "" : " <em>(not published: used from the repository)</em>"}</td></tr>`,
    )
    .join("\n        ");
  const packageTable = packages.length
    ? `<h2 id="packages">Packages and versions</h2>
    <p>These pages were built from the packages at the versions below. Each changelog lists what changed in every release.</p>
    <table class="packages">
      <thead><tr><th>package</th><th>version</th><th></th><th>what it is</th></tr></thead>
      <tbody>
        ${packageRows}
      </tbody>
    </table>`
    : "";

  const quirks = QUIRKS.map(([api, text]) => `<li><strong>${api}.</strong> ${text}</li>`).join("\n        ");

  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>backupkit API docs</title>
  <style>
    :root { color-scheme: light dark; --fg: #1d2330; --muted: #5b6472; --bg: #f7f8fa; --card: #fff; --line: #dfe3ea; --accent: #2458c6; }
    @media (prefers-color-scheme: dark) { :root { --fg: #e6e9ef; --muted: #a2abb8; --bg: #14171c; --card: #1c2027; --line: #2f3541; --accent: #7aa5ff; } }
    * { box-sizing: border-box; }
    body { margin: 0; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
    main { max-width: 62rem; margin: 0 auto; padding: 2.5rem 1.25rem 3rem; }
    h1 { font-size: 2rem; margin: 0 0 .25rem; }
    h2 { font-size: 1.3rem; margin: 0 0 .25rem; }
    a { color: var(--accent); }
    code, pre { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
    pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .6rem .8rem; overflow-x: auto; }
    .lead { font-size: 1.1rem; color: var(--muted); margin-top: 0; }
    .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(26rem, 1fr)); gap: 1.25rem; margin: 2rem 0; }
    .card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.4rem; }
    .meta { color: var(--muted); font-size: .9rem; margin-top: 0; }
    .links { display: flex; flex-wrap: wrap; gap: .75rem 1.25rem; align-items: center; }
    .button { display: inline-block; background: var(--accent); color: #fff; padding: .45rem .9rem; border-radius: 6px; text-decoration: none; font-weight: 600; }
    @media (prefers-color-scheme: dark) { .button { color: #0d1117; } }
    details summary { cursor: pointer; color: var(--muted); }
    .ops { list-style: none; padding-left: 0; font-size: .92rem; }
    .ops li { margin: .3rem 0; }
    .method { display: inline-block; min-width: 4.2em; font: 700 .72rem/1.6 ui-monospace, "DejaVu Sans Mono", monospace; text-align: center; border-radius: 4px; color: #fff; background: #6b7280; }
    .method.get { background: #2f7d4a; } .method.post { background: #2458c6; } .method.delete { background: #b3392f; }
    .quirks li { margin: .45rem 0; }
    .packages { border-collapse: collapse; width: 100%; font-size: .92rem; margin-bottom: 2rem; }
    .packages th, .packages td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid var(--line); }
    .packages td:nth-child(2), .packages td:nth-child(3) { white-space: nowrap; }
    footer { color: var(--muted); font-size: .85rem; border-top: 1px solid var(--line); margin-top: 2.5rem; padding-top: 1rem; }
  </style>
</head>
<body>
  <main>
    <h1>backupkit API docs</h1>
    <p class="lead">Typed TypeScript clients for the Z.com (ConoHa) and OnApp backup APIs, built spec-first.</p>
    <p>Each API is described by a hand-written OpenAPI 3.1 document. The same documents produce the client types, the mock servers used in tests and these pages, so what you read here is what the clients send and expect. Every operation comes with a TypeScript example that uses the backupkit client and the equivalent curl command; the TypeScript examples are real files that CI type-checks against the published client API.</p>
    <p>This site has no external dependencies: each page is a single HTML file with its scripts and styles inside, and it makes no network requests, so it works from a CI artifact or on a machine with no connection.</p>

    <div class="grid">
      ${cards}
    </div>

    ${packageTable}

    <h2>Vendor quirks recorded in the specs</h2>
    <p>Where the vendors' pages and the wire disagree, the specs follow the wire and say so. The main cases, all described on the API pages:</p>
    <ul class="quirks">
        ${quirks}
    </ul>

    <footer>
      Built from <code>specs/bundled/zcom.json</code> and <code>specs/bundled/onapp.json</code> with Redocly CLI (<code>build-docs --inlineBundle</code>, telemetry off).
    </footer>
  </main>
</body>
</html>
`;
}

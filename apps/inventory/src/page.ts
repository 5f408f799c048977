/**
 * The `serve` command's page: one self-contained HTML document (inline CSS and script, no
 * external assets) that fetches `/api/report` and draws the machines table and a per-day bar
 * chart. Server data only ever reaches the DOM through `textContent` and SVG attributes.
 */

export interface PageOptions {
  /** The CSP nonce that lets the inline style and script run. */
  nonce: string;
}

/** How many backups a machine lists under its row before "+N more". */
export const BACKUPS_PER_VM = 5;

const STYLE = `
:root {
  --bg: #f4f6f9; --panel: #fff; --ink: #1c2430; --muted: #667085; --line: #e4e7ec;
  --zcom: #3565d6; --onapp: #e0782c;
  --fresh: #16794c; --fresh-bg: #e6f4ec; --stale: #b42318; --stale-bg: #fdecea;
  --none: #9a3412; --none-bg: #fff1e7; --error: #6941c6; --error-bg: #f1ecfb;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header { display: flex; flex-wrap: wrap; gap: 12px 24px; align-items: flex-end; justify-content: space-between;
  padding: 22px 32px 18px; background: #101828; color: #f2f4f7; }
header h1 { margin: 0; font-size: 22px; font-weight: 650; letter-spacing: -0.01em; }
header .lede { margin: 4px 0 0; color: #c0c7d2; }
header .lede strong { color: #fff; }
.meta { display: flex; gap: 12px; align-items: center; flex-wrap: wrap; color: #c0c7d2; font-size: 13px; }
.badge { padding: 3px 10px; border-radius: 999px; background: #344054; color: #fff; font-size: 12px; }
.badge.mock { background: #7a5af8; }
button { font: inherit; font-size: 13px; padding: 5px 12px; border-radius: 6px; border: 1px solid #475467;
  background: #1d2939; color: #f2f4f7; cursor: pointer; }
button:hover { background: #344054; }
main { max-width: 1280px; margin: 0 auto; padding: 22px 32px 40px; }
#status { color: var(--muted); margin-bottom: 12px; }
#status.error { color: var(--stale); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 12px; margin-bottom: 18px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; }
.card .n { font-size: 26px; font-weight: 700; line-height: 1.1; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; }
.card.fresh .n { color: var(--fresh); } .card.stale .n { color: var(--stale); }
.card.none .n { color: var(--none); } .card.error .n { color: var(--error); }
.card.summary { grid-column: 1 / -1; font-weight: 600; font-size: 15px; padding: 10px 16px; }
.card.summary.bad { background: var(--stale-bg); border-color: #f5c2bd; color: var(--stale); }
.card.summary.good { background: var(--fresh-bg); border-color: #b7e1c8; color: var(--fresh); }
.failures { background: var(--error-bg); border: 1px solid #d9cdf7; border-radius: 10px; padding: 10px 16px; margin-bottom: 18px; }
.failures h2 { margin: 0 0 6px; font-size: 14px; color: var(--error); }
.failures ul { margin: 0; padding-left: 18px; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin-bottom: 18px; }
.panel h2 { margin: 0; font-size: 15px; }
.panel .hint { margin: 2px 0 10px; color: var(--muted); font-size: 12px; }
.legend { display: flex; gap: 16px; font-size: 12px; color: var(--muted); margin-bottom: 6px; }
.legend i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 5px; vertical-align: -1px; }
.legend .zcom { background: var(--zcom); } .legend .onapp { background: var(--onapp); }
#chart { overflow-x: auto; }
#chart svg { display: block; }
#chart .empty { color: var(--muted); padding: 16px 0; }
table { width: 100%; border-collapse: collapse; }
th { text-align: left; font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: var(--muted);
  font-weight: 600; padding: 8px 10px; border-bottom: 2px solid var(--line); white-space: nowrap; }
td { padding: 7px 10px; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.date { white-space: nowrap; }
tbody.vm { border-top: 1px solid var(--line); }
tr.vm-row td { font-weight: 600; padding-top: 10px; }
tr.vm-row td:first-child { border-left: 4px solid transparent; }
tbody.state-fresh tr.vm-row td:first-child { border-left-color: var(--fresh); }
tbody.state-stale tr.vm-row, tbody.state-none tr.vm-row { background: var(--stale-bg); }
tbody.state-stale tr.vm-row td:first-child { border-left-color: var(--stale); }
tbody.state-none tr.vm-row td:first-child { border-left-color: var(--none); }
tbody.state-error tr.vm-row { background: var(--error-bg); }
tbody.state-error tr.vm-row td:first-child { border-left-color: var(--error); }
tr.backup-row td { color: #475467; font-size: 13px; padding-top: 3px; padding-bottom: 3px; }
tr.backup-row td:first-child { border-left: 4px solid transparent; }
tr.backup-row:last-child td { padding-bottom: 10px; }
tr.backup-row.unusable td { color: #98a2b3; }
.mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.sub { display: block; font-weight: 400; color: var(--muted); font-size: 12px; }
.sub.run { padding-left: 1.35em; font-size: 11px; }
.provider { display: inline-block; padding: 1px 8px; border-radius: 4px; color: #fff; font-size: 12px; font-weight: 600; }
.provider.zcom { background: var(--zcom); } .provider.onapp { background: var(--onapp); }
.state { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700; white-space: nowrap; }
.state.fresh { background: var(--fresh-bg); color: var(--fresh); }
.state.stale { background: #fbd5d0; color: var(--stale); }
.state.none { background: #fde0cc; color: var(--none); }
.state.error { background: #e4dbfa; color: var(--error); }
.pill { display: inline-block; padding: 0 7px; border-radius: 999px; background: #eef1f5; font-size: 12px; white-space: nowrap; }
.more td { color: var(--muted); font-size: 12px; font-style: italic; }
footer { color: var(--muted); font-size: 12px; text-align: center; padding-bottom: 24px; }
`;

const SCRIPT = `
"use strict";
const PER_VM = ${BACKUPS_PER_VM};
const STATE_TEXT = { fresh: "fresh", stale: "stale", none: "no backup", error: "error" };
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

function svg(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (key === "text") node.textContent = value; else node.setAttribute(key, String(value));
  }
  return node;
}

function shortDate(iso) { return iso ? iso.slice(0, 10) + " " + iso.slice(11, 16) : "—"; }

function age(ms) {
  if (ms === null || ms === undefined) return "—";
  if (ms < 0) return "in " + age(-ms);
  const s = Math.floor(ms / 1000), m = Math.floor(s / 60), h = Math.floor(m / 60), d = Math.floor(h / 24);
  if (s < 60) return s + "s";
  if (m < 60) return m + "m";
  if (h < 24) return m % 60 ? h + "h " + (m % 60) + "m" : h + "h";
  if (d < 365) return h % 24 ? d + "d " + (h % 24) + "h" : d + "d";
  return Math.floor(d / 365) + "y " + (d % 365) + "d";
}

function size(bytes) {
  if (bytes === null || bytes === undefined) return "—";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return unit === 0 ? value + " B" : value.toFixed(1) + " " + units[unit];
}

function vmName(vm) { return vm.vmLabel ? vm.vmLabel : vm.vmId; }

function renderCards(report) {
  const c = report.counts;
  const bad = c.stale + c.none + c.error;
  const card = (cls, n, label) => el("div", { class: "card " + cls, "data-count": cls },
    el("div", { class: "n", text: String(n) }), el("div", { class: "label", text: label }));
  const summary = c.vms === 0 ? "No machines found."
    : bad === 0 ? "Every machine has a usable backup younger than " + report.maxAge + "."
    : bad + " of " + c.vms + " machines have no usable backup younger than " + report.maxAge + ".";
  $("cards").replaceChildren(
    el("div", { class: "card summary " + (bad === 0 && report.failures.length === 0 ? "good" : "bad"), text: summary }),
    card("vms", c.vms, "machines"), card("fresh", c.fresh, "fresh"), card("stale", c.stale, "stale"),
    card("none", c.none, "no backup"), card("error", c.error, "unreadable"), card("backups", c.backups, "backups"));
}

function renderFailures(report) {
  const box = $("failures");
  if (report.failures.length === 0) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  box.replaceChildren(el("h2", { text: "Some calls failed; the numbers above leave those machines out or mark them as errors" }),
    el("ul", {}, ...report.failures.map((f) => el("li", {},
      el("strong", { text: f.provider + (f.vmId === null ? "" : " " + (f.vmLabel ? f.vmLabel + " (" + f.vmId + ")" : f.vmId)) + ": " }),
      document.createTextNode(f.message)))));
}

function renderChart(days) {
  const box = $("chart");
  if (days.length === 0) { box.replaceChildren(el("div", { class: "empty", text: "No dated backups." })); return; }
  const left = 34, top = 18, plot = 150, bottom = 40;
  const room = Math.max(400, box.clientWidth - 4);
  const slot = Math.max(36, Math.min(140, (room - left - 10) / days.length));
  const width = Math.max(room, left + days.length * slot + 10);
  const height = top + plot + bottom;
  const max = Math.max(...days.map((d) => d.total));
  const step = max <= 5 ? 1 : Math.ceil(max / 5);
  const chart = svg("svg", { width, height, viewBox: "0 0 " + width + " " + height, role: "img",
    "aria-label": "Backups per day" });
  for (let v = 0; v <= max; v += step) {
    const y = top + plot - (v / max) * plot;
    chart.append(svg("line", { x1: left, x2: width - 6, y1: y, y2: y, stroke: "#e4e7ec" }));
    chart.append(svg("text", { x: left - 6, y: y + 4, "text-anchor": "end", "font-size": 11, fill: "#667085", text: String(v) }));
  }
  let lastYear = "";
  days.forEach((day, i) => {
    const w = Math.round(Math.min(48, slot * 0.58));
    const x = left + i * slot + (slot - w) / 2;
    let y = top + plot;
    for (const provider of ["zcom", "onapp"]) {
      const n = day[provider];
      if (!n) continue;
      const h = (n / max) * plot;
      y -= h;
      const bar = svg("rect", { x, y, width: w, height: h, rx: 2, fill: provider === "zcom" ? "#3565d6" : "#e0782c",
        class: "bar " + provider, "data-date": day.date, "data-count": n });
      bar.append(svg("title", { text: day.date + ": " + n + " " + provider + " backup" + (n === 1 ? "" : "s") }));
      chart.append(bar);
    }
    chart.append(svg("text", { x: x + w / 2, y: y - 4, "text-anchor": "middle", "font-size": 11, "font-weight": 600,
      fill: "#344054", text: String(day.total) }));
    const year = day.date.slice(0, 4);
    chart.append(svg("text", { x: x + w / 2, y: top + plot + 15, "text-anchor": "middle", "font-size": 11,
      fill: "#475467", text: day.date.slice(5) }));
    if (year !== lastYear) {
      chart.append(svg("text", { x: x + w / 2, y: top + plot + 30, "text-anchor": "middle", "font-size": 10,
        fill: "#98a2b3", text: year }));
      lastYear = year;
    }
  });
  box.replaceChildren(chart);
}

function renderTable(report) {
  const table = $("report");
  for (const old of table.querySelectorAll("tbody")) old.remove();
  for (const vm of report.vms) {
    const group = el("tbody", { class: "vm state-" + vm.state });
    const known = vm.backups.filter((b) => b.sizeBytes !== null);
    const total = known.reduce((sum, b) => sum + b.sizeBytes, 0);
    group.append(el("tr", { class: "vm-row", "data-provider": vm.provider, "data-vm-id": vm.vmId, "data-state": vm.state },
      el("td", {}, el("span", { class: "provider " + vm.provider, text: vm.provider })),
      el("td", { class: "vm" }, document.createTextNode(vmName(vm)),
        el("span", { class: "sub" + (vm.vmLabel ? "" : " mono"),
          text: (vm.vmLabel ? "id " + vm.vmId + " · " : "") + vm.backups.length + " backup" + (vm.backups.length === 1 ? "" : "s") })),
      el("td", { class: "state-cell" }, el("span", { class: "state " + vm.state, text: STATE_TEXT[vm.state] }),
        vm.error ? el("span", { class: "sub", text: vm.error }) : null),
      el("td", { class: "newest date", text: shortDate(vm.newest ? vm.newest.createdAt : null) }),
      el("td", { class: "num age", text: age(vm.ageMs) }),
      el("td", { class: "kind", text: vm.newest ? vm.newest.kind : "—" }),
      el("td", { class: "num", text: known.length ? size(total) : "—" })));
    for (const b of vm.backups.slice(0, PER_VM)) {
      const status = b.status + (b.flags.length ? " (" + b.flags.join(", ") + ")" : "");
      group.append(el("tr", { class: "backup-row" + (b.usable ? "" : " unusable"), "data-backup-id": b.backupId },
        el("td"),
        el("td", { class: "mono", title: b.note || undefined }, document.createTextNode("↳ " + b.backupId),
          b.runId ? el("span", { class: "sub mono run", text: "run " + b.runId }) : null),
        el("td", {}, el("span", { class: "pill", text: status })),
        el("td", { class: "date", text: shortDate(b.createdAt) }),
        el("td", { class: "num", text: age(b.ageMs) }),
        el("td", { text: b.kind }),
        el("td", { class: "num", text: size(b.sizeBytes) })));
    }
    if (vm.backups.length > PER_VM) {
      group.append(el("tr", { class: "more" }, el("td"),
        el("td", { colspan: 6, text: "+ " + (vm.backups.length - PER_VM) + " older backups (see /api/backups)" })));
    }
    table.append(group);
  }
  if (report.vms.length === 0) {
    table.append(el("tbody", {}, el("tr", {}, el("td", { colspan: 7, text: "No machines found." }))));
  }
}

async function load(refresh) {
  const status = $("status");
  status.className = "";
  status.textContent = "Loading…";
  try {
    const response = await fetch("/api/report" + (refresh ? "?refresh=1" : ""), { headers: { accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || "HTTP " + response.status);
    $("max-age").textContent = body.maxAge;
    const src = body.source || { mock: false, providers: [] };
    const badge = $("source");
    badge.className = "badge" + (src.mock ? " mock" : "");
    badge.textContent = src.mock ? "embedded Prism mocks" : src.providers.map((p) => p.provider).join(" + ") || "no provider";
    badge.title = src.providers.map((p) => p.provider + ": " + p.url).join("\\n");
    $("generated").textContent = "as of " + shortDate(body.generatedAt) + " UTC";
    renderCards(body);
    renderFailures(body);
    renderChart(body.perDay);
    renderTable(body);
    status.textContent = "";
    document.body.dataset.ready = "true";
  } catch (error) {
    status.className = "error";
    status.textContent = "Could not load the report: " + error.message;
    document.body.dataset.ready = "error";
  }
}

$("refresh").addEventListener("click", () => load(true));
load(false);
`;

/** The whole page. */
export function renderPage(options: PageOptions): string {
  const nonce = options.nonce.replace(/[^A-Za-z0-9+/=]/g, "");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Backup freshness · backup-inventory</title>
<link rel="icon" href="data:,">
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<header>
  <div>
    <h1>Backup freshness</h1>
    <p class="lede">Which virtual machines, across both clouds, have no usable backup younger than <strong id="max-age">…</strong>?</p>
  </div>
  <div class="meta">
    <span id="source" class="badge">…</span>
    <span id="generated"></span>
    <button id="refresh" type="button">Refresh</button>
  </div>
</header>
<main>
  <div id="status" role="status">Loading…</div>
  <section class="cards" id="cards"></section>
  <section class="failures" id="failures" hidden></section>
  <section class="panel">
    <h2>Backups per day</h2>
    <p class="hint">UTC days with at least one backup (the 30 most recent such days), stacked by provider.</p>
    <div class="legend"><span><i class="zcom"></i>Z.com</span><span><i class="onapp"></i>OnApp</span></div>
    <div id="chart"></div>
  </section>
  <section class="panel">
    <h2>Machines</h2>
    <p class="hint">One group per virtual machine: its newest usable backup, then its ${BACKUPS_PER_VM} newest backups of any status.</p>
    <table id="report">
      <thead><tr>
        <th>Provider</th><th>Machine / backup</th><th>State / status</th><th>Newest usable / taken (UTC)</th>
        <th class="num">Age</th><th>Kind</th><th class="num">Size</th>
      </tr></thead>
    </table>
  </section>
</main>
<footer>backup-inventory · data from <span class="mono">/api/report</span> and <span class="mono">/api/backups</span></footer>
<script nonce="${nonce}">${SCRIPT}</script>
</body>
</html>
`;
}

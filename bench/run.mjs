#!/usr/bin/env node
/**
 * Runs benchmarks B1–B8 (issue 13), prints one table and writes it to BENCHMARKS.md.
 *
 *   node bench/run.mjs                 full sizes, writes BENCHMARKS.md at the repository root
 *   node bench/run.mjs --quick         tiny inputs, one round each: proves every benchmark still runs
 *   node bench/run.mjs --out <file>    write the report there instead
 *   node bench/run.mjs --only B4,B6    run some of them
 *
 * Needs the packages built (`pnpm bench` builds them first). Ratios are what to read: absolute
 * times on a shared machine move from run to run; both sides of a ratio are measured in
 * alternation in the same run.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { parseArgs } from "node:util";
import { describe, kB, measureBundles } from "../scripts/bundle-size.mjs";
import { b1, b2b3 } from "./calls.mjs";
import { b7 } from "./heap.mjs";
import { b5 } from "./inventory.mjs";
import { startServer } from "./lib/server.mjs";
import { b8 } from "./startup.mjs";
import { b4 } from "./xml.mjs";

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    out: { type: "string" },
    only: { type: "string" },
  },
});
const quick = values.quick;
const FULL = { zcomBackups: 10_000, onappBackups: 10_000, vms: 1_000, backupsPerVm: 3, delayMs: 20 };
const QUICK = { zcomBackups: 20, onappBackups: 20, vms: 16, backupsPerVm: 2, delayMs: 20 };
const sizes = quick ? QUICK : FULL;
const out = values.out ?? (quick ? undefined : new URL("../BENCHMARKS.md", import.meta.url));
const only = values.only?.split(",").map((id) => id.trim().toUpperCase());

/** B6: the start-up bundle of each client against openapi-fetch's. */
async function b6(ctx) {
  const report = await measureBundles();
  ctx.notes.push(...describe(report).map((line) => `B6: ${line}`));
  return report.clients.map((client) => {
    const extra = client.startGzip - report.baseline.startGzip;
    return {
      id: `B6 ${client.name}`,
      measure: `esbuild min + splitting + gzip of @backupkit/${client.name}, what loads at start`,
      compared: "openapi-fetch alone, bundled the same way",
      ours: kB(client.startGzip),
      baseline: kB(report.baseline.startGzip),
      ratio: `+${kB(extra)}`,
      target: "≤ +6.0 kB, lazy code in other chunks",
      met: extra <= 6 * 1024 && client.leaked.length === 0,
    };
  });
}

const BENCHMARKS = [
  ["B1", b1],
  ["B2", b2b3],
  ["B4", b4],
  ["B5", b5],
  ["B6", b6],
  ["B7", b7],
  ["B8", b8],
];

function table(rows) {
  const header = ["id", "ours", "baseline", "ratio", "target", "met?", "wall ratio"];
  const cells = rows.map((row) => [
    row.id,
    row.ours,
    row.baseline,
    row.ratio,
    row.target,
    row.met === undefined ? "—" : row.met ? "yes" : "NO",
    row.wallRatio ?? "—",
  ]);
  const widths = header.map((name, i) => Math.max(name.length, ...cells.map((line) => line[i].length)));
  const line = (values) => values.map((value, i) => value.padEnd(widths[i])).join("  ");
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...cells.map(line)].join("\n");
}

/** A Markdown table with padded columns, as the repository's formatter writes them. */
function markdownTable(header, lines) {
  const cells = [header, ...lines].map((line) => line.map((text) => String(text).replaceAll("|", "\\|")));
  const widths = header.map((_, i) => Math.max(3, ...cells.map((line) => line[i].length)));
  const row = (line) => `| ${line.map((text, i) => text.padEnd(widths[i])).join(" | ")} |`;
  return [row(cells[0]), row(widths.map((width) => "-".repeat(width))), ...cells.slice(1).map(row)];
}

function markdown(rows, ctx, startedAt, seconds) {
  const cpu = cpus();
  const lines = [
    "# Benchmarks",
    "",
    "Written by `pnpm bench` (`node bench/run.mjs`); do not edit by hand. Method and analysis follow the table.",
    "",
    `- Date: ${startedAt.toISOString()}`,
    `- Node: ${process.version} (${process.platform} ${process.arch})`,
    `- CPU: ${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    `- Inputs: ${JSON.stringify(sizes)}${quick ? " (quick mode)" : ""}`,
    `- Whole run: ${seconds.toFixed(0)} s`,
    "",
    ...markdownTable(
      ["id", "measure", "ours", "baseline", "compared with", "ratio", "target", "met?", "wall ratio"],
      rows.map((row) => [
        row.id,
        row.measure,
        row.ours,
        row.baseline,
        row.compared,
        row.ratio,
        row.target,
        row.met === undefined ? "—" : row.met ? "yes" : "**no**",
        row.wallRatio ?? "—",
      ]),
    ),
    "",
    "Checked in this run:",
    "",
    ...(ctx.checks.length ? ctx.checks.map((check) => `- ${check}`) : ["- nothing (B4 did not run)"]),
    "",
    "Notes from this run:",
    "",
    ...ctx.notes.map((note) => `- ${note}`),
    ...rows.filter((row) => row.note).map((row) => `- ${row.id}: ${row.note}`),
    "",
    readFileSync(new URL("./analysis.md", import.meta.url), "utf8").trim(),
    "",
  ];
  return lines.join("\n");
}

const startedAt = new Date();
const server = await startServer(sizes);
const ctx = { quick, sizes, server, checks: [], notes: [] };
const rows = [];
try {
  for (const [id, run] of BENCHMARKS) {
    if (only && !only.some((wanted) => wanted.startsWith(id) || (id === "B2" && wanted === "B3"))) continue;
    process.stderr.write(`bench: ${id}${id === "B2" ? "/B3" : ""}...\n`);
    rows.push(...(await run(ctx)));
  }
} finally {
  await server.close();
}
const seconds = (Date.now() - startedAt.getTime()) / 1000;

console.log(table(rows));
for (const check of ctx.checks) console.log(`check: ${check}`);
for (const note of [...ctx.notes, ...rows.filter((row) => row.note).map((row) => `${row.id}: ${row.note}`)]) {
  console.log(`note: ${note}`);
}
if (out) {
  writeFileSync(out, markdown(rows, ctx, startedAt, seconds));
  console.log(`wrote ${out instanceof URL ? "BENCHMARKS.md" : out}`);
}

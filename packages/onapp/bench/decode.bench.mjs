#!/usr/bin/env node
// Decoding and validation cost on a large OnApp list, measured side by side in one run and
// printed as ratios (absolute times on a shared machine mean little). Run: pnpm bench (after
// pnpm build: it measures the built decoder, as users get it).
//   1. XML (issue 13, B4): our Rails decoder vs JSON.parse of the same data (target ≤ 3×),
//      and vs fast-xml-parser; the XML and JSON results must be deep-equal, checked here.
//   2. validate: JSON.parse alone vs JSON.parse + the compiled spec validator.
import { isDeepStrictEqual } from "node:util";
import { checkBody } from "@backupkit/core";
import { XMLParser } from "fast-xml-parser";
import { specSchemas } from "../dist/generated/schemas.js";
import { decodeRailsXml } from "../dist/xml/decode.js";

const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

function record(i) {
  return {
    allow_resize_without_reboot: i % 2 === 0,
    allowed_hot_migrate: true,
    allowed_swap: true,
    backup_server_id: i % 4 ? 1 : null,
    backup_size: 100_000 + i,
    backup_type: i % 2 ? "incremental" : "normal",
    built: true,
    built_at: "2026-11-24T02:00:49+00:00",
    created_at: "2026-11-24T01:59:20+00:00",
    data_store_type: "lvm",
    id: i + 1,
    identifier: `ident${i}`,
    image_type: null,
    initiated: "days",
    iqn: null,
    locked: false,
    marked_for_delete: false,
    min_disk_size: 5,
    min_memory_size: 384,
    note: i % 9 ? null : "nightly",
    operating_system: "linux",
    operating_system_distro: "rhel",
    target_id: 488,
    target_type: "Disk",
    template_id: 128,
    updated_at: "2026-11-24T02:01:38+00:00",
    user_id: 337,
    volume_id: null,
    disk_id: 900,
  };
}
function xmlOf(records) {
  const field = (k, v) =>
    v === null
      ? `<${k} nil="true"/>`
      : typeof v === "boolean"
        ? `<${k} type="boolean">${v}</${k}>`
        : typeof v === "number"
          ? `<${k} type="integer">${v}</${k}>`
          : /^\d{4}-/.test(v)
            ? `<${k} type="datetime">${v}</${k}>`
            : `<${k}>${v}</${k}>`;
  const items = records.map(
    (r) =>
      `<backup>${Object.entries(r)
        .map(([k, v]) => field(k, v))
        .join("")}</backup>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<backups type="array">${items.join("\n")}</backups>\n`;
}

const records = Array.from({ length: RECORDS }, (_, i) => record(i));
const json = JSON.stringify(records.map((backup) => ({ backup })));
const xml = xmlOf(records);
const fxp = new XMLParser({ ignoreAttributes: false, parseTagValue: true });
// The two decodings must agree before their times mean anything.
if (!isDeepStrictEqual(decodeRailsXml(xml), JSON.parse(json))) {
  console.error(
    "decodeRailsXml and JSON.parse disagree on the same data: the XML figures would be meaningless",
  );
  process.exit(1);
}

/**
 * Median wall time and median CPU time (this process, all threads: the garbage collector's
 * helpers count) of each function, alternating round by round after a warm-up. CPU time is
 * printed too because on a shared machine other processes inflate wall time unevenly.
 */
function medians(fns, rounds = ROUNDS) {
  for (const fn of fns) fn(); // warm up (the validator itself was compiled at build time)
  const wall = fns.map(() => []);
  const cpu = fns.map(() => []);
  for (let i = 0; i < rounds; i++) {
    fns.forEach((fn, k) => {
      const startCpu = process.cpuUsage();
      const start = process.hrtime.bigint();
      fn();
      wall[k].push(Number(process.hrtime.bigint() - start) / 1e6);
      const used = process.cpuUsage(startCpu);
      cpu[k].push((used.user + used.system) / 1e3);
    });
  }
  const median = (t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)];
  return fns.map((_, k) => ({ wall: median(wall[k]), cpu: median(cpu[k]) }));
}

// Three phases, each alternating only what it compares: fast-xml-parser leaves gigabytes of
// garbage behind, which would otherwise change the heap the other figures are measured in.
const [parse, ours] = medians([() => JSON.parse(json), () => decodeRailsXml(xml)]);
const [ours2, general] = medians([() => decodeRailsXml(xml), () => fxp.parse(xml)], Math.min(ROUNDS, 3));
const [parse3, validated] = medians([
  () => JSON.parse(json),
  () => checkBody(specSchemas, "listBackups", 200, JSON.parse(json), true),
]);

const row = (name, t, base) =>
  `  ${name.padEnd(40)} ${t.wall.toFixed(1).padStart(8)} ms ${(t.wall / base.wall).toFixed(2).padStart(7)}x` +
  `   ${t.cpu.toFixed(1).padStart(8)} ms ${(t.cpu / base.cpu).toFixed(2).padStart(7)}x`;
const header = (title) =>
  console.log(
    `${title.padEnd(42)} ${"wall".padStart(8)}    ${"ratio".padStart(7)}    ${"cpu".padStart(8)}    ${"ratio".padStart(7)}`,
  );
console.log(
  `OnApp list of ${RECORDS} backups: JSON ${(json.length / 1e6).toFixed(1)} MB, XML ${(xml.length / 1e6).toFixed(1)} MB; medians of ${ROUNDS} rounds (3 with fast-xml-parser); XML and JSON results deep-equal`,
);
header("B4: XML decoding vs JSON.parse");
console.log(row("JSON.parse", parse, parse));
console.log(row("decodeRailsXml (backupkit)", ours, parse));
const b4 = (key) => ours[key] / parse[key];
console.log(
  `  B4 ours ${b4("wall").toFixed(2)}x JSON.parse wall, ${b4("cpu").toFixed(2)}x cpu (target <= 3.0x: ${b4("wall") <= 3 ? "met" : "missed"})`,
);
header("vs a general XML parser");
console.log(row("decodeRailsXml (backupkit)", ours2, ours2));
console.log(row("fast-xml-parser (attributes kept)", general, ours2));
console.log(
  `  ours ${(ours2.wall / general.wall).toFixed(3)}x fast-xml-parser wall (${(general.wall / ours2.wall).toFixed(0)}x faster)`,
);
header("validation");
console.log(row("JSON.parse", parse3, parse3));
console.log(row("JSON.parse + validate (precompiled)", validated, parse3));
console.log(
  `  validation adds ${(((validated.wall - parse3.wall) / parse3.wall) * 100).toFixed(0)}% to parsing`,
);

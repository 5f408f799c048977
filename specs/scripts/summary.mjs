#!/usr/bin/env node
// Prints what the two bundled specs contain: servers, auth, and every operation with the
// statuses it documents, so a newcomer sees the API surface before reading any YAML.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(dirname(fileURLToPath(import.meta.url)));
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];

for (const api of ["zcom", "onapp"]) {
  const doc = JSON.parse(readFileSync(join(here, "bundled", `${api}.json`), "utf8"));
  const servers = (doc.servers ?? []).map((s) => s.url).join(", ");
  const schemes = Object.entries(doc.components?.securitySchemes ?? {})
    .map(
      ([name, s]) =>
        `${name} (${s.type}${s.scheme ? ` ${s.scheme}` : ""}${s.name ? ` ${s.in} ${s.name}` : ""})`,
    )
    .join(", ");
  console.log(`\n${doc.info.title} — OpenAPI ${doc.openapi}, version ${doc.info.version}`);
  console.log(`  servers: ${servers}`);
  console.log(`  auth:    ${schemes}`);
  const rows = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const statuses = Object.keys(op.responses ?? {}).join(" ");
      rows.push([op.operationId, method.toUpperCase(), path, statuses]);
    }
  }
  const width = rows.map((r) => r.map((c) => c.length)).reduce((a, b) => a.map((n, i) => Math.max(n, b[i])));
  for (const row of rows) console.log(`  ${row.map((c, i) => c.padEnd(width[i])).join("  ")}`);
  console.log(`  ${rows.length} operations, ${Object.keys(doc.components?.schemas ?? {}).length} schemas`);
}

#!/usr/bin/env node
// Generates a client package's src/generated/ from its bundled spec:
//   schema.ts      TypeScript types (openapi-typescript), for openapi-fetch and the client
//   schemas.ts     the spec's JSON Schemas, for validation on demand
//   validators.ts  those schemas compiled ahead of time by Ajv (standalone code), so a client
//                  never compiles a schema at run time and needs no `new Function`
//   operations.ts  every operation's id, method, path and success statuses
// Usage: node scripts/generate-client.mjs <api> <package-dir> [--check] [--spec <bundle.json>]
// With --check nothing is written; it fails when the committed files differ (drift).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import openapiTS, { astToString } from "openapi-typescript";

const standaloneCode = standaloneModule.default ?? standaloneModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const [api, packageDir, ...flags] = process.argv.slice(2);
if (!api || !packageDir) {
  console.error("usage: generate-client.mjs <api> <package-dir> [--check] [--spec <bundle.json>]");
  process.exit(2);
}
const check = flags.includes("--check");
// --spec lets a test generate from a modified spec into a scratch package directory.
const specFlag = flags.indexOf("--spec");
const specPath = specFlag >= 0 ? flags[specFlag + 1] : join(root, "specs", "bundled", `${api}.json`);
const doc = JSON.parse(readFileSync(specPath, "utf8"));
const outDir = join(packageDir, "src", "generated");
const header = `// Generated from specs/${api} by scripts/generate-client.mjs. Do not edit: run \`pnpm generate\`.\n`;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options"];
const id = `backupkit:${api}`;

/** Drops vendor extensions (Ajv's strict mode rejects unknown keywords) and points refs at $defs. */
function toJsonSchema(value) {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (value === null || typeof value !== "object") return value;
  const out = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key.startsWith("x-")) continue;
    if (key === "$ref" && typeof inner === "string") {
      out.$ref = inner.replace("#/components/schemas/", `${id}#/$defs/`);
      continue;
    }
    out[key] = toJsonSchema(inner);
  }
  return out;
}

function resolve(value) {
  let current = value;
  while (current && typeof current.$ref === "string" && current.$ref.startsWith("#/")) {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((node, key) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

const operations = [];
const responses = {};
for (const [path, item] of Object.entries(doc.paths)) {
  for (const method of METHODS) {
    const op = item[method];
    if (!op) continue;
    const success = {};
    const statuses = [];
    for (const [status, responseOrRef] of Object.entries(op.responses ?? {})) {
      if (!/^2/.test(status)) continue;
      statuses.push(Number(status));
      const schema = resolve(responseOrRef)?.content?.["application/json"]?.schema;
      if (schema) success[status] = toJsonSchema(schema);
    }
    responses[op.operationId] = success;
    operations.push({
      operationId: op.operationId,
      method: method.toUpperCase(),
      path,
      successStatuses: statuses,
    });
  }
}

/** Ajv's standalone code for every operation's success body, as an ES module. */
function precompiledValidators(components) {
  const ajv = new Ajv2020({ strict: true, allErrors: false, code: { source: true, esm: true } });
  addFormats(ajv);
  ajv.addVocabulary(["example", "xml", "discriminator", "externalDocs"]);
  ajv.addSchema({ $id: id, $defs: components });
  const exported = {};
  for (const [operationId, byStatus] of Object.entries(responses)) {
    for (const [status, schema] of Object.entries(byStatus)) {
      ajv.addSchema({ $id: `${id}/${operationId}:${status}`, ...schema });
      exported[`${operationId}_${status}`] = `${id}/${operationId}:${status}`;
    }
  }
  // Ajv's ESM output still require()s its CommonJS runtime helpers; createRequire gives them
  // exactly CommonJS semantics under Node and under test runners alike.
  const code = standaloneCode(ajv, exported).replace(/^"use strict";/, "");
  const head =
    'import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);';
  return `${header}// @ts-nocheck -- machine-written by Ajv; its types are checked where it is used.\n${head}\n${code}\n`;
}

const components = toJsonSchema(doc.components?.schemas ?? {});
const ast = await openapiTS(doc, { alphabetize: false });
const files = {
  "schema.ts": `${header}/* eslint-disable */\n${astToString(ast)}`,
  "schemas.ts": `${header}import type { SpecSchemas } from "@backupkit/core";
import * as validators from "./validators.js";

/** The JSON Schemas of the ${api} spec and their precompiled validators, for \`validate: true | "warn"\`. */
export const specSchemas: SpecSchemas = {
  ...${JSON.stringify({ id, components, responses }, null, 2).replace(/\n/g, "\n  ")},
  validators: validators as unknown as SpecSchemas["validators"],
};
`,
  "validators.ts": precompiledValidators(components),
  "operations.ts": `${header}
/** Every operation of the ${api} spec. */
export const operations = ${JSON.stringify(operations, null, 2)} as const;

export type OperationId = (typeof operations)[number]["operationId"];
`,
};

const drifted = [];
if (!check) mkdirSync(outDir, { recursive: true });
for (const [name, content] of Object.entries(files)) {
  const target = join(outDir, name);
  if (check) {
    let current = "";
    try {
      current = readFileSync(target, "utf8");
    } catch {}
    if (current !== content) drifted.push(relative(root, target));
  } else {
    writeFileSync(target, content);
  }
}
if (drifted.length > 0) {
  console.error(
    `generate --check: ${drifted.join(", ")} differ from specs/${api}; run \`pnpm generate\` and commit`,
  );
  process.exit(1);
}
console.log(
  check ? `generate --check: ${api} generated code matches the spec` : `generated ${relative(root, outDir)}`,
);

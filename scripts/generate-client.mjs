#!/usr/bin/env node
// Generates a client package's src/generated/ from its bundled spec:
//   schema.ts      TypeScript types of the spec (openapi-typescript)
//   operations.ts  one typed descriptor per operation (method, path, parameters, media types,
//                  success statuses), which the client's methods pass to core's one typed call
//   validators.ts  the success bodies' schemas compiled ahead of time by Ajv (standalone code),
//                  imported by the client only when `validate` is on
// Usage: node scripts/generate-client.mjs <api> <package-dir> [--spec <bundle.json>]
// Drift from the spec is checked once, after `pnpm test` has regenerated: scripts/check-drift.mjs.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import standaloneModule from "ajv/dist/standalone/index.js";
import addFormatsModule from "ajv-formats";
import { fastFormats } from "ajv-formats/dist/formats.js";
import openapiTS, { astToString } from "openapi-typescript";
import { resolve, operations as specOperations } from "../specs/walk.mjs";

const standaloneCode = standaloneModule.default ?? standaloneModule;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const [api, packageDir, ...flags] = process.argv.slice(2);
if (!api || !packageDir) {
  console.error("usage: generate-client.mjs <api> <package-dir> [--spec <bundle.json>]");
  process.exit(2);
}
// --spec lets a test generate from a modified spec into a scratch package directory.
const specFlag = flags.indexOf("--spec");
const specPath =
  specFlag >= 0 ? flags[specFlag + 1] : new URL(`../specs/bundled/${api}.json`, import.meta.url);
const doc = JSON.parse(readFileSync(specPath, "utf8"));
const outDir = join(packageDir, "src", "generated");
const header = `// Generated from specs/${api} by scripts/generate-client.mjs. Do not edit: run \`pnpm generate\`.\n`;
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

function newAjv(options = {}) {
  const ajv = new Ajv2020({ strict: true, allErrors: false, ...options });
  addFormats(ajv);
  // date-time is ajv-formats' "fast" check: a bare regular expression, which Ajv writes into the
  // standalone code. The "full" check is a function called per value through require(), and on
  // a list of backups it cost about as much as parsing the JSON (benchmark B2). The fast check
  // holds the RFC 3339 shape: a "T" between date and time (a space, which the full check let
  // through, is refused), then "Z" or an offset. It does not hold the calendar or the clock:
  // February 31st, hour 29 and offset +99:99 pass.
  ajv.addFormat("date-time", fastFormats["date-time"].validate);
  // OpenAPI's own schema keywords: annotations, nothing to check.
  ajv.addVocabulary(["example", "xml", "discriminator", "externalDocs"]);
  ajv.addSchema({ $id: id, $defs: components });
  return ajv;
}

const components = toJsonSchema(doc.components?.schemas ?? {});
const probe = newAjv();
/** Media types whose schema describes the body itself (XML bodies are described as text). */
const describesBody = (mediaType) => mediaType === "application/json" || mediaType.startsWith("text/");

const descriptors = [];
const responseSchemas = {};
for (const { path, method, operation, parameters } of specOperations(doc)) {
  const responses = {};
  for (const [status, responseOrRef] of Object.entries(operation.responses ?? {})) {
    if (!/^2\d\d$/.test(status)) continue;
    const content = resolve(doc, responseOrRef)?.content ?? {};
    const mediaTypes = Object.keys(content);
    // A blank body is allowed where nothing is declared, or where a declared schema accepts one.
    const mayBeEmpty =
      mediaTypes.length === 0 ||
      mediaTypes.some(
        (type) => describesBody(type) && probe.validate(toJsonSchema(content[type].schema ?? {}), " "),
      );
    responses[status] = { mediaTypes, mayBeEmpty };
    const json = content["application/json"]?.schema;
    if (json) responseSchemas[`${operation.operationId}_${status}`] = toJsonSchema(json);
  }
  // An operation whose every documented success has no body is done whatever 2xx it gets: a
  // server that answers 200 or 204 where 202 is documented has done what was asked, and a client
  // that failed it would invite the caller to do it twice (a second restore). The other common
  // success statuses (200, 202, 204) are declared bodiless too, so no call waits for a body that
  // nobody promised.
  const successes = Object.values(responses);
  if (successes.length > 0 && successes.every((response) => response.mediaTypes.length === 0)) {
    for (const status of ["200", "202", "204"]) {
      responses[status] ??= { mediaTypes: [], mayBeEmpty: true };
    }
  }
  descriptors.push({
    operationId: operation.operationId,
    method: method.toUpperCase(),
    path,
    pathParams: parameters.filter((p) => p.in === "path").map((p) => p.name),
    queryParams: parameters.filter((p) => p.in === "query").map((p) => p.name),
    requestMediaTypes: Object.keys(resolve(doc, operation.requestBody)?.content ?? {}),
    responses,
    summary: operation.summary,
  });
}

/**
 * Ajv's runtime helpers, by module name, as the generated validators define them. `ucs2length`:
 * a string's length in code points, which is what JSON Schema's `maxLength` and `minLength`
 * count (a lone surrogate counts as one).
 */
const AJV_HELPERS = {
  ucs2length: "(text) => { let length = 0; for (const _ of text) length++; return length; }",
};

/** Ajv's standalone code for every operation's success body, as an ES module. */
function precompiledValidators() {
  const ajv = newAjv({ code: { source: true, esm: true } });
  const exported = {};
  for (const [key, schema] of Object.entries(responseSchemas)) {
    ajv.addSchema({ $id: `${id}/${key}`, ...schema });
    exported[key] = `${id}/${key}`;
  }
  // Ajv's ESM output still require()s its CommonJS runtime helpers (when the schemas need one).
  // A bundler cannot follow createRequire, and an import of CommonJS would make esbuild put its
  // interop helpers in a chunk that the client's start code imports too (B6). So each helper is
  // written out here instead; a schema needing one not listed fails the generation.
  const code = standaloneCode(ajv, exported)
    .replace(/^"use strict";/, "")
    .replace(/const (\w+) = require\("ajv\/dist\/runtime\/([\w-]+)"\)\.default;/g, (_, name, helper) => {
      const source = AJV_HELPERS[helper];
      if (source === undefined)
        throw new Error(`${api}: Ajv's validators need its ${helper} helper; add it to AJV_HELPERS`);
      return `const ${name} = ${source};`;
    });
  if (code.includes("require(")) throw new Error(`${api}: Ajv's validators require() something new`);
  return `${header}// @ts-nocheck -- machine-written by Ajv; its types are checked where it is used.\n${code}\n`;
}

function descriptorSource({ summary, ...descriptor }) {
  const body = JSON.stringify(descriptor, null, 2);
  return `/** ${summary ?? descriptor.operationId}: \`${descriptor.method} ${descriptor.path}\`. */
export const ${descriptor.operationId}: Operation<Spec["${descriptor.operationId}"]> = ${body};
`;
}

const ast = await openapiTS(doc, { alphabetize: false });
const files = {
  "schema.ts": `${header}/* eslint-disable */\n${astToString(ast)}`,
  "operations.ts": `${header}import type { Operation } from "@backupkit/core";
import type { operations as Spec } from "./schema.js";

${descriptors.map(descriptorSource).join("\n")}
/** Every operation of the ${api} spec, in the spec's order. */
export const operations = [${descriptors.map((d) => d.operationId).join(", ")}] as const;

/** The operationId of every operation of the ${api} spec. */
export type OperationId = keyof Spec;
`,
  "validators.ts": precompiledValidators(),
};

mkdirSync(outDir, { recursive: true });
for (const [name, content] of Object.entries(files)) writeFileSync(join(outDir, name), content);
console.log(`generated ${relative(process.cwd(), outDir) || outDir}`);

// The pure parts of the docs build: which operations a spec has, the curl command for each,
// the decorated copy of a spec that Redoc renders, and the checks on the finished pages.
// build.mjs does the file and process work around them; the tests call them directly.
// Specs are read through the workspace's one spec walker (`$ref`s, operations, parameters).
import { METHODS, operations, resolve } from "@backupkit/specs/walk";

import { addEvidence, loadRecordingIndex } from "./evidence.mjs";

/**
 * @typedef {Record<string, any>} Json
 * @typedef {{ id: string, title: string, packageName: string, factory: string, envPrefix: string }} ApiInfo
 * @typedef {{ operationId: string, summary: string, method: string, path: string, pathItem: Json, operation: Json, parameters: Json[] }} OperationEntry
 * @typedef {{ lang: string, label: string, source: string }} CodeSample
 */

/** The two APIs of the site, in the order the landing page lists them. @type {ApiInfo[]} */
export const APIS = [
  {
    id: "zcom",
    title: "Z.com Cloud Compute (ConoHa)",
    packageName: "@backupkit/zcom",
    factory: "createZcomClient",
    envPrefix: "ZCOM",
  },
  {
    id: "onapp",
    title: "OnApp Cloud",
    packageName: "@backupkit/onapp",
    factory: "createOnAppClient",
    envPrefix: "ONAPP",
  },
];

/**
 * Every operation of a spec, in document order, as the one spec walker finds it.
 * @param {Json} spec
 * @returns {OperationEntry[]}
 */
export function listOperations(spec) {
  return operations(spec).map(({ path, method, pathItem, operation, parameters }) => {
    if (typeof operation.operationId !== "string") {
      throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
    }
    const summary = String(operation.summary ?? operation.operationId);
    return { operationId: operation.operationId, summary, method, path, pathItem, operation, parameters };
  });
}

/**
 * An example value for a parameter: its `example`, the first of its `examples`, its schema's
 * example, default or first enum value.
 * @param {Json} spec
 * @param {Json} parameter
 * @returns {unknown}
 */
function exampleOf(spec, parameter) {
  if (parameter.example !== undefined) return parameter.example;
  const first = Object.values(parameter.examples ?? {})[0];
  if (first !== undefined) return resolve(spec, first).value;
  const schema = resolve(spec, parameter.schema ?? {});
  if (schema.example !== undefined) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  return undefined;
}

/**
 * The server URL an operation is called at, with every variable at its default.
 * @param {Json} spec
 * @param {OperationEntry} entry
 */
export function serverUrl(spec, entry) {
  const servers = entry.operation.servers ?? entry.pathItem.servers ?? spec.servers ?? [{ url: "" }];
  const server = servers[0];
  return String(server.url)
    .replace(/\{([^}]+)\}/g, (_, name) => {
      const variable = server.variables?.[name];
      if (variable?.default === undefined) throw new Error(`server variable {${name}} has no default`);
      return String(variable.default);
    })
    .replace(/\/$/, "");
}

/**
 * The URL of one example call: path parameters filled in with their examples, and the
 * required query parameters appended.
 * @param {Json} spec
 * @param {OperationEntry} entry
 */
export function exampleUrl(spec, entry) {
  const path = entry.path.replace(/\{([^}]+)\}/g, (_, name) => {
    const parameter = entry.parameters.find((p) => p.in === "path" && p.name === name);
    const value = parameter && exampleOf(spec, parameter);
    if (value === undefined) {
      throw new Error(
        `${entry.operationId}: path parameter {${name}} has no example to put in the curl command`,
      );
    }
    return encodeURIComponent(String(value));
  });
  const query = entry.parameters
    .filter((p) => p.in === "query" && p.required)
    .map((p) => `${encodeURIComponent(p.name)}=${encodeURIComponent(String(exampleOf(spec, p)))}`);
  return `${serverUrl(spec, entry)}${path}${query.length > 0 ? `?${query.join("&")}` : ""}`;
}

/**
 * The media type to ask for: the one the path's `{format}` suffix selects, else the first one
 * a success response declares, else JSON.
 * @param {Json} spec
 * @param {OperationEntry} entry
 */
function acceptOf(spec, entry) {
  const format = entry.parameters.find((p) => p.in === "path" && p.name === "format");
  if (format) return `application/${exampleOf(spec, format)}`;
  const responses = Object.entries(entry.operation.responses ?? {}).sort(([a], [b]) => a.localeCompare(b));
  for (const [status, response] of responses) {
    if (!status.startsWith("2")) continue;
    const type = Object.keys(resolve(spec, response).content ?? {})[0];
    if (type) return type;
  }
  return "application/json";
}

/**
 * The curl options that authenticate a call, from the security scheme the operation uses.
 * Credentials come from environment variables named after the API (`$ZCOM_TOKEN`,
 * `$ONAPP_USER`, `$ONAPP_PASSWORD`), the same ones the TypeScript samples read.
 * @param {Json} spec
 * @param {OperationEntry} entry
 * @param {string} envPrefix
 * @returns {string[]}
 */
function authOptions(spec, entry, envPrefix) {
  const requirements = entry.operation.security ?? spec.security ?? [];
  const first = requirements[0];
  if (!first || Object.keys(first).length === 0) return [];
  const schemeName = Object.keys(first)[0] ?? "";
  const scheme = resolve(spec, spec.components?.securitySchemes?.[schemeName]);
  if (!scheme) throw new Error(`${entry.operationId}: unknown security scheme ${schemeName}`);
  if (scheme.type === "apiKey" && scheme.in === "header") {
    return [`-H "${scheme.name}: $${envPrefix}_TOKEN"`];
  }
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "basic") {
    return [`-u "$${envPrefix}_USER:$${envPrefix}_PASSWORD"`];
  }
  if (scheme.type === "http" && String(scheme.scheme).toLowerCase() === "bearer") {
    return [`-H "Authorization: Bearer $${envPrefix}_TOKEN"`];
  }
  throw new Error(`${entry.operationId}: no curl form for security scheme ${schemeName} (${scheme.type})`);
}

/**
 * The request body examples of an operation, in the media type the call sends.
 * @param {Json} spec
 * @param {OperationEntry} entry
 * @param {string} mediaType
 * @returns {{ name: string, summary: string | undefined, value: unknown }[]}
 */
function bodyExamples(spec, entry, mediaType) {
  if (!entry.operation.requestBody) return [];
  const body = resolve(spec, entry.operation.requestBody);
  const media = body.content?.[mediaType] ?? body.content?.["application/json"];
  if (!media) return [];
  if (media.example !== undefined) return [{ name: "example", summary: undefined, value: media.example }];
  return Object.entries(media.examples ?? {}).map(([name, raw]) => {
    const example = resolve(spec, raw);
    return { name, summary: example.summary, value: example.value };
  });
}

/** Wraps text in single quotes for a POSIX shell. @param {string} text */
function shellQuote(text) {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The curl command(s) for one operation: method, server URL with the default variables, the
 * path with example ids, the auth and Accept headers, and each request body example. An
 * operation with several body examples gets one command per example, each under a comment.
 * @param {Json} spec
 * @param {OperationEntry} entry
 * @param {string} envPrefix
 */
export function curlCommand(spec, entry, envPrefix) {
  const accept = acceptOf(spec, entry);
  const head = [
    `curl -sS${entry.method === "get" ? "" : ` -X ${entry.method.toUpperCase()}`} "${exampleUrl(spec, entry)}"`,
    `-H "Accept: ${accept}"`,
    ...authOptions(spec, entry, envPrefix),
  ];
  const examples = bodyExamples(spec, entry, accept);
  if (examples.length === 0) return head.join(" \\\n  ");
  return examples
    .map((example) => {
      const text =
        typeof example.value === "string"
          ? example.value
          : (() => {
              const compact = JSON.stringify(example.value);
              return compact.length <= 72 ? compact : JSON.stringify(example.value, null, 2);
            })();
      const command = [...head, `-H "Content-Type: ${accept}"`, `-d ${shellQuote(text)}`].join(" \\\n  ");
      const title = example.summary ?? example.name;
      return examples.length > 1 ? `# ${title}\n${command}` : command;
    })
    .join("\n\n");
}

const CONFIDENCE = {
  confirmed: "a vendor page documents this",
  "client-library": "known only from open-source client libraries; no vendor page we read documents it",
  inferred: "our own reading; nothing documents it",
};

/** @param {unknown} text @param {string} addition */
function appendParagraph(text, addition) {
  const base = typeof text === "string" ? text.trimEnd() : "";
  return base === "" ? addition : `${base}\n\n${addition}`;
}

/**
 * Writes the facts that the specs keep in extensions into descriptions, where Redoc shows
 * them: `x-doc-erratum` (what a vendor page gets wrong, e.g. `/v1` paths and a renamed field),
 * `x-wire-content-type` (the label the service really sends) and, on operations,
 * `x-confidence`. Example values are left alone.
 * @param {any} node
 * @param {boolean} isOperation
 */
function surfaceExtensions(node, isOperation = false) {
  if (Array.isArray(node)) {
    for (const item of node) surfaceExtensions(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const wire = node["x-wire-content-type"];
  if (typeof wire === "string" && typeof node.description === "string" && !node.description.includes(wire)) {
    node.description = appendParagraph(
      node.description,
      `The service labels this body \`Content-Type: ${wire}\`.`,
    );
  }
  const erratum = node["x-doc-erratum"];
  if (typeof erratum === "string") {
    node.description = appendParagraph(node.description, `**Vendor doc erratum:** ${erratum}`);
  }
  const confidence = node["x-confidence"];
  if (isOperation && typeof confidence === "string") {
    const meaning = CONFIDENCE[/** @type {keyof typeof CONFIDENCE} */ (confidence)] ?? confidence;
    node.description = appendParagraph(node.description, `*Confidence: \`${confidence}\` (${meaning}).*`);
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === "example" || key === "examples" || key === "x-codeSamples") continue;
    if (key === "paths") {
      for (const pathItem of Object.values(value ?? {})) {
        for (const [method, operation] of Object.entries(pathItem ?? {})) {
          surfaceExtensions(operation, METHODS.includes(method));
        }
      }
      continue;
    }
    surfaceExtensions(value);
  }
}

/**
 * A copy of a bundled spec, ready for Redoc: every operation gets `x-codeSamples` (the
 * TypeScript sample file for it, then the curl command), extension facts are written into
 * descriptions, and the API description starts with a link back to the landing page.
 * Throws when an operation has no sample.
 * @param {Json} bundled
 * @param {ApiInfo} api
 * @param {Map<string, string>} samples operationId → sample source
 * @param {import("./evidence.mjs").RecordingRef[]} [recordings] the API's recorded responses
 * @returns {Json}
 */
export function decorateSpec(bundled, api, samples, recordings = loadRecordingIndex(api.id)) {
  const spec = structuredClone(bundled);
  const operations = listOperations(spec);
  const missing = operations.filter((entry) => !samples.has(entry.operationId));
  if (missing.length > 0) {
    throw new Error(
      `no TypeScript sample for ${api.id} operation(s) ${missing.map((entry) => entry.operationId).join(", ")}: add samples/${api.id}/<operationId>.ts`,
    );
  }
  const known = new Set(operations.map((entry) => entry.operationId));
  const stray = [...samples.keys()].filter((id) => !known.has(id));
  if (stray.length > 0) {
    throw new Error(
      `samples/${api.id}/ has file(s) for operation(s) the spec does not have: ${stray.map((id) => `${id}.ts`).join(", ")}`,
    );
  }
  surfaceExtensions(spec);
  addEvidence(spec, recordings, listOperations);
  for (const entry of operations) {
    /** @type {CodeSample[]} */
    const codeSamples = [
      { lang: "TypeScript", label: "backupkit", source: String(samples.get(entry.operationId)).trimEnd() },
      { lang: "Shell", label: "curl", source: curlCommand(spec, entry, api.envPrefix) },
    ];
    entry.operation["x-codeSamples"] = codeSamples;
  }
  spec.info = {
    ...spec.info,
    description: appendParagraph(
      `[← All backupkit API docs](index.html) · TypeScript client: \`${api.packageName}\` · Every operation below has a TypeScript sample that CI compiles against the client, and the same call with curl.`,
      spec.info?.description ?? "",
    ),
  };
  return spec;
}

// Replacements for the images Redoc's attribution footer loads from its CDN. Plain SVG as a
// data: URI; the encoding leaves no quote or backtick that could end the string it sits in.
const LOGO_SVG = (/** @type {number} */ width) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" viewBox="0 0 ${width} 20"><text x="0" y="15" font-family="sans-serif" font-size="13" fill="#8a8f98">${width > 40 ? "Redoc" : "R"}</text></svg>`,
  )}`;

/** URLs the Redoc bundle loads by itself that a page with no network must not ask for. */
export const REDOC_CDN_IMAGES = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": LOGO_SVG(48),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": LOGO_SVG(14),
};

/**
 * Makes a page from `redocly build-docs --inlineBundle` self-contained: the attribution logos
 * become inline SVG. Returns the new HTML and how many replacements were made.
 * @param {string} html
 */
export function localizePage(html) {
  let replaced = 0;
  let out = html;
  for (const [url, local] of Object.entries(REDOC_CDN_IMAGES)) {
    const parts = out.split(url);
    replaced += parts.length - 1;
    out = parts.join(local);
  }
  return { html: out, replaced };
}

/**
 * The `__redoc_options` object a built page hydrates with.
 * @param {string} html
 * @returns {Json | undefined}
 */
export function redocOptions(html) {
  const match = /const __redoc_options = (\{.*?\});\s*\n/.exec(html);
  return match?.[1] === undefined ? undefined : JSON.parse(match[1]);
}

/**
 * Everything in a page that would make a browser fetch a script, stylesheet, font or image
 * from another host: `<script src>`, `<link href>` (stylesheets, preloads, icons),
 * `<img src>`/`srcset`, CSS `url(http...)` and `@import`, and the CDN images Redoc's bundle
 * loads by itself. Plain `<a href>` links are not assets and are allowed.
 * @param {string} html
 * @returns {string[]} one line per finding
 */
export function externalAssets(html) {
  /** @type {string[]} */
  const found = [];
  const remote = /^\s*(?:https?:)?\/\//i;
  for (const tag of html.matchAll(/<(script|link|img|source|iframe|embed|object)\b[^>]*>/gi)) {
    const text = tag[0];
    for (const attr of text.matchAll(/\s(src|href|srcset|data)\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
      const value = attr[3] ?? attr[4] ?? attr[5] ?? "";
      if (
        String(tag[1]).toLowerCase() === "link" &&
        !/rel\s*=\s*["']?[^"'>]*(stylesheet|preload|modulepreload|icon|font)/i.test(text)
      ) {
        continue;
      }
      const urls =
        String(attr[1]).toLowerCase() === "srcset"
          ? value.split(",").map((part) => part.trim().split(/\s+/)[0] ?? "")
          : [value];
      for (const url of urls) if (remote.test(url)) found.push(`<${tag[1]} ${attr[1]}="${url}">`);
    }
  }
  for (const match of html.matchAll(/url\(\s*["']?((?:https?:)?\/\/[^"')\s]+)/gi))
    found.push(`CSS url(${match[1]})`);
  for (const match of html.matchAll(/@import\s+(?:url\()?\s*["']?((?:https?:)?\/\/[^"')\s;]+)/gi)) {
    found.push(`CSS @import ${match[1]}`);
  }
  for (const match of html.matchAll(
    /https?:\/\/(?:fonts\.googleapis\.com|fonts\.gstatic\.com|cdn\.redoc\.ly)\/[^\s"'`)<>]*/gi,
  )) {
    found.push(`asset URL in the page: ${match[0]}`);
  }
  return found;
}

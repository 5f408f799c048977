// The one walker of the bundled specs: loads a bundle, follows local `$ref`s, and visits every
// operation with its parameters merged. The generator, the spec tests, the mocks' tests and the
// docs build all read the specs through it.
import { readFileSync } from "node:fs";

/** The HTTP methods an OpenAPI path item may hold, in the order the specs list them. */
export const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/** Reads `specs/bundled/<api>.json`. */
export function loadBundle(api) {
  return JSON.parse(readFileSync(new URL(`./bundled/${api}.json`, import.meta.url), "utf8"));
}

/** Follows local `$ref`s (`#/components/...`) until a real object is reached. */
export function resolve(doc, value) {
  let current = value;
  for (let hops = 0; current && typeof current.$ref === "string"; hops++) {
    const ref = current.$ref;
    if (hops > 32) throw new Error(`$ref loop at ${ref}`);
    if (!ref.startsWith("#/")) throw new Error(`only local $refs are supported, got ${ref}`);
    current = ref
      .slice(2)
      .split("/")
      .reduce((node, key) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    if (current === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return current;
}

/**
 * Every operation of a spec, in document order: its path and method, the operation object, and
 * its parameters (the path item's and its own, `$ref`s resolved, the operation's winning).
 */
export function operations(doc) {
  const out = [];
  for (const [path, pathItem] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const byKey = new Map();
      for (const param of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
        const resolved = resolve(doc, param);
        byKey.set(`${resolved.in}:${resolved.name}`, resolved);
      }
      out.push({ path, method, pathItem, operation, parameters: [...byKey.values()] });
    }
  }
  return out;
}

import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
export const rootDir = join(appDir, "..", "..");
export const distDir = join(appDir, "dist");
export const resultsDir = join(appDir, "test-results");

export const API_IDS = ["zcom", "onapp"] as const;
export type ApiId = (typeof API_IDS)[number];

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is read as plain JSON.
export type Json = Record<string, any>;

export interface Operation {
  operationId: string;
  summary: string;
  method: string;
  path: string;
  tag: string;
  operation: Json;
}

export function bundledSpec(api: ApiId): Json {
  return JSON.parse(readFileSync(join(rootDir, "specs", "bundled", `${api}.json`), "utf8"));
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/** Every operation of a spec, read independently of the build script. */
export function operationsOf(spec: Json): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries<Json>(spec.paths)) {
    for (const [method, operation] of Object.entries<Json>(item)) {
      if (!METHODS.has(method)) continue;
      found.push({
        operationId: operation.operationId,
        summary: operation.summary,
        method,
        path,
        tag: operation.tags?.[0] ?? "",
        operation,
      });
    }
  }
  return found;
}

export function builtPages(): string[] {
  return readdirSync(distDir).filter((name) => name.endsWith(".html"));
}

export function readDist(name: string): string {
  return readFileSync(join(distDir, name), "utf8");
}

/** The spec a built Redoc page hydrates with (`const __redoc_definition = {...};`). */
export function embeddedDefinition(html: string): Json {
  const match = /const __redoc_definition = (\{.*?\});\s*\n\s*const __redoc_options/s.exec(html);
  if (!match?.[1]) throw new Error("no __redoc_definition in the page");
  return JSON.parse(match[1]);
}

export function embeddedOptions(html: string): Json {
  const match = /const __redoc_options = (\{.*?\});\s*\n/.exec(html);
  if (!match?.[1]) throw new Error("no __redoc_options in the page");
  return JSON.parse(match[1]);
}

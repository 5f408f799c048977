/** What the contract tests share: the bundled specs, a recording fetch, and a /proc scan for Prism. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type MockApi, OWNER_ENV, specPath } from "../src/index.js";

/** Set by global-setup.ts for the whole run, so its teardown can find anything left over. */
export const RUN_ENV = "BACKUPKIT_MOCK_TEST_RUN";

export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_DIR = fileURLToPath(new URL("../../..", import.meta.url));

/** The tenant and token of the Z.com vendor doc's curl example. */
export const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
export const TOKEN = "35941e7df872405d84e5b026dba8323c";

// biome-ignore lint/suspicious/noExplicitAny: a parsed OpenAPI document is walked by key.
type Json = any;

const specs = new Map<MockApi, Json>();
/** The bundled spec, parsed (the same file Prism serves). */
export function spec(api: MockApi): Json {
  let doc = specs.get(api);
  if (!doc) {
    doc = JSON.parse(readFileSync(specPath(api), "utf8"));
    specs.set(api, doc);
  }
  return doc;
}

function deref(doc: Json, value: Json): Json {
  let current = value;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((node: Json, key: string) => node[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

/** The operation object with this operationId, with its path and method. */
export function operation(api: MockApi, operationId: string): { path: string; method: string; op: Json } {
  const doc = spec(api);
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(item)) {
      if (op?.operationId === operationId) return { path, method, op };
    }
  }
  throw new Error(`${api} has no operation ${operationId}`);
}

/** The named examples of a response (or, with status "request", of the request body): key → value. */
export function examples(
  api: MockApi,
  operationId: string,
  status: number | "request",
  mediaType = "application/json",
): Map<string, unknown> {
  const doc = spec(api);
  const { op } = operation(api, operationId);
  const holder = status === "request" ? deref(doc, op.requestBody) : deref(doc, op.responses[String(status)]);
  const media = holder?.content?.[mediaType];
  if (!media) throw new Error(`${api} ${operationId} ${status} declares no ${mediaType} body`);
  const out = new Map<string, unknown>();
  for (const [key, example] of Object.entries<Json>(media.examples ?? {})) {
    out.set(key, deref(doc, example).value);
  }
  if (media.example !== undefined) out.set("example", media.example);
  return out;
}

/** A seed fixture from specs/<api>/fixtures, as text. */
export function fixture(api: MockApi, name: string): string {
  return readFileSync(`${REPO_DIR}specs/${api}/fixtures/${name}`, "utf8");
}

/** One request/response pair seen by a recording fetch. */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Headers;
  requestBody: string;
  status: number;
  contentType: string;
  body: string;
  /** Prism's `sl-violations` header, parsed. */
  violations: { location: string[]; severity: string; code?: unknown; message: string }[];
}

/**
 * A `fetch` for the clients that records every exchange and can add headers to each request
 * (Prism reads `Prefer: example=…, code=…, dynamic=…, seed=…`), or drop some.
 */
export function recordingFetch(
  options: { headers?: Record<string, string>; drop?: string[] } = {},
  log: Exchange[] = [],
): { fetch: typeof fetch; log: Exchange[] } {
  const wrapped = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    for (const [name, value] of Object.entries(options.headers ?? {})) request.headers.set(name, value);
    for (const name of options.drop ?? []) request.headers.delete(name);
    const requestBody = request.body ? await request.clone().text() : "";
    const response = await fetch(request);
    const header = response.headers.get("sl-violations");
    log.push({
      method: request.method,
      url: request.url,
      requestHeaders: request.headers,
      requestBody,
      status: response.status,
      contentType: response.headers.get("content-type") ?? "",
      body: await response.clone().text(),
      violations: header ? JSON.parse(header) : [],
    });
    return response;
  };
  return { fetch: wrapped as typeof fetch, log };
}

/** Exchanges Prism found fault with on the request side: a 422 of its own, or a request violation. */
export function rejectedRequests(log: readonly Exchange[]): Exchange[] {
  return log.filter(
    (exchange) =>
      (exchange.status === 422 && exchange.body.includes("stoplight.io/prism/errors")) ||
      exchange.violations.some((violation) => violation.location[0] === "request"),
  );
}

/** Readable summary of exchanges, for assertion messages. */
export function describeExchanges(log: readonly Exchange[]): string {
  return log
    .map(
      (e) =>
        `${e.method} ${e.url} -> ${e.status} ${JSON.stringify(e.violations)}\n  request: ${e.requestBody.slice(0, 300)}\n  response: ${e.body.slice(0, 300)}`,
    )
    .join("\n");
}

/** A process on this machine as /proc sees it. */
export interface ProcessInfo {
  pid: number;
  cmdline: string;
  env: Map<string, string>;
}

export const HAS_PROC = existsSync("/proc/self/environ");

/** Every live process whose environment has `name=value` (ours only: /proc hides others' environments). */
export function processesWithEnv(name: string, value: string): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const env = new Map<string, string>();
      for (const pair of readFileSync(`/proc/${entry}/environ`, "utf8").split("\0")) {
        const at = pair.indexOf("=");
        if (at > 0) env.set(pair.slice(0, at), pair.slice(at + 1));
      }
      if (env.get(name) !== value) continue;
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (/^\d+ \(.*\) Z /.test(stat)) continue; // a zombie has exited; only its entry is left
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0").join(" ").trim();
      found.push({ pid: Number(entry), cmdline, env });
    } catch {
      // Gone in the meantime, or not ours.
    }
  }
  return found;
}

/** Prism and watchdog processes started by the process `owner`. */
export function mockProcessesOf(owner: number): ProcessInfo[] {
  return processesWithEnv(OWNER_ENV, String(owner));
}

/** Polls until `check` returns true, or fails after `withinMs`. */
export async function eventually(check: () => boolean, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fails with a clear message when the package has not been built (some tests run dist/ in plain Node). */
export function requireDist(): void {
  if (!existsSync(`${PACKAGE_DIR}dist/index.js`) || !existsSync(`${PACKAGE_DIR}dist/cli.js`)) {
    throw new Error("packages/mocks/dist is missing: run `pnpm --filter @backupkit/mocks build` first");
  }
}

/**
 * What the contract tests share: the bundled specs read through the one spec walker, the seed
 * fixtures, and a fetch that records every exchange (with Prism's verdict on it).
 */
import { readFileSync } from "node:fs";
import { type Doc, loadBundle, operations, resolve } from "@backupkit/specs/walk";

export type Api = "zcom" | "onapp";

/** The tenant and token of the Z.com vendor doc's curl example. */
export const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
export const TOKEN = "35941e7df872405d84e5b026dba8323c";

const specs = new Map<Api, Doc>();
/** The bundled spec, parsed (the same file Prism serves). */
export function spec(api: Api): Doc {
  let doc = specs.get(api);
  if (!doc) {
    doc = loadBundle(api);
    specs.set(api, doc);
  }
  return doc;
}

/** The operation object with this operationId, with its path and method. */
export function operation(api: Api, operationId: string): { path: string; method: string; op: Doc } {
  const found = operations(spec(api)).find((entry) => entry.operation.operationId === operationId);
  if (!found) throw new Error(`${api} has no operation ${operationId}`);
  return { path: found.path, method: found.method, op: found.operation };
}

/** The named examples of a response (or, with status "request", of the request body): key → value. */
export function examples(
  api: Api,
  operationId: string,
  status: number | "request",
  mediaType = "application/json",
): Map<string, unknown> {
  const doc = spec(api);
  const { op } = operation(api, operationId);
  const holder = resolve(doc, status === "request" ? op.requestBody : op.responses[String(status)]);
  const media = holder?.content?.[mediaType];
  if (!media) throw new Error(`${api} ${operationId} ${status} declares no ${mediaType} body`);
  const out = new Map<string, unknown>();
  for (const [key, example] of Object.entries<Doc>(media.examples ?? {})) {
    out.set(key, resolve(doc, example).value);
  }
  if (media.example !== undefined) out.set("example", media.example);
  return out;
}

/** A seed fixture from specs/<api>/fixtures, as text. */
export function fixture(api: Api, name: string): string {
  return readFileSync(new URL(`../../../specs/${api}/fixtures/${name}`, import.meta.url), "utf8");
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

/**
 * What each side of B1–B3 does for one call, by name, so that a side can be made in a process of
 * its own (lib/side-process.mjs) as well as in the benchmark's process (the correctness checks).
 * Each maker takes plain JSON arguments and resolves to a function that makes one call.
 */
import { Agent, get as httpGet } from "node:http";
import { createZcomClient } from "@backupkit/zcom";
import createOpenApiClient from "openapi-fetch";

const TOKEN = "bench-token";
const HEADERS = { accept: "application/json", "x-auth-token": TOKEN };

/** What a caller writes without any client: fetch, read the text, parse it. */
async function bareFetch(url, init = {}) {
  const response = await fetch(url, { headers: HEADERS, ...init });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return JSON.parse(await response.text());
}

/**
 * The two fetch options no careful client can drop: a signal (the only way to stop a Node 20
 * fetch, so the only way to have a timeout) and `redirect: "manual"` (fetch would otherwise
 * follow a redirect to another host with the token). A signal serves 16 calls, as the client's
 * deadline signals do, so creating it is hardly counted: this side is the price of fetch's own
 * handling of the two. (One signal for every call would not do: undici leaves an abort listener
 * on it per call until it is collected, and looking them up grows with their number.)
 */
function guardedInits() {
  let uses = 0;
  let signal;
  return () => {
    if (uses++ % 16 === 0) signal = AbortSignal.timeout(3_600_000);
    return { signal, redirect: "manual" };
  };
}

export const SIDES = {
  /** The Z.com client's `listBackups`, over its default wire or over `fetch` (`wire: "fetch"`). */
  client: ({ baseUrl, tenantId, validate = false, wire }) => {
    const client = createZcomClient({
      tenantId,
      baseUrl,
      auth: { token: TOKEN },
      validate,
      ...(wire === "fetch" ? { fetch: globalThis.fetch } : {}),
    });
    return () => client.listBackups();
  },
  /** Bare fetch + JSON.parse; with `guarded`, fetch given a signal and `redirect: "manual"`. */
  fetch: ({ url, guarded = false }) => {
    if (!guarded) return () => bareFetch(url);
    const init = guardedInits();
    return () => bareFetch(url, init());
  },
  /** The same by hand over node:http on a keep-alive agent: what the clients' default wire starts from. */
  http: ({ url }) => {
    const agent = new Agent({ keepAlive: true });
    return () =>
      new Promise((resolve, reject) => {
        const request = httpGet(url, { agent, headers: HEADERS });
        request.on("error", reject);
        request.on("response", (response) => {
          const chunks = [];
          response.setEncoding("utf8");
          response.on("data", (chunk) => chunks.push(chunk));
          response.on("error", reject);
          response.on("end", () => {
            if (response.statusCode !== 200) reject(new Error(`${url}: HTTP ${response.statusCode}`));
            else resolve(JSON.parse(chunks.join("")));
          });
        });
      });
  },
  /** openapi-fetch alone: `GET` with `parseAs: "json"`, no middleware. */
  openapiFetch: ({ baseUrl, tenantId }) => {
    const client = createOpenApiClient({ baseUrl });
    return async () => {
      const { data, error } = await client.GET("/v2/{tenant_id}/backup", {
        params: { path: { tenant_id: tenantId } },
        headers: { "x-auth-token": TOKEN },
        parseAs: "json",
      });
      if (error || !data) throw new Error("openapi-fetch call failed");
      return data;
    };
  },
};

/**
 * B1–B3: the Z.com client's typed calls against the least a caller could do by hand, a bare
 * `fetch` and `JSON.parse` of the same bytes from the same server.
 */
import { deepStrictEqual } from "node:assert/strict";
import { Agent, get as httpGet } from "node:http";
import { createZcomClient } from "@backupkit/zcom";
import createOpenApiClient from "openapi-fetch";
import { alternate, formatMs, repeat } from "./lib/measure.mjs";

const TOKEN = "bench-token";

function zcom(url, tenantId, validate) {
  return createZcomClient({ tenantId, baseUrl: url, auth: { token: TOKEN }, validate });
}

/** What a caller writes without any client: fetch, read the text, parse it. */
async function bareFetch(url, init = {}) {
  const response = await fetch(url, {
    headers: { accept: "application/json", "x-auth-token": TOKEN },
    ...init,
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return JSON.parse(await response.text());
}

const agent = new Agent({ keepAlive: true });
/** The same by hand over node:http on a keep-alive agent: what the clients' default wire starts from. */
function bareHttp(url) {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { agent, headers: { accept: "application/json", "x-auth-token": TOKEN } });
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
}

/**
 * The two fetch options no careful client can drop: a signal (the only way to stop a Node 20
 * fetch, so the only way to have a timeout) and `redirect: "manual"` (fetch would otherwise
 * follow a redirect to another host with the token). A signal serves 16 calls, as the client's
 * deadline signals do, so creating it is hardly counted: this row is the price of fetch's own
 * handling of the two. (One signal for every call would not do: undici leaves an abort listener
 * on it per call until it is collected, and looking them up grows with their number.)
 */
let guardedUses = 0;
let guardedSignal;
function guardedInit() {
  if (guardedUses++ % 16 === 0) guardedSignal = AbortSignal.timeout(3_600_000);
  return { signal: guardedSignal, redirect: "manual" };
}

/**
 * A table row from `alternate`'s medians. `metric` is the figure judged against the target:
 * CPU time for work done in this process (B1–B4), wall time where waiting is the point (B5);
 * the other figure goes into the row's note.
 */
export function timeRow(id, measure, times, limit, compared, metric = "cpu") {
  const figure = times[metric];
  const ratio = figure.ours / figure.baseline;
  const other = metric === "cpu" ? "wall" : "cpu";
  const row = {
    id,
    measure: `${measure} (${metric === "cpu" ? "CPU time" : "wall time"})`,
    compared,
    ours: formatMs(figure.ours),
    baseline: formatMs(figure.baseline),
    ratio: `${ratio.toFixed(2)}×`,
    target: limit === undefined ? "—" : `≤ ${limit.toFixed(2)}×`,
    met: limit === undefined ? undefined : ratio <= limit,
  };
  const second = times[other];
  row.wallRatio = `${(times.wall.ours / times.wall.baseline).toFixed(2)}×`;
  if (metric === "cpu" && second) {
    row.note = `${other} time ${formatMs(second.ours)} vs ${formatMs(second.baseline)}`;
  }
  return row;
}

/** B1: many small sequential calls, where per-call overhead shows. Also openapi-fetch alone, for reference. */
export async function b1(ctx) {
  const calls = ctx.quick ? 5 : 200;
  const client = zcom(ctx.server.url, "seed", false);
  const url = `${ctx.server.url}/v2/seed/backup`;
  deepStrictEqual(await client.listBackups(), (await bareFetch(url)).backup);

  const openapiFetch = createOpenApiClient({ baseUrl: ctx.server.url });
  const viaOpenApiFetch = async () => {
    const { data, error } = await openapiFetch.GET("/v2/{tenant_id}/backup", {
      params: { path: { tenant_id: "seed" } },
      headers: { "x-auth-token": TOKEN },
      parseAs: "json",
    });
    if (error || !data) throw new Error("openapi-fetch call failed");
    return undefined;
  };
  // Each round is short (200 calls, about 0.1 s), so many rounds steady the medians.
  const options = { warmup: ctx.quick ? 0 : 5, rounds: ctx.quick ? 1 : 31 };
  const ours = await alternate(
    () => repeat(calls, () => client.listBackups()),
    () => repeat(calls, () => bareFetch(url)),
    options,
  );
  const reference = await alternate(
    () => repeat(calls, viaOpenApiFetch),
    () => repeat(calls, () => bareFetch(url)),
    options,
  );
  // What the wire buys: the client over fetch (its wire before node:http became the default),
  // and bare node:http, each against the same bare fetch.
  const overFetch = createZcomClient({
    tenantId: "seed",
    baseUrl: ctx.server.url,
    auth: { token: TOKEN },
    fetch: globalThis.fetch,
  });
  const viaFetchWire = await alternate(
    () => repeat(calls, () => overFetch.listBackups()),
    () => repeat(calls, () => bareFetch(url)),
    options,
  );
  const viaHttp = await alternate(
    () => repeat(calls, () => bareHttp(url)),
    () => repeat(calls, () => bareFetch(url)),
    options,
  );
  const guarded = await alternate(
    () => repeat(calls, () => bareFetch(url, guardedInit())),
    () => repeat(calls, () => bareFetch(url)),
    options,
  );
  return [
    timeRow("B1", `${calls} sequential listBackups(), seed body`, ours, 1.1, "bare fetch + JSON.parse"),
    timeRow(
      "B1 ref",
      `openapi-fetch GET (parseAs json), the same ${calls} calls`,
      reference,
      undefined,
      "bare fetch + JSON.parse",
    ),
    timeRow(
      "B1 wire",
      `the same ${calls} listBackups() with fetch: globalThis.fetch (the fetch wire)`,
      viaFetchWire,
      undefined,
      "bare fetch + JSON.parse",
    ),
    timeRow(
      "B1 http",
      `bare node:http + JSON.parse, the same ${calls} calls`,
      viaHttp,
      undefined,
      "bare fetch + JSON.parse",
    ),
    timeRow(
      "B1 fetch",
      `bare fetch with a signal and redirect: "manual", the same ${calls} calls`,
      guarded,
      undefined,
      "bare fetch + JSON.parse",
    ),
  ];
}

/** B2 and B3: one large list, with and without validation against the spec. */
export async function b2b3(ctx) {
  const url = `${ctx.server.url}/v2/large/backup`;
  const count = ctx.sizes.zcomBackups;
  const validating = zcom(ctx.server.url, "large", true);
  const plain = zcom(ctx.server.url, "large", false);
  const expected = (await bareFetch(url)).backup;
  deepStrictEqual(await plain.listBackups(), expected);
  deepStrictEqual(await validating.listBackups(), expected);

  const options = { warmup: ctx.quick ? 0 : 3, rounds: ctx.quick ? 1 : 21 };
  const baseline = () => bareFetch(url);
  const b2 = await alternate(() => validating.listBackups(), baseline, options);
  const b3 = await alternate(() => plain.listBackups(), baseline, options);
  return [
    timeRow("B2", `Z.com list of ${count} backups, validate: true`, b2, 1.6, "bare fetch + JSON.parse"),
    timeRow("B3", `Z.com list of ${count} backups, validate: false`, b3, 1.1, "bare fetch + JSON.parse"),
  ];
}

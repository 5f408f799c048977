/**
 * B1–B3: the Z.com client's typed calls against the least a caller could do by hand, a bare
 * `fetch` and `JSON.parse` of the same bytes from the same server. Each side runs in a process
 * of its own (lib/side.mjs); this process only checks that both sides read the same data.
 */
import { deepStrictEqual } from "node:assert/strict";
import { formatMs } from "./lib/measure.mjs";
import { alternateSides } from "./lib/side.mjs";
import { SIDES } from "./lib/sides.mjs";

/**
 * A table row from `alternate`'s medians. `metric` is the figure judged against the target:
 * CPU time for work done by the process making the calls (B1–B4), wall time where waiting is
 * the point (B5); the other figure goes into the row's note.
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
  const baseUrl = ctx.server.url;
  const url = `${baseUrl}/v2/seed/backup`;
  const fetchSide = ["fetch", { url }];
  const expected = (await SIDES.fetch({ url })()).backup;
  deepStrictEqual(await SIDES.client({ baseUrl, tenantId: "seed" })(), expected);
  deepStrictEqual(await SIDES.client({ baseUrl, tenantId: "seed", wire: "fetch" })(), expected);
  deepStrictEqual((await SIDES.http({ url })()).backup, expected);
  deepStrictEqual((await SIDES.openapiFetch({ baseUrl, tenantId: "seed" })()).backup, expected);

  // Each round is short (200 calls, about 0.1 s), so many rounds steady the medians: 33, from
  // three pairs of processes.
  const options = { processes: ctx.quick ? 1 : 3, warmup: ctx.quick ? 0 : 5, rounds: ctx.quick ? 1 : 11 };
  const against = (side) => alternateSides(side, fetchSide, calls, options);
  const ours = await against(["client", { baseUrl, tenantId: "seed" }]);
  const reference = await against(["openapiFetch", { baseUrl, tenantId: "seed" }]);
  // What the wire buys: the client over fetch (its wire before node:http became the default),
  // and bare node:http, each against the same bare fetch.
  const viaFetchWire = await against(["client", { baseUrl, tenantId: "seed", wire: "fetch" }]);
  const viaHttp = await against(["http", { url }]);
  const guarded = await against(["fetch", { url, guarded: true }]);
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
  const baseUrl = ctx.server.url;
  const url = `${baseUrl}/v2/large/backup`;
  const count = ctx.sizes.zcomBackups;
  const expected = (await SIDES.fetch({ url })()).backup;
  deepStrictEqual(await SIDES.client({ baseUrl, tenantId: "large" })(), expected);
  deepStrictEqual(await SIDES.client({ baseUrl, tenantId: "large", validate: true })(), expected);

  // 21 rounds, from three pairs of processes, each pair after ten warm-up rounds (a process that
  // validates starts with the validators cold: three were not enough to run them warm).
  const options = { processes: ctx.quick ? 1 : 3, warmup: ctx.quick ? 0 : 10, rounds: ctx.quick ? 1 : 7 };
  const against = (validate) =>
    alternateSides(["client", { baseUrl, tenantId: "large", validate }], ["fetch", { url }], 1, options);
  const b2 = await against(true);
  const b3 = await against(false);
  return [
    timeRow("B2", `Z.com list of ${count} backups, validate: true`, b2, 1.6, "bare fetch + JSON.parse"),
    timeRow("B3", `Z.com list of ${count} backups, validate: false`, b3, 1.1, "bare fetch + JSON.parse"),
  ];
}

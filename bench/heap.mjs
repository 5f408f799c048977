/**
 * B7: peak memory while the Z.com client decodes its large list, against three times the body's
 * size. Each figure comes from a fresh process (lib/heap-child.mjs); the bare fetch +
 * JSON.parse path is measured the same way and printed as a note, for scale.
 */
import { fileURLToPath } from "node:url";
import { runChild } from "./lib/child.mjs";
import { formatBytes, median } from "./lib/measure.mjs";

const CHILD = fileURLToPath(new URL("./lib/heap-child.mjs", import.meta.url));
/** `gc()` for the probe's forced collections. */
const HEAP_FLAGS = ["--expose-gc"];

async function measure(mode, url) {
  const what = `B7: the ${mode} heap probe`;
  const { code, stdout, stderr } = await runChild(what, [...HEAP_FLAGS, CHILD, mode, url]);
  if (code !== 0) throw new Error(`${what} exited ${code}: ${stderr.slice(0, 500)}`);
  return JSON.parse(stdout);
}

export async function b7(ctx) {
  const body = await (await fetch(`${ctx.server.url}/v2/large/backup`)).arrayBuffer();
  const ours = [];
  const bare = [];
  // Collections that ran mid-decode, per side: each makes that side's figure an underestimate.
  const collections = { ours: 0, bare: 0 };
  for (let i = 0; i < (ctx.quick ? 1 : 3); i++) {
    for (const [mode, into] of i % 2
      ? [
          ["bare", bare],
          ["ours", ours],
        ]
      : [
          ["ours", ours],
          ["bare", bare],
        ]) {
      const result = await measure(mode, ctx.server.url);
      if (result.records !== ctx.sizes.zcomBackups)
        throw new Error(`B7: ${mode} decoded ${result.records} records`);
      into.push(result.peak);
      collections[mode] += result.collections;
    }
  }
  const peak = median(ours);
  const limit = 3 * body.byteLength;
  return [
    {
      id: "B7",
      measure: `peak heap + external memory decoding the ${ctx.sizes.zcomBackups}-backup Z.com list`,
      compared: `3 × body size (${formatBytes(body.byteLength)})`,
      ours: formatBytes(peak),
      baseline: formatBytes(limit),
      ratio: `${(peak / limit).toFixed(2)}×`,
      target: "≤ 1.00×",
      // A figure with a collection inside it may be low: it can still show a miss, never a pass.
      met: peak > limit ? false : collections.ours === 0 ? true : undefined,
      note:
        `bare fetch + JSON.parse: ${formatBytes(median(bare))} (${(median(bare) / body.byteLength).toFixed(2)} × body)` +
        (collections.ours + collections.bare > 0
          ? `; collections ran mid-decode (ours ${collections.ours}, bare ${collections.bare}), so those figures may be low`
          : "; no collection ran mid-decode"),
    },
  ];
}

/**
 * B7: peak memory while the Z.com client decodes its large list, against three times the body's
 * size. Each figure comes from a fresh process (lib/heap-child.mjs); the bare fetch +
 * JSON.parse path is measured the same way and printed as a note, for scale.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { formatBytes, median } from "./lib/measure.mjs";

const CHILD = fileURLToPath(new URL("./lib/heap-child.mjs", import.meta.url));
/** `gc()` for the probe's forced collections. */
const HEAP_FLAGS = ["--expose-gc"];

function measure(mode, url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...HEAP_FLAGS, CHILD, mode, url], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => {
      if (status !== 0) reject(new Error(`B7: the ${mode} heap probe exited ${status}`));
      else resolve(JSON.parse(out));
    });
  });
}

export async function b7(ctx) {
  const body = await (await fetch(`${ctx.server.url}/v2/large/backup`)).arrayBuffer();
  const ours = [];
  const bare = [];
  let collections = 0;
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
      collections += result.collections;
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
      met: peak <= limit,
      note:
        `bare fetch + JSON.parse: ${formatBytes(median(bare))} (${(median(bare) / body.byteLength).toFixed(2)} × body)` +
        (collections
          ? `; ${collections} collection(s) ran mid-decode, so figures may be low`
          : "; no collection ran mid-decode"),
    },
  ];
}

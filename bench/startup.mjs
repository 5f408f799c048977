/**
 * B8: what importing a client costs a fresh process, against importing openapi-fetch alone.
 * The figure is the wall time of `node` running the one `import()` (start-up included, as a CLI
 * user or a cold serverless function sees it); the time spent inside `import()` alone is
 * printed with it, as a note.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { timeRow } from "./calls.mjs";
import { alternate, formatMs, median } from "./lib/measure.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** Runs `import(specifier)` in a new node; resolves to its wall time and the import's own time. */
function importInFreshProcess(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); process.stdout.write(String(performance.now() - t));`;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--input-type=module", "-e", code], {
      cwd: HERE,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    child.on("error", reject);
    child.on("close", (status) => {
      const wall = performance.now() - started;
      if (status !== 0) reject(new Error(`import(${specifier}) failed in a fresh process (exit ${status})`));
      else resolve({ wall, importMs: Number(out) });
    });
  });
}

export async function b8(ctx) {
  const rows = [];
  for (const name of ["zcom", "onapp"]) {
    const inside = { ours: [], baseline: [] };
    const side = (specifier, into) => async () => {
      const { wall, importMs } = await importInFreshProcess(specifier);
      into.push(importMs);
      return wall;
    };
    const times = await alternate(
      side(`@backupkit/${name}`, inside.ours),
      side("openapi-fetch", inside.baseline),
      {
        warmup: 1,
        rounds: ctx.quick ? 1 : 15,
      },
    );
    const row = timeRow(
      `B8 ${name}`,
      `node -e 'await import("@backupkit/${name}")', wall time`,
      times,
      1.15,
      'the same with import("openapi-fetch")',
    );
    row.note = `inside import() alone: ${formatMs(median(inside.ours))} vs ${formatMs(median(inside.baseline))}`;
    rows.push(row);
  }
  return rows;
}

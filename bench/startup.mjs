/**
 * B8: what importing a client costs a fresh process, against importing openapi-fetch alone.
 * The figure is the CPU time of a `node` process that runs the one `import()` and exits, start-up
 * included, as a CLI user or a cold serverless function pays it (CPU rather than wall time, so
 * that the neighbours on a shared machine do not decide it). Its wall time, and the time spent
 * inside `import()` alone, are printed with it as notes.
 */
import { fileURLToPath } from "node:url";
import { timeRow } from "./calls.mjs";
import { runChild } from "./lib/child.mjs";
import { alternate, formatMs, median } from "./lib/measure.mjs";

const HERE = fileURLToPath(new URL(".", import.meta.url));

/** Runs `import(specifier)` in a new node; resolves to its wall time and the import's own time. */
async function importInFreshProcess(specifier) {
  const code = `const t = performance.now(); await import(${JSON.stringify(specifier)}); const ms = performance.now() - t; const { user, system } = process.cpuUsage(); process.stdout.write(JSON.stringify({ ms, cpu: (user + system) / 1000 }));`;
  const what = `import(${specifier}) in a fresh process`;
  const {
    code: status,
    stdout,
    stderr,
    wall,
  } = await runChild(what, ["--input-type=module", "-e", code], {
    cwd: HERE,
  });
  if (status !== 0) throw new Error(`${what} failed (exit ${status}): ${stderr.slice(0, 500)}`);
  return { wall, ...JSON.parse(stdout) };
}

export async function b8(ctx) {
  const rows = [];
  for (const name of ["zcom", "onapp"]) {
    const inside = { ours: [], baseline: [] };
    const side = (specifier, into) => async () => {
      const { wall, cpu, ms } = await importInFreshProcess(specifier);
      into.push(ms);
      return { wall, cpu };
    };
    const warmup = ctx.quick ? 0 : 1;
    const times = await alternate(
      side(`@backupkit/${name}`, inside.ours),
      side("openapi-fetch", inside.baseline),
      { warmup, rounds: ctx.quick ? 1 : 61 },
    );
    const row = timeRow(
      `B8 ${name}`,
      `node -e 'await import("@backupkit/${name}")', whole process`,
      times,
      1.15,
      'the same with import("openapi-fetch")',
    );
    // The warm-up runs come first on both sides.
    const alone = (times) => formatMs(median(times.slice(warmup)));
    row.note += `; inside import() alone: ${alone(inside.ours)} vs ${alone(inside.baseline)}`;
    rows.push(row);
  }
  return rows;
}

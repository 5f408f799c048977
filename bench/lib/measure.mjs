/**
 * Timing: both sides of a comparison are warmed up, then run in alternation (ours first in
 * even rounds, the baseline first in odd ones), so drift in the machine's load hits both alike.
 * Each figure is the median of its rounds. Every run records wall time and CPU time: on a
 * shared machine, wall time also measures the neighbours, while the CPU time of the process
 * doing the calls measures only the work it did (the server runs in another process).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// A full collection before each timed run, outside its timing. Without it one side pays for the
// garbage the other left behind (a 10 000-backup list leaves megabytes), and where a major
// collection happens to fall decided a median as much as the code under test did.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc");

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds taken by `fn` (sync or async). */
export async function time(fn) {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/**
 * One run of `fn`: its wall time and the CPU time this process spent (user + system, every
 * thread), in ms. `fn` may measure itself instead (a child process) and return `{ wall, cpu }`.
 */
async function sample(fn) {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const own = await fn();
  const wall = performance.now() - wallStart;
  const { user, system } = process.cpuUsage(cpuStart);
  return { wall: own?.wall ?? wall, cpu: own?.cpu ?? (user + system) / 1000 };
}

/**
 * Runs `ours` and `baseline` `warmup` times each, then `rounds` times each in alternation.
 * Resolves to every timed sample of each side: `{ ours: [...], baseline: [...] }`.
 */
export async function alternateSamples(ours, baseline, { warmup, rounds }) {
  for (let i = 0; i < warmup; i++) {
    await sample(ours);
    await sample(baseline);
  }
  const a = [];
  const b = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2 === 0) {
      a.push(await sample(ours));
      b.push(await sample(baseline));
    } else {
      b.push(await sample(baseline));
      a.push(await sample(ours));
    }
  }
  return { ours: a, baseline: b };
}

/** The medians of both sides' samples: `{ wall: { ours, baseline }, cpu: { ours, baseline } }`. */
export function medians({ ours, baseline }) {
  const of = (key) => ({
    ours: median(ours.map((s) => s[key])),
    baseline: median(baseline.map((s) => s[key])),
  });
  return { wall: of("wall"), cpu: of("cpu") };
}

/** `alternateSamples`, resolved to the medians. */
export async function alternate(ours, baseline, options) {
  return medians(await alternateSamples(ours, baseline, options));
}

export function formatMs(ms) {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`;
}

export function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

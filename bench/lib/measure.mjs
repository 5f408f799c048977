/**
 * Timing: both sides of a comparison are warmed up, then run in alternation (ours first in
 * even rounds, the baseline first in odd ones), so drift in the machine's load hits both alike.
 * Each figure is the median of its rounds.
 */

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
 * Runs `ours` and `baseline` (async functions returning nothing, or a number of ms measured
 * by the function itself) `warmup` times each, then `rounds` times each in alternation.
 * Resolves to the two medians in ms.
 */
export async function alternate(ours, baseline, { warmup, rounds }) {
  const sample = async (fn) => {
    let measured;
    const elapsed = await time(async () => {
      measured = await fn();
    });
    return typeof measured === "number" ? measured : elapsed;
  };
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
  return { ours: median(a), baseline: median(b) };
}

/** Runs `fn` `count` times, one after another. */
export async function repeat(count, fn) {
  for (let i = 0; i < count; i++) await fn(i);
}

export function formatMs(ms) {
  return ms >= 100 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(ms >= 10 ? 1 : 2)} ms`;
}

export function formatBytes(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} kB`;
}

/**
 * Durations as people type them on a command line (`24h`, `90m`, `7d`, `1d12h`) and as the
 * report prints them back (`3d 4h`).
 */

const UNITS = [
  ["w", 7 * 24 * 60 * 60 * 1000],
  ["d", 24 * 60 * 60 * 1000],
  ["h", 60 * 60 * 1000],
  ["m", 60 * 1000],
  ["s", 1000],
] as const;
const UNIT_MS = new Map<string, number>(UNITS);
const PART = /(\d+(?:\.\d+)?)([a-z]+)/gy;

/**
 * The longest delay a Node.js timer keeps: 2^31-1 ms, about 24.8 days. A longer one fires after
 * 1 ms instead, so a duration that sets a timer must not exceed it.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/** A duration the user got wrong; the message says what is accepted. */
export class DurationError extends Error {
  override name = "DurationError";
}

/**
 * Parses `24h`, `90m`, `7d`, `2w`, `30s` or a sum written largest unit first (`1d12h`, `1h30m`).
 * Returns milliseconds; throws DurationError for anything else, zero included.
 */
export function parseDuration(text: string, name = "duration"): number {
  const input = text.trim().toLowerCase();
  const hint = `${name} must be a number with a unit (s, m, h, d, w), such as 24h, 90m, 7d or 1d12h`;
  if (input === "") throw new DurationError(`${name} is empty: ${hint}`);
  let total = 0;
  let previousRank = -1;
  let offset = 0;
  PART.lastIndex = 0;
  for (let match = PART.exec(input); match !== null; match = PART.exec(input)) {
    const [, amount = "", unit = ""] = match;
    const rank = UNITS.findIndex(([name]) => name === unit);
    const ms = UNIT_MS.get(unit);
    if (ms === undefined || rank < 0) {
      throw new DurationError(`${name} has an unknown unit "${unit}" in ${JSON.stringify(text)}: ${hint}`);
    }
    if (rank <= previousRank) {
      throw new DurationError(
        `${name} ${JSON.stringify(text)} repeats a unit or puts a smaller one first: write it largest unit first, each once (like 1d12h)`,
      );
    }
    previousRank = rank;
    total += Number(amount) * ms;
    offset = PART.lastIndex;
  }
  if (offset !== input.length)
    throw new DurationError(`${name} ${JSON.stringify(text)} is not valid: ${hint}`);
  // Checked once rounded: `0.0004s` is more than zero but 0 ms, which no age or timer can use.
  const ms = Math.round(total);
  if (!Number.isFinite(ms) || ms < 1) {
    throw new DurationError(`${name} must be longer than zero (at least 1 ms), got ${JSON.stringify(text)}`);
  }
  return ms;
}

/** A short human form of a duration: `45s`, `12m`, `5h 3m`, `3d 4h`, `2y 17d` (a year taken as 365 days). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "?";
  if (ms < 0) return `in ${formatDuration(-ms)}`;
  const s = Math.floor(ms / 1000);
  const m = Math.floor(s / 60);
  const h = Math.floor(m / 60);
  const d = Math.floor(h / 24);
  if (s < 60) return `${s}s`;
  if (m < 60) return `${m}m`;
  if (h < 24) return m % 60 === 0 ? `${h}h` : `${h}h ${m % 60}m`;
  if (d < 365) return h % 24 === 0 ? `${d}d` : `${d}d ${h % 24}h`;
  const years = Math.floor(d / 365);
  return d % 365 === 0 ? `${years}y` : `${years}y ${d % 365}d`;
}

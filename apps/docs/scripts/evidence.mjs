// What backs each operation on the docs pages: the spec's `x-confidence`, and whether real
// recorded responses (specs/recordings/<api>/) validate against it. Only the rendered copy gets
// this line; the specs themselves stay free of anything derived from the corpus.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const recordingsDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "specs", "recordings");

/**
 * @typedef {{ file: string, operation: string | null, match: string | undefined, status: number, year: string, handEdited: boolean }} RecordingRef
 */

/**
 * The recordings of one API, reduced to what the pages need.
 * @param {string} apiId
 * @returns {RecordingRef[]}
 */
export function loadRecordingIndex(apiId) {
  const folder = join(recordingsDir, apiId);
  // A copy of the repository without the corpus (the build test's scratch layout) has none to show.
  if (!existsSync(folder)) return [];
  // Loaded here, not at the top, so that such a copy needs no installed packages to get this far.
  const { parse } = createRequire(import.meta.url)("yaml");
  return readdirSync(folder)
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const recording = parse(readFileSync(join(folder, file), "utf8"));
      return {
        file: `${apiId}/${file}`,
        operation: recording.spec?.operation ?? null,
        match: recording.spec?.match,
        status: Number(recording.response?.status),
        year: String(recording.recorded).slice(0, 4),
        handEdited: recording.hand_edited === true,
      };
    });
}

/** What an unrecorded operation rests on, by its `x-confidence`. */
const BASIS = {
  confirmed: "vendor documentation",
  "client-library": "client libraries",
  inferred: "our own reading",
};

/** @param {string[]} years */
function span(years) {
  const sorted = [...new Set(years)].sort();
  return sorted.length > 1 ? `${sorted[0]}–${sorted[sorted.length - 1]}` : String(sorted[0]);
}

/**
 * The one-line evidence badge of an operation.
 * @param {string | undefined} confidence the operation's `x-confidence`
 * @param {RecordingRef[]} recordings this operation's recordings (exact and shared)
 */
export function evidenceLine(confidence, recordings) {
  const exact = recordings.filter((r) => r.match === "exact");
  const shared = recordings.filter((r) => r.match !== "exact");
  const parts = [];
  if (exact.length > 0) {
    const edited = exact.filter((r) => r.handEdited).length;
    parts.push(
      `✅ **Recorded:** ${exact.length} real response${exact.length > 1 ? "s" : ""} of this call (${span(exact.map((r) => r.year))})` +
        `${edited > 0 ? `, ${edited} hand-edited` : ""}, validated against this spec`,
    );
  } else {
    const basis = BASIS[/** @type {keyof typeof BASIS} */ (String(confidence))] ?? "the spec's reading";
    parts.push(`⚪ **Not recorded:** no real response of this call has been found; it rests on ${basis}`);
  }
  if (shared.length > 0) {
    const statuses = [...new Set(shared.map((r) => r.status))].sort().join(", ");
    parts.push(
      `${shared.length} recording${shared.length > 1 ? "s" : ""} of other calls back its shared ${statuses} answer${shared.length > 1 ? "s" : ""}`,
    );
  }
  const files = recordings.map((r) => `\`${r.file}\``).join(", ");
  return `${parts.join(" · ")}.${files ? ` Recordings: ${files} (in specs/recordings/).` : ""}`;
}

/**
 * Appends the evidence line to every operation's description, in place.
 * @param {Record<string, any>} spec a copy of a bundled spec
 * @param {RecordingRef[]} recordings
 * @param {(spec: Record<string, any>) => { operationId: string, operation: Record<string, any> }[]} listOperations
 */
export function addEvidence(spec, recordings, listOperations) {
  for (const { operationId, operation } of listOperations(spec)) {
    const line = evidenceLine(
      operation["x-confidence"],
      recordings.filter((r) => r.operation === operationId),
    );
    const base = typeof operation.description === "string" ? operation.description.trimEnd() : "";
    operation.description = base === "" ? line : `${base}\n\n${line}`;
  }
}

/**
 * Reads the recorded responses under specs/recordings/<api>/ for the tests that replay them
 * (the spec test here, and each client's recordings test through `@backupkit/specs/recordings`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";

export type RecordingApi = "onapp" | "zcom";

/** One recorded interaction, as stored (see specs/recordings/README.md for each field). */
export interface Recording {
  /** File name under specs/recordings/<api>/. */
  file: string;
  api: RecordingApi;
  source: {
    kind: "vcr-cassette" | "test-fixture" | "vendor-doc-transcript";
    repository?: string;
    path?: string;
    commit?: string;
    url?: string;
  } & Record<string, unknown>;
  recorded: string;
  request: { method: string; path: string };
  response: { status: number; content_type: string | null; body_sha256: string; body: string };
  hand_edited: boolean;
  hand_edits?: string;
  /**
   * What the body is checked against. `operation` with `match: exact`: the recorded request is
   * that operation. `match: shared`: recorded on another path whose answer the spec describes with
   * the same shared response or schema (`why` says which). `operation: null`: the spec has no
   * operation for the path, and `schema` names the component the body must satisfy.
   */
  spec: { operation: string | null; match?: "exact" | "shared"; schema?: string; why?: string };
  proves: string;
}

const folder = (api: RecordingApi) => new URL(`./${api}/`, import.meta.url);

/** Every recording of one API, sorted by file name. */
export function loadRecordings(api: RecordingApi): Recording[] {
  return readdirSync(folder(api))
    .filter((name) => name.endsWith(".yaml"))
    .sort()
    .map((file) => {
      const data = parse(readFileSync(new URL(file, folder(api)), "utf8")) as Omit<Recording, "file">;
      if (data?.api !== api || typeof data.response?.body !== "string") {
        throw new Error(`specs/recordings/${api}/${file}: not a recording of ${api} (api or body missing)`);
      }
      return { file, ...data };
    });
}

/** The wire format a recording was sent in: XML when labelled so, JSON otherwise (Z.com labels JSON text/html). */
export function recordedFormat(recording: Recording): "json" | "xml" {
  return /xml/i.test(recording.response.content_type ?? "") ? "xml" : "json";
}

// The evidence line each operation gets on its docs page: recorded responses from the corpus in
// specs/recordings/, or, where there are none, what the spec's x-confidence says it rests on.
import { describe, expect, it } from "vitest";
import { evidenceLine, loadRecordingIndex } from "../scripts/evidence.mjs";
import { APIS, decorateSpec, listOperations } from "../scripts/site.mjs";
import { API_IDS, bundledSpec, type Json } from "./helpers.js";

function decorated(id: "zcom" | "onapp", recordings?: ReturnType<typeof loadRecordingIndex>) {
  const bundled = bundledSpec(id);
  const api = APIS.find((entry) => entry.id === id);
  if (!api) throw new Error(`no API ${id}`);
  const samples = new Map(listOperations(bundled).map((entry) => [entry.operationId, "// sample"]));
  const spec: Json = decorateSpec(bundled, api, samples, recordings);
  return new Map(
    listOperations(spec).map((entry) => [entry.operationId, String(entry.operation.description)]),
  );
}

describe("evidence on the docs pages", () => {
  it("an operation with recordings of its own says how many, from when, and names them", () => {
    const onapp = decorated("onapp");
    expect(onapp.get("listDiskBackups")).toContain("**Recorded:** 1 real response of this call (2013)");
    expect(onapp.get("listDiskBackups")).toContain("`onapp/squall-list-disk-backups-2013.yaml`");
    expect(decorated("zcom").get("getBackup")).toContain("1 hand-edited");
  });

  it("an operation without says so, with what it rests on instead (from x-confidence)", () => {
    const onapp = decorated("onapp");
    expect(onapp.get("restoreBackup")).toContain("**Not recorded:**");
    expect(onapp.get("restoreBackup")).toContain("rests on client libraries");
    expect(onapp.get("listBackupImages")).toContain("rests on vendor documentation");
    // Recordings of other calls that back a shared answer are counted apart from the call's own.
    const shared = loadRecordingIndex("onapp").filter((r) => r.operation === "deleteBackup").length;
    expect(shared).toBeGreaterThan(1);
    expect(onapp.get("deleteBackup")).toContain(
      `**Not recorded:** no real response of this call has been found; it rests on client libraries · ${shared} recordings of other calls back its shared 200, 404 answers`,
    );
  });

  it.each(API_IDS)("%s: every recording that names an operation shows up on that operation", (id) => {
    const descriptions = decorated(id);
    for (const recording of loadRecordingIndex(id).filter((r) => r.operation !== null)) {
      expect(descriptions.get(String(recording.operation)), recording.file).toContain(
        `\`${recording.file}\``,
      );
    }
  });

  it("with no corpus every operation reads as not recorded", () => {
    for (const description of decorated("zcom", []).values())
      expect(description).toContain("**Not recorded:**");
  });

  it("counts years as a span and keeps the line to one paragraph", () => {
    const line = evidenceLine("confirmed", [
      { file: "a/x.yaml", operation: "op", match: "exact", status: 200, year: "2015", handEdited: false },
      { file: "a/y.yaml", operation: "op", match: "exact", status: 200, year: "2011", handEdited: true },
    ]);
    expect(line).toContain("2 real responses of this call (2011–2015), 1 hand-edited");
    expect(line).not.toContain("\n");
  });
});

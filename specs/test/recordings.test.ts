/**
 * Every recorded response under specs/recordings/ is kept verbatim, carries its provenance,
 * decodes, and validates against the bundled spec with the same Ajv setup as the examples. A
 * recording the spec rejects is a spec bug: fix the spec, naming the recording.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// The Rails XML codec and error flattening belong to the OnApp client; read from its source
// because @backupkit/onapp already depends on this package (a dependency back would be a cycle).
import { isRecord, textOf } from "../../packages/core/src/errors.js";
import { errorBody } from "../../packages/onapp/src/error-reading.js";
import { decodeRailsXml } from "../../packages/onapp/src/xml.js";
import { loadRecordings, type Recording, type RecordingApi, recordedFormat } from "../recordings/load.js";
import { type Doc, loadBundle, METHODS, operations, resolve } from "../walk.mjs";
import { examples } from "./example-cases.js";
import { validatorFactory } from "./validator.js";

interface Operation {
  path: string;
  method: string;
  op: Doc;
}

function operationsOf(doc: Doc): Map<string, Operation> {
  return new Map(
    operations(doc).map(({ path, method, operation }) => [
      operation.operationId,
      { path, method, op: operation },
    ]),
  );
}

/** `/settings/disks/{disk_id}/backups.{format}` as a whole-path pattern (parameters never span a `/` or `.`). */
function templatePattern(template: string): RegExp {
  const parts = template.split(/\{[^}]+\}/).map((literal) => literal.replace(/[.*+?^$()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^/.]+")}$`);
}

/** What the body means: decoded JSON or Rails XML, or, when blank, the text itself (it is not JSON). */
function bodyValue(recording: Recording): unknown {
  const { body, status } = recording.response;
  if (body.trim() === "") return body;
  if (recordedFormat(recording) === "xml")
    return status >= 400 ? errorBody(decodeRailsXml(body), { isRecord, textOf }) : decodeRailsXml(body);
  return JSON.parse(body);
}

/** The schema a recording's body must satisfy, from its operation's response or a named component. */
function schemaFor(doc: Doc, operations: Map<string, Operation>, recording: Recording): unknown {
  const { operation, schema } = recording.spec;
  if (operation === null) return { $ref: `#/components/schemas/${schema}` };
  const found = operations.get(operation);
  const response = resolve(doc, found?.op.responses?.[String(recording.response.status)]);
  // XML bodies are declared as text; what they decode to must satisfy the JSON schema of the same response.
  return response?.content?.["application/json"]?.schema;
}

describe.each(["onapp", "zcom"] as const)("%s recordings", (api: RecordingApi) => {
  const doc = loadBundle(api);
  const compile = validatorFactory(doc);
  const operations = operationsOf(doc);
  const recordings = loadRecordings(api);
  const readme = readFileSync(new URL("../recordings/README.md", import.meta.url), "utf8");

  it("exist, and the README's table describes each of them", () => {
    expect(recordings.length).toBeGreaterThan(0);
    for (const { file } of recordings) expect(readme, file).toContain(`${api}/${file}`);
  });

  describe.each(recordings.map((r) => [r.file, r] as const))("%s", (_file, recording) => {
    it("keeps the recorded bytes and says where they come from", () => {
      const { source, response, request } = recording;
      expect(createHash("sha256").update(response.body).digest("hex")).toBe(response.body_sha256);
      if (source.kind === "vendor-doc-transcript") expect(source.url).toMatch(/^https:\/\//);
      else {
        expect(source.repository).toMatch(/^[\w.-]+\/[\w.-]+$/);
        expect(source.path).toBeTruthy();
        expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
      }
      expect(Number.isNaN(Date.parse(recording.recorded))).toBe(false);
      expect(METHODS).toContain(request.method.toLowerCase());
      expect(request.path).toMatch(/^\//);
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(typeof recording.hand_edited).toBe("boolean");
      if (recording.hand_edited) expect(recording.hand_edits).toBeTruthy();
      expect(recording.proves).toBeTruthy();
    });

    it("names an operation the spec has, and an exact match is the recorded request", () => {
      const { operation, match, schema } = recording.spec;
      if (operation === null) {
        expect(doc.components.schemas[schema ?? ""], `component ${schema}`).toBeDefined();
        return;
      }
      const found = operations.get(operation);
      expect(found, operation).toBeDefined();
      expect(found?.op.responses?.[String(recording.response.status)], "status declared").toBeDefined();
      if (match === "exact") {
        expect(recording.request.method.toLowerCase()).toBe(found?.method);
        expect(recording.request.path).toMatch(templatePattern(found?.path ?? ""));
      } else {
        expect(match).toBe("shared");
        expect(recording.spec.why).toBeTruthy();
      }
    });

    it("decodes and validates against the spec", () => {
      const value = bodyValue(recording);
      const validate = compile(schemaFor(doc, operations, recording) ?? { not: {} });
      validate(value);
      expect(validate.errors ?? [], recording.response.body.slice(0, 200)).toEqual([]);
    });
  });
});

describe("examples that are recordings", () => {
  const byFile = (api: RecordingApi, file: string) => {
    const found = loadRecordings(api).find((r) => r.file === file);
    if (!found) throw new Error(`no recording ${api}/${file}`);
    return bodyValue(found);
  };
  const example = (api: RecordingApi, operationId: string, status: string, name: string) =>
    examples(loadBundle(api)).find(
      (c) =>
        c.operationId === operationId &&
        c.status === status &&
        c.name === name &&
        c.mediaType === "application/json",
    )?.value;

  it.each([
    ["onapp", "listBackups", "200", "olderServer", "squall-list-disk-backups-2013.yaml"],
    ["onapp", "listDiskBackups", "200", "olderServer", "squall-list-disk-backups-2013.yaml"],
    ["zcom", "getBackup", "200", "vendorDoc", "vendor-get-backup-2015.yaml"],
    ["zcom", "enableBackup", "201", "created", "vendor-enable-backup-2015.yaml"],
    ["zcom", "listBackups", "200", "vendorDoc", "vendor-list-backups-2015.yaml"],
  ] as const)("%s %s %s %s is the recorded body %s", (api, operationId, status, name, file) => {
    expect(example(api, operationId, status, name)).toStrictEqual(byFile(api, file));
  });
});

describe("spec fixes the recordings call for", () => {
  const doc = loadBundle("onapp");
  const compile = validatorFactory(doc);
  const operations = operationsOf(doc);

  it.each([["deleteBackup"], ["restoreBackup"]])(
    "%s declares its blank 200 so that a space and {} are valid, and nothing else is",
    (operationId) => {
      const response = resolve(doc, operations.get(operationId)?.op.responses?.["200"]);
      const validate = compile(response?.content?.["application/json"]?.schema);
      for (const blank of [" ", "", "\n", {}]) expect(validate(blank), JSON.stringify(blank)).toBe(true);
      for (const content of ["ok", { backup: { id: 1 } }, [], null]) {
        expect(validate(content), JSON.stringify(content)).toBe(false);
      }
    },
  );

  it("a virtual server's operating_system may be null, and is still a string when present", () => {
    const validate = compile({ $ref: "#/components/schemas/VirtualServer" });
    const server = { id: 1, identifier: "7z2gzavnrhmmt3", label: "bob" };
    expect(validate({ ...server, operating_system: null })).toBe(true);
    expect(validate({ ...server, operating_system: "linux" })).toBe(true);
    expect(validate({ ...server, operating_system: 7 })).toBe(false);
  });
});

/**
 * scripts/check-spec-breaking.mjs on copies of the Z.com bundle: a change that breaks users of
 * the client fails the check and names what broke, a compatible one passes, and a major
 * changeset for the client lets a breaking one through.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { jsonPointer } from "../../scripts/check-spec-breaking.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const script = join(root, "scripts", "check-spec-breaking.mjs");
const bundle = JSON.parse(readFileSync(join(root, "specs/bundled/zcom.json"), "utf8"));
const scratch = mkdtempSync(join(tmpdir(), "backupkit-spec-breaking-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// What users have: the unchanged bundle, in a folder of its own so neither a release tag nor
// the committed baseline decides the outcome.
const released = join(scratch, "released");
mkdirSync(released);
writeFileSync(join(released, "zcom.json"), JSON.stringify(bundle));

let cases = 0;
/**
 * Runs the check on a changed copy of the bundle, with the given pending changeset (if any).
 * @param change edits the copy in place
 */
function checkChanged(change: (spec: typeof bundle) => void, changeset?: string) {
  const dir = join(scratch, `case-${++cases}`);
  const bundled = join(dir, "bundled");
  const changesets = join(dir, ".changeset");
  mkdirSync(bundled, { recursive: true });
  mkdirSync(changesets);
  const copy = structuredClone(bundle);
  change(copy);
  writeFileSync(join(bundled, "zcom.json"), JSON.stringify(copy));
  if (changeset) writeFileSync(join(changesets, "a-change.md"), changeset);
  const result = spawnSync(
    process.execPath,
    [script, "--bundled", bundled, "--against", released, "--changesets", changesets],
    { encoding: "utf8" },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function backupSchema(spec: typeof bundle) {
  const schema = spec.components.schemas.Backup;
  expect(schema.properties.instance_id).toBeDefined();
  return schema;
}

const removeInstanceId = (spec: typeof bundle) => {
  const schema = backupSchema(spec);
  delete schema.properties.instance_id;
  schema.required = schema.required.filter((name: string) => name !== "instance_id");
};

// Each case spawns Node on two copies of the spec; on a loaded machine that takes seconds.
describe("the spec breaking-change check", { timeout: 60_000 }, () => {
  it("passes when nothing changed", () => {
    const result = checkChanged(() => {});
    expect(result.output).toContain("zcom: no breaking change");
    expect(result.status).toBe(0);
  });

  it("fails when a response loses a field, and names the field with its JSON pointer", () => {
    const result = checkChanged(removeInstanceId);
    expect(result.status).toBe(1);
    expect(result.output).toContain(
      `${jsonPointer(["paths", "/v2/{tenant_id}/backup", "get", "responses", "200"])}/content/application~1json/schema/properties/backup/items/properties/instance_id (in the old spec)`,
    );
    expect(result.output).toContain("[Removed] property `instance_id`");
    expect(result.output).toContain("bumps @backupkit/zcom major");
  });

  it("passes when a response gains an optional field", () => {
    const result = checkChanged((spec) => {
      backupSchema(spec).properties.retention_days = {
        type: "integer",
        description: "How long runs are kept.",
      };
    });
    expect(result.output).toContain("zcom: no breaking change");
    expect(result.status).toBe(0);
  });

  it("fails when a response field may now be null: code reading it must handle the new value", () => {
    const result = checkChanged((spec) => {
      backupSchema(spec).properties.instance_id.type = ["string", "null"];
    });
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/\/properties\/instance_id\/type\n/);
    expect(result.output).toContain("(type string -> string | null)");
  });

  it("lets a breaking change through when a pending changeset bumps the client major", () => {
    const major = '---\n"@backupkit/zcom": major\n---\n\nBackups no longer carry `instance_id`.\n';
    const result = checkChanged(removeInstanceId, major);
    expect(result.output).toContain("allowed by a major changeset for @backupkit/zcom");
    expect(result.output).toContain("/properties/instance_id");
    expect(result.status).toBe(0);
  });

  it("still fails when the pending changeset bumps the client only minor", () => {
    const minor = '---\n"@backupkit/zcom": minor\n---\n\nBackups no longer carry `instance_id`.\n';
    expect(checkChanged(removeInstanceId, minor).status).toBe(1);
  });
});

describe("jsonPointer", () => {
  it("escapes '/' and '~' inside keys as RFC 6901 says", () => {
    expect(jsonPointer(["paths", "/v2/{id}", "get", "a~b", 0])).toBe("/paths/~1v2~1{id}/get/a~0b/0");
  });
});

/**
 * Every example in both specs validates against its schema (checked here with Ajv, not only by
 * the linter), the vendor documents' own bodies are among them unchanged, and each OnApp XML
 * example decodes to exactly its JSON twin.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// The Rails XML codec belongs to the OnApp client; its source is read directly because
// @backupkit/onapp already depends on this package (a dependency back would be a cycle).
import { decodeRailsXml } from "../../packages/onapp/src/xml.js";
import { loadBundle, operations } from "../walk.mjs";
import { examples } from "./example-cases.js";
import { validatorFactory } from "./validator.js";

const fixture = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");

describe.each(["zcom", "onapp"] as const)("%s examples", (api) => {
  const doc = loadBundle(api);
  const compile = validatorFactory(doc);
  const cases = examples(doc);

  it("has examples for every operation", () => {
    const withExamples = new Set(cases.map((c) => c.operationId));
    const ids: string[] = operations(doc).map(({ operation }) => operation.operationId);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !withExamples.has(id))).toEqual([]);
  });

  const jsonLike = cases.filter((c) => c.mediaType !== "application/xml");
  it.each(jsonLike.map((c) => [c.where, c] as const))(
    "%s validates against its schema",
    (_where, example) => {
      const validate = compile(example.schema ?? {});
      const ok = validate(example.value);
      expect(validate.errors ?? [], JSON.stringify(example.value).slice(0, 300)).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  const xml = cases.filter((c) => c.mediaType === "application/xml");
  it.each(xml.map((c) => [c.where, c] as const))(
    "%s is well-formed Rails XML matching its JSON twin",
    (_where, example) => {
      expect(typeof example.value).toBe("string");
      const text = example.value as string;
      if (text.trim() === "") return; // DELETE/restore may answer a single space: no document to check.
      const twin = cases.find(
        (c) =>
          c.operationId === example.operationId &&
          c.status === example.status &&
          c.name === example.name &&
          c.mediaType === "application/json",
      );
      if (/^[45]/.test(example.status)) {
        const body = decodeRailsXml(text) as { errors?: unknown };
        expect(body.errors, `error XML decodes to an errors element: ${text}`).toBeTypeOf("object");
        return;
      }
      const decoded = decodeRailsXml(text);
      if (example.status !== "request") {
        const validate = compile(twin?.schema ?? {});
        expect(validate(decoded) ? [] : validate.errors).toEqual([]);
      }
      // The vendor's two examples show different records in JSON and XML; every other pair is one record.
      if (example.operationId === "listBackupImages" && example.name === "vendorExample") return;
      expect(decoded).toStrictEqual(twin?.value);
    },
  );
});

describe("vendor seed bodies", () => {
  // The seeds are evidence: a formatter or an editor that "tidies" them must fail the build.
  // The digests were taken when the bodies were copied from the vendor pages (see specs/README.md).
  it.each([
    [
      "zcom/fixtures/list-backups.seed.json",
      "ac2b4cb3fd9800d09c0c43b1704f030f2e0a7b5d96039377c5f723e3e265c0a0",
    ],
    [
      "onapp/fixtures/backup-images.seed.json",
      "42e18ceac94354faee9ac08fcdfb0baf0c18ee7c1fac316f318795833c41bc8e",
    ],
    [
      "onapp/fixtures/backup-images.seed.xml",
      "534ee12c589f1d1a99989f200eb5cf81e182d38e165cbc6babf4f5bd09e64e84",
    ],
  ])("%s keeps the vendor's bytes", (path, digest) => {
    expect(createHash("sha256").update(fixture(path)).digest("hex")).toBe(digest);
  });

  const zcom = examples(loadBundle("zcom"));
  const onapp = examples(loadBundle("onapp"));

  it("Z.com list backups: the seed body (trailing commas removed) is the spec's example and validates", () => {
    const seed = JSON.parse(fixture("zcom/fixtures/list-backups.seed.json"));
    const example = zcom.find((c) => c.operationId === "listBackups" && c.status === "200");
    expect(example?.value).toStrictEqual(seed);
    expect(validatorFactory(loadBundle("zcom"))(example?.schema)(seed)).toBe(true);
  });

  it("OnApp backup images: the JSON seed is the spec's example and validates", () => {
    const seed = JSON.parse(fixture("onapp/fixtures/backup-images.seed.json"));
    const example = onapp.find(
      (c) => c.operationId === "listBackupImages" && c.status === "200" && c.mediaType === "application/json",
    );
    expect(example?.value).toStrictEqual(seed);
    expect(validatorFactory(loadBundle("onapp"))(example?.schema)(seed)).toBe(true);
  });

  it("OnApp backup images: the XML seed is the spec's example byte for byte, and decodes to a valid body", () => {
    const seed = fixture("onapp/fixtures/backup-images.seed.xml");
    const example = onapp.find(
      (c) => c.operationId === "listBackupImages" && c.status === "200" && c.mediaType === "application/xml",
    );
    expect(example?.value).toBe(seed);
    const json = onapp.find(
      (c) => c.operationId === "listBackupImages" && c.status === "200" && c.mediaType === "application/json",
    );
    expect(validatorFactory(loadBundle("onapp"))(json?.schema)(decodeRailsXml(seed))).toBe(true);
  });

  it("the XML seed decodes to exactly its hand-written JSON reading", () => {
    const expected = JSON.parse(fixture("onapp/fixtures/backup-images.seed.xml.json"));
    expect(decodeRailsXml(fixture("onapp/fixtures/backup-images.seed.xml"))).toStrictEqual(expected);
  });

  it("the XML seed decodes with the wire's field names and types", () => {
    const [record] = decodeRailsXml(fixture("onapp/fixtures/backup-images.seed.xml")) as Array<{
      backup: Record<string, unknown>;
    }>;
    expect(record?.backup).toMatchObject({
      id: 1951,
      backup_size: 310896,
      allow_resize_without_reboot: false,
      note: null,
      built: true,
    });
    expect(record?.backup).not.toHaveProperty("allowed_resize_without_reboot");
  });
});

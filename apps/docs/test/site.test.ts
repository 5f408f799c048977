// The pieces of the docs build on their own: sample coverage, curl commands derived from the
// spec, how quirks are surfaced, and the build's own external-asset check.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  APIS,
  curlCommand,
  decorateSpec,
  externalAssets,
  listOperations,
  localizePage,
} from "../scripts/site.mjs";
import { API_IDS, appDir, bundledSpec, type Json } from "./helpers.js";

function api(id: string) {
  const found = APIS.find((entry) => entry.id === id);
  if (!found) throw new Error(`no API ${id}`);
  return found;
}

function samplesOf(id: string): Map<string, string> {
  const dir = join(appDir, "samples", id);
  return new Map(
    readdirSync(dir)
      .filter((name) => name.endsWith(".ts"))
      .map((name) => [name.slice(0, -3), readFileSync(join(dir, name), "utf8")]),
  );
}

function curlFor(id: "zcom" | "onapp", operationId: string): string {
  const spec = bundledSpec(id);
  const entry = listOperations(spec).find((op) => op.operationId === operationId);
  if (!entry) throw new Error(`no operation ${operationId}`);
  return curlCommand(spec, entry, api(id).envPrefix);
}

describe("samples", () => {
  it.each(API_IDS)("%s: exactly one sample file per operation of the bundled spec", (id) => {
    const operationIds = listOperations(bundledSpec(id)).map((op) => op.operationId);
    expect([...samplesOf(id).keys()].sort()).toEqual([...operationIds].sort());
  });

  it("the build refuses a spec operation without a sample, naming it", () => {
    const samples = samplesOf("zcom");
    samples.delete("getBackup");
    expect(() => decorateSpec(bundledSpec("zcom"), api("zcom"), samples)).toThrow(
      /no TypeScript sample for zcom operation\(s\) getBackup/,
    );
  });

  it("the build refuses a sample for an operation the spec does not have", () => {
    const samples = samplesOf("onapp");
    samples.set("listEverything", "// stale");
    expect(() => decorateSpec(bundledSpec("onapp"), api("onapp"), samples)).toThrow(/listEverything\.ts/);
  });

  it("a missing sample makes `node scripts/build.mjs` exit non-zero with one clear line", () => {
    const copy = mkdtempSync(join(tmpdir(), "docs-build-"));
    try {
      // The build script on a scratch copy of the repository layout, one sample short.
      cpSync(join(appDir, "scripts"), join(copy, "apps", "docs", "scripts"), { recursive: true });
      cpSync(join(appDir, "samples"), join(copy, "apps", "docs", "samples"), { recursive: true });
      cpSync(join(appDir, "package.json"), join(copy, "apps", "docs", "package.json"));
      // The scripts read specs through @backupkit/specs/walk: resolve it as the real app does.
      symlinkSync(join(appDir, "node_modules"), join(copy, "apps", "docs", "node_modules"), "dir");
      cpSync(join(appDir, "..", "..", "specs", "bundled"), join(copy, "specs", "bundled"), {
        recursive: true,
      });
      rmSync(join(copy, "apps", "docs", "samples", "onapp", "deleteBackup.ts"));
      let stderr = "";
      let status = 0;
      try {
        execFileSync(process.execPath, [join(copy, "apps", "docs", "scripts", "build.mjs")], {
          cwd: join(copy, "apps", "docs"),
          stdio: ["ignore", "pipe", "pipe"],
        });
      } catch (error) {
        const failed = error as { status: number; stderr: Buffer };
        status = failed.status;
        stderr = failed.stderr.toString();
      }
      expect(status).toBe(1);
      expect(stderr.trim().split("\n")).toEqual([
        "docs: no TypeScript sample for onapp operation(s) deleteBackup: add samples/onapp/<operationId>.ts",
      ]);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});

describe("curl commands derived from the spec", () => {
  it("Z.com list: default server, example tenant, token header, Accept", () => {
    expect(curlFor("zcom", "listBackups")).toBe(
      [
        'curl -sS "https://compute.tyo1.cloud.z.com/v2/1864e71d2deb46f6b47526b69c65a45d/backup" \\',
        '  -H "Accept: application/json" \\',
        '  -H "X-Auth-Token: $ZCOM_TOKEN"',
      ].join("\n"),
    );
  });

  it("Z.com delete: method and example backup id", () => {
    const curl = curlFor("zcom", "cancelBackup");
    expect(curl).toMatch(
      /^curl -sS -X DELETE "https:\/\/compute\.tyo1\.cloud\.z\.com\/v2\/[0-9a-f]{32}\/backup\/9fbcc5eb-/,
    );
  });

  it("Z.com action: one command per request example, each with its body", () => {
    const curl = curlFor("zcom", "runBackupAction");
    const commands = curl.split("\n\n");
    expect(commands).toHaveLength(2);
    expect(commands[0]).toMatch(/^# .+\ncurl -sS -X POST /);
    expect(curl).toContain(`-H "Content-Type: application/json"`);
    expect(curl).toMatch(/-d '\{"restore":\{"backuprun_id":"[^"]+"\}\}'/);
    const body = /-d '(\{\s*"createImage"[^']*)'/.exec(curl)?.[1];
    expect(JSON.parse(body ?? "null")).toEqual({
      createImage: { backuprun_id: expect.any(String), image_name: expect.any(String) },
    });
  });

  it("Z.com token: the identity server, and no token header on the call that issues one", () => {
    const curl = curlFor("zcom", "issueToken");
    expect(curl).toContain('curl -sS -X POST "https://identity.tyo1.cloud.z.com/v2.0/tokens"');
    expect(curl).not.toContain("X-Auth-Token");
    expect(curl).toContain("passwordCredentials");
  });

  it("OnApp: default host, .json suffix, example ids, Basic auth", () => {
    expect(curlFor("onapp", "getBackup")).toBe(
      [
        'curl -sS "https://onapp.example.com/backups/6117.json" \\',
        '  -H "Accept: application/json" \\',
        '  -u "$ONAPP_USER:$ONAPP_PASSWORD"',
      ].join("\n"),
    );
    expect(curlFor("onapp", "listBackups")).toContain("/virtual_machines/488/backups.json");
    expect(curlFor("onapp", "listDiskBackups")).toContain("/settings/disks/11860/backups.json");
    expect(curlFor("onapp", "createIncrementalBackup")).toMatch(/-X POST .*\n(.*\n)*\s+-d '\{"backup":/);
  });

  it("every operation of both specs gets a command without unfilled placeholders", () => {
    for (const id of API_IDS) {
      const spec = bundledSpec(id);
      for (const entry of listOperations(spec)) {
        const curl = curlCommand(spec, entry, api(id).envPrefix);
        expect(curl.replace(/-d '[^']*'/g, ""), entry.operationId).not.toMatch(/\{[a-z_]+\}/);
      }
    }
  });
});

describe("decorated spec", () => {
  it("adds the TypeScript sample and then curl to every operation, and leaves the bundle alone", () => {
    const bundled = bundledSpec("onapp");
    const before = JSON.stringify(bundled);
    const spec: Json = decorateSpec(bundled, api("onapp"), samplesOf("onapp"));
    expect(JSON.stringify(bundled)).toBe(before);
    for (const entry of listOperations(spec)) {
      expect(entry.operation["x-codeSamples"].map((s: Json) => s.lang)).toEqual(["TypeScript", "Shell"]);
    }
    expect(spec.info.description).toMatch(/^\[← All backupkit API docs\]\(index\.html\)/);
  });

  it("writes x-doc-erratum, x-wire-content-type and x-confidence into descriptions", () => {
    const spec: Json = decorateSpec(bundledSpec("zcom"), api("zcom"), samplesOf("zcom"));
    const getBackup = listOperations(spec).find((op) => op.operationId === "getBackup")?.operation;
    expect(getBackup?.description).toContain(
      "**Vendor doc erratum:** The Z.com page prints the request URL with /v1",
    );
    expect(getBackup?.description).toContain("*Confidence: `confirmed`");
    // Responses whose description did not already say so get the wire label.
    expect(spec.components.responses.NotFound.description).toContain("text/html; charset=UTF-8");
    // Example values are data, not prose: they stay as they are.
    expect(JSON.stringify(spec.components.examples)).toBe(
      JSON.stringify(bundledSpec("zcom").components.examples),
    );
  });
});

describe("the build's page checks", () => {
  it("inlines the CDN logos of Redoc's footer", () => {
    const page =
      "src:e?`https://cdn.redoc.ly/redoc/logo-mini-full.svg`:`https://cdn.redoc.ly/redoc/logo-mini.svg`";
    const { html, replaced } = localizePage(page);
    expect(replaced).toBe(2);
    expect(html).not.toContain("https://");
    expect(html).toMatch(/^src:e\?`data:image\/svg\+xml,[^`'"]+`:`data:image\/svg\+xml,[^`'"]+`$/);
  });

  it("flags remote scripts, stylesheets, fonts and images, but not links", () => {
    expect(
      externalAssets(`<script src="https://x.test/a.js"></script><link rel="stylesheet" href="//x.test/a.css">
        <link rel="canonical" href="https://x.test/"><img srcset="https://x.test/a.png 2x"><a href="https://x.test/">x</a>
        <style>@font-face{src:url(https://x.test/f.woff2)}</style>`),
    ).toEqual([
      '<script src="https://x.test/a.js">',
      '<link href="//x.test/a.css">',
      '<img srcset="https://x.test/a.png">',
      "CSS url(https://x.test/f.woff2)",
    ]);
  });
});

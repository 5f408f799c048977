/**
 * Drift: regenerating the bundles from specs/ and the clients' generated code from the bundles
 * must reproduce the committed files exactly, so spec, bundle, generated types, clients and
 * mocks all describe the same API.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { PACKAGE_DIR } from "./helpers.js";

const run = promisify(execFile);

async function check(script: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(process.execPath, [script, ...args], { cwd: PACKAGE_DIR, timeout: 60_000 });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${script} ${args.join(" ")} failed:\n${stdout}${stderr}`);
  }
}

describe("no drift between specs and generated files", () => {
  it("specs/bundled/*.json equal a fresh bundle of specs/", async () => {
    expect(await check("../../specs/scripts/bundle.mjs", ["--check"])).toContain("committed bundles match");
  });

  it.each(["zcom", "onapp"])(
    "packages/%s/src/generated equals a fresh generation from the bundle",
    async (api) => {
      expect(await check("../../scripts/generate-client.mjs", [api, `../${api}`, "--check"])).toContain(
        `${api} generated code matches the spec`,
      );
    },
  );
});

/** The README's "three lines" snippets run as written, in plain Node, against the built package. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { PACKAGE_DIR, requireDist } from "./helpers.js";

const run = promisify(execFile);
const readme = readFileSync(`${PACKAGE_DIR}README.md`, "utf8");
const snippets = [...readme.matchAll(/<!-- tested: [^>]*-->\n```js\n([\s\S]*?)```/g)].map(
  (m) => m[1] as string,
);

it("the README has the two tested snippets", () => {
  expect(snippets).toHaveLength(2);
});

it.each(snippets.map((code, i) => [i + 1, code] as const))(
  "snippet %i runs and prints the spec's example",
  async (_n, code) => {
    requireDist();
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], {
      cwd: PACKAGE_DIR,
      timeout: 45_000,
    });
    // The first Z.com seed backup, or the OnApp XML seed's backup id.
    expect(stdout).toMatch(/9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17|id: 1951/);
  },
);

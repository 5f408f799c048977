/**
 * The end-to-end tests run the built CLI (`node dist/cli.js`) and serve the built page
 * (dist/page.html). turbo builds both before `test`; when the tests are run on their own and
 * dist/ is missing or older than src/, build it here.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function newestSource(): number {
  return Math.max(
    ...readdirSync(`${root}/src`, { recursive: true, encoding: "utf8" }).map(
      (name) => statSync(`${root}/src/${name}`).mtimeMs,
    ),
    statSync(`${root}/tsconfig.build.json`).mtimeMs,
    statSync(`${root}/scripts/build-page.mjs`).mtimeMs,
  );
}

export default function setup(): void {
  let built = 0;
  try {
    built = Math.min(statSync(`${root}/dist/cli.js`).mtimeMs, statSync(`${root}/dist/page.html`).mtimeMs);
  } catch {
    // not built yet
  }
  if (built >= newestSource()) return;
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/build-page.mjs"], { cwd: root, stdio: "inherit" });
}

// Finds (or installs) Chromium once for the whole run and hands its path to the browser test.
// No Chromium: fail under CI=true, otherwise skip the browser test with a loud warning.
import type { TestProject } from "vitest/node";
import { ensureChromium } from "../../../scripts/ensure-chromium.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of the Chromium executable, or "" when the browser test must be skipped. */
    chromiumPath: string;
  }
}

function banner(lines: string[]): string {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const bar = "!".repeat(width);
  return ["", bar, ...lines.map((line) => `! ${line.padEnd(width - 4)} !`), bar, ""].join("\n");
}

export default async function setup(project: TestProject): Promise<void> {
  const skipAsked = ["1", "true"].includes(String(process.env.BACKUPKIT_SKIP_BROWSER).toLowerCase());
  const path = skipAsked ? undefined : await ensureChromium();
  if (path === undefined && !skipAsked && process.env.CI === "true") {
    throw new Error(
      "No Chromium for the docs browser test, and CI=true: install Debian's `chromium` package, or set CHROMIUM_PATH to a Chromium executable.",
    );
  }
  if (path === undefined) {
    console.warn(
      banner([
        "THE DOCS BROWSER TEST IS SKIPPED.",
        skipAsked
          ? "BACKUPKIT_SKIP_BROWSER is set."
          : "No Chromium found, and none could be installed (see the [ensure-chromium] lines above).",
        "Nothing checks that the pages render offline without errors.",
        "Install Chromium (apt-get install chromium) or set CHROMIUM_PATH, then run again.",
      ]),
    );
  }
  project.provide("chromiumPath", path ?? "");
}

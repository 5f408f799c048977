// Looks for Chromium once for the whole run and hands its path to the browser test. The root
// `test` script installs it before turbo starts (scripts/system-packages.mjs); this only looks.
// No Chromium: fail under CI=true, otherwise skip the browser test with a loud warning.
import { systemTool } from "@backupkit/testkit";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Path of the Chromium executable, or "" when the browser test must be skipped. */
    chromiumPath: string;
  }
}

export default function setup(project: TestProject): void {
  const chromium = systemTool("chromium", {
    skipEnv: "BACKUPKIT_SKIP_BROWSER",
    pkg: "chromium",
    what: "THE DOCS BROWSER TEST (nothing checks that the pages render offline)",
  });
  if (chromium.run && chromium.path === undefined) {
    throw new Error(
      `No Chromium for the docs browser test, and CI=true: ${chromium.why}, or set CHROMIUM_PATH.`,
    );
  }
  project.provide("chromiumPath", chromium.path ?? "");
}

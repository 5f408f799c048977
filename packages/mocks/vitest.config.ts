import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files share their worker's module cache (see CONTRIBUTING.md, "Tests").
    isolate: false,
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The files mostly wait on Prism child processes, so run at least two at once even on 2 cores.
    maxWorkers: Math.max(2, availableParallelism()),
    // Every file starts real Prism processes (about a second each on a busy 2-core machine).
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files share their worker's module cache (see CONTRIBUTING.md, "Tests").
    isolate: false,
    include: ["test/**/*.test.ts"],
    // The corpus is one test of thousands of real HTTP exchanges: on a loaded 2-core machine it
    // can take minutes, so the budget is far above its idle time (about 15 s).
    testTimeout: 600_000,
  },
});

import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files share their worker's module cache (see CONTRIBUTING.md, "Tests").
    isolate: false,
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The browser test starts Chromium, which is slow on a loaded 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

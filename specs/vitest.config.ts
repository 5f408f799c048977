import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files share their worker's module cache (see CONTRIBUTING.md, "Tests").
    isolate: false,
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
});

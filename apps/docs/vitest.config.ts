import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    // The browser test may install Chromium first (about a minute on a fresh machine).
    testTimeout: 60_000,
    hookTimeout: 300_000,
  },
});

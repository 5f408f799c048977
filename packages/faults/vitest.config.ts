import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each suite runs hundreds of real HTTP exchanges; a loaded 2-core machine needs the room.
    // The corpus is one long test of thousands of calls; on a loaded 2-core machine it can take minutes.
    testTimeout: 600_000,
  },
});

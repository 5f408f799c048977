import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each suite runs hundreds of real HTTP exchanges; a loaded 2-core machine needs the room.
    testTimeout: 120_000,
  },
});

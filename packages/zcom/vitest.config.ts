import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Test files share their worker's module cache (see CONTRIBUTING.md, "Tests").
    isolate: false,
    include: ["test/**/*.test.ts"],
    testTimeout: 15_000,
    // The type tests (test/*.test-d.ts, expectTypeOf and @ts-expect-error) are plain TypeScript:
    // the root `typecheck` task (tsconfig.check.json, every package's src and test) checks them, once.
  },
});

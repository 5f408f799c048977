/**
 * One pair of static Prism mocks (Z.com and OnApp) for the whole run, shared by every test file
 * that needs the spec's examples or, per request with `Prefer: dynamic=true, seed=…`, Prism's
 * invented bodies. Starting Prism costs seconds of CPU, so it happens once, not once per file.
 * Listed after the stray-process check, so its teardown runs first and the check sees none left.
 */
import { startMocks } from "@backupkit/mocks";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the static Z.com mock. */
    zcomMockUrl: string;
    /** Base URL of the static OnApp mock. */
    onappMockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mocks = await startMocks({ ports: { zcom: 0, onapp: 0 } });
  project.provide("zcomMockUrl", mocks.zcom.url);
  project.provide("onappMockUrl", mocks.onapp.url);
  return () => mocks.stop();
}

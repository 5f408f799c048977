/** What the mocks' tests share: the vendor doc's credentials, the seed fixtures, and /proc scans for Prism. */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HAS_PROC, type ProcessInfo, processesWithEnv } from "@backupkit/testkit";
import { type MockApi, OWNER_ENV } from "../src/index.js";

export { HAS_PROC, processesWithEnv };

/** Set by global-setup.ts for the whole run, so its teardown can find anything left over. */
export const RUN_ENV = "BACKUPKIT_MOCK_TEST_RUN";

export const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
export const REPO_DIR = fileURLToPath(new URL("../../..", import.meta.url));

/** The tenant and token of the Z.com vendor doc's curl example. */
export const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
export const TOKEN = "35941e7df872405d84e5b026dba8323c";

/** A seed fixture from specs/<api>/fixtures, as text. */
export function fixture(api: MockApi, name: string): string {
  return readFileSync(`${REPO_DIR}specs/${api}/fixtures/${name}`, "utf8");
}

/** Prism and watchdog processes started by the process `owner`. */
export function mockProcessesOf(owner: number): ProcessInfo[] {
  return processesWithEnv(OWNER_ENV, String(owner));
}

/** Polls until `check` returns true, or fails after `withinMs`. */
export async function eventually(check: () => boolean, withinMs: number, what: string): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${withinMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Fails with a clear message when the package has not been built (some tests run dist/ in plain Node). */
export function requireDist(): void {
  if (!existsSync(`${PACKAGE_DIR}dist/index.js`) || !existsSync(`${PACKAGE_DIR}dist/cli.js`)) {
    throw new Error("packages/mocks/dist is missing: run `pnpm --filter @backupkit/mocks build` first");
  }
}

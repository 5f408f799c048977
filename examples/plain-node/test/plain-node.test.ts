/** The built packages work from plain Node: a .mjs script, no TypeScript and no loader. */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterAll, beforeAll, expect, it } from "vitest";

const run = promisify(execFile);
const seed = (path: string) => readFileSync(new URL(`../../../specs/${path}`, import.meta.url), "utf8");
let zcom: TestServer;
let onapp: TestServer;

beforeAll(async () => {
  zcom = await startServer((_req, res) =>
    reply(res, 200, seed("zcom/fixtures/list-backups.seed.json"), {
      "content-type": "text/html; charset=UTF-8",
    }),
  );
  onapp = await startServer((req, res) =>
    req.url.endsWith(".xml")
      ? reply(res, 200, seed("onapp/fixtures/backup-images.seed.xml"), { "content-type": "application/xml" })
      : reply(res, 200, seed("onapp/fixtures/backup-images.seed.json"), {
          "content-type": "application/json",
        }),
  );
});
afterAll(async () => {
  await Promise.all([zcom.close(), onapp.close()]);
});

const env = () => ({
  ...process.env,
  ZCOM_BASE_URL: zcom.url,
  ZCOM_TENANT_ID: "1864e71d2deb46f6b47526b69c65a45d",
  ZCOM_TOKEN: "35941e7df872405d84e5b026dba8323c",
  ONAPP_BASE_URL: onapp.url,
  ONAPP_USERNAME: "user@example.com",
  ONAPP_PASSWORD: "api-key",
  ONAPP_VM_ID: "488",
});

it.each([
  ["json", "onapp 6117  incremental  930584 kB"],
  ["xml", "onapp 1951  normal  310896 kB"],
])("lists backups of both clouds from dist/ (OnApp in %s)", async (format, onappLine) => {
  const { stdout, stderr } = await run(process.execPath, ["list-backups.mjs"], {
    cwd: new URL("..", import.meta.url),
    env: { ...env(), ONAPP_FORMAT: format },
    timeout: 20_000,
  });
  expect(stderr).toBe("");
  expect(stdout.trim().split("\n")).toEqual([
    "zcom  5da9552d-93fa-4b86-8fe5-2968556017f7  1 runs",
    "zcom  a647cd83-ad21-48aa-85e6-4e3ab52d337f  3 runs",
    "zcom  9ed73499-255b-498b-b2b8-4790d2556c4d  2 runs",
    onappLine,
  ]);
  expect(zcom.requests.at(-1)?.headers["x-auth-token"]).toBe("35941e7df872405d84e5b026dba8323c");
});

it("reports a failure as one typed line and a non-zero exit", async () => {
  const failure = await run(process.execPath, ["list-backups.mjs"], {
    cwd: new URL("..", import.meta.url),
    env: { ...env(), ZCOM_BASE_URL: "not a url" },
    timeout: 20_000,
  }).catch((error) => error);
  expect(failure.code).toBe(1);
  expect(failure.stderr.trim()).toBe(
    'ConfigurationError: createZcomClient: baseUrl is not a valid URL: "not a url"',
  );
});

/**
 * The accounts file: three accounts read end to end into one report, and every mistake
 * refused in one line that names the file and line (an inline secret with exit 2).
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import type { ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RecordedRequest, reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigFileError, loadAccountsFile, parseAccounts } from "../src/accounts-file.js";
import { main } from "../src/cli.js";
import { APP_ROOT, CLI, cleanEnv, fixture, runCli } from "./helpers.js";

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const SECRETS = { TOKYO_TOKEN: "tokyo-secret-1", OSAKA_TOKEN: "osaka-secret-2", EU_KEY: "eu-secret-3" };

let dir = "";
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "backup-inventory-accounts-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe("an accounts file with two Z.com tenants and one OnApp panel", () => {
  let zcom: TestServer;
  let onapp: TestServer;
  beforeAll(async () => {
    zcom = await startServer((req, res) =>
      req.url.includes("/backup")
        ? reply(res, 200, fixture("zcom", "list-backups.seed.json"), JSON_TYPE)
        : reply(res, 404),
    );
    onapp = await startServer((req: RecordedRequest, res: ServerResponse) => {
      if (req.url.startsWith("/virtual_machines.json")) {
        return reply(
          res,
          200,
          [{ virtual_machine: { id: 7, identifier: "v7", label: "web-07" } }],
          JSON_TYPE,
        );
      }
      if (req.url.startsWith("/virtual_machines/7/backups/images.json")) {
        return reply(res, 200, fixture("onapp", "backup-images.seed.json"), JSON_TYPE);
      }
      return reply(res, 404, { errors: ["not found"] }, JSON_TYPE);
    });
  });
  afterAll(() => Promise.all([zcom.close(), onapp.close()]));

  const accounts = () =>
    file(
      "three.yaml",
      `accounts:
  - name: tokyo
    provider: zcom
    tenant_id: t1
    endpoint: ${zcom.url}/v2/t1
    token_env: TOKYO_TOKEN
  - name: osaka
    provider: zcom
    tenant_id: t2
    endpoint: ${zcom.url}/v2/t2
    token_env: OSAKA_TOKEN
  - name: panel-eu
    provider: onapp
    endpoint: ${onapp.url}
    username: reader@example.com
    password_env: EU_KEY
`,
    );

  it("produces one report naming all three accounts, and no secret in any output", async () => {
    for (const format of ["csv", "json", "table"]) {
      let stdout = "";
      let stderr = "";
      const code = await main(["report", "--config", accounts(), "--format", format, "--max-age", "36500d"], {
        stdout: { write: (text: string) => (stdout += text) },
        stderr: { write: (text: string) => (stderr += text), isTTY: false },
        env: cleanEnv(SECRETS),
        now: () => new Date("2015-08-14T12:00:00Z"),
        stopSignal: new AbortController().signal,
      });
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      for (const secret of Object.values(SECRETS)) expect(stdout).not.toContain(secret);
      if (format === "csv") {
        const rows = stdout.trim().split("\r\n").slice(1);
        expect(new Set(rows.map((row) => row.split(",")[0]))).toEqual(
          new Set(["tokyo", "osaka", "panel-eu"]),
        );
        expect(rows.filter((row) => row.startsWith("panel-eu,onapp,7,web-07,"))).toHaveLength(1);
      }
      if (format === "json") {
        const report = JSON.parse(stdout) as { accounts: { account: string; ok: boolean }[] };
        expect(report.accounts.map((a) => [a.account, a.ok])).toEqual([
          ["tokyo", true],
          ["osaka", true],
          ["panel-eu", true],
        ]);
      }
      if (format === "table") {
        expect(stdout).toMatch(
          /tokyo \(zcom\): 6 backups of 3 VMs; osaka \(zcom\): 6 backups of 3 VMs; panel-eu \(onapp\): 1 backup of 1 VM$/m,
        );
      }
    }
    // Each tenant's calls went to its own endpoint.
    expect(zcom.requests.map((r) => r.url.split("/")[2]).sort()).toEqual([
      "t1",
      "t1",
      "t1",
      "t2",
      "t2",
      "t2",
    ]);
  });
});

describe("mistakes in the accounts file", () => {
  it("refuses an inline password in one line, exit 2, without echoing it", async () => {
    const path = file(
      "inline.yaml",
      "accounts:\n  - name: eu\n    provider: onapp\n    endpoint: https://onapp.example.com\n    username: me\n    password: hunter2-inline\n",
    );
    const result = await runCli(["list", "--config", path]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe(
      `backup-inventory: ${path}:6: "password" would put a secret in this file, which is refused; write password_env: <VARIABLE> or password_file: <path> instead\n`,
    );
    expect(result.stderr).not.toContain("hunter2");
  });

  it("reads a secret from a file, without its final newline", () => {
    const secret = file("token.txt", "from-a-file\n");
    const [account] = parseAccounts(
      `accounts:\n  - {name: a, provider: zcom, tenant_id: t, token_file: ${secret}}\n`,
      "f.yaml",
      {},
    );
    expect(account).toMatchObject({ name: "a", auth: { token: "from-a-file" } });
  });

  it("reads a relative token_file from the accounts file's folder, not the current one", () => {
    file("relative-token.txt", "next-to-the-file\n");
    const fleet = file(
      "fleet.yaml",
      "accounts:\n  - {name: a, provider: zcom, tenant_id: t, token_file: relative-token.txt}\n",
    );
    expect(dir).not.toBe(process.cwd());
    expect(loadAccountsFile(fleet, {})).toMatchObject([{ auth: { token: "next-to-the-file" } }]);
  });

  it("reads an accounts file that is a pipe, relative token_file from the current folder", () => {
    const secret = "pipe-relative-token.txt";
    writeFileSync(join(process.cwd(), secret), "from-the-current-folder\n");
    const fifo = join(dir, "fleet.fifo");
    execFileSync("mkfifo", [fifo]);
    const yaml = `accounts:\n  - {name: a, provider: zcom, tenant_id: t, token_file: ${secret}}\n`;
    // Another process writes the pipe, as a shell's <(...) does.
    const writer = spawn("sh", ["-c", 'printf "%s" "$0" > "$1"', yaml, fifo], { stdio: "ignore" });
    try {
      expect(loadAccountsFile(fifo, {})).toMatchObject([{ auth: { token: "from-the-current-folder" } }]);
    } finally {
      writer.kill();
      rmSync(join(process.cwd(), secret), { force: true });
    }
  });

  it("reads --config /dev/stdin, relative token_file from the current folder", () => {
    writeFileSync(join(dir, "stdin-token.txt"), "t\n");
    const yaml =
      "accounts:\n  - {name: a, provider: zcom, tenant_id: t, token_file: stdin-token.txt, endpoint: 'http://127.0.0.1:9'}\n";
    // As a shell's `< fleet.yaml` gives it: standard input is the file itself.
    const stdin = openSync(file("stdin-fleet.yaml", yaml), "r");
    const run = spawnSync(process.execPath, [CLI, "list", "--config", "/dev/stdin"], {
      stdio: [stdin, "pipe", "pipe"],
      cwd: dir,
      encoding: "utf8",
      env: cleanEnv(),
    });
    closeSync(stdin);
    // The token was read: the call went out (and found nothing listening).
    expect(run.stderr).toMatch(
      /^backup-inventory: a \(zcom\): Could not reach GET http:\/\/127\.0\.0\.1:9\//,
    );
  });

  it("reads relative secret files from the folder of an accounts file reached through /proc", () => {
    writeFileSync(join(dir, "proc-token.txt"), "beside-the-file\n");
    const fleet = file(
      "proc-fleet.yaml",
      "accounts:\n  - {name: a, provider: zcom, tenant_id: t, token_file: proc-token.txt}\n",
    );
    expect(loadAccountsFile(`/proc/self/root${fleet}`, {})).toMatchObject([
      { auth: { token: "beside-the-file" } },
    ]);
  });

  it("refuses a file too large to be an accounts file without reading it", () => {
    const path = file("huge.yaml", "");
    truncateSync(path, 16 * 1024 * 1024 + 1);
    expect(() => loadAccountsFile(path, {})).toThrow(/^the config file .*huge\.yaml is larger than 16 MiB$/);
  });

  it("reads the shipped example, given its secrets", () => {
    const secret = file("sin.txt", "pw\n");
    const example = readFileSync(join(APP_ROOT, "backup-inventory.example.yaml"), "utf8");
    const accounts = parseAccounts(example.replace("/run/secrets/zcom-sin-staging", secret), "example.yaml", {
      ZCOM_TOKEN_TOKYO_PROD: "t",
      ONAPP_EU_API_KEY: "k",
    });
    expect(accounts.map((a) => [a.name, a.provider, a.concurrency])).toEqual([
      ["tokyo-prod", "zcom", undefined],
      ["singapore-staging", "zcom", undefined],
      ["panel-eu", "onapp", 2],
    ]);
  });

  it("reads values YAML would take for numbers exactly as written, so each tenant is the one meant", () => {
    const accounts = parseAccounts(
      `accounts:
  - {name: 007, provider: zcom, tenant_id: 0012345, token_env: T}
  - {name: b, provider: zcom, tenant_id: 12345e10, username: 0x1F, password_env: T}
  - {name: c, provider: zcom, tenant_id: 1_000, token_env: T, concurrency: 2}
  - {name: d, provider: zcom, tenant_id: 0x1F, token_env: T}
  - {name: e, provider: onapp, endpoint: "https://x", username: 1.50, password_env: T}
`,
      "f.yaml",
      { T: "secret" },
    );
    expect(accounts).toMatchObject([
      { name: "007", tenantId: "0012345" },
      { name: "b", tenantId: "12345e10", auth: { username: "0x1F" } },
      { name: "c", tenantId: "1_000", concurrency: 2 },
      { name: "d", tenantId: "0x1F" },
      { name: "e", username: "1.50" },
    ]);
  });

  it("never quotes a value written where a variable or file name belongs: it may be the secret", () => {
    const refusal = (line: string) => {
      try {
        parseAccounts(
          `accounts:\n  - name: a\n    provider: zcom\n    tenant_id: t\n${line}\n`,
          "f.yaml",
          {},
        );
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigFileError);
        return (error as Error).message;
      }
      return "accepted";
    };
    const token = "35941e7df872405d84e5b026dba8323c";
    expect(refusal(`    token_env: ${token}`)).toBe(
      "f.yaml:5: token_env must name an environment variable (letters, digits and _, not starting with a digit); its value is not shown, in case it is the secret itself",
    );
    // A secret that happens to look like a variable name is not quoted either.
    expect(refusal("    token_env: e5b026dba8323c35941e7df872405d84")).toBe(
      "f.yaml:5: the environment variable that token_env names is not set",
    );
    expect(refusal("    username: u\n    password_file: Hunter2-MyRealPassword!")).toBe(
      "f.yaml:6: cannot read the file that password_file names: no such file",
    );
    // Nor an endpoint, which may carry a password, or be one pasted in the wrong place.
    expect(refusal("    token_env: T\n    endpoint: ftp://alice:Hunter2-secret@panel")).toBe(
      "f.yaml:6: endpoint must not contain credentials",
    );
    expect(refusal("    token_env: T\n    endpoint: Hunter2-secret")).toBe(
      "f.yaml:6: endpoint is not a URL (expected e.g. https://host.example.com)",
    );
  });

  it("takes a blank value, quoted or not, for no value", () => {
    expect(() =>
      parseAccounts(
        "accounts:\n  - name: a\n    provider: zcom\n    tenant_id: '   '\n    token_env: T\n",
        "f.yaml",
        {
          T: "t",
        },
      ),
    ).toThrow(/^f\.yaml:2: this account has no "tenant_id"/);
  });

  const zcom = "  - name: a\n    provider: zcom\n    tenant_id: t\n";
  it.each([
    ["accounts: [\n", /^f\.yaml:2: not valid YAML/],
    [`accounts:\n${zcom}    tenant_id: u\n`, /^f\.yaml:5: not valid YAML: Map keys must be unique/],
    ["accounts:\n\t- name: a\n", /^f\.yaml:2: not valid YAML/],
    [
      `accounts:\n${zcom}---\naccounts:\n${zcom}`,
      /^f\.yaml:5: a second YAML document \(after a `---` line\)/,
    ],
    ["- a\n", /^f\.yaml:1: expected a mapping with an `accounts:` list/],
    ["accounts: []\n", /^f\.yaml:1: `accounts:` must be a list with at least one account/],
    [`account:\n${zcom}`, /^f\.yaml:1: unknown key "account"/],
    [`accounts:\n${zcom}    constructor: x\n`, /^f\.yaml:5: unknown key "constructor"/],
    [`accounts:\n${zcom}    __proto__: x\n`, /^f\.yaml:5: unknown key "__proto__"/],
    [`accounts:\n${zcom}    token: abc\n`, /^f\.yaml:5: "token" would put a secret in this file/],
    [
      `accounts:\n${zcom}    token_env: UNSET_VAR\n`,
      /^f\.yaml:5: the environment variable that token_env names is not set/,
    ],
    [
      `accounts:\n${zcom}    token_env: "not a name"\n`,
      /^f\.yaml:5: token_env must name an environment variable/,
    ],
    [
      `accounts:\n${zcom}    token_file: /dev/zero\n`,
      /^f\.yaml:5: the file that token_file names is larger than 16 MiB/,
    ],
    [
      `accounts:\n${zcom}    token_file: /nonexistent/t\n`,
      /^f\.yaml:5: cannot read the file that token_file names: no such file/,
    ],
    [`accounts:\n${zcom}`, /^f\.yaml:2: this account \(line 2\) needs token_env/],
    [
      `accounts:\n${zcom}    token_env: T\n    colour: red\n`,
      /^f\.yaml:6: unknown key "colour" for a zcom account/,
    ],
    [`accounts:\n${zcom}    token_env: T\n    region: Tokyo\n`, /^f\.yaml:6: region must look like tyo1/],
    [`accounts:\n${zcom}    token_env: T\n    endpoint: compute\n`, /^f\.yaml:6: endpoint is not a URL/],
    [
      `accounts:\n${zcom}    token_env: T\n${zcom}    token_env: T\n`,
      /^f\.yaml:6: account name "a" is already used on line 2/,
    ],
    ["accounts:\n  - name: a b\n    provider: zcom\n", /^f\.yaml:2: account name "a b" must be letters/],
    ["accounts:\n  - name: a\n    provider: aws\n", /^f\.yaml:3: provider must be zcom or onapp, got "aws"/],
    [
      "accounts:\n  - name: a\n    provider: onapp\n    endpoint: https://x\n    password_env: T\n",
      /^f\.yaml:2: this account has no "username"/,
    ],
    [
      `accounts:\n${zcom}    token_env: T\n    concurrency: 0\n`,
      /^f\.yaml:6: concurrency must be a whole number from 1 to 64/,
    ],
    // What the client itself refuses, named as the file names it, at its line.
    [
      "accounts:\n  - name: a\n    provider: zcom\n    token_env: T\n    tenant_id: t/x\n",
      /^f\.yaml:5: tenant_id must be your tenant \(project\) id/,
    ],
    [
      `accounts:\n${zcom}    token_env: T\n    endpoint: http://127.0.0.1:5010/?a=1\n`,
      /^f\.yaml:6: endpoint must not have a query or fragment/,
    ],
    [
      "accounts:\n  - name: a\n    provider: onapp\n    endpoint: https://x\n    username: u:x\n    password_env: T\n",
      /^f\.yaml:5: username must not contain ":"/,
    ],
    [
      `accounts:\n${zcom}    token_env: NL\n`,
      /^f\.yaml:5: the token holds a character a header cannot carry/,
    ],
  ])("refuses %j with a line number", (text, message) => {
    let error: unknown;
    try {
      parseAccounts(text, "f.yaml", { T: "s3cr3t-value", NL: "s3cr3t-value\nmore" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigFileError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
    expect((error as Error).message).not.toContain("s3cr3t-value");
  });
});

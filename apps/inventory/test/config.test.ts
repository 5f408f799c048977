import { describe, expect, it } from "vitest";
import { resolveConfig } from "../src/config.js";
import { UsageError } from "../src/errors.js";

const ZCOM = { ZCOM_TENANT_ID: "tenant", ZCOM_TOKEN: "tok" };
const ONAPP = {
  ONAPP_BASE_URL: "https://onapp.example.com",
  ONAPP_USERNAME: "me@example.com",
  ONAPP_PASSWORD: "key ",
};

describe("resolveConfig", () => {
  it("uses the mocks when nothing is configured, with the documented defaults", () => {
    const config = resolveConfig(["list"], {});
    expect(config).toMatchObject({
      command: "list",
      provider: "all",
      format: "table",
      mock: true,
      mockByDefault: true,
      accounts: [],
      configFile: null,
      notConfigured: [],
      maxAgeMs: 24 * 3_600_000,
      maxAgeText: "24h",
      concurrency: 8,
      perAccount: 4,
      refreshMs: 5 * 60_000,
      retries: 2,
      timeoutMs: 30_000,
      port: 8080,
      host: "127.0.0.1",
      onappFormat: "json",
    });
  });

  it("reads one account per provider from the environment, named after the provider", () => {
    const config = resolveConfig(["report", "--max-age", "1d12h"], {
      ...ZCOM,
      ...ONAPP,
      ZCOM_REGION: "sin1",
    });
    expect(config.mock).toBe(false);
    expect(config.accounts).toEqual([
      {
        name: "zcom",
        provider: "zcom",
        tenantId: "tenant",
        auth: { token: "tok" },
        region: "sin1",
        baseUrl: undefined,
        concurrency: undefined,
      },
      // Secrets are kept as given, trailing space and all.
      {
        name: "onapp",
        provider: "onapp",
        baseUrl: "https://onapp.example.com",
        username: "me@example.com",
        password: "key ",
        concurrency: undefined,
      },
    ]);
    expect(config.maxAgeMs).toBe(36 * 3_600_000);
  });

  it("lets flags win over the environment, and takes a user name and password for Z.com", () => {
    const config = resolveConfig(
      [
        "list",
        "--zcom-tenant-id",
        "other",
        "--zcom-username",
        "u",
        "--zcom-password",
        "p",
        "--provider",
        "zcom",
      ],
      { ZCOM_TENANT_ID: "tenant" },
    );
    expect(config.accounts).toMatchObject([{ tenantId: "other", auth: { username: "u", password: "p" } }]);
  });

  it("runs only what is configured, and says what is missing", () => {
    const config = resolveConfig(["list"], ZCOM);
    expect(config.mock).toBe(false);
    expect(config.accounts.map((account) => account.name)).toEqual(["zcom"]);
    expect(config.notConfigured).toEqual(["onapp"]);
    expect(() => resolveConfig(["list", "--provider", "onapp"], ZCOM)).toThrow(
      /onapp is not configured.*ONAPP_BASE_URL/,
    );
  });

  it("--mock wins over configuration, and --provider picks one mock", () => {
    expect(resolveConfig(["list", "--mock"], ZCOM)).toMatchObject({
      mock: true,
      mockByDefault: false,
      accounts: [],
    });
    expect(resolveConfig(["list", "--provider", "onapp"], {})).toMatchObject({
      mock: true,
      provider: "onapp",
    });
  });

  it("treats empty variables as unset", () => {
    expect(resolveConfig(["list"], { ZCOM_TOKEN: "", ONAPP_BASE_URL: "  " }).mock).toBe(true);
  });

  it.each([
    [["list"], { ZCOM_TOKEN: "t" }, /ZCOM_TENANT_ID is missing/],
    [["list"], { ZCOM_TENANT_ID: "t" }, /ZCOM_TOKEN is missing/],
    [["list"], { ZCOM_TENANT_ID: "t", ZCOM_USERNAME: "u" }, /ZCOM_PASSWORD is missing/],
    [["list"], { ...ZCOM, ZCOM_USERNAME: "u", ZCOM_PASSWORD: "p" }, /either ZCOM_TOKEN or/],
    [["list"], { ...ZCOM, ZCOM_REGION: "Tokyo" }, /ZCOM_REGION must look like/],
    [["list"], { ...ZCOM, ZCOM_BASE_URL: "compute.example.com" }, /ZCOM_BASE_URL is not a URL/],
    [["list"], { ONAPP_BASE_URL: "ftp://x" }, /ONAPP_USERNAME and ONAPP_PASSWORD are missing/],
    [["list"], { ...ONAPP, ONAPP_BASE_URL: "ftp://x" }, /must start with https:\/\/ or http:\/\//],
    [["list"], { ...ONAPP, ONAPP_BASE_URL: "https://u:p@x" }, /must not contain credentials/],
    // What the client itself refuses, named by the variable that set it.
    [["list"], { ...ZCOM, ZCOM_TENANT_ID: "t/x" }, /^ZCOM_TENANT_ID must be your tenant \(project\) id/],
    [
      ["list"],
      { ...ZCOM, ZCOM_BASE_URL: "http://127.0.0.1:5010/?a=1" },
      /^ZCOM_BASE_URL must not have a query/,
    ],
    [["list"], { ...ONAPP, ONAPP_USERNAME: "u:x" }, /^ONAPP_USERNAME must not contain ":"/],
    [["list"], { ...ZCOM, ZCOM_TOKEN: "a\nb" }, /^ZCOM_TOKEN holds a character a header cannot carry/],
    [["report", "--max-age", "24"], {}, /--max-age .* not valid/],
    [["report", "--max-age", "soon"], {}, /--max-age/],
    [["list", "--format", "yaml"], {}, /--format must be table, json or csv, got "yaml"/],
    [["list", "--provider", "aws"], {}, /--provider must be zcom, onapp or all/],
    [["list", "--onapp-format", "html"], {}, /--onapp-format must be json or xml/],
    [["list", "--concurrency", "0"], {}, /--concurrency must be a whole number from 1 to 256/],
    [["list", "--per-account", "0"], {}, /--per-account must be a whole number from 1 to 64/],
    [["serve", "--refresh", "500ms"], {}, /--refresh/],
    [["list", "--config", "/nonexistent/inventory.yaml"], {}, /cannot read the config file .*: no such file/],
    [["list", "--config", "/dev/zero"], {}, /^the config file \/dev\/zero is larger than 16 MiB$/],
    [["list", "--config", "/tmp"], {}, /^cannot read the config file \/tmp: EISDIR/],
    [["list", "--config", "x.yaml", "--mock"], {}, /--mock and --config exclude each other/],
    [
      ["list", "--config", "x.yaml", "--zcom-token", "t"],
      {},
      /--zcom-token cannot be combined with the accounts file x\.yaml, which configures every account/,
    ],
    [["serve", "--port", "70000"], {}, /--port must be a whole number from 0 to 65535/],
    [["serve", "--format", "json"], {}, /--format applies to list and report/],
    [["list", "--colour"], {}, /Unknown option '--colour'.*--help/],
    [[], {}, /a command is needed/],
    [["lsit"], {}, /unknown command "lsit"/],
    [["list", "extra"], {}, /unexpected argument "extra"/],
  ])("rejects %j %j in one line", (argv, env, message) => {
    let error: unknown;
    try {
      resolveConfig(argv, env);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain("\n");
  });

  /** The UsageError message `resolveConfig` throws for argv. */
  const refusal = (argv: string[]) => {
    try {
      resolveConfig(argv, {});
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    return "accepted";
  };

  it("takes a token with a line ending after it, as read from a file, since the client sends it without", () => {
    const config = resolveConfig(["list"], { ...ZCOM, ZCOM_TOKEN: "tok-0123456789\r\n" });
    expect(config.accounts).toHaveLength(1);
  });

  it("refuses a --refresh or --timeout longer than the longest timer Node.js can set (2^31-1 ms)", () => {
    // Node fires a longer timer after 1 ms: `serve` would collect without a pause.
    expect(refusal(["serve", "--refresh", "25d"])).toMatch(
      /^--refresh must be at most 2147483647 ms \(.*\), got "25d"$/,
    );
    expect(refusal(["list", "--timeout", "25d"])).toMatch(
      /^--timeout must be at most 2147483647 ms \(.*\), got "25d"$/,
    );
    // The longest accepted: 24d 20h 31m 23.647s.
    expect(resolveConfig(["serve", "--refresh", "24d20h31m23.647s"], {}).refreshMs).toBe(2_147_483_647);
    expect(resolveConfig(["list", "--timeout", "24d20h31m23.647s"], {}).timeoutMs).toBe(2_147_483_647);
  });

  it("refuses a --timeout or --max-age that rounds to 0 ms, naming the flag", () => {
    expect(refusal(["list", "--timeout", "0.0004s"])).toMatch(
      /^--timeout must be longer than zero \(at least 1 ms\)/,
    );
    expect(refusal(["report", "--max-age", "0.0004s"])).toMatch(
      /^--max-age must be longer than zero \(at least 1 ms\)/,
    );
    expect(resolveConfig(["list", "--timeout", "0.0005s"], {}).timeoutMs).toBe(1);
  });

  it("knows help and version", () => {
    expect(resolveConfig(["--help"], {}).command).toBe("help");
    expect(resolveConfig(["help"], {}).command).toBe("help");
    expect(resolveConfig(["--version"], {}).command).toBe("version");
  });
});

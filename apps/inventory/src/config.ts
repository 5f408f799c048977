/**
 * Command-line flags and environment variables turned into one typed configuration. Every
 * mistake becomes a UsageError whose message says what to fix; nothing here touches the network.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  type AccountSettings,
  DEFAULT_CONFIG_FILE,
  loadAccountsFile,
  type OnAppAccountSettings,
  urlProblem,
  type ZcomAccountSettings,
} from "./accounts-file.js";
import { DEFAULT_CONCURRENCY, DEFAULT_PER_ACCOUNT } from "./collect.js";
import { MAX_TIMER_MS, parseDuration } from "./duration.js";
import { UsageError } from "./errors.js";
import { FORMATS, type Format } from "./format.js";
import type { Provider } from "./records.js";
import { refusedSetting } from "./settings-check.js";

export type Command = "list" | "report" | "serve" | "help" | "version";
const COMMANDS: readonly Command[] = ["list", "report", "serve", "help", "version"];

export type ZcomSettings = Omit<ZcomAccountSettings, "name" | "provider" | "concurrency">;
export type OnAppSettings = Omit<OnAppAccountSettings, "name" | "provider" | "concurrency">;
export type { AccountSettings };

/** The account names the environment variables' single-account default uses. */
export const ENV_ACCOUNT = { zcom: "zcom", onapp: "onapp" } as const;

export interface Config {
  command: Command;
  /** Which providers the user asked for. */
  provider: Provider | "all";
  format: Format;
  maxAgeMs: number;
  /** `--max-age` as typed, for messages. */
  maxAgeText: string;
  port: number;
  host: string;
  /** Calls in flight at once over all accounts. */
  concurrency: number;
  /** Calls in flight at once per account (unless the account sets its own). */
  perAccount: number;
  /** serve: how often each account is collected in the background. */
  refreshMs: number;
  /** The accounts file in use, or null when the configuration came from the environment. */
  configFile: string | null;
  timeoutMs: number;
  /** Retries of each failed read (connection errors, 429, 5xx). */
  retries: number;
  onappFormat: "json" | "xml";
  /** Use the embedded Prism mocks instead of real services. */
  mock: boolean;
  /** True when `mock` was chosen because nothing was configured (rather than by `--mock`). */
  mockByDefault: boolean;
  /** The real accounts to read (empty with the mocks), after `--provider` filtering. */
  accounts: AccountSettings[];
  /** Providers the user asked for that have no configuration (and are therefore skipped). */
  notConfigured: Provider[];
}

export const DEFAULTS = {
  maxAge: "24h",
  port: 8080,
  host: "127.0.0.1",
  timeout: "30s",
  refresh: "5m",
} as const;

const OPTIONS = {
  provider: { type: "string" },
  format: { type: "string", short: "f" },
  "max-age": { type: "string" },
  port: { type: "string", short: "p" },
  host: { type: "string" },
  concurrency: { type: "string" },
  "per-account": { type: "string" },
  refresh: { type: "string" },
  config: { type: "string", short: "c" },
  timeout: { type: "string" },
  retries: { type: "string" },
  mock: { type: "boolean" },
  "onapp-format": { type: "string" },
  "zcom-tenant-id": { type: "string" },
  "zcom-token": { type: "string" },
  "zcom-username": { type: "string" },
  "zcom-password": { type: "string" },
  "zcom-region": { type: "string" },
  "zcom-base-url": { type: "string" },
  "onapp-base-url": { type: "string" },
  "onapp-username": { type: "string" },
  "onapp-password": { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

/** The flags that configure the one account per provider of the environment (not a file's). */
const ACCOUNT_FLAGS = [
  "zcom-tenant-id",
  "zcom-token",
  "zcom-username",
  "zcom-password",
  "zcom-region",
  "zcom-base-url",
  "onapp-base-url",
  "onapp-username",
  "onapp-password",
] as const satisfies readonly (keyof typeof OPTIONS)[];

export const USAGE = `Usage: backup-inventory <command> [options]

Which virtual machines, across Z.com and OnApp, have no recent good backup?

Commands:
  list      every backup of every machine, newest first per machine
  report    per machine, the newest usable backup and its age; exits 1 if any is too old
  serve     a Prometheus exporter (/metrics, /healthz) and a web page with the report
            (and /api/report, /api/backups as JSON), collected every --refresh
  help      this text

Options:
  --config <file>             the accounts file (default: ./backup-inventory.yaml when it exists)
  --provider zcom|onapp|all   which clouds to read (default: all that are configured)
  --format table|json|csv     output of list and report (default: table)
  --max-age <duration>        report, serve: oldest acceptable backup, e.g. 24h, 90m, 7d, 1d12h (default: 24h)
  --port <n>                  serve: port to listen on, 0 for any free one (default: 8080)
  --host <address>            serve: address to listen on (default: 127.0.0.1)
  --concurrency <n>           calls in flight at once over all accounts (default: 8)
  --per-account <n>           calls in flight at once per account (default: 4)
  --refresh <duration>        serve: how often each account is collected (default: 5m)
  --timeout <duration>        time allowed for each request (default: 30s)
  --retries <n>               retries of a failed read: connection errors, 429, 5xx (default: 2)
  --onapp-format json|xml     OnApp wire format (default: json)
  --mock                      use the embedded Prism mocks (the default when nothing is configured)

Accounts: a YAML file lists any number of Z.com tenants and OnApp panels by name, with their
secrets named by environment variable or file, never inline (see the README). Without one,
one account per provider comes from these (flags win over the environment):
  ZCOM_TENANT_ID   --zcom-tenant-id    Z.com tenant (project) id
  ZCOM_TOKEN       --zcom-token        an API token, or instead:
  ZCOM_USERNAME    --zcom-username     API user name and
  ZCOM_PASSWORD    --zcom-password     its password
  ZCOM_REGION      --zcom-region       tyo1 (default), sin1, sjc1
  ZCOM_BASE_URL    --zcom-base-url     compute endpoint, overriding the region's
  ONAPP_BASE_URL   --onapp-base-url    your OnApp control panel, e.g. https://onapp.example.com
  ONAPP_USERNAME   --onapp-username    account e-mail or user name
  ONAPP_PASSWORD   --onapp-password    API key or password

Secrets given as flags are visible to other users in the process list and stay in your shell
history: prefer the environment variables for tokens and passwords.

Exit codes: 0 all fresh / no failure, 1 stale machines or some calls failed,
2 bad usage or configuration, or nothing could be read at all.`;

type Env = Record<string, string | undefined>;

/** Reads argv (without `node` and the script) and the environment into a Config. */
export function resolveConfig(argv: readonly string[], env: Env): Config {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // parseArgs' own messages are clear but long; keep their first sentence.
    const message = (error as Error).message.split(". ")[0] ?? String(error);
    throw new UsageError(`${message.replace(/\.$/, "")} (see backup-inventory --help)`);
  }
  const { values, positionals } = parsed;

  const [first, ...rest] = positionals;
  let command: Command;
  if (values.help) command = "help";
  else if (values.version) command = "version";
  else if (first === undefined)
    throw new UsageError("a command is needed: list, report or serve (see --help)");
  else if ((COMMANDS as readonly string[]).includes(first)) command = first as Command;
  else throw new UsageError(`unknown command "${first}": use list, report or serve (see --help)`);
  if (rest.length > 0 && command !== "help") throw new UsageError(`unexpected argument "${rest[0]}"`);

  const provider = oneOf("--provider", values.provider ?? "all", ["zcom", "onapp", "all"] as const);
  const format = oneOf("--format", values.format ?? "table", FORMATS);
  if (command === "serve" && values.format !== undefined) {
    throw new UsageError("--format applies to list and report; serve always answers HTML and JSON");
  }
  const maxAgeText = values["max-age"] ?? DEFAULTS.maxAge;
  const maxAgeMs = duration("--max-age", maxAgeText);
  const timeoutMs = timer("--timeout", values.timeout ?? DEFAULTS.timeout);
  const retries = integer("--retries", values.retries ?? "2", 0, 10);
  const port = integer("--port", values.port ?? String(DEFAULTS.port), 0, 65535);
  const concurrency = integer("--concurrency", values.concurrency ?? String(DEFAULT_CONCURRENCY), 1, 256);
  const perAccount = integer("--per-account", values["per-account"] ?? String(DEFAULT_PER_ACCOUNT), 1, 64);
  const refreshMs = timer("--refresh", values.refresh ?? DEFAULTS.refresh);
  if (refreshMs < 1000) throw new UsageError("--refresh must be at least 1s");
  const onappFormat = oneOf("--onapp-format", values["onapp-format"] ?? "json", ["json", "xml"] as const);
  const host = text(values.host) ?? DEFAULTS.host;

  const pick = (flag: keyof typeof values, name: string) =>
    text(values[flag] as string | undefined) ?? text(env[name]);
  // Secrets are taken as given (no trimming): a password may well end in a space.
  const secret = (flag: keyof typeof values, name: string) =>
    [values[flag] as string | undefined, env[name]].find((value) => value !== undefined && value !== "");
  const zcomGiven = {
    tenantId: pick("zcom-tenant-id", "ZCOM_TENANT_ID"),
    token: secret("zcom-token", "ZCOM_TOKEN"),
    username: pick("zcom-username", "ZCOM_USERNAME"),
    password: secret("zcom-password", "ZCOM_PASSWORD"),
    region: pick("zcom-region", "ZCOM_REGION"),
    baseUrl: pick("zcom-base-url", "ZCOM_BASE_URL"),
  };
  const onappGiven = {
    baseUrl: pick("onapp-base-url", "ONAPP_BASE_URL"),
    username: pick("onapp-username", "ONAPP_USERNAME"),
    password: secret("onapp-password", "ONAPP_PASSWORD"),
  };
  const zcomConfigured = [
    zcomGiven.tenantId,
    zcomGiven.token,
    zcomGiven.username,
    zcomGiven.password,
    zcomGiven.baseUrl,
  ].some((value) => value !== undefined);
  const onappConfigured = Object.values(onappGiven).some((value) => value !== undefined);
  const wants = (name: Provider) => provider === "all" || provider === name;
  // An accounts file replaces the environment's single-account default.
  const configFile =
    text(values.config) ??
    (values.mock !== true && existsSync(DEFAULT_CONFIG_FILE) ? DEFAULT_CONFIG_FILE : null);
  if (configFile !== null && values.mock === true) {
    throw new UsageError("--mock and --config exclude each other: the mocks need no accounts file");
  }
  // The file configures every account: an account flag beside it would be silently ignored.
  const accountFlag = ACCOUNT_FLAGS.find((flag) => values[flag] !== undefined);
  if (configFile !== null && accountFlag !== undefined) {
    throw new UsageError(
      `--${accountFlag} cannot be combined with the accounts file ${configFile}, which configures every account: set it in the file`,
    );
  }
  const mockByDefault = !values.mock && configFile === null && !zcomConfigured && !onappConfigured;
  const mock = values.mock === true || mockByDefault;

  let accounts: AccountSettings[] = [];
  const notConfigured: Provider[] = [];
  if (configFile !== null) {
    const all = loadAccountsFile(configFile, env);
    accounts = all.filter((account) => wants(account.provider));
    if (accounts.length === 0) {
      throw new UsageError(`--provider ${provider}: ${configFile} has no ${provider} account`);
    }
  } else if (!mock) {
    if (wants("zcom")) {
      if (zcomConfigured)
        accounts.push(
          checked({
            name: ENV_ACCOUNT.zcom,
            provider: "zcom",
            ...zcomSettings(zcomGiven),
            concurrency: undefined,
          }),
        );
      else notConfigured.push("zcom");
    }
    if (wants("onapp")) {
      if (onappConfigured)
        accounts.push(
          checked({
            name: ENV_ACCOUNT.onapp,
            provider: "onapp",
            ...onappSettings(onappGiven),
            concurrency: undefined,
          }),
        );
      else notConfigured.push("onapp");
    }
    if (provider !== "all" && notConfigured.length > 0) {
      throw new UsageError(
        `--provider ${provider}: ${provider} is not configured (${needs(provider)}), or use --mock`,
      );
    }
  }

  return {
    command,
    provider,
    format,
    maxAgeMs,
    maxAgeText,
    port,
    host,
    concurrency,
    perAccount,
    refreshMs,
    configFile,
    timeoutMs,
    retries,
    onappFormat,
    mock,
    mockByDefault,
    accounts,
    notConfigured,
  };
}

/** The variable of each client option a refusal can name, per provider. */
const ENV_NAMES: Record<Provider, Record<string, string>> = {
  zcom: {
    tenantId: "ZCOM_TENANT_ID",
    baseUrl: "ZCOM_BASE_URL",
    region: "ZCOM_REGION",
    "auth.username": "ZCOM_USERNAME",
    "auth.token": "ZCOM_TOKEN",
  },
  onapp: { baseUrl: "ONAPP_BASE_URL", "auth.username": "ONAPP_USERNAME" },
};

/** The account, unless its client refuses a setting: then a UsageError naming the variable. */
function checked<T extends AccountSettings>(account: T): T {
  const refused = refusedSetting(account);
  if (refused === undefined) return account;
  const name = ENV_NAMES[account.provider][refused.option] ?? refused.option;
  throw new UsageError(`${name} ${refused.reason}`);
}

/** The settings a provider needs, for messages. */
export function needs(provider: Provider): string {
  return provider === "zcom"
    ? "set ZCOM_TENANT_ID and ZCOM_TOKEN, or ZCOM_TENANT_ID, ZCOM_USERNAME and ZCOM_PASSWORD"
    : "set ONAPP_BASE_URL, ONAPP_USERNAME and ONAPP_PASSWORD";
}

function zcomSettings(
  given: Record<"tenantId" | "token" | "username" | "password" | "region" | "baseUrl", string | undefined>,
): ZcomSettings {
  const { tenantId, token, username, password, region, baseUrl } = given;
  if (tenantId === undefined)
    throw new UsageError(`Z.com is partly configured: ZCOM_TENANT_ID is missing (${needs("zcom")})`);
  if (token !== undefined && (username !== undefined || password !== undefined)) {
    throw new UsageError("Z.com: set either ZCOM_TOKEN or ZCOM_USERNAME and ZCOM_PASSWORD, not both");
  }
  if (token === undefined && (username === undefined || password === undefined)) {
    const missing =
      username === undefined && password === undefined
        ? "ZCOM_TOKEN"
        : username === undefined
          ? "ZCOM_USERNAME"
          : "ZCOM_PASSWORD";
    throw new UsageError(`Z.com is partly configured: ${missing} is missing (${needs("zcom")})`);
  }
  if (region !== undefined && !/^[a-z]{2,6}\d{1,2}$/.test(region)) {
    throw new UsageError(`ZCOM_REGION must look like tyo1, sin1 or sjc1, got ${JSON.stringify(region)}`);
  }
  return {
    tenantId,
    auth: token !== undefined ? { token } : { username: username as string, password: password as string },
    region,
    baseUrl: baseUrl === undefined ? undefined : url("ZCOM_BASE_URL", baseUrl),
  };
}

function onappSettings(
  given: Record<"baseUrl" | "username" | "password", string | undefined>,
): OnAppSettings {
  const missing = (["baseUrl", "username", "password"] as const)
    .filter((key) => given[key] === undefined)
    .map(
      (key) => ({ baseUrl: "ONAPP_BASE_URL", username: "ONAPP_USERNAME", password: "ONAPP_PASSWORD" })[key],
    );
  if (missing.length > 0) {
    throw new UsageError(
      `OnApp is partly configured: ${missing.join(" and ")} ${missing.length > 1 ? "are" : "is"} missing (${needs("onapp")})`,
    );
  }
  return {
    baseUrl: url("ONAPP_BASE_URL", given.baseUrl as string),
    username: given.username as string,
    password: given.password as string,
  };
}

function url(name: string, value: string): string {
  const problem = urlProblem(value);
  if (problem === undefined) return value;
  throw new UsageError(
    `${name} ${problem}${problem.startsWith("must not contain") ? "; use the USERNAME/PASSWORD settings" : ""}`,
  );
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === "" ? undefined : trimmed;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `${flag} must be ${allowed.join(", ").replace(/, ([^,]*)$/, " or $1")}, got ${JSON.stringify(value)}`,
  );
}

function integer(flag: string, value: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(
      `${flag} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function duration(flag: string, value: string): number {
  try {
    return parseDuration(value, flag);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** A duration that sets a timer (`--refresh`, `--timeout`): refused here, not clamped by Node later. */
function timer(flag: string, value: string): number {
  const ms = duration(flag, value);
  if (ms > MAX_TIMER_MS) {
    throw new UsageError(
      `${flag} must be at most ${MAX_TIMER_MS} ms (about 24.8 days, the longest timer Node.js keeps), got ${JSON.stringify(value)}`,
    );
  }
  return ms;
}

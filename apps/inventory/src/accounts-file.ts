/**
 * The accounts file (`backup-inventory.yaml`, or `--config <file>`): any number of Z.com
 * tenants and OnApp panels, each named. Secrets are never written in it: each one is named by
 * the environment variable that holds it (`token_env`, `password_env`) or by a file that holds
 * it (`token_file`, `password_file`). A secret written inline is refused.
 *
 * Every mistake is a ConfigFileError whose message starts `<file>:<line>:`.
 */
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, resolve } from "node:path";
import type { Node, Scalar, YAMLMap } from "yaml";
import { UsageError } from "./errors.js";
import type { Provider } from "./records.js";
import { refusedSetting } from "./settings-check.js";

export const DEFAULT_CONFIG_FILE = "backup-inventory.yaml";

/** A mistake in the accounts file; the message names the file and line. */
export class ConfigFileError extends UsageError {
  override name = "ConfigFileError";
}

export interface ZcomAccountSettings {
  name: string;
  provider: "zcom";
  tenantId: string;
  auth: { token: string } | { username: string; password: string };
  region: string | undefined;
  /** The compute endpoint, overriding the region's. */
  baseUrl: string | undefined;
  concurrency: number | undefined;
}

export interface OnAppAccountSettings {
  name: string;
  provider: "onapp";
  baseUrl: string;
  username: string;
  password: string;
  concurrency: number | undefined;
}

export type AccountSettings = ZcomAccountSettings | OnAppAccountSettings;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const REGION = /^[a-z]{2,6}\d{1,2}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Keys that would hold a secret inline, and what to write instead. */
const INLINE_SECRETS: Record<string, string> = {
  token: "token_env: <VARIABLE> or token_file: <path>",
  password: "password_env: <VARIABLE> or password_file: <path>",
  api_key: "password_env: <VARIABLE> or password_file: <path>",
  secret: "token_env/password_env: <VARIABLE> or token_file/password_file: <path>",
};
const KEYS: Record<Provider, readonly string[]> = {
  zcom: [
    "name",
    "provider",
    "tenant_id",
    "region",
    "endpoint",
    "token_env",
    "token_file",
    "username",
    "password_env",
    "password_file",
    "concurrency",
  ],
  onapp: ["name", "provider", "endpoint", "username", "password_env", "password_file", "concurrency"],
};

type Env = Record<string, string | undefined>;

/**
 * The YAML parser, loaded the first time a file is read: most runs have no accounts file, and
 * loading the parser took about a third of the CLI's start-up. Its Node build is CommonJS, so
 * `require` loads it without making every caller of `resolveConfig` wait on a promise.
 */
/** The largest accounts file read: thousands of accounts take a few hundred kB. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const TOO_LARGE = "16 MiB";
/** The names a stream goes by: standard input and the descriptors' own names. */
const STREAM = /^\/(dev\/(stdin|fd\/\d+)|proc\/[^/]+\/fd\/\d+)$/;

let parser: typeof import("yaml") | undefined;
function yaml(): typeof import("yaml") {
  parser ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parser;
}

/** Reads and checks an accounts file; secrets are looked up now, so a missing one fails early. */
export function loadAccountsFile(path: string, env: Env): AccountSettings[] {
  let text: string | undefined;
  try {
    text = readBounded(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read the config file ${path}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`,
    );
  }
  if (text === undefined) throw new UsageError(`the config file ${path} is larger than ${TOO_LARGE}`);
  return parseAccounts(text, path, env, folderOf(path));
}

/**
 * Where relative secret files are read from: the accounts file's folder. A pipe or a stream
 * (`--config <(envsubst < fleet.yaml)`, which is `/dev/fd/63`; `--config /dev/stdin`) has none
 * that means anything, even where it leads to a file, so the current folder stands in. A file
 * that merely lives under /dev or /proc (`/dev/shm/fleet.yaml`) has its own folder.
 */
function folderOf(path: string): string {
  if (STREAM.test(resolve(path))) return ".";
  try {
    return statSync(path).isFile() ? dirname(path) : ".";
  } catch {
    return ".";
  }
}

/**
 * The file's text, or undefined when it holds more than MAX_FILE_BYTES: a device such as
 * `/dev/zero` would otherwise be read until memory runs out. A pipe
 * (`--config <(envsubst < fleet.yaml)`) is read to its end.
 */
function readBounded(path: string): string | undefined {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(64 * 1024);
      const read = readSync(fd, chunk, 0, chunk.byteLength, null);
      if (read === 0) return Buffer.concat(chunks, total).toString("utf8");
      total += read;
      if (total > MAX_FILE_BYTES) return undefined;
      chunks.push(chunk.subarray(0, read));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Parses the text of an accounts file. `file` names it in messages; `folder` is where a relative
 * `token_file` or `password_file` is read from.
 */
export function parseAccounts(text: string, file: string, env: Env, folder = "."): AccountSettings[] {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined, fallback = 1) =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  const fail = (node: Node | null | undefined, message: string): never => {
    throw new ConfigFileError(`${file}:${lineOf(node)}: ${message}`);
  };
  const [syntax] = doc.errors;
  if (syntax) {
    // With `prettyErrors` off an error carries only its offset: the line is worked out here.
    const line = lines.linePos(syntax.pos[0]).line;
    // The library's own words for this one tell a programmer which function to call instead.
    const what =
      syntax.code === "MULTIPLE_DOCS"
        ? "a second YAML document (after a `---` line); the file must hold one"
        : `not valid YAML: ${syntax.message.split("\n")[0]}`;
    throw new ConfigFileError(`${file}:${line}: ${what}`);
  }
  const root = doc.contents;
  if (!isMap(root)) return fail(root, "expected a mapping with an `accounts:` list");
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (key !== "accounts")
      fail(pair.key as Node, `unknown key "${key}" (only \`accounts:\` is allowed at the top)`);
  }
  const list = root.get("accounts", true);
  if (!isSeq(list) || list.items.length === 0) {
    return fail((list as Node | undefined) ?? root, "`accounts:` must be a list with at least one account");
  }

  const seen = new Map<string, number>();
  return list.items.map((item) => {
    if (!isMap(item)) return fail(item as Node, "each account must be a mapping (name:, provider:, ...)");
    const account = readAccount(item as YAMLMap, env, folder, fail, lineOf);
    const line = lineOf(item as Node);
    const first = seen.get(account.name);
    if (first !== undefined)
      fail(item as Node, `account name "${account.name}" is already used on line ${first}`);
    seen.set(account.name, line);
    return account;
  });
}

function readAccount(
  map: YAMLMap,
  env: Env,
  folder: string,
  fail: (node: Node | null | undefined, message: string) => never,
  lineOf: (node: Node | null | undefined) => number,
): AccountSettings {
  const { isScalar } = yaml();
  /** Each key's YAML value, and its text as written in the file. */
  const values = new Map<string, { value: unknown; source: string; node: Node }>();
  for (const pair of map.items) {
    const keyNode = pair.key as Node;
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    // Own keys only: `constructor` or `toString` in the file are unknown keys, not Object's.
    const hint = Object.hasOwn(INLINE_SECRETS, key) ? INLINE_SECRETS[key] : undefined;
    if (hint !== undefined) {
      fail(keyNode, `"${key}" would put a secret in this file, which is refused; write ${hint} instead`);
    }
    const valueNode = pair.value as Node;
    if (!isScalar(valueNode)) fail(valueNode ?? keyNode, `"${key}" must be a single value`);
    const { value, source } = valueNode as Scalar;
    values.set(key, { value, source: source ?? String(value), node: valueNode });
  }
  // Every value here is text, so it is taken as written, not as YAML reads it: YAML turns
  // `tenant_id: 0012345` into 12345, `12345e10` into 123450000000000 and `0x1F` into 31, and the
  // calls would go to another tenant. Refusing those until quoted would be safe too, but hex ids
  // and numeric user names are common, and what the user sees in the file is what they meant.
  const text = (key: string, required = false): string | undefined => {
    const entry = values.get(key);
    // YAML's null (`~`, `null`, nothing) and a blank value (`""`, `'  '`) all leave a key unset.
    const value = entry === undefined || entry.value === null ? "" : entry.source.trim();
    if (value === "") {
      if (required) fail(map, `this account has no "${key}"`);
      return undefined;
    }
    return value;
  };
  const nodeOf = (key: string) => values.get(key)?.node ?? map;

  const name = text("name", true) as string;
  if (!NAME.test(name)) {
    fail(
      nodeOf("name"),
      `account name ${JSON.stringify(name)} must be letters, digits, ".", "_" or "-" (at most 63)`,
    );
  }
  const provider = text("provider", true) as string;
  if (provider !== "zcom" && provider !== "onapp")
    fail(nodeOf("provider"), `provider must be zcom or onapp, got ${JSON.stringify(provider)}`);
  for (const key of values.keys()) {
    if (!KEYS[provider as Provider].includes(key)) {
      fail(
        values.get(key)?.node,
        `unknown key "${key}" for a ${provider} account (known: ${KEYS[provider as Provider].join(", ")})`,
      );
    }
  }
  let concurrency: number | undefined;
  const concurrencyText = text("concurrency");
  if (concurrencyText !== undefined) {
    concurrency = /^\d+$/.test(concurrencyText) ? Number(concurrencyText) : Number.NaN;
    if (!(concurrency >= 1 && concurrency <= 64))
      fail(nodeOf("concurrency"), "concurrency must be a whole number from 1 to 64");
  }
  const endpoint = (required: boolean) => {
    const value = text("endpoint", required);
    if (value === undefined) return undefined;
    const problem = urlProblem(value);
    if (problem) fail(nodeOf("endpoint"), `endpoint ${problem}`);
    return value;
  };
  /**
   * A secret named by `<what>_env` or `<what>_file`: exactly one of the two. Their values are never
   * quoted in a message: the secret itself may have been written there by mistake, and the file
   * and line already say where to look.
   */
  const secret = (what: "token" | "password", required: boolean): string | undefined => {
    const envName = text(`${what}_env`);
    const file = text(`${what}_file`);
    if (envName !== undefined && file !== undefined) {
      fail(nodeOf(`${what}_file`), `give either ${what}_env or ${what}_file, not both`);
    }
    if (envName !== undefined) {
      if (!ENV_NAME.test(envName))
        fail(
          nodeOf(`${what}_env`),
          `${what}_env must name an environment variable (letters, digits and _, not starting with a digit); its value is not shown, in case it is the secret itself`,
        );
      const value = env[envName];
      if (value === undefined || value === "")
        fail(nodeOf(`${what}_env`), `the environment variable that ${what}_env names is not set`);
      return value;
    }
    if (file !== undefined) {
      let value: string | undefined;
      try {
        // A relative path is read from the accounts file's folder (`folderOf`), wherever the command runs.
        value = readBounded(resolve(folder, file))?.replace(/\r?\n$/, "");
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return fail(
          nodeOf(`${what}_file`),
          `cannot read the file that ${what}_file names: ${code === "ENOENT" ? "no such file" : (code ?? "unreadable")}`,
        );
      }
      if (value === undefined) {
        return fail(nodeOf(`${what}_file`), `the file that ${what}_file names is larger than ${TOO_LARGE}`);
      }
      if (value === "") fail(nodeOf(`${what}_file`), `the file that ${what}_file names is empty`);
      return value;
    }
    if (required) fail(map, `this account needs ${what}_env: <VARIABLE> or ${what}_file: <path>`);
    return undefined;
  };

  /** Fails at the line of the setting the account's client refuses, named as the file names it. */
  const checked = <T extends AccountSettings>(account: T): T => {
    const refused = refusedSetting(account);
    if (refused === undefined) return account;
    if (refused.option === "auth.token") {
      return fail(
        nodeOf(values.has("token_env") ? "token_env" : "token_file"),
        `the token ${refused.reason}`,
      );
    }
    const key = FILE_KEYS[refused.option];
    return fail(key === undefined ? map : nodeOf(key), `${key ?? refused.option} ${refused.reason}`);
  };

  if (provider === "onapp") {
    return checked({
      name,
      provider,
      baseUrl: endpoint(true) as string,
      username: text("username", true) as string,
      password: secret("password", true) as string,
      concurrency,
    });
  }
  const tenantId = text("tenant_id", true) as string;
  const region = text("region");
  if (region !== undefined && !REGION.test(region))
    fail(nodeOf("region"), `region must look like tyo1, sin1 or sjc1, got ${JSON.stringify(region)}`);
  const baseUrl = endpoint(false);
  const username = text("username");
  const hasToken = values.has("token_env") || values.has("token_file");
  const hasPassword = values.has("password_env") || values.has("password_file");
  if (hasToken && (username !== undefined || hasPassword)) {
    fail(map, "give either token_env/token_file, or username with password_env/password_file, not both");
  }
  let auth: ZcomAccountSettings["auth"];
  if (username !== undefined || hasPassword) {
    if (username === undefined) fail(map, "password_env/password_file needs a username");
    auth = { username: username as string, password: secret("password", true) as string };
  } else {
    if (!hasToken) {
      fail(
        map,
        `this account (line ${lineOf(map)}) needs token_env: <VARIABLE>, token_file: <path>, or username with password_env`,
      );
    }
    auth = { token: secret("token", true) as string };
  }
  return checked({ name, provider: "zcom", tenantId, auth, region, baseUrl, concurrency });
}

/** The file's key for each client option a refusal can name (secrets by the key that names them). */
const FILE_KEYS: Record<string, string> = {
  tenantId: "tenant_id",
  baseUrl: "endpoint",
  region: "region",
  "auth.username": "username",
};

/** Why `value` is not a usable endpoint, or undefined when it is. */
export function urlProblem(value: string): string | undefined {
  // The value is never quoted: a URL may carry a password (`ftp://alice:secret@host`), and one
  // that does not parse may be a password pasted in the wrong place.
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    return "is not a URL (expected e.g. https://host.example.com)";
  }
  if (parsed.username || parsed.password) return "must not contain credentials";
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return `must start with https:// or http://, not ${parsed.protocol}//`;
  }
  return undefined;
}

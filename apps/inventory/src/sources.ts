/**
 * Builds the clients a configuration asks for: real services from their settings, or the
 * embedded Prism mocks, started here and stopped by `close()`.
 */
import { createOnAppClient } from "@backupkit/onapp";
import { createZcomClient } from "@backupkit/zcom";
import type { Source } from "./collect.js";
import { type Config, ENV_ACCOUNT, type OnAppSettings, type ZcomSettings } from "./config.js";
import { errorMessage } from "./errors.js";
import type { Provider } from "./records.js";
import { stripControl } from "./terminal.js";

/** The tenant and credentials the clients use against the mocks (the spec's example tenant). */
export const MOCK_ZCOM_TENANT = "1864e71d2deb46f6b47526b69c65a45d";
export const MOCK_ZCOM_AUTH = { token: "mock-token" };
export const MOCK_ONAPP_AUTH = { username: "user@example.com", password: "mock-api-key" };

export interface ActiveProvider {
  account: string;
  provider: Provider;
  /** Where its calls go. */
  url: string;
  mock: boolean;
}

export interface OpenSources {
  sources: Source[];
  active: ActiveProvider[];
  /** Stops any mock this started. Safe to call more than once. */
  close(): Promise<void>;
}

/** A mock that could not be started. */
export class MockUnavailableError extends Error {
  override name = "MockUnavailableError";
}

export interface ClientTuning {
  timeoutMs: number;
  retries: number;
  onappFormat: "json" | "xml";
  /** Where the clients' warnings go. Default: stderr, prefixed. */
  warn?: (message: string) => void;
  /** The account the client is for, named in its warnings. */
  account?: string;
}

/** Opens the providers `config` asks for. */
export async function openSources(config: Config): Promise<OpenSources> {
  const tuning: ClientTuning = {
    timeoutMs: config.timeoutMs,
    retries: config.retries,
    onappFormat: config.onappFormat,
  };
  if (!config.mock) {
    const sources: Source[] = [];
    const active: ActiveProvider[] = [];
    for (const account of config.accounts) {
      const { name, concurrency } = account;
      if (account.provider === "zcom") {
        const client = zcomClient(account, { ...tuning, account: name });
        sources.push({ account: name, provider: "zcom", client, concurrency });
        active.push({ account: name, provider: "zcom", url: client.baseUrl, mock: false });
      } else {
        const client = onappClient(account, { ...tuning, account: name });
        sources.push({ account: name, provider: "onapp", client, concurrency });
        active.push({ account: name, provider: "onapp", url: client.baseUrl, mock: false });
      }
    }
    return { sources, active, close: async () => {} };
  }

  const wanted: Provider[] = config.provider === "all" ? ["zcom", "onapp"] : [config.provider];
  // Loaded here, not at the top: runs against real services never pay for loading the mocks.
  const { startMock } = await import("@backupkit/mocks").catch((error: unknown) => {
    throw new MockUnavailableError(`could not load the embedded mocks: ${errorMessage(error)}`);
  });
  const started = await Promise.allSettled(wanted.map((api) => startMock(api, { port: 0 })));
  const mocks = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= Promise.all(mocks.map((mock) => mock.stop())).then(() => {});
    return closed;
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await close();
    const reason = errorMessage(String((failed.reason as Error)?.message ?? failed.reason).split("\n")[0]);
    throw new MockUnavailableError(`could not start the embedded mocks: ${reason}`);
  }
  const sources: Source[] = [];
  const active: ActiveProvider[] = [];
  for (const mock of mocks) {
    const account = ENV_ACCOUNT[mock.api];
    if (mock.api === "zcom") {
      const client = zcomClient(
        { tenantId: MOCK_ZCOM_TENANT, auth: MOCK_ZCOM_AUTH, region: undefined, baseUrl: mock.url },
        { ...tuning, account },
      );
      sources.push({ account, provider: "zcom", client });
    } else {
      const client = onappClient({ baseUrl: mock.url, ...MOCK_ONAPP_AUTH }, { ...tuning, account });
      sources.push({ account, provider: "onapp", client });
    }
    active.push({ account, provider: mock.api, url: mock.url, mock: true });
  }
  return { sources, active, close };
}

export function zcomClient(settings: ZcomSettings, tuning: ClientTuning) {
  return createZcomClient({
    tenantId: settings.tenantId,
    auth: settings.auth,
    region: settings.region,
    baseUrl: settings.baseUrl,
    timeoutMs: tuning.timeoutMs,
    maxRetries: tuning.retries,
    logger: logger(tuning.account ?? "zcom", tuning),
  });
}

export function onappClient(settings: OnAppSettings, tuning: ClientTuning) {
  return createOnAppClient({
    baseUrl: settings.baseUrl,
    auth: { username: settings.username, password: settings.password },
    format: tuning.onappFormat,
    timeoutMs: tuning.timeoutMs,
    maxRetries: tuning.retries,
    logger: logger(tuning.account ?? "onapp", tuning),
  });
}

function logger(account: string, tuning: ClientTuning) {
  const warn = tuning.warn ?? ((message: string) => process.stderr.write(`${message}\n`));
  return {
    warn: (message: string) =>
      warn(`backup-inventory: ${account}: ${stripControl(message).replace(/\s+/g, " ")}`),
  };
}

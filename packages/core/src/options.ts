/** Options every backupkit client accepts, with their defaults. */
import { ConfigurationError } from "./errors.js";
import type { AttemptInfo } from "./transport.js";
import type { ValidateMode } from "./validation.js";

/** What a hook is told about one attempt of one call. URLs are redacted; no credential is ever here. */
export interface HookInfo extends AttemptInfo {
  /** The operation of the spec being called, e.g. `listBackups` (`raw` for the raw client). */
  operationId: string;
}

/** Where a client reports what is worth a human's attention; credentials never reach it. */
export interface Logger {
  warn(message: string): void;
  debug?(message: string): void;
}

export interface CommonClientOptions {
  /**
   * A fetch to send requests with: a mock, or one with a proxy's dispatcher. Default: node:http
   * and node:https on Node's global keep-alive agent, which cost about half of what fetch does.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** Time allowed for each attempt, in milliseconds. Default: 30 000. */
  timeoutMs?: number | undefined;
  /** Retries of idempotent requests on connection errors, 408, 429 and 5xx. Default: 2. */
  maxRetries?: number | undefined;
  /** Check every response body against the spec: `true` throws ContractError, `"warn"` logs. Default: false. */
  validate?: ValidateMode | undefined;
  /** `User-Agent` sent with every request. Default: `backupkit-<api>/<version> node/<version>`. */
  userAgent?: string | undefined;
  /** Receives validation warnings and retry notices. Default: `console.warn` for warnings, no debug. */
  logger?: Logger | undefined;
  /** Headers sent with every request (a trace id, a proxy's header). Credential headers are refused. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** Largest response body accepted, in bytes; a larger one is a ResponseTooLargeError. Default: 64 MiB. */
  maxResponseBytes?: number | undefined;
  /** Called before each attempt is sent. */
  onRequest?: ((info: HookInfo) => void) | undefined;
  /** Called when an attempt is answered (any status), with how long it took. */
  onResponse?: ((info: HookInfo & { status: number; durationMs: number }) => void) | undefined;
  /** Called before a retry, with the delay and the reason. */
  onRetry?: ((info: HookInfo & { delayMs: number; reason: string }) => void) | undefined;
}

/** The default logger: warnings to stderr, debug nowhere. */
export const defaultLogger: Logger = {
  warn: (message) => console.warn(message),
};

/** Parses a base URL option into a URL string without a trailing slash; throws ConfigurationError. */
export function parseOrigin(value: unknown, name: string, where: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigurationError(
      `${where}: ${name} must be a URL such as "https://api.example.com", got ${typeof value}`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigurationError(
      `${where}: ${name} is not a valid URL: ${JSON.stringify(value.slice(0, 80))}`,
    );
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigurationError(`${where}: ${name} must use http or https, not ${url.protocol}`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(`${where}: ${name} must not contain credentials; pass them in \`auth\``);
  }
  if (url.search || url.hash)
    throw new ConfigurationError(`${where}: ${name} must not have a query or fragment`);
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

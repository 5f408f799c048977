/**
 * What one client instance holds and every operation uses: its transport settings, the
 * origins it may talk to, the secrets it must never print, and how it validates. The
 * API packages build one per client and call `run()` for each operation.
 */
import type { WireFormat } from "./decode.js";
import { ConfigurationError, InvalidArgumentError } from "./errors.js";
import { type OperationContext, type RawResult, settle } from "./operation.js";
import { type CommonClientOptions, defaultLogger, type Logger } from "./options.js";
import { SecretRegistry } from "./redact.js";
import {
  type CallOptions,
  checkTransportOptions,
  createCallFetch,
  type TransportOptions,
} from "./transport.js";
import type { SpecSchemas, ValidateMode } from "./validation.js";

export interface RuntimeConfig extends CommonClientOptions {
  /** The spec's schemas, for `validate`. */
  schemas: SpecSchemas;
  /** Every origin this client may send to (its API, its identity service). */
  allowedOrigins: string[];
  /** Used when the caller sets no `userAgent`. */
  defaultUserAgent: string;
  /** Names the client in configuration errors, e.g. `createZcomClient`. */
  where: string;
}

/** One operation call, as `run()` needs to describe and settle it. */
export interface RunInfo {
  operationId: string;
  method: string;
  /** The URL we expect to call, for messages when the response does not say. */
  url: string;
  format: WireFormat;
  emptyOk?: boolean;
}

export type FetchFn = (request: Request) => Promise<Response>;

export class ClientRuntime {
  readonly secrets = new SecretRegistry();
  readonly logger: Logger;
  readonly validate: ValidateMode;
  readonly #transport: TransportOptions;
  readonly #allowedOrigins: string[];
  readonly #context: OperationContext;

  constructor(config: RuntimeConfig) {
    checkTransportOptions(config, config.where);
    if (config.validate !== undefined && ![true, false, "warn"].includes(config.validate as never)) {
      throw new ConfigurationError(`${config.where}: validate must be true, false or "warn"`);
    }
    this.logger = config.logger ?? defaultLogger;
    this.validate = config.validate ?? false;
    this.#allowedOrigins = config.allowedOrigins.map((url) => new URL(url).origin);
    this.#transport = {
      fetch: config.fetch,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      userAgent: config.userAgent ?? config.defaultUserAgent,
    };
    this.#context = {
      schemas: config.schemas,
      validate: this.validate,
      secrets: this.secrets,
      logger: this.logger,
    };
  }

  /** The `fetch` for one call: the client's transport with the call's overrides. */
  fetchFor(call: CallOptions = {}): FetchFn {
    return createCallFetch(this.#transport, this.#allowedOrigins, call, {
      onRetry: ({ attempt, delayMs, method, url, reason }) =>
        this.logger.debug?.(
          `backupkit: retry ${attempt} of ${method} ${url} in ${delayMs} ms after ${reason}`,
        ),
    });
  }

  /** Sends one operation and settles it into data or a typed error. */
  async run<T>(
    info: RunInfo,
    call: CallOptions | undefined,
    send: (fetch: FetchFn) => Promise<RawResult>,
  ): Promise<T> {
    checkCallOptions(info.operationId, call);
    const result = await send(this.fetchFor(call));
    return settle<T>(this.#context, result, { ...info, url: result.response.url || info.url });
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ClientRuntime(${this.#allowedOrigins.join(", ")})`;
  }
}

function checkCallOptions(operation: string, call: CallOptions | undefined): void {
  if (call === undefined) return;
  if (typeof call !== "object" || call === null) {
    throw new InvalidArgumentError(`${operation}: options must be an object`, { operation });
  }
  if (call.signal !== undefined && !(call.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError(`${operation}: signal must be an AbortSignal`, { operation });
  }
  checkTransportOptions(call, operation, InvalidArgumentError);
}

/**
 * The one typed call every client method makes: a generated operation descriptor plus the
 * call's path, query and body in, the spec's success body out (or a typed error). What is
 * specific to an API (its decoders, error shapes, credential headers, request id header,
 * validators) comes in through an `ApiProfile` the client package registers.
 */
import {
  type Decoders,
  decodeBody,
  decodeErrorBody,
  isBlank,
  JSON_MEDIA_TYPE,
  mediaLabel,
} from "./decode.js";
import {
  BackupKitError,
  ConfigurationError,
  DecodeError,
  errorFromResponse,
  InvalidArgumentError,
} from "./errors.js";
import type { CallInput, Operation, SuccessBody } from "./operation.js";
import { expandPath, queryString } from "./operation.js";
import { type CommonClientOptions, defaultLogger, type Logger } from "./options.js";
import { redactHeaders, redactUrl, SecretRegistry } from "./redact.js";
import {
  type CallOptions,
  checkTransportOptions,
  createCallFetch,
  type ReceivedResponse,
  sendRequest,
  type TransportEvents,
  type TransportOptions,
} from "./transport.js";
import { checkBody, lazyValidators, type ValidateMode, type Validators } from "./validation.js";

/** What a client package tells core about its API. */
export interface ApiProfile {
  /** Decoders for media types other than JSON (JSON is built in). */
  decoders?: Decoders | undefined;
  /** Encoders of request bodies for media types other than JSON. */
  encoders?: Readonly<Record<string, (body: unknown) => string>> | undefined;
  /**
   * Whether a success body means "nothing to return" where the spec allows an empty body.
   * Default: blank text.
   */
  isEmptySuccess?: ((text: string) => boolean) | undefined;
  /** Reshapes a decoded error body into the form users read (e.g. an XML error list). */
  errorBody?: ((body: unknown) => unknown) | undefined;
  /** The API's own message in an error body. */
  errorMessage?: ((body: unknown) => string | undefined) | undefined;
  /** Response headers that carry the request id, most specific first. */
  requestIdHeaders?: readonly string[] | undefined;
  /** Request headers that carry credentials: redacted everywhere, never set by callers. */
  credentialHeaders?: readonly string[] | undefined;
  /** Loads the precompiled validators (a dynamic `import()`), on the first `validate` use. */
  validators?: (() => Promise<Validators>) | undefined;
}

export interface RuntimeConfig extends CommonClientOptions {
  profile: ApiProfile;
  /** The API origin (with any base path) operations are sent to. */
  baseUrl: string;
  /** Every origin this client may send to (its API, its identity service). */
  allowedOrigins: string[];
  /** Used when the caller sets no `userAgent`. */
  defaultUserAgent: string;
  /** Names the client in configuration errors, e.g. `createExampleClient`. */
  where: string;
}

/** Options one call takes: transport overrides, a signal, and headers of its own. */
export interface RequestOptions extends CallOptions {
  /** Extra request headers for this call, merged over the client's `headers`. */
  headers?: Readonly<Record<string, string>> | undefined;
}

/** A successful call with what came with it. */
export interface WithResponse<T> {
  data: T;
  /** HTTP status of the answer. */
  status: number;
  /** Response headers, credential headers redacted. */
  headers: Record<string, string>;
  /** The request id the server assigned, when it sent one. */
  requestId: string | undefined;
}

/** The same response with its data turned into what a method returns. */
export function mapData<A, B>(response: WithResponse<A>, read: (data: A) => B): WithResponse<B> {
  return { ...response, data: read(response.data) };
}

/** What the client adds to a call beyond the spec's parameters. */
export interface CallExtras {
  /** Media type to send and expect. Default: JSON. */
  mediaType?: string | undefined;
  /** Credential headers, set last so that nothing overrides them. */
  credentials?: Readonly<Record<string, string>> | undefined;
  /** Another allowed origin than the client's `baseUrl` (an identity service). */
  baseUrl?: string | undefined;
}

export type FetchFn = (request: Request) => Promise<Response>;

const utf8 = new TextDecoder();
const NO_BYTES = new Uint8Array(0);

export class ClientRuntime {
  readonly secrets = new SecretRegistry();
  readonly logger: Logger;
  readonly validate: ValidateMode;
  readonly #profile: ApiProfile;
  readonly #baseUrl: string;
  readonly #transport: TransportOptions;
  readonly #allowedOrigins: string[];
  readonly #headers: Readonly<Record<string, string>>;
  readonly #hooks: Pick<CommonClientOptions, "onRequest" | "onResponse" | "onRetry">;
  readonly #validators: () => Promise<Validators>;

  constructor(config: RuntimeConfig) {
    checkTransportOptions(config, config.where);
    if (config.validate !== undefined && ![true, false, "warn"].includes(config.validate as never)) {
      throw new ConfigurationError(`${config.where}: validate must be true, false or "warn"`);
    }
    for (const hook of ["onRequest", "onResponse", "onRetry"] as const) {
      if (config[hook] !== undefined && typeof config[hook] !== "function") {
        throw new ConfigurationError(`${config.where}: ${hook} must be a function`);
      }
    }
    this.#profile = config.profile;
    for (const name of config.profile.credentialHeaders ?? []) this.secrets.addHeader(name);
    this.#headers = checkHeaders(config.headers, config.where, this.secrets, ConfigurationError);
    this.logger = config.logger ?? defaultLogger;
    this.validate = config.validate ?? false;
    this.#baseUrl = config.baseUrl;
    this.#allowedOrigins = config.allowedOrigins.map((url) => new URL(url).origin);
    this.#transport = {
      fetch: config.fetch,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      maxResponseBytes: config.maxResponseBytes,
      userAgent: config.userAgent ?? config.defaultUserAgent,
    };
    this.#hooks = { onRequest: config.onRequest, onResponse: config.onResponse, onRetry: config.onRetry };
    const load = config.profile.validators;
    this.#validators = load ? lazyValidators(load) : async () => ({});
  }

  /** The `fetch` for openapi-fetch's `raw` client: the client's transport and headers. */
  fetchFor(call: CallOptions = {}): FetchFn {
    const send = createCallFetch(this.#transport, this.#allowedOrigins, call, this.#events("raw"));
    return (request) => {
      for (const [name, value] of Object.entries(this.#headers)) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      return send(request);
    };
  }

  /** Sends one operation and settles it into the spec's success body or a typed error. */
  async call<Spec>(
    operation: Operation<Spec>,
    input: CallInput<Spec> & CallExtras,
    options?: RequestOptions,
  ): Promise<SuccessBody<Spec>> {
    return (await this.request(operation, input, options)).data;
  }

  /** Like `call`, with the status, headers and request id of the answer. */
  async request<Spec>(
    operation: Operation<Spec>,
    input: CallInput<Spec> & CallExtras,
    options?: RequestOptions,
  ): Promise<WithResponse<SuccessBody<Spec>>> {
    const { operationId } = operation;
    const callHeaders = checkCallOptions(operationId, options, this.secrets);
    const mediaType = input.mediaType ?? JSON_MEDIA_TYPE;
    const path = expandPath(operation, input.path as Record<string, unknown> | undefined);
    const url = `${input.baseUrl ?? this.#baseUrl}${path}${queryString(input.query as Record<string, unknown> | undefined)}`;
    const headers = new Headers({ accept: mediaType });
    let body: string | undefined;
    if (input.body !== undefined) {
      const encode = this.#profile.encoders?.[mediaType];
      body = encode ? encode(input.body) : JSON.stringify(input.body);
      headers.set("content-type", mediaType);
    }
    for (const [name, value] of Object.entries(this.#headers)) headers.set(name, value);
    for (const [name, value] of Object.entries(callHeaders)) headers.set(name, value);
    for (const [name, value] of Object.entries(input.credentials ?? {})) headers.set(name, value);

    const response = await sendRequest(
      this.#transport,
      this.#allowedOrigins,
      { method: operation.method, url, headers, body },
      options,
      this.#events(operationId),
    );
    return this.#settle(operation, response, mediaType);
  }

  async #settle<Spec>(
    operation: Operation<Spec>,
    response: ReceivedResponse,
    mediaType: string,
  ): Promise<WithResponse<SuccessBody<Spec>>> {
    const { operationId, method } = operation;
    const { status } = response;
    const contentType = response.headers.get("content-type");
    // What errors and `withResponse()` report is redacted on first use only: most calls need none of it.
    const context = this.#responseContext(operation, response);
    const text = decodeText(response.body, contentType);
    // The bytes are not needed once decoded; letting them go lowers the peak while parsing.
    response.body = NO_BYTES;

    if (status < 200 || status > 299) {
      // Servers sometimes echo the request back in an error; nothing we sent may come out again.
      const decoded = decodeErrorBody(text, contentType, this.#profile.decoders ?? {});
      const shaped = this.#profile.errorBody ? this.#profile.errorBody(decoded) : decoded;
      const body = this.secrets.scrubValue(shaped);
      let detail: string | undefined;
      try {
        detail = this.#profile.errorMessage?.(body);
      } catch {
        detail = undefined; // a hostile body cannot turn an API error into another failure
      }
      // The status text is the server's too: it goes into the message, so it is scrubbed like the body.
      const statusText = this.secrets.scrub(response.statusText);
      throw errorFromResponse(status, { ...context, body, statusText }, detail);
    }

    const declared = operation.responses[status];
    let data: unknown;
    if (declared?.mediaTypes.length === 0) {
      data = undefined; // the spec declares no body for this status
    } else if (declared?.mayBeEmpty && (this.#profile.isEmptySuccess ?? isBlank)(text)) {
      data = undefined;
    } else if (isBlank(text)) {
      throw new DecodeError(
        `Expected a ${mediaLabel(mediaType)} body from ${method} ${context.url} (${status}) but it was empty`,
        context,
      );
    } else {
      data = decodeBody(
        text,
        mediaType,
        this.#profile.decoders ?? {},
        Object.assign(context, { secrets: this.secrets, contentType }),
      );
      if (this.validate) await this.#check(operationId, status, data, context);
    }
    return Object.defineProperties(
      { data: data as SuccessBody<Spec>, status } as WithResponse<SuccessBody<Spec>>,
      {
        headers: { get: () => context.headers, enumerable: true },
        requestId: { get: () => context.requestId, enumerable: true },
      },
    );
  }

  /** The error context of a response, each redacted part computed on first read. */
  #responseContext(operation: Operation, response: ReceivedResponse) {
    const secrets = this.secrets;
    const requestIdOf = (headers: Headers) => this.#requestId(headers);
    let url: string | undefined;
    let headers: Record<string, string> | undefined;
    let requestId: { value: string | undefined } | undefined;
    return {
      method: operation.method,
      operation: operation.operationId,
      status: response.status,
      get url(): string {
        url ??= redactUrl(response.url);
        return url;
      },
      get headers(): Record<string, string> {
        headers ??= redactHeaders(response.headers, secrets);
        return headers;
      },
      get requestId(): string | undefined {
        requestId ??= { value: requestIdOf(response.headers) };
        return requestId.value;
      },
    };
  }

  async #check(operationId: string, status: number, data: unknown, context: object): Promise<void> {
    let validators: Validators;
    try {
      validators = await this.#validators();
    } catch (error) {
      throw new BackupKitError(`${operationId}: the validators could not be loaded`, { cause: error });
    }
    const issues = checkBody(
      validators[`${operationId}_${status}`],
      operationId,
      status,
      data,
      this.validate,
      context,
    );
    const first = issues[0];
    if (first) {
      this.logger.warn(
        `backupkit: response of ${operationId} violates the spec at ${first.path}: ${first.message}` +
          (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""),
      );
    }
  }

  #requestId(headers: Headers): string | undefined {
    for (const name of this.#profile.requestIdHeaders ?? ["x-request-id"]) {
      const value = headers.get(name);
      if (value) return this.secrets.scrub(value.slice(0, 200));
    }
    return undefined;
  }

  /** The transport's events for one call, with the operation named, to the client's hooks and logger. */
  #events(operationId: string): TransportEvents {
    const { onRequest, onResponse, onRetry } = this.#hooks;
    const guard = <T>(hook: ((info: T) => void) | undefined) =>
      hook &&
      ((info: T) => {
        try {
          hook(info);
        } catch (error) {
          // A broken hook must not break the call it observes.
          this.logger.warn(`backupkit: a hook threw: ${error instanceof Error ? error.message : "error"}`);
        }
      });
    return {
      onRequest: guard(onRequest && ((info) => onRequest({ operationId, ...info }))),
      onResponse: guard(onResponse && ((info) => onResponse({ operationId, ...info }))),
      onRetry: guard((info) => {
        this.logger.debug?.(
          `backupkit: retry ${info.attempt} of ${info.method} ${info.url} in ${info.delayMs} ms after ${info.reason}`,
        );
        onRetry?.({ operationId, ...info });
      }),
    };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ClientRuntime(${this.#allowedOrigins.join(", ")})`;
  }

  toJSON(): string {
    return "[ClientRuntime]";
  }
}

/** Decodes body bytes by the charset the response declares (UTF-8 when none or unknown). */
function decodeText(bytes: Uint8Array, contentType: string | null): string {
  if (bytes.byteLength === 0) return "";
  const at = contentType ? contentType.toLowerCase().indexOf("charset=") : -1;
  if (at < 0 || !contentType) return utf8.decode(bytes);
  const label = contentType
    .slice(at + 8, at + 48)
    .split(";")[0]
    ?.trim()
    .replace(/^"|"$/g, "");
  if (!label || /^utf-?8$/i.test(label)) return utf8.decode(bytes);
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return utf8.decode(bytes); // an unknown label: UTF-8 is what these APIs send
  }
}

/** Validates a headers option; a credential header can only come from `auth`. */
function checkHeaders(
  headers: unknown,
  where: string,
  secrets: SecretRegistry,
  ErrorClass: typeof ConfigurationError | typeof InvalidArgumentError,
): Readonly<Record<string, string>> {
  if (headers === undefined) return {};
  if (typeof headers !== "object" || headers === null || Array.isArray(headers)) {
    throw new ErrorClass(`${where}: headers must be an object of header names to strings`, {
      operation: where,
    });
  }
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value !== "string") {
      throw new ErrorClass(`${where}: header ${name} must be a string`, { operation: where });
    }
    if (secrets.isSecretHeader(name)) {
      throw new ErrorClass(
        `${where}: header ${name} carries credentials and is set from the client's \`auth\`; it cannot be passed in headers`,
        { operation: where },
      );
    }
    try {
      new Headers([[name, value]]);
    } catch {
      throw new ErrorClass(
        `${where}: header ${JSON.stringify(name.slice(0, 40))} is not a valid HTTP header`,
        {
          operation: where,
        },
      );
    }
    out[name] = value;
  }
  return out;
}

function checkCallOptions(
  operation: string,
  call: RequestOptions | undefined,
  secrets: SecretRegistry,
): Readonly<Record<string, string>> {
  if (call === undefined) return {};
  if (typeof call !== "object" || call === null) {
    throw new InvalidArgumentError(`${operation}: options must be an object`, { operation });
  }
  if (call.signal !== undefined && !(call.signal instanceof AbortSignal)) {
    throw new InvalidArgumentError(`${operation}: signal must be an AbortSignal`, { operation });
  }
  checkTransportOptions(call, operation, InvalidArgumentError);
  return checkHeaders(call.headers, operation, secrets, InvalidArgumentError);
}

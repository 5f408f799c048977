/**
 * The one typed call every client method makes: a generated operation descriptor plus the
 * call's path, query and body in, the spec's success body out (or a typed error). What is
 * specific to an API (its decoders, error shapes, credential headers, request id header,
 * validators) comes in through an `ApiProfile` the client package registers.
 *
 * A call that succeeds runs only what is here and in transport.ts; error answers
 * (answer-errors.ts), validation (validation.ts) and the raw client's fetch (raw-fetch.ts) come
 * through slow-path.ts, imported on first need.
 */
import type { ErrorReading } from "./answer-errors.js";
import { type Decoders, decodeBody, decodeText, isBlank, JSON_MEDIA_TYPE } from "./decode.js";
import { ConfigurationError, type ErrorContext, InvalidArgumentError } from "./errors.js";
import type { Hooks } from "./hooks.js";
import { loadedSlowPath, slowPath } from "./load-slow-path.js";
import type { CallInput, Operation, SuccessBody } from "./operation.js";
import { expandPath, queryString } from "./operation.js";
import { type CommonClientOptions, defaultLogger, type Logger } from "./options.js";
import { redactHeader, redactHeaders, SecretRegistry } from "./redact.js";
import {
  type CallOptions,
  checkTransportOptions,
  type ReceivedResponse,
  type ResponseHeaders,
  send,
  type TransportEvents,
  type TransportOptions,
} from "./transport.js";
import type { ValidateMode, Validators } from "./validation.js";

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
  /**
   * Loads how to read the API's error bodies (a dynamic `import()`), on the first error answer.
   * The module imports nothing from core at run time (what it needs comes as `ErrorHelpers`), so
   * a bundler keeps it out of the code loaded at start.
   */
  errorReading?: (() => Promise<ErrorReading>) | undefined;
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
  /**
   * One response header by name (any case), redacted as in `headers`, or undefined when the
   * server did not send it. Cheaper than `headers` when one is all a caller wants.
   */
  header(name: string): string | undefined;
}

/**
 * The same response with its data turned into what a method returns. Its headers and request id
 * are read through, so what was not redacted yet is still redacted only when someone looks.
 */
export function mapData<A, B>(response: WithResponse<A>, read: (data: A) => B): WithResponse<B> {
  return {
    data: read(response.data),
    status: response.status,
    get headers() {
      return response.headers;
    },
    get requestId() {
      return response.requestId;
    },
    header: (name) => response.header(name),
  };
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

/** The credentials for one request of a raw client. */
export interface RawCredentials {
  /** Headers to add (names in any case); the request's own headers win over them. */
  headers: Readonly<Record<string, string>>;
  /**
   * Told that the server answered 401 to them. True when fresh ones can be had (a login's token
   * was dropped): the request is then sent once more with new credentials, as a typed call is.
   */
  refused?: (() => boolean) | undefined;
}

/** The credentials for one request of a raw client, or undefined for a request that needs none (a login). */
export type RequestCredentials = (request: Request) => Promise<RawCredentials | undefined>;

/** What `rawClient` needs of a result-style client: openapi-fetch's middleware calls. */
export interface RawClient {
  use(...middleware: object[]): void;
  eject(...middleware: object[]): void;
}

const NO_BYTES = new Uint8Array(0);

/** The methods of openapi-fetch's client that send a request. */
const RAW_METHODS = ["request", "GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"];

/** Loads something once, on first use; a failed load is tried again on the next use. */
function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

export class ClientRuntime {
  readonly secrets = new SecretRegistry();
  readonly logger: Logger;
  readonly validate: ValidateMode;
  readonly #profile: ApiProfile;
  readonly #baseUrl: string;
  readonly #transport: TransportOptions;
  readonly #allowedOrigins: string[];
  /** The client's `headers` option, names in lower case. */
  readonly #headers: Readonly<Record<string, string>>;
  readonly #hooks: Hooks;
  /** The transport's events of every call when the client has no hooks. */
  readonly #plainEvents: TransportEvents | undefined;
  /** With hooks, the events per operation, made once (they only differ by the operation's name). */
  readonly #events = new Map<string, TransportEvents>();

  constructor(config: RuntimeConfig) {
    checkTransportOptions(config, config.where);
    if (config.validate !== undefined && ![true, false, "warn"].includes(config.validate as never)) {
      throw new ConfigurationError(`${config.where}: validate must be true, false or "warn"`);
    }
    const hooks: Record<string, unknown> = {};
    let hooked = false;
    for (const hook of ["onRequest", "onResponse", "onRetry"] as const) {
      const given = config[hook];
      if (given !== undefined && typeof given !== "function") {
        throw new ConfigurationError(`${config.where}: ${hook} must be a function`);
      }
      hooks[hook] = given;
      hooked ||= given !== undefined;
    }
    this.#hooks = hooks;
    this.#profile = config.profile;
    for (const name of config.profile.credentialHeaders ?? []) this.secrets.addHeader(name);
    this.#headers = checkHeaders(config.headers, config.where, this.secrets, ConfigurationError);
    this.logger = config.logger ?? defaultLogger;
    this.#plainEvents = hooked ? undefined : { logger: this.logger, secrets: this.secrets };
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
  }

  /**
   * A result-style client (openapi-fetch's) over this client's transport and headers. It loads
   * on its first call: `create` imports the library and makes the client with the `fetch` given.
   * Middleware added with `use` before then is handed over when it loads. `headers` (lower-case
   * names) go on every request that does not set its own, after the caller's middleware has run,
   * so that middleware never sees them: the place for a client's credentials. So do those
   * `credentials` gives for a request, for a client whose credentials must be fetched (a token).
   */
  rawClient<C extends RawClient>(
    create: (fetch: FetchFn) => Promise<C>,
    headers?: Readonly<Record<string, string>>,
    credentials?: RequestCredentials,
  ): C {
    // `use` and `eject` before the client exists are kept in order and replayed on it.
    const early: ["use" | "eject", object[]][] = [];
    let client: C | undefined;
    const load = loadOnce(async () => {
      const { createCallFetch } = await slowPath();
      const fetch = createCallFetch(
        this.#transport,
        this.#allowedOrigins,
        {},
        await this.#eventsFor("raw"),
        { ...this.#headers, ...headers },
        credentials,
      );
      const made = await create(fetch);
      for (const [method, middleware] of early) made[method](...middleware);
      client = made;
      return made;
    });
    const lazy: Record<string, unknown> = {
      use(...middleware: object[]) {
        for (const item of middleware) {
          if (
            item &&
            (typeof item !== "object" || !("onRequest" in item || "onResponse" in item || "onError" in item))
          ) {
            throw new Error("Middleware must be an object with onRequest(), onResponse() or onError()");
          }
        }
        if (client) client.use(...middleware);
        else early.push(["use", middleware]);
      },
      eject(...middleware: object[]) {
        if (client) client.eject(...middleware);
        else early.push(["eject", middleware]);
      },
    };
    for (const name of RAW_METHODS) {
      lazy[name] = async (...args: unknown[]) =>
        ((await load()) as unknown as Record<string, (...args: unknown[]) => unknown>)[name]?.(...args);
    }
    return lazy as unknown as C;
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
    const callHeaders =
      options === undefined ? undefined : checkCallOptions(operationId, options, this.secrets);
    const mediaType = input.mediaType ?? JSON_MEDIA_TYPE;
    const path = expandPath(operation, input.path as Record<string, unknown> | undefined);
    const url = `${input.baseUrl ?? this.#baseUrl}${path}${queryString(input.query as Record<string, unknown> | undefined)}`;
    // Later sources win: the client's headers, then the call's, then the credentials.
    const headers: Record<string, string> = { accept: mediaType };
    let body: string | undefined;
    if (input.body !== undefined) {
      const encode = this.#profile.encoders?.[mediaType];
      try {
        body = encode ? encode(input.body) : JSON.stringify(input.body);
      } catch (error) {
        // A body the wire format cannot carry is the caller's input, whichever codec found it.
        const reason = error instanceof Error ? error.message : String(error);
        throw new InvalidArgumentError(`${operationId}: ${reason}`, { operation: operationId, cause: error });
      }
      headers["content-type"] = mediaType;
    }
    Object.assign(headers, this.#headers, callHeaders);
    const credentials = input.credentials;
    if (credentials)
      for (const name in credentials) headers[name.toLowerCase()] = credentials[name] as string;

    const events = this.#eventsFor(operationId);
    const response = await send(
      this.#transport,
      this.#allowedOrigins,
      { method: operation.method, url, headers, body, asText: true },
      options,
      events instanceof Promise ? await events : events,
    );
    return this.#settle(operation, response, mediaType);
  }

  /**
   * The spec's success body of an answer, or a typed error. A promise only when the answer takes
   * the slow path (an error, a body that does not decode) or is validated.
   */
  #settle<Spec>(
    operation: Operation<Spec>,
    response: ReceivedResponse,
    mediaType: string,
  ): WithResponse<SuccessBody<Spec>> | Promise<WithResponse<SuccessBody<Spec>>> {
    const { status } = response;
    const contentType = response.headers.get("content-type");
    const text = response.text ?? decodeText(response.body, contentType);
    // The answer keeps `response` (for its headers): it must not keep the body too.
    response.body = NO_BYTES;
    response.text = undefined;

    if (status < 200 || status > 299) {
      const { statusText } = response;
      return this.#fail(operation, response, (slow, context) =>
        slow.errorForStatus(this.#profile, this.secrets, context, text, contentType, statusText),
      );
    }
    const declared = operation.responses[status];
    let data: unknown;
    if (declared?.mediaTypes.length === 0) {
      data = undefined; // the spec declares no body for this status
    } else if (declared?.mayBeEmpty && (this.#profile.isEmptySuccess ?? isBlank)(text)) {
      data = undefined;
    } else if (isBlank(text)) {
      return this.#fail(operation, response, (slow, context) => slow.emptyBody(mediaType, context));
    } else {
      try {
        data = decodeBody(text, mediaType, this.#profile.decoders);
      } catch (error) {
        return this.#fail(operation, response, (slow, context) =>
          slow.undecodable(text, mediaType, error, context, this.secrets, contentType),
        );
      }
      if (this.validate) {
        return this.#check(operation, response, data).then(() =>
          answer(data as SuccessBody<Spec>, response, this.#profile, this.secrets),
        );
      }
    }
    return answer(data as SuccessBody<Spec>, response, this.#profile, this.secrets);
  }

  /** Rejects with the error `make` builds, with the slow path loaded and the answer's context. */
  async #fail(
    operation: Operation,
    response: ReceivedResponse,
    make: (
      slow: Awaited<ReturnType<typeof slowPath>>,
      context: ErrorContext & { status: number },
    ) => Error | Promise<Error>,
  ): Promise<never> {
    const slow = await slowPath();
    throw await make(slow, slow.answerContext(operation, response, this.#profile, this.secrets));
  }

  async #check(operation: Operation, response: ReceivedResponse, data: unknown): Promise<void> {
    const slow = await slowPath();
    await slow.checkResponse({
      // The module system keeps what `import()` loaded, so asking again costs nothing.
      validators: this.#profile.validators ?? (async () => ({})),
      mode: this.validate,
      logger: this.logger,
      operationId: operation.operationId,
      status: response.status,
      data,
      context: () => slow.answerContext(operation, response, this.#profile, this.secrets),
    });
  }

  /**
   * The transport's events for one operation, with the operation named, to the client's hooks
   * and logger. Made at once, except while the slow path (which holds the wrapping) has not loaded:
   * the hooked calls waiting for it then go on in the order they were made.
   */
  #eventsFor(operationId: string): TransportEvents | Promise<TransportEvents> {
    if (this.#plainEvents) return this.#plainEvents;
    let events = this.#events.get(operationId);
    if (events) return events;
    if (!loadedSlowPath) return slowPath().then(() => this.#eventsFor(operationId));
    events = loadedSlowPath.hookEvents(this.#hooks, operationId, this.logger, this.secrets);
    this.#events.set(operationId, events);
    return events;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ClientRuntime(${this.#allowedOrigins.join(", ")})`;
  }

  toJSON(): string {
    return "[ClientRuntime]";
  }
}

/**
 * A successful call's result. What `withResponse()` reports is redacted on first read only:
 * most calls never look.
 */
function answer<T>(
  data: T,
  response: ReceivedResponse,
  profile: ApiProfile,
  secrets: SecretRegistry,
): WithResponse<T> {
  let headers: Record<string, string> | undefined;
  let requestId: { value: string | undefined } | undefined;
  return {
    data,
    status: response.status,
    get headers() {
      headers ??= redactHeaders(response.headers, secrets);
      return headers;
    },
    get requestId() {
      requestId ??= { value: requestIdOf(response.headers, profile, secrets) };
      return requestId.value;
    },
    header(name) {
      const value = response.headers.get(name);
      return value === null ? undefined : redactHeader(name.toLowerCase(), value, secrets);
    },
  };
}

/** The request id the server assigned, from the first of the API's request id headers it sent. */
export function requestIdOf(
  headers: Pick<ResponseHeaders, "get">,
  profile: ApiProfile,
  secrets: SecretRegistry,
): string | undefined {
  for (const name of profile.requestIdHeaders ?? ["x-request-id"]) {
    const value = headers.get(name);
    // Scrubbed whole, then cut: a secret cut first would no longer match, and its head would show.
    if (value) return secrets.scrub(value).slice(0, 200);
  }
  return undefined;
}

/** Validates a headers option (names come back in lower case); a credential header can only come from `auth`. */
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
    out[name.toLowerCase()] = value;
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

/**
 * One error model for every client: a base class, a subclass per kind of failure, and a
 * factory that picks the class from an HTTP status. Nothing here ever holds a credential:
 * URLs are redacted on the way in and request headers are never stored.
 */
import { redactHeaders, redactUrl } from "./redact.js";

/** What an error knows about the request that failed. */
export interface ErrorContext {
  /** HTTP method, upper case. */
  method?: string | undefined;
  /** The request URL, credentials removed. */
  url?: string | undefined;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** Response headers, credential headers removed. */
  headers?: Headers | undefined;
  /** The vendor's error body as parsed (JSON or XML), or its text when it did not parse. */
  body?: unknown;
  /** The operation being called, e.g. `listBackups`. */
  operation?: string | undefined;
  /** The underlying failure. */
  cause?: unknown;
}

/** Base class of every error a backupkit client throws. */
export class BackupKitError extends Error {
  override name = "BackupKitError";
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** HTTP method of the failed request. */
  readonly method: string | undefined;
  /** URL of the failed request, with credentials removed. */
  readonly url: string | undefined;
  /** The vendor's parsed error body (OpenStack fault, OnApp `errors` array or hash), or raw text. */
  readonly body: unknown;
  /** The operation that failed, e.g. `listBackups`. */
  readonly operation: string | undefined;
  /** Response headers with credential headers removed. */
  readonly headers: Record<string, string> | undefined;
  /** The request id the server assigned, when it sent one. */
  readonly requestId: string | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.status = context.status;
    this.method = context.method;
    this.url = context.url === undefined ? undefined : redactUrl(context.url);
    this.body = context.body;
    this.operation = context.operation;
    this.headers = context.headers ? redactHeaders(context.headers) : undefined;
    this.requestId =
      context.headers?.get("x-request-id") ??
      context.headers?.get("x-openstack-request-id") ??
      context.headers?.get("x-compute-request-id") ??
      undefined;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      status: this.status,
      method: this.method,
      url: this.url,
      operation: this.operation,
      requestId: this.requestId,
      body: this.body,
    };
  }
}

/** A bad argument or option, caught before any request was sent. */
export class InvalidArgumentError extends BackupKitError {
  override name = "InvalidArgumentError";
}

/** The client's configuration cannot work (missing tenant, malformed URL, no credentials). */
export class ConfigurationError extends BackupKitError {
  override name = "ConfigurationError";
}

/** The server answered with an error status. Subclasses say which kind. */
export class APIError extends BackupKitError {
  override name = "APIError";
  declare readonly status: number;
}
/** 400: the server rejected the request as malformed. */
export class BadRequestError extends APIError {
  override name = "BadRequestError";
}
/** 401: no credentials, wrong credentials, or an expired token. */
export class AuthenticationError extends APIError {
  override name = "AuthenticationError";
}
/** 403: the credentials are fine but may not do this. */
export class PermissionDeniedError extends APIError {
  override name = "PermissionDeniedError";
}
/** 404: the URL or the resource does not exist. */
export class NotFoundError extends APIError {
  override name = "NotFoundError";
}
/** 409: the resource is busy or in a conflicting state. */
export class ConflictError extends APIError {
  override name = "ConflictError";
}
/** 422: the server understood the request but refused its parameters. */
export class UnprocessableEntityError extends APIError {
  override name = "UnprocessableEntityError";
}
/** 429: too many requests (after the retries `maxRetries` allowed). */
export class RateLimitError extends APIError {
  override name = "RateLimitError";
}
/** 5xx: the server failed. */
export class ServerError extends APIError {
  override name = "ServerError";
}

/** No response arrived: DNS, refused connection, reset, TLS, or a redirect we refused to follow. */
export class ConnectionError extends BackupKitError {
  override name = "ConnectionError";
}
/** A redirect pointed to another origin (or looped); we do not carry credentials there. */
export class RedirectRefusedError extends ConnectionError {
  override name = "RedirectRefusedError";
}
/** No response within `timeoutMs`. */
export class TimeoutError extends ConnectionError {
  override name = "TimeoutError";
}
/** The caller's `AbortSignal` fired. */
export class AbortedError extends BackupKitError {
  override name = "AbortedError";
}
/** A body arrived that cannot be parsed as what was expected (JSON or XML). */
export class DecodeError extends BackupKitError {
  override name = "DecodeError";
}

/** One place where a body breaks the spec. */
export interface ContractIssue {
  /** JSON path into the body, e.g. `$.backup[0].backupruns[1].status`. */
  path: string;
  /** What is wrong there. */
  message: string;
}

/** A body parsed fine but violates the spec (only with `validate: true`). */
export class ContractError extends BackupKitError {
  override name = "ContractError";
  /** Every violation found, first one in the message. */
  readonly issues: ContractIssue[];

  constructor(message: string, issues: ContractIssue[], context: ErrorContext = {}) {
    super(message, context);
    this.issues = issues;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), issues: this.issues };
  }
}

const STATUS_CLASSES: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The error class for an HTTP status. */
export function errorClassForStatus(status: number): typeof APIError {
  return STATUS_CLASSES[status] ?? (status >= 500 ? ServerError : APIError);
}

/**
 * Pulls a human message out of the error bodies these vendors send:
 * OpenStack faults `{"itemNotFound": {"message", "code"}}`, Keystone `{"error": {"message"}}`,
 * OnApp `{"errors": ["..."]}`, `{"errors": {"field": ["..."]}}` and `{"error": "..."}`.
 */
export function vendorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (!isRecord(body)) return undefined;
  const { errors, error } = body;
  if (Array.isArray(errors)) return errors.map(String).join("; ") || undefined;
  if (isRecord(errors)) {
    const parts = Object.entries(errors).map(([field, messages]) => {
      const list = Array.isArray(messages) ? messages.map(String).join(", ") : String(messages);
      // Rails puts object-wide messages under "base"; they read fine without the key.
      return field === "base" ? list : `${field} ${list}`;
    });
    return parts.join("; ") || undefined;
  }
  if (typeof error === "string") return error;
  if (isRecord(error) && typeof error.message === "string") return error.message;
  // An OpenStack fault: a single key whose value carries the message.
  for (const value of Object.values(body)) {
    if (isRecord(value) && typeof value.message === "string") return value.message;
  }
  if (typeof body.message === "string") return body.message;
  return undefined;
}

/** Builds the right error for a non-2xx response. */
export function errorFromResponse(status: number, context: ErrorContext & { statusText?: string }): APIError {
  const ErrorClass = errorClassForStatus(status);
  const detail = vendorMessage(context.body);
  const where = [context.method, context.url && redactUrl(context.url)].filter(Boolean).join(" ");
  const head = `${status}${context.statusText ? ` ${context.statusText}` : ""}`;
  const message = `${head}${where ? ` from ${where}` : ""}${detail ? `: ${truncate(detail)}` : ""}`;
  return new ErrorClass(message, { ...context, status });
}

function truncate(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * One error model for every client: a base class and a subclass per kind of failure
 * (answer-errors.ts picks the class for an HTTP status). Nothing here ever holds a credential:
 * URLs are redacted on the way in and request headers are never stored.
 */
import { redactHeaders, redactUrl } from "./redact.js";
import type { ResponseHeaders } from "./transport.js";

/** What an error knows about the request that failed. */
export interface ErrorContext {
  /** HTTP method, upper case. */
  method?: string | undefined;
  /** The request URL, credentials removed. */
  url?: string | undefined;
  /** HTTP status, when a response arrived. */
  status?: number | undefined;
  /** Response headers. Plain objects are taken as already redacted; `Headers` are redacted here. */
  headers?: ResponseHeaders | Readonly<Record<string, string>> | undefined;
  /** The request id the server assigned (the client knows which header carries it). */
  requestId?: string | undefined;
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
  // The fields below are `declare`d: the constructor sets every one, in this order, so the
  // compiler need not emit a declaration of each as well.
  /** HTTP status, when the server answered. */
  declare readonly status: number | undefined;
  /** HTTP method of the failed request. */
  declare readonly method: string | undefined;
  /** URL of the failed request, with credentials removed. */
  declare readonly url: string | undefined;
  /** The vendor's parsed error body, or its text when it did not parse. */
  declare readonly body: unknown;
  /** The operation that failed, e.g. `listBackups`. */
  declare readonly operation: string | undefined;
  /** Response headers with credential headers removed. */
  declare readonly headers: Record<string, string> | undefined;
  /** The request id the server assigned, when it sent one. */
  declare readonly requestId: string | undefined;

  constructor(message: string, context: ErrorContext = {}) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.status = context.status;
    this.method = context.method;
    this.url = context.url === undefined ? undefined : redactUrl(context.url);
    this.body = context.body;
    this.operation = context.operation;
    const headers = context.headers;
    this.headers = isHeaders(headers) ? redactHeaders(headers) : headers && { ...headers };
    this.requestId = context.requestId;
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

/** Whether `headers` are a response's own (to redact) rather than a record already redacted. */
function isHeaders(headers: ErrorContext["headers"]): headers is ResponseHeaders {
  return typeof (headers as ResponseHeaders | undefined)?.forEach === "function";
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
/** A response body was larger than `maxResponseBytes`; it was not read further. */
export class ResponseTooLargeError extends BackupKitError {
  override name = "ResponseTooLargeError";
}

/** One place where a body breaks the spec. */
export interface ContractIssue {
  /** JSON path into the body, e.g. `$.items[0].runs[1].status`. */
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

/** A value from a server as text, whatever it is (a hostile body may hold anything). */
export function textOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value === null || value === undefined) return "";
  try {
    return JSON.stringify(value)?.slice(0, 1000) ?? "";
  } catch {
    return "";
  }
}

/** True for plain objects (not arrays, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

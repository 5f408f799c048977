/**
 * @backupkit/core: what the backupkit clients share. Application code normally imports the
 * error classes from a client package (`@backupkit/zcom`, `@backupkit/onapp`), which re-export them.
 */

export { integerId, optionalText, stringId } from "./arguments.js";
export { basicAuthorization, type IssuedToken, TokenCache } from "./auth.js";
export { decodeBody, decodeErrorBody, type WireFormat } from "./decode.js";
export {
  AbortedError,
  APIError,
  AuthenticationError,
  BackupKitError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ContractError,
  type ContractIssue,
  DecodeError,
  type ErrorContext,
  errorClassForStatus,
  errorFromResponse,
  InvalidArgumentError,
  isRecord,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectRefusedError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
  vendorMessage,
} from "./errors.js";
export { type OperationContext, type OperationInfo, type RawResult, settle } from "./operation.js";
export { type CommonClientOptions, defaultLogger, type Logger, parseOrigin } from "./options.js";
export { excerpt, redactHeaders, redactText, redactUrl, Secret, SecretRegistry } from "./redact.js";
export { ClientRuntime, type FetchFn, type RunInfo, type RuntimeConfig } from "./runtime.js";
export {
  type CallOptions,
  checkTransportOptions,
  createCallFetch,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  retryAfterMs,
  type TransportEvents,
  type TransportOptions,
} from "./transport.js";
export { checkBody, type SpecSchemas, toIssues, type ValidateMode, validatorFor } from "./validation.js";
export { decodeRailsXml, encodeRailsXml, escapeXml } from "./xml.js";

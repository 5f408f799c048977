/**
 * @backupkit/core: what the backupkit clients share, and nothing about any one API. Application
 * code normally imports the error classes from a client package, which re-exports them.
 */

export type { ErrorHelpers, ErrorReading } from "./answer-errors.js";
export { APIPromise } from "./api-promise.js";
export { integerId, optionalText, stringId } from "./arguments.js";
export {
  basicAuthorization,
  cacheTokens,
  type IssuedToken,
  type TokenCache,
  untilAborted,
} from "./auth.js";
export { type Decoder, type Decoders, isBlank, JSON_MEDIA_TYPE } from "./decode.js";
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
  InvalidArgumentError,
  isRecord,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectRefusedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  textOf,
  UnprocessableEntityError,
} from "./errors.js";
export {
  type CallInput,
  expandPath,
  type HttpMethod,
  type Operation,
  type OperationTable,
  queryString,
  type SuccessBody,
  type SuccessResponse,
} from "./operation.js";
export {
  type CommonClientOptions,
  defaultLogger,
  type HookInfo,
  type Logger,
  parseOrigin,
} from "./options.js";
export { iteratePages, type Page, type PageParams, type PagingOptions, pagingHeader } from "./pagination.js";
export { redactHeaders, redactText, redactUrl, Secret, SecretRegistry } from "./redact.js";
export {
  type ApiProfile,
  type CallExtras,
  ClientRuntime,
  type FetchFn,
  mapData,
  type RawClient,
  type RawCredentials,
  type RequestCredentials,
  type RequestOptions,
  type RuntimeConfig,
  type WithResponse,
} from "./runtime.js";
export {
  type AttemptInfo,
  type CallOptions,
  checkTransportOptions,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type OutgoingRequest,
  type ReceivedResponse,
  sendRequest,
  type TransportEvents,
  type TransportOptions,
} from "./transport.js";
export type {
  ValidateMode,
  ValidationError,
  Validator,
  Validators,
} from "./validation.js";

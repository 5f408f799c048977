/**
 * @backupkit/onapp: a typed client for the OnApp Cloud backup API, in JSON or XML.
 *
 * ```ts
 * import { createOnAppClient } from "@backupkit/onapp";
 * const onapp = createOnAppClient({ baseUrl, auth: { username, password } });
 * const backups = await onapp.listBackupImages(vmId);
 * ```
 */
export {
  AbortedError,
  APIError,
  APIPromise,
  AuthenticationError,
  BackupKitError,
  BadRequestError,
  type CommonClientOptions,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  ContractError,
  type ContractIssue,
  DecodeError,
  type HookInfo,
  InvalidArgumentError,
  type Logger,
  NotFoundError,
  type Page,
  type PageParams,
  PermissionDeniedError,
  RateLimitError,
  RedirectRefusedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
  type ValidateMode,
  type WithResponse,
} from "@backupkit/core";
export {
  createOnAppClient,
  type OnAppAuth,
  type OnAppClient,
  type OnAppClientOptions,
  type OnAppRequestOptions,
} from "./client.js";
export { type OperationId, operations } from "./generated/operations.js";
export type { components, operations as operationTypes, paths } from "./generated/schema.js";
// How the client smooths a wire backup; exported so the contract suite derives its expected values from it.
export { normalizeBackup } from "./normalize.js";
export type {
  CreateBackupOptions,
  CreateDiskBackupOptions,
  OnAppBackup,
  OnAppErrorBody,
  OnAppFormat,
  OnAppVirtualServer,
  OnAppWireBackup,
} from "./types.js";
export { VERSION } from "./version.js";

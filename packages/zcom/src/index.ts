/**
 * @backupkit/zcom: a typed client for the Z.com Cloud Compute (ConoHa) backup API.
 *
 * ```ts
 * import { createZcomClient } from "@backupkit/zcom";
 * const zcom = createZcomClient({ tenantId, auth: { token } });
 * const backups = await zcom.listBackups();
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
export type { ZcomAuth, ZcomPasswordAuth, ZcomTokenAuth, ZcomTokenProviderAuth } from "./auth.js";
export {
  createZcomClient,
  type ZcomClient,
  type ZcomClientOptions,
  type ZcomRequestOptions,
} from "./client.js";
export { type OperationId, operations } from "./generated/operations.js";
export type { components, operations as operationTypes, paths } from "./generated/schema.js";
export type {
  ZcomBackup,
  ZcomBackupRun,
  ZcomEnabledBackup,
  ZcomErrorBody,
  ZcomRegion,
  ZcomTokenResponse,
} from "./types.js";
export { VERSION } from "./version.js";

/** The app's own error kinds, and one-line messages for any error. */
import {
  AbortedError,
  AuthenticationError,
  BackupKitError,
  ConfigurationError,
  ConnectionError,
  PermissionDeniedError,
  TimeoutError,
} from "@backupkit/zcom";

/** Bad flags, environment or arguments: the CLI exits 2 with the message and no stack. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A part of a provider's answer that cannot be read (a field missing or of the wrong type). */
export class MalformedAnswerError extends Error {
  override name = "MalformedAnswerError";
}

/**
 * A listing that named more items than the app will hold. A panel that keeps sending new pages
 * (a fault, or a hostile server) would otherwise grow a collection until the process runs out
 * of memory; the listing fails instead, and the rest of the collection carries on.
 */
export class TooManyItemsError extends Error {
  override name = "TooManyItemsError";
  constructor(what: string, max: number) {
    super(`the panel listed more than ${max.toLocaleString("en")} ${what}; stopped reading there`);
  }
}

/** The message of any thrown value, flattened to one line. */
export function errorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim() || (error instanceof Error ? error.name : "unknown error");
}

/** True when the error is the caller's own cancellation rather than a failure. */
export function isAbort(error: unknown, signal?: AbortSignal): boolean {
  return (
    signal?.aborted === true ||
    error instanceof AbortedError ||
    (error instanceof Error && error.name === "AbortError")
  );
}

/**
 * True when an error means the setup is wrong rather than that one call was unlucky: the
 * service cannot be reached, the credentials are refused, or the client cannot be built.
 * Both clients share @backupkit/core, so the classes from either package are the same ones.
 */
export function isSetupError(error: unknown): boolean {
  return (
    error instanceof UsageError ||
    error instanceof ConfigurationError ||
    error instanceof ConnectionError ||
    error instanceof AuthenticationError ||
    error instanceof PermissionDeniedError
  );
}

/** A setup error that waiting will not mend: a timeout may pass on its own, the others do not. */
export function isLastingSetupError(error: unknown): boolean {
  return isSetupError(error) && !(error instanceof TimeoutError);
}

/** A hint to append to a provider-wide failure, naming the settings to check. */
export function setupHint(error: unknown, provider: "zcom" | "onapp"): string {
  if (!(error instanceof BackupKitError)) return "";
  const vars =
    provider === "zcom"
      ? { url: "ZCOM_BASE_URL / ZCOM_REGION", auth: "ZCOM_TOKEN or ZCOM_USERNAME / ZCOM_PASSWORD" }
      : { url: "ONAPP_BASE_URL", auth: "ONAPP_USERNAME / ONAPP_PASSWORD" };
  if (error instanceof AuthenticationError) return ` (check ${vars.auth})`;
  if (error instanceof PermissionDeniedError) return ` (the account in ${vars.auth} may not do this)`;
  if (error instanceof ConnectionError) return ` (check ${vars.url})`;
  return "";
}

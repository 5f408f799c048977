/**
 * The seam between the typed request builder (openapi-fetch) and what users get back: turns
 * one openapi-fetch result into decoded, optionally validated data, or the right typed error.
 */
import { decodeBody, decodeErrorBody, type WireFormat } from "./decode.js";
import { DecodeError, errorFromResponse } from "./errors.js";
import type { Logger } from "./options.js";
import { redactUrl, type SecretRegistry } from "./redact.js";
import { checkBody, type SpecSchemas, type ValidateMode } from "./validation.js";

/** What one client shares with every operation it runs. */
export interface OperationContext {
  schemas: SpecSchemas;
  validate: ValidateMode;
  secrets: SecretRegistry;
  logger: Logger;
}

/** The operation being settled. */
export interface OperationInfo {
  operationId: string;
  method: string;
  /** The URL as sent (redacted in anything we report). */
  url: string;
  format: WireFormat;
  /** True when the operation may answer with no body at all (202, 204, OnApp DELETE). */
  emptyOk?: boolean;
}

/** openapi-fetch's result when called with `parseAs: "stream"`. */
export interface RawResult {
  response: Response;
  error?: unknown;
}

/**
 * Settles a raw result: a 2xx body is decoded by the operation's format (never by its
 * Content-Type) and checked; anything else becomes the error class of its status.
 */
export async function settle<T>(
  context: OperationContext,
  result: RawResult,
  info: OperationInfo,
): Promise<T> {
  const { response } = result;
  const contentType = response.headers.get("content-type");
  const base = { method: info.method, url: info.url, operation: info.operationId, headers: response.headers };
  if (!response.ok) {
    const raw = result.error;
    // Vendors sometimes echo the request back in an error; nothing we sent may come out again.
    const body =
      typeof raw === "string" ? decodeErrorBody(context.secrets.scrub(raw)) : context.secrets.scrubValue(raw);
    throw errorFromResponse(response.status, { ...base, body, statusText: response.statusText });
  }
  const text = response.bodyUsed ? "" : await response.text();
  // OnApp answers a DELETE with "", " " or "{}" whatever format was asked for: all mean done.
  if (info.emptyOk && (text.trim() === "" || text.trim() === "{}")) return undefined as T;
  const data = decodeBody(text, info.format, {
    ...base,
    status: response.status,
    secrets: context.secrets,
    contentType,
  });
  if (data === undefined && !info.emptyOk) {
    throw new DecodeError(
      `Expected a ${info.format.toUpperCase()} body from ${info.method} ${redactUrl(info.url)} (${response.status}) but it was empty`,
      { ...base, status: response.status },
    );
  }
  if (data !== undefined) {
    const issues = checkBody(
      context.schemas,
      info.operationId,
      response.status,
      data,
      context.validate,
      base,
    );
    if (issues.length > 0) {
      const first = issues[0];
      context.logger.warn(
        `backupkit: response of ${info.operationId} violates the spec at ${first?.path}: ${first?.message}` +
          (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""),
      );
    }
  }
  return data as T;
}

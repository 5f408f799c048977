/**
 * What core needs to know about the Z.com (OpenStack) API: its credential header, where its
 * request id comes back, how its errors read, and where its validators live.
 */
import { type ApiProfile, isRecord, textOf, type Validators } from "@backupkit/core";

export const TOKEN_HEADER = "X-Auth-Token";

/**
 * The message in an OpenStack fault (`{"itemNotFound": {"message", "code"}}`) or a Keystone
 * error (`{"error": {"message", "code", "title"}}`), or a plain-text body.
 */
export function errorMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (!isRecord(body)) return undefined;
  // A fault is a single key whose value carries the message; Keystone's key is "error".
  for (const value of Object.values(body)) {
    if (isRecord(value) && value.message !== undefined) return textOf(value.message) || undefined;
  }
  return body.message === undefined ? undefined : textOf(body.message) || undefined;
}

export const zcomProfile: ApiProfile = {
  errorMessage,
  credentialHeaders: [TOKEN_HEADER],
  requestIdHeaders: ["x-openstack-request-id", "x-compute-request-id", "x-request-id"],
  validators: async () => (await import("./generated/validators.js")) as unknown as Validators,
};

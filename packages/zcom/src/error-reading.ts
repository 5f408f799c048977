/**
 * How Z.com's error bodies read: an OpenStack fault (`{"itemNotFound": {"message", "code"}}`), a
 * Keystone error (`{"error": {"message", "code", "title"}}`) or plain text. Loaded with the first
 * error answer; it imports nothing from core at run time (see `ApiProfile.errorReading`).
 */
import type { ErrorHelpers } from "@backupkit/core";

/** The message in an error body, or undefined when it has none. */
export function errorMessage(body: unknown, { isRecord, textOf }: ErrorHelpers): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (!isRecord(body)) return undefined;
  // A fault is a single key whose value carries the message; Keystone's key is "error".
  for (const value of Object.values(body)) {
    if (isRecord(value) && value.message !== undefined) return textOf(value.message) || undefined;
  }
  return body.message === undefined ? undefined : textOf(body.message) || undefined;
}

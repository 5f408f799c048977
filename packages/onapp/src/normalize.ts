/**
 * Reading OnApp bodies: Rails wraps every record in a one-key envelope (`{"backup": {...}}`),
 * and the wire has drifted across releases, so the client unwraps and smooths the known
 * differences once, here. The envelope keys are typed by the spec: a renamed key fails to
 * compile here. A body of the wrong shape is a DecodeError, never `undefined` passed on.
 */
import { DecodeError, isRecord } from "@backupkit/core";
import type { OnAppBackup, OnAppWireBackup } from "./types.js";

/** Scrubs the client's secrets from server text (key names) before it goes into a message. */
export type Scrub = (text: string) => string;

/** The record inside a `{ "<key>": {...} }` envelope. */
export function unwrap<K extends string, T>(
  value: { [P in K]: T } | undefined,
  key: K,
  operation: string,
  scrub: Scrub,
): T {
  const inner: unknown = isRecord(value) ? value[key] : undefined;
  if (!isRecord(inner)) {
    throw new DecodeError(
      `${operation}: expected an object with a "${key}" key, got ${describeShape(value, scrub)}`,
      {
        operation,
      },
    );
  }
  return inner as T;
}

/** The records of a list of envelopes (`[{ "backup": {...} }, ...]`). */
export function records<K extends string, T>(
  value: readonly { [P in K]: T }[] | undefined,
  key: K,
  operation: string,
  scrub: Scrub,
): T[] {
  if (!Array.isArray(value)) {
    throw new DecodeError(`${operation}: expected a list, got ${describeShape(value, scrub)}`, { operation });
  }
  return value.map((item) => unwrap(item, key, operation, scrub));
}

/** `backup_size` as a number, `allow_resize_without_reboot` under its wire name. */
export function normalizeBackup(wire: OnAppWireBackup): OnAppBackup {
  // A spread copy, then fixes in place: V8 copies by spread on a fast path, where a rest
  // destructuring (`const { backup_size, ...rest } = wire`) takes a generic, slower one.
  const backup: OnAppBackup & { allowed_resize_without_reboot?: boolean } = { ...wire } as OnAppBackup;
  // The vendor's field list says `allowed_resize_without_reboot`, which servers do not send.
  if ("allowed_resize_without_reboot" in backup) {
    backup.allow_resize_without_reboot ??= backup.allowed_resize_without_reboot;
    delete backup.allowed_resize_without_reboot;
  }
  const size: unknown = wire.backup_size;
  if (typeof size === "string" && /^\d+$/.test(size.trim())) backup.backup_size = Number(size);
  return backup;
}

function describeShape(value: unknown, scrub: Scrub): string {
  if (value === undefined) return "no body";
  if (Array.isArray(value)) return "a list";
  // Key names are the server's text: a server that echoes a credential may use it as a key.
  // Scrubbed before it is cut: a key cut in two would no longer match, and its head would show.
  const keys = isRecord(value) ? scrub(Object.keys(value).slice(0, 5).join(", ")).slice(0, 200) : "";
  if (isRecord(value)) return `an object with keys ${keys || "(none)"}`;
  return typeof value;
}

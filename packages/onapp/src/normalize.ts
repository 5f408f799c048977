/**
 * Normalisation of OnApp records: the wire has drifted across releases and its docs disagree
 * with it, so the client smooths the known differences once, here, after validation.
 */
import { DecodeError, isRecord } from "@backupkit/core";
import type { OnAppBackup } from "./types.js";

/** Unwraps Rails' `{ "<root>": {...} }` envelope, checking that the root is the one promised. */
export function unwrap(value: unknown, root: string, operation: string): Record<string, unknown> {
  const inner = isRecord(value) ? value[root] : undefined;
  if (!isRecord(inner)) {
    throw new DecodeError(
      `${operation}: expected an object with a "${root}" key, got ${describeShape(value)}`,
      {
        operation,
      },
    );
  }
  return inner;
}

/** Unwraps a list of envelopes (`[{ "backup": {...} }, ...]`). */
export function unwrapList(value: unknown, root: string, operation: string): Record<string, unknown>[] {
  if (!Array.isArray(value)) {
    throw new DecodeError(`${operation}: expected a list, got ${describeShape(value)}`, { operation });
  }
  return value.map((item) => unwrap(item, root, operation));
}

/** `backup_size` as a number, `allow_resize_without_reboot` under its wire name. */
export function normalizeBackup(wire: Record<string, unknown>): OnAppBackup {
  const backup: Record<string, unknown> = { ...wire };
  if ("allowed_resize_without_reboot" in backup) {
    backup.allow_resize_without_reboot ??= backup.allowed_resize_without_reboot;
    delete backup.allowed_resize_without_reboot;
  }
  if (typeof backup.backup_size === "string" && /^\d+$/.test(backup.backup_size.trim())) {
    backup.backup_size = Number(backup.backup_size.trim());
  }
  return backup as OnAppBackup;
}

function describeShape(value: unknown): string {
  if (value === undefined) return "no body";
  if (Array.isArray(value)) return "a list";
  if (isRecord(value)) return `an object with keys ${Object.keys(value).slice(0, 5).join(", ") || "(none)"}`;
  return typeof value;
}

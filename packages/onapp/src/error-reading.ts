/**
 * How OnApp's (Rails') error bodies read. Loaded with the first error answer; it imports nothing
 * from core at run time (see `ApiProfile.errorReading`).
 */
import type { ErrorHelpers } from "@backupkit/core";

/** `<errors><error>a</error></errors>` decodes to `{errors: {error: "a"}}`; users read `{errors: ["a"]}`. */
export function errorBody(value: unknown, { isRecord }: ErrorHelpers): unknown {
  const errors = isRecord(value) ? value.errors : undefined;
  if (isRecord(errors) && errors.error !== undefined) {
    return { errors: Array.isArray(errors.error) ? errors.error : [errors.error] };
  }
  return value;
}

/**
 * The message in a Rails error body: `{"errors": ["..."]}`, `{"errors": {"field": ["..."]}}`
 * (`base` holds messages about the whole object) or `{"error": "..."}`.
 */
export function errorMessage(body: unknown, { isRecord, textOf }: ErrorHelpers): string | undefined {
  if (typeof body === "string") return body.trim() || undefined;
  if (!isRecord(body)) return undefined;
  const { errors, error } = body;
  if (Array.isArray(errors)) return errors.map(textOf).join("; ") || undefined;
  if (isRecord(errors)) {
    const parts = Object.entries(errors).map(([field, messages]) => {
      const list = Array.isArray(messages) ? messages.map(textOf).join(", ") : textOf(messages);
      return field === "base" ? list : `${field} ${list}`;
    });
    return parts.join("; ") || undefined;
  }
  return error === undefined ? undefined : textOf(error) || undefined;
}

/**
 * Argument checks for path parameters. A bad id is an InvalidArgumentError before any request,
 * never a request to a surprising URL: `getBackup("../tokens")` must not reach `/tokens`.
 */
import { InvalidArgumentError } from "./errors.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f]/;
// Free text may hold tabs and newlines, nothing else below 0x20.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const TEXT_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const MAX_LENGTH = 255;

/** Checks a string id used as one URL path segment and returns it. */
export function stringId(name: string, value: unknown, operation?: string): string {
  const where = operation ? `${operation}: ` : "";
  if (typeof value !== "string") {
    throw new InvalidArgumentError(`${where}${name} must be a string, got ${describe(value)}`, { operation });
  }
  if (value.trim() === "") throw new InvalidArgumentError(`${where}${name} must not be empty`, { operation });
  if (value.length > MAX_LENGTH) {
    throw new InvalidArgumentError(
      `${where}${name} is ${value.length} characters long; at most ${MAX_LENGTH} are allowed`,
      {
        operation,
      },
    );
  }
  if (CONTROL.test(value))
    throw new InvalidArgumentError(`${where}${name} contains a control character`, { operation });
  // Node 20 has String#isWellFormed (ES2024); the project's lib setting is ES2023.
  if (!(value as unknown as { isWellFormed(): boolean }).isWellFormed()) {
    throw new InvalidArgumentError(`${where}${name} is not well-formed text (a lone UTF-16 surrogate)`, {
      operation,
    });
  }
  if (value === "." || value === ".." || /[/\\]/.test(value)) {
    throw new InvalidArgumentError(
      `${where}${name} must be a single path segment, not ${JSON.stringify(value)}`,
      {
        operation,
      },
    );
  }
  return value;
}

/** Checks a positive integer id given as a number or a string of digits, and returns the number. */
export function integerId(name: string, value: unknown, operation?: string): number {
  const where = operation ? `${operation}: ` : "";
  const number = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number) || number < 1) {
    throw new InvalidArgumentError(`${where}${name} must be a positive integer, got ${describe(value)}`, {
      operation,
    });
  }
  return number;
}

/** Checks an optional free-text field (a backup note, an image name) for length and control characters. */
export function optionalText(
  name: string,
  value: unknown,
  operation?: string,
  max = MAX_LENGTH,
): string | undefined {
  if (value === undefined) return undefined;
  const where = operation ? `${operation}: ` : "";
  if (typeof value !== "string") {
    throw new InvalidArgumentError(`${where}${name} must be a string, got ${describe(value)}`, { operation });
  }
  if (value.length > max) {
    throw new InvalidArgumentError(`${where}${name} is longer than ${max} characters`, { operation });
  }
  if (TEXT_CONTROL.test(value)) {
    throw new InvalidArgumentError(`${where}${name} contains a control character`, { operation });
  }
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return typeof value;
}

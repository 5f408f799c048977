/**
 * Optional checking of response bodies against the spec. Each client ships validators that Ajv
 * compiled from its spec at build time (standalone code), in a module of their own that is
 * imported the first time a body is checked, together with this one: with `validate` off,
 * neither is ever loaded, nor Ajv's runtime, and nothing is compiled at run time.
 */
import type { ContractIssue, ErrorContext } from "./errors.js";
import type { Logger } from "./options.js";
import { shared } from "./slow-path-link.js";

/** `validate` option: off, throw a ContractError, or log and return the data. */
export type ValidateMode = boolean | "warn";

/** What Ajv reports for one failed keyword (the part of it we read). */
export interface ValidationError {
  instancePath: string;
  keyword: string;
  message?: string | undefined;
  params: Record<string, unknown>;
}

/** A compiled schema check, as Ajv's standalone code exports it. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ValidationError[] | null | undefined;
}

/** Validators keyed `<operationId>_<status>`, as the generator writes them. */
export type Validators = Readonly<Record<string, Validator | undefined>>;

/** Turns Ajv's errors into issues with JSON paths such as `$.backup[0].status`. */
export function toIssues(errors: readonly ValidationError[] | null | undefined): ContractIssue[] {
  return (errors ?? []).map((error) => {
    let path = "$";
    for (const segment of error.instancePath.split("/").slice(1)) {
      const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
      path += /^\d+$/.test(key)
        ? `[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(key)
          ? `.${key}`
          : `[${JSON.stringify(key)}]`;
    }
    const extra =
      error.keyword === "required"
        ? ` (${String(error.params.missingProperty)})`
        : error.keyword === "enum"
          ? `: ${JSON.stringify(error.params.allowedValues)}`
          : "";
    return { path, message: `${error.message ?? error.keyword}${extra}` };
  });
}

/**
 * Checks a decoded body with its validator. Returns the issues found (empty when it conforms or
 * nothing is declared for that status); with mode `true` it throws a ContractError naming the
 * first failing path instead.
 */
export function checkBody(
  validate: Validator | undefined,
  operationId: string,
  status: number,
  body: unknown,
  mode: ValidateMode,
  context: ErrorContext = {},
): ContractIssue[] {
  if (!mode || !validate || validate(body)) return [];
  const issues = toIssues(validate.errors);
  if (mode === true) {
    const first = issues[0];
    throw new shared.ContractError(
      `Response of ${operationId} (${status}) violates the spec at ${first?.path ?? "$"}: ${first?.message ?? "invalid"}`,
      issues,
      { ...context, status },
    );
  }
  return issues;
}

/**
 * Checks a decoded success body with the client's validator for its operation and status, as
 * `mode` says: a violation throws a ContractError (`true`) or is logged (`"warn"`).
 */
export async function checkResponse(check: {
  validators: () => Promise<Validators>;
  mode: ValidateMode;
  logger: Logger;
  operationId: string;
  status: number;
  data: unknown;
  /** What an error reports about the answer; worked out only for a violation. */
  context: () => ErrorContext;
}): Promise<void> {
  const { operationId, status, data } = check;
  let validators: Validators;
  try {
    validators = await check.validators();
  } catch (error) {
    throw new shared.BackupKitError(`${operationId}: the validators could not be loaded`, { cause: error });
  }
  const validate = validators[`${operationId}_${status}`];
  if (!validate || validate(data)) return;
  // A violation (rare): checkBody runs the validator again for its report.
  const issues = checkBody(validate, operationId, status, data, check.mode, check.context());
  const first = issues[0];
  if (first) {
    check.logger.warn(
      `backupkit: response of ${operationId} violates the spec at ${first.path}: ${first.message}` +
        (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ""),
    );
  }
}

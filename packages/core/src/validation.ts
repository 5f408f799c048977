/**
 * Optional checking of response bodies against the spec. Each client ships validators that Ajv
 * compiled from its spec at build time (standalone code), in a module of their own that is
 * imported the first time a body is checked: with `validate` off, neither the validators nor
 * Ajv's runtime are ever loaded, and nothing is compiled at run time.
 */
import { ContractError, type ContractIssue, type ErrorContext } from "./errors.js";

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

/** Loads a client's validators once, on first use. */
export function lazyValidators(load: () => Promise<Validators>): () => Promise<Validators> {
  let loading: Promise<Validators> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

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
    throw new ContractError(
      `Response of ${operationId} (${status}) violates the spec at ${first?.path ?? "$"}: ${first?.message ?? "invalid"}`,
      issues,
      { ...context, status },
    );
  }
  return issues;
}

/**
 * Optional runtime validation of response bodies against the spec's schemas.
 *
 * Each client package ships the JSON Schemas of its spec and the validators Ajv compiled from
 * them at build time (standalone code), so checking a 10 000-item list is one compiled function
 * run, with no schema compiled at run time. Schemas without a precompiled validator are
 * compiled on first use and cached for the process.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { ContractError, type ContractIssue, type ErrorContext } from "./errors.js";

/** What `generate` writes for each client: component schemas and the success schema of each operation. */
export interface SpecSchemas {
  /** `$id` under which the components are registered, e.g. `backupkit:zcom`. */
  id: string;
  /** `components.schemas` of the bundled spec, vendor extensions removed. */
  components: Record<string, unknown>;
  /** operationId → HTTP status → JSON Schema of the JSON body. */
  responses: Record<string, Record<string, unknown>>;
  /** The same schemas compiled ahead of time, keyed `<operationId>_<status>`; used when present. */
  validators?: Record<string, ValidateFunction> | undefined;
}

/** `validate` option: off, throw a ContractError, or log and return the data. */
export type ValidateMode = boolean | "warn";

// ajv-formats is CommonJS; under NodeNext its default export arrives as the module object.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as unknown as (ajv: Ajv2020) => void;

const compiled = new WeakMap<SpecSchemas, { ajv: Ajv2020; validators: Map<string, ValidateFunction> }>();

function registryFor(schemas: SpecSchemas) {
  let entry = compiled.get(schemas);
  if (!entry) {
    const ajv = new Ajv2020({ strict: true, allErrors: false, validateFormats: true });
    addFormats(ajv);
    // OpenAPI's own schema keywords: annotations, nothing to check.
    ajv.addVocabulary(["example", "xml", "discriminator", "externalDocs"]);
    ajv.addSchema({ $id: schemas.id, $defs: schemas.components });
    entry = { ajv, validators: new Map() };
    compiled.set(schemas, entry);
  }
  return entry;
}

/** The compiled validator for an operation's success body, or undefined when it has none. */
export function validatorFor(
  schemas: SpecSchemas,
  operationId: string,
  status: number,
): ValidateFunction | undefined {
  const precompiled = schemas.validators?.[`${operationId}_${status}`];
  if (precompiled) return precompiled;
  const byStatus = schemas.responses[operationId];
  const schema = byStatus?.[String(status)] ?? byStatus?.[`${String(status)[0]}XX`] ?? byStatus?.default;
  if (schema === undefined) return undefined;
  const entry = registryFor(schemas);
  const key = `${operationId}:${status}`;
  let validate = entry.validators.get(key);
  if (!validate) {
    validate = entry.ajv.compile({ $id: `${schemas.id}/${key}`, ...(schema as object) });
    entry.validators.set(key, validate);
  }
  return validate;
}

/** Turns Ajv's errors into issues with JSON paths such as `$.backup[0].status`. */
export function toIssues(errors: readonly ErrorObject[] | null | undefined): ContractIssue[] {
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
        ? ` (${String((error.params as { missingProperty?: string }).missingProperty)})`
        : error.keyword === "enum"
          ? `: ${JSON.stringify((error.params as { allowedValues?: unknown }).allowedValues)}`
          : "";
    return { path, message: `${error.message ?? error.keyword}${extra}` };
  });
}

/**
 * Checks a decoded body. Returns the issues found (empty when it conforms); with mode `true`
 * it throws a ContractError naming the first failing path instead.
 */
export function checkBody(
  schemas: SpecSchemas,
  operationId: string,
  status: number,
  body: unknown,
  mode: ValidateMode,
  context: ErrorContext = {},
): ContractIssue[] {
  if (!mode) return [];
  const validate = validatorFor(schemas, operationId, status);
  if (!validate || validate(body)) return [];
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

/** What a client's generated operation table says about its success bodies (the part read here). */
interface TableEntry {
  operationId: string;
  responses: Readonly<Record<string, { mediaTypes: readonly string[] }>>;
}

/**
 * The `<operationId>_<status>` key of every JSON success body in a generated operation table,
 * and those among them with no function in the client's generated validators module.
 */
export function validatorCoverage(
  operations: readonly TableEntry[],
  validators: Readonly<Record<string, unknown>>,
): { expected: string[]; missing: string[] } {
  const expected = operations.flatMap((operation) =>
    Object.entries(operation.responses)
      .filter(([, response]) => response.mediaTypes.includes("application/json"))
      .map(([status]) => `${operation.operationId}_${status}`),
  );
  return { expected, missing: expected.filter((key) => typeof validators[key] !== "function") };
}

/** The suite's one validator: Ajv over a bundled spec, so examples and recordings are checked alike. */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { Doc } from "../walk.mjs";

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  a: Ajv2020,
) => void;

/** Ajv for one bundle: components registered, `#/components/schemas/X` refs resolvable. */
export function validatorFactory(doc: Doc) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...doc, $id: "spec" }, "spec");
  const rewrite = (schema: unknown): unknown =>
    JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"spec#/components/'));
  return (schema: unknown) => ajv.compile(rewrite(schema) as object);
}

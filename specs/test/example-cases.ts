/** Every example of a bundled spec, with the schema it must satisfy, found through the one spec walker. */
import { type Doc, operations, resolve } from "../walk.mjs";

export interface ExampleCase {
  /** Where the example sits, for test names: `listBackups 200 application/json vendorExample`. */
  where: string;
  operationId: string;
  /** HTTP status for responses; "request" for request bodies; "parameter <name>" for parameters. */
  status: string;
  mediaType: string;
  name: string;
  schema: unknown;
  value: unknown;
}

/** The `example` and the named `examples` of a media type or parameter, `$ref`s resolved. */
function namedValues(doc: Doc, holder: Doc): Array<[string, unknown]> {
  const values: Array<[string, unknown]> = [];
  if ("example" in holder) values.push(["example", holder.example]);
  for (const [name, example] of Object.entries(holder.examples ?? {}))
    values.push([name, resolve(doc, example).value]);
  return values;
}

export function examples(doc: Doc): ExampleCase[] {
  const out: ExampleCase[] = [];
  const collect = (operationId: string, status: string, content: Doc | undefined) => {
    for (const [mediaType, media] of Object.entries<Doc>(content ?? {})) {
      for (const [name, value] of namedValues(doc, media)) {
        const where = `${operationId} ${status} ${mediaType} ${name}`;
        out.push({ where, operationId, status, mediaType, name, schema: media.schema, value });
      }
    }
  };
  for (const { operation, parameters } of operations(doc)) {
    const operationId: string = operation.operationId;
    for (const param of parameters) {
      for (const [name, value] of namedValues(doc, param)) {
        out.push({
          where: `${operationId} parameter ${param.name} ${name}`,
          operationId,
          status: `parameter ${param.name}`,
          mediaType: "",
          name,
          schema: param.schema,
          value,
        });
      }
    }
    collect(operationId, "request", resolve(doc, operation.requestBody)?.content);
    for (const [status, response] of Object.entries(operation.responses ?? {}))
      collect(operationId, status, resolve(doc, response)?.content);
  }
  return out;
}

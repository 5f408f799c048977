// biome-ignore-all lint/suspicious/noExplicitAny: this walks untyped JSON documents of any shape.
/** Walks a bundled spec and yields every example with the schema it must satisfy. */
import { readFileSync } from "node:fs";

export type Api = "zcom" | "onapp";
export type Doc = Record<string, any>;

export function loadBundle(api: Api): Doc {
  return JSON.parse(readFileSync(new URL(`../bundled/${api}.json`, import.meta.url), "utf8"));
}

/** Follows local `$ref`s until a real object is reached. */
export function resolve(doc: Doc, value: any): any {
  let current = value;
  while (current && typeof current.$ref === "string") {
    current = current.$ref
      .slice(2)
      .split("/")
      .reduce((node: any, key: string) => node?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  }
  return current;
}

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

const METHODS = ["get", "put", "post", "delete", "patch"];

export function examples(doc: Doc): ExampleCase[] {
  const out: ExampleCase[] = [];
  const collect = (operationId: string, status: string, content: Doc | undefined) => {
    for (const [mediaType, media] of Object.entries(content ?? {})) {
      const entries: Array<[string, unknown]> = [];
      if ("example" in media) entries.push(["example", media.example]);
      for (const [name, ex] of Object.entries(media.examples ?? {}))
        entries.push([name, resolve(doc, ex).value]);
      for (const [name, value] of entries) {
        out.push({
          where: `${operationId} ${status} ${mediaType} ${name}`,
          operationId,
          status,
          mediaType,
          name,
          schema: media.schema,
          value,
        });
      }
    }
  };
  for (const [, item] of Object.entries<Doc>(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      for (const param of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) =>
        resolve(doc, p),
      )) {
        const values: Array<[string, unknown]> = [];
        if ("example" in param) values.push(["example", param.example]);
        for (const [name, ex] of Object.entries<Doc>(param.examples ?? {}))
          values.push([name, resolve(doc, ex).value]);
        for (const [name, value] of values) {
          out.push({
            where: `${op.operationId} parameter ${param.name} ${name}`,
            operationId: op.operationId,
            status: `parameter ${param.name}`,
            mediaType: "",
            name,
            schema: param.schema,
            value,
          });
        }
      }
      collect(op.operationId, "request", resolve(doc, op.requestBody)?.content);
      for (const [status, response] of Object.entries(op.responses ?? {}))
        collect(op.operationId, status, resolve(doc, response)?.content);
    }
  }
  return out;
}

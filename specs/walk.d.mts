// Types of walk.mjs, for the TypeScript tests that use it.
// biome-ignore-all lint/suspicious/noExplicitAny: bundled specs are untyped JSON of any shape.
export type Doc = Record<string, any>;
export interface SpecOperation {
  path: string;
  /** Lower case, as in the spec: `get`, `post`, ... */
  method: string;
  pathItem: Doc;
  operation: Doc;
  parameters: Doc[];
}
export declare const METHODS: readonly string[];
export declare function loadBundle(api: "zcom" | "onapp"): Doc;
export declare function resolve(doc: Doc, value: any): any;
export declare function operations(doc: Doc): SpecOperation[];

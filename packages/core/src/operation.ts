/**
 * Operation descriptors: what the generator writes for every operation of a spec, and the types
 * that turn a descriptor into the argument and result types of a call. The `Spec` parameter is
 * the operation's entry in the generated `operations` type (openapi-typescript), so a call's
 * result is the spec's success body, never a type asserted by hand.
 */

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "PATCH" | "HEAD" | "OPTIONS";

/** One success status of an operation: the media types its body may have. */
export interface SuccessResponse {
  /** Declared media types, e.g. `["application/json", "application/xml"]`; empty when no body is declared. */
  readonly mediaTypes: readonly string[];
  /** True when the spec allows the body to be absent or blank (a 202, 204, or a blank 200). */
  readonly mayBeEmpty: boolean;
}

/** A generated description of one operation of a spec. */
export interface Operation<Spec = unknown> {
  readonly operationId: string;
  readonly method: HttpMethod;
  /** Path template relative to the server, e.g. `/v2/{tenant_id}/backup`. */
  readonly path: string;
  /** Names of the path template's parameters, in order. */
  readonly pathParams: readonly string[];
  /** Names of the query parameters the spec declares. */
  readonly queryParams: readonly string[];
  /** Media types the request body may be sent in; empty when the operation takes no body. */
  readonly requestMediaTypes: readonly string[];
  /** Success status → what its body may be. */
  readonly responses: Readonly<Record<number, SuccessResponse>>;
  /** Type-level only: the spec's description of this operation. Never set at run time. */
  readonly spec?: Spec;
}

type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 205 | 206 | 207;

/** The body type of one response: its JSON form when it has one (other forms decode to the same). */
type BodyOf<Response> = Response extends { content: infer Content }
  ? Content extends { "application/json": infer Json }
    ? Json
    : Content[keyof Content]
  : undefined;

/** The spec's success body of an operation: a union over its 2xx responses. */
export type SuccessBody<Spec> = Spec extends { responses: infer Responses }
  ? { [Status in keyof Responses & SuccessStatus]: BodyOf<Responses[Status]> }[keyof Responses &
      SuccessStatus]
  : never;

type Parameters<Spec, Where extends "path" | "query"> = Spec extends { parameters: infer P }
  ? P extends { [K in Where]?: infer Value }
    ? Value
    : never
  : never;

type RequestBody<Spec> = Spec extends { requestBody?: { content: infer Content } }
  ? Content extends { "application/json": infer Json }
    ? Json
    : Content[keyof Content]
  : never;

/** What one call sends besides the descriptor: typed by the spec. */
export interface CallInput<Spec> {
  path?: Parameters<Spec, "path">;
  query?: Parameters<Spec, "query">;
  body?: RequestBody<Spec>;
}

/** Operation descriptors of a whole spec, keyed by operationId. */
export type OperationTable = Readonly<Record<string, Operation>>;

/**
 * Fills a path template. Each value is encoded as one path segment, so no argument can step out
 * of its segment (`..`, `/`, `?`, `#` all arrive encoded).
 */
export function expandPath(operation: Operation, values: Readonly<Record<string, unknown>> = {}): string {
  let out = "";
  let from = 0;
  const template = operation.path;
  for (;;) {
    const open = template.indexOf("{", from);
    if (open < 0) return out + template.slice(from);
    const close = template.indexOf("}", open);
    const name = template.slice(open + 1, close);
    const value = values[name];
    if (value === undefined || value === null) {
      throw new TypeError(`${operation.operationId}: path parameter ${name} is missing`);
    }
    out += template.slice(from, open) + encodeSegment(String(value));
    from = close + 1;
  }
}

/** Characters a path segment carries as they are (ids are usually made of nothing else). */
const PLAIN_SEGMENT = /^[\w~-]+$/;

/** encodeURIComponent that also encodes `.` segments and never throws on lone surrogates. */
function encodeSegment(value: string): string {
  if (PLAIN_SEGMENT.test(value)) return value;
  if (value === "." || value === "..") return value.replace(/\./g, "%2E");
  // Node 20 has String#toWellFormed (ES2024); the project's lib setting is ES2023.
  return encodeURIComponent((value as unknown as { toWellFormed(): string }).toWellFormed());
}

/** `?a=1&b=2` for the defined values of a query object, or an empty string. */
export function queryString(query: Readonly<Record<string, unknown>> | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

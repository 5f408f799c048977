/**
 * A hooked client's calls reach its hooks and the wire in the order they were made, also when
 * something else (a paged walk, an error answer, a login) has already loaded the slow path that
 * holds the hook wrapping, and a call comes one turn after another.
 */
import { expect, it } from "vitest";
import { slowPath } from "../src/load-slow-path.js";
import type { Operation } from "../src/operation.js";
import { ClientRuntime } from "../src/runtime.js";

const get = (operationId: string): Operation<unknown> => ({
  operationId,
  method: "GET",
  path: `/${operationId}`,
  pathParams: [],
  queryParams: [],
  requestMediaTypes: [],
  responses: { 200: { mediaTypes: ["application/json"], mayBeEmpty: false } },
});

it("keeps two hooked calls a turn apart in order once the slow path has loaded", async () => {
  await slowPath();
  const hooks: string[] = [];
  const wire: string[] = [];
  const runtime = new ClientRuntime({
    profile: {},
    baseUrl: "http://127.0.0.1:9",
    allowedOrigins: ["http://127.0.0.1:9"],
    defaultUserAgent: "test",
    where: "test",
    onRequest: (info) => hooks.push(info.operationId),
    // A fetch that answers at once: what is recorded is the order the calls were sent in.
    fetch: async (input) => {
      wire.push(new URL(input instanceof Request ? input.url : String(input)).pathname);
      return new Response("{}", { headers: { "content-type": "application/json" } });
    },
  });
  const first = runtime.call(get("first"), {} as never);
  await null;
  const second = runtime.call(get("second"), {} as never);
  await Promise.all([first, second]);
  expect(hooks).toEqual(["first", "second"]);
  expect(wire).toEqual(["/first", "/second"]);
});

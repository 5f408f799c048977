/**
 * The transport as a `fetch`, for openapi-fetch's result-style `raw` client: the same
 * timeouts, retries, redirects and limits as the typed methods. Loaded with the raw client, on
 * its first call.
 */
import { shared } from "./slow-path-link.js";
import type { CallOptions, TransportEvents, TransportOptions } from "./transport.js";

export function createCallFetch(
  options: TransportOptions,
  allowedOrigins: readonly string[],
  call: CallOptions = {},
  events: TransportEvents = {},
  defaultHeaders: Readonly<Record<string, string>> = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.body ? await request.arrayBuffer() : undefined;
    // The client's own headers go under the request's: what the caller set for this request wins.
    const headers: Record<string, string> = { ...defaultHeaders };
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    const received = await shared.send(
      options,
      allowedOrigins,
      { method: request.method.toUpperCase(), url: request.url, headers, body },
      { ...call, signal: call.signal ?? request.signal },
      events,
    );
    const answered: [string, string][] = [];
    received.headers.forEach((value, name) => {
      answered.push([name, value]);
    });
    const response = new Response(shared.NULL_BODY_STATUSES.has(received.status) ? null : received.body, {
      status: received.status,
      statusText: received.statusText,
      headers: answered,
    });
    Object.defineProperty(response, "url", { value: received.url });
    return response;
  };
}

/**
 * The transport as a `fetch`, for openapi-fetch's result-style `raw` client: the same
 * timeouts, retries, redirects and limits as the typed methods. Loaded with the raw client, on
 * its first call.
 */

import { errorHeaders, errorUrl, undecodable } from "./answer-errors.js";
import type { RawCredentials, RequestCredentials } from "./runtime.js";
import { shared } from "./slow-path-link.js";
import type { CallOptions, TransportEvents, TransportOptions } from "./transport.js";

/** What a reason phrase may not hold (RFC 9110: HTAB, SP, visible and obs-text characters only). */
const NOT_REASON_PHRASE = /[^\t\x20-\x7e\x80-\xff]/g;

export function createCallFetch(
  options: TransportOptions,
  allowedOrigins: readonly string[],
  call: CallOptions = {},
  events: TransportEvents = {},
  defaultHeaders: Readonly<Record<string, string>> = {},
  credentials?: RequestCredentials,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const method = request.method.toUpperCase();
    const body = request.body ? await request.arrayBuffer() : undefined;
    const send = async (given: RawCredentials | undefined) => {
      // The client's own headers go under the request's: what the caller set for this request wins.
      const headers: Record<string, string> = { ...defaultHeaders };
      for (const [name, value] of Object.entries(given?.headers ?? {})) headers[name.toLowerCase()] = value;
      request.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return shared.send(
        options,
        allowedOrigins,
        { method, url: request.url, headers, body },
        { ...call, signal: call.signal ?? request.signal },
        events,
      );
    };
    // A refused token is dropped (else every later call would send it again until it expires);
    // with a fresh one to be had, the request goes once more, and a second 401 is the answer.
    const first = await credentials?.(request);
    let received = await send(first);
    if (received.status === 401 && first?.refused?.()) {
      const second = await credentials?.(request);
      received = await send(second);
      if (received.status === 401) second?.refused?.();
    }
    const { status } = received;
    const { secrets } = events;
    // For errors: after a redirect the URL is the server's own, which may echo a secret, escaped too.
    const shownUrl = () => errorUrl(secrets, received.url);
    // What a Response can hold (fetch itself fails the rest); node:http hands over any three digits.
    if (status < 200 || status > 599) {
      const url = shownUrl();
      throw new shared.ConnectionError(
        `${method} ${url} was answered with status ${status}, which is not a final HTTP status`,
        { method, url, status },
      );
    }
    const answered: [string, string][] = [];
    const answer = shared.NULL_BODY_STATUSES.has(status) ? null : received.body;
    // openapi-fetch goes by Content-Length: it parses a body without one itself, past `json()`
    // below, and takes "0" for no body. So the length given is that of the body held here, whole
    // and inflated, not the wire's (chunked, or compressed). A HEAD's describes another answer.
    const resized = answer !== null && method !== "HEAD";
    received.headers.forEach((value, name) => {
      if (!resized || (name !== "content-length" && name !== "transfer-encoding"))
        answered.push([name, value]);
    });
    if (resized) answered.push(["content-length", String(answer.byteLength)]);
    const response = new Response(answer, {
      status,
      // A reason phrase may hold only tabs, spaces and visible characters; node:http passes any.
      statusText: received.statusText.replace(NOT_REASON_PHRASE, ""),
      headers: answered,
    });
    Object.defineProperty(response, "url", { value: received.url });
    // openapi-fetch reads a success body with `json()`, whose SyntaxError names no request and
    // quotes the body (a short one whole, a password included): here it is a typed DecodeError
    // that quotes a scrubbed excerpt, as a typed call's is.
    Object.defineProperty(response, "json", {
      value: async () => {
        const text = await response.text();
        try {
          return JSON.parse(text);
        } catch (error) {
          const context = {
            method,
            url: shownUrl(),
            status,
            headers: errorHeaders(received.headers, secrets),
          };
          throw undecodable(
            text,
            shared.JSON_MEDIA_TYPE,
            error,
            context,
            secrets,
            received.headers.get("content-type"),
          );
        }
      },
    });
    return response;
  };
}

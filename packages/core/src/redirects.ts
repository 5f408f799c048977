/**
 * Following a redirect without leaking credentials: only to an allowed origin, never to a
 * Location that carries user info, at most five hops. Loaded on the first redirect.
 */
import { scrubText } from "./answer-errors.js";
import { shared } from "./slow-path-link.js";
import type { Deadline, Exchange, Hop, ReceivedResponse, Redirect } from "./transport.js";

/**
 * Follows the redirect `response` of `hop`, and any that come after it, to the answer, all
 * before the attempt's `deadline`.
 */
export async function followRedirects(
  exchange: Exchange,
  hop: Hop,
  redirect: Redirect,
  deadline: Deadline,
): Promise<ReceivedResponse> {
  for (let count = 0; ; count++) {
    hop = nextHop(exchange, hop, redirect, count);
    const next = await shared.attemptOnce(exchange, hop, deadline);
    if (!("redirect" in next)) return next;
    redirect = next;
  }
}

/** The request a redirect asks for, or a RedirectRefusedError when it may not be followed. */
function nextHop(exchange: Exchange, hop: Hop, redirect: Redirect, count: number): Hop {
  const { location, status } = redirect;
  const next = URL.canParse(location, hop.url) ? new URL(location, hop.url) : undefined;
  // User info in a Location would be sent on (fetch refuses it, quoting the URL in its error).
  const withCredentials = next !== undefined && (next.username !== "" || next.password !== "");
  if (
    !next ||
    withCredentials ||
    !exchange.allowedOrigins.includes(next.origin) ||
    count >= shared.MAX_REDIRECTS
  ) {
    const { method, secrets } = exchange;
    const url = shared.safeUrl(exchange);
    // The other origin is the server's to choose, and may be made of a secret. It is named only
    // when the Location as sent holds no secret and holds the host as parsed: the parser drops
    // tabs and lower-cases a host, which could turn a secret into one no longer recognised.
    const named =
      next !== undefined &&
      location.includes(next.host) &&
      (!secrets || scrubText(secrets, location) === location);
    const origin = named ? next.origin : "[redacted]";
    throw new shared.RedirectRefusedError(
      count >= shared.MAX_REDIRECTS
        ? `Too many redirects from ${method} ${url}`
        : withCredentials
          ? `Refused to follow a redirect from ${method} ${url}: its Location carries credentials`
          : next
            ? `Refused to follow a redirect from ${method} ${url} to another origin (${origin}): credentials are only sent to the configured host`
            : `Refused to follow a redirect from ${method} ${url}: its Location is not a valid URL`,
      { method, url, status },
    );
  }
  // As fetch does: 303, and 301/302 after a POST, turn into a GET without the body.
  if (status === 303 || ((status === 301 || status === 302) && hop.method === "POST")) {
    const { "content-type": _dropped, ...headers } = hop.headers;
    return { url: next.toString(), method: "GET", headers, body: undefined };
  }
  return { ...hop, url: next.toString() };
}

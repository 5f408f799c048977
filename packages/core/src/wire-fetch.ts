/**
 * The wire over a `fetch`: the one the caller gave (a mock, a proxy's dispatcher), or the
 * global one where node:http is missing. Loaded on the first call that uses it.
 */
import type { Exchange, ReceivedResponse, Wire, WireHelpers } from "./transport.js";

const NO_BYTES = new Uint8Array(0);

/** Whether fetch takes `value` as a header value: no NUL, CR or LF, nothing past U+00FF. */
function isHeaderValue(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code === 0 || code === 10 || code === 13 || code > 0xff) return false;
  }
  return true;
}

export function createWire({ isUtf8, nullBody, redirects, tooLarge }: WireHelpers): Wire {
  return async (exchange, hop, signal) => {
    // Checked here, not left to fetch: its message would quote the value, which may be a token.
    for (const name in hop.headers) {
      if (!isHeaderValue(hop.headers[name] as string))
        throw new TypeError(`header ${name} has a value that is not valid HTTP`);
    }
    const response = await (exchange.fetch ?? globalThis.fetch)(hop.url, {
      method: hop.method,
      headers: hop.headers,
      body: hop.body as RequestInit["body"],
      signal,
      // We follow redirects ourselves, so a Location to another host never sees a token.
      redirect: "manual",
    });
    const { status } = response;
    const location = response.headers.get("location");
    if (redirects.has(status) && location !== null) {
      await response.body?.cancel().catch(() => {});
      return { redirect: true, status, location };
    }
    const body = nullBody.has(status) ? NO_BYTES : await readBody(response, exchange, signal);
    return {
      status,
      statusText: response.statusText,
      url: response.url || hop.url,
      headers: response.headers,
      body: typeof body === "string" ? NO_BYTES : body,
      text: typeof body === "string" ? body : undefined,
    } satisfies ReceivedResponse;
  };

  /**
   * Reads a body, refusing it as soon as it passes the limit: a declared length over the limit
   * is refused before any byte is read, and an undeclared one is counted while it streams.
   */
  async function readBody(
    response: Response,
    exchange: Exchange,
    signal: AbortSignal,
  ): Promise<Uint8Array | string> {
    const { maxBytes } = exchange;
    const length = response.headers.get("content-length");
    const declared = length === null ? Number.NaN : Number(length);
    if (declared > maxBytes) {
      await response.body?.cancel().catch(() => {});
      throw await tooLarge(exchange, response, `${declared} bytes`);
    }
    // fetch checks a declared length itself, so it can read in one piece; but a compressed body's
    // length says nothing of what it inflates to, so that one is counted as it streams.
    if (Number.isFinite(declared) && !response.headers.has("content-encoding")) {
      // A UTF-8 body straight to text, when the caller decodes it anyway: arrayBuffer() copies the
      // bytes once more, into a new buffer as large as the body, a quarter of a large list's call.
      // Anyone else (the raw client) gets the bytes exactly as they came.
      return exchange.asText && isUtf8(response.headers.get("content-type"))
        ? await response.text()
        : new Uint8Array(await response.arrayBuffer());
    }
    const reader = response.body?.getReader();
    if (!reader) return NO_BYTES;
    const chunks: Uint8Array[] = [];
    let total = 0;
    // Node 20's fetch can leave a read pending past the signal while it inflates a body of two
    // codings; cancelling ends the read, and the abort is then thrown below.
    const stop = () => {
      reader.cancel().catch(() => {});
    };
    signal.addEventListener("abort", stop, { once: true });
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        total += value.byteLength;
        if (total > maxBytes) {
          await reader.cancel().catch(() => {});
          throw await tooLarge(exchange, response, "larger");
        }
        chunks.push(value);
      }
    } finally {
      signal.removeEventListener("abort", stop);
    }
    if (signal.aborted) throw signal.reason;
    if (chunks.length === 1) return chunks[0] as Uint8Array;
    const body = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      body.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return body;
  }
}

/**
 * The default wire: node:http and node:https on Node's global keep-alive agent. Per call it
 * costs about half the CPU of Node 20's fetch (bench/analysis.md), which on a small list is
 * more than the rest of the client. It behaves as the fetch wire does where it matters: it
 * never follows a redirect (transport.ts does, within the allowed origins), undoes gzip,
 * deflate and brotli as it reads, counts the bytes it inflates against the limit, strips a
 * UTF-8 byte order mark from text, and refuses a URL with user info instead of sending it on
 * as credentials. Loaded on the first call.
 */
import { setMaxListeners } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import type { ReceivedResponse, Redirect, ResponseHeaders, Wire, WireHelpers } from "./transport.js";

type Zlib = typeof import("node:zlib");
type SendRequest = typeof httpRequest;

const NO_BYTES = new Uint8Array(0);
/** The content codings fetch undoes. A body in any other (or in more than five layers) comes as it is, as from fetch. */
const DECODERS: Readonly<Record<string, (zlib: Zlib) => NodeJS.ReadWriteStream>> = {
  gzip: (zlib) => zlib.createGunzip(),
  "x-gzip": (zlib) => zlib.createGunzip(),
  deflate: (zlib) => zlib.createInflate(),
  br: (zlib) => zlib.createBrotliDecompress(),
};
const MAX_CODINGS = 5;
// node:https (with TLS and crypto) and node:zlib load on first need: together they are about
// 10 ms of a process's start, and a panel on plain http that never compresses needs neither.
let https: Promise<SendRequest> | undefined;
let zlib: Promise<Zlib> | undefined;

export function createWire({ isUtf8, nullBody, attemptsPerSignal, tooLarge }: WireHelpers): Wire {
  let raised: AbortSignal | undefined;
  return (exchange, hop, signal) => {
    const url = new URL(hop.url);
    // fetch refuses such a URL; node:http would send the user info on as Basic credentials.
    if (url.username !== "" || url.password !== "")
      throw new TypeError("a URL with user info is never requested");
    // Attempts share deadline signals (transport.ts), so more listeners than Node's default of
    // 10 is no leak. Raised once per signal: consecutive attempts mostly share one.
    if (signal !== raised) {
      setMaxListeners(attemptsPerSignal + 1, signal);
      raised = signal;
    }
    if (url.protocol === "http:") return exchangeOver(httpRequest, url);
    if (url.protocol !== "https:") throw new TypeError(`${url.protocol} URLs are not supported`);
    https ??= import("node:https").then((module) => module.request);
    return https.then((request) => exchangeOver(request, url));

    function exchangeOver(send: SendRequest, url: URL): Promise<ReceivedResponse | Redirect> {
      return new Promise((resolve, reject) => {
        let settled = false;
        let response: IncomingMessage | undefined;
        const fail = (error: unknown) => {
          if (settled) return;
          settled = true;
          response?.destroy();
          reject(error);
        };
        const failTooLarge = (answer: { status: number; headers: ResponseHeaders }, size: string) => {
          if (settled) return;
          settled = true;
          response?.destroy();
          tooLarge(exchange, answer, size).then(reject, reject);
        };

        const request = send(url, { method: hop.method, headers: hop.headers, signal });
        // Stays attached after the answer: a late socket error must not become an uncaught one.
        request.on("error", fail);
        // What fetch would add; a caller's own value wins. (Brotli only over TLS, as fetch does.)
        if (!request.hasHeader("accept-encoding")) {
          request.setHeader(
            "accept-encoding",
            url.protocol === "https:" ? "gzip, deflate, br" : "gzip, deflate",
          );
        }
        const { body } = hop;
        if (typeof body === "string" && !request.hasHeader("content-type")) {
          request.setHeader("content-type", "text/plain;charset=UTF-8");
        }
        request.end(body instanceof ArrayBuffer ? new Uint8Array(body) : body);

        request.on("response", (res) => {
          response = res;
          try {
            read(res);
          } catch (error) {
            fail(error);
          }
        });

        function read(res: IncomingMessage) {
          const status = res.statusCode ?? 0;
          const headers = new NodeHeaders(res.rawHeaders);
          // A body closed early is a reset, worth a retry as fetch's "terminated" is.
          res.on("close", () => {
            if (!res.complete) {
              const error = new Error("the connection closed before the body was complete");
              fail(Object.assign(error, { code: "ECONNRESET" }));
            }
          });
          res.on("error", fail);
          const location = headers.get("location");
          if (status >= 300 && status < 400 && location !== null) {
            settled = true;
            res.destroy();
            resolve({ redirect: true, status, location });
            return;
          }
          const declared = Number(res.headers["content-length"] ?? Number.NaN);
          if (declared > exchange.maxBytes) return failTooLarge({ status, headers }, `${declared} bytes`);
          if (nullBody.has(status)) {
            res.resume();
            return finish(status, res, headers, []);
          }
          const layers = codings(res.headers["content-encoding"]);
          if (!layers) return collect(status, res, headers, res);
          // The body waits in the socket (the response is paused until read) while zlib loads.
          zlib ??= import("node:zlib");
          zlib
            .then((loaded) => {
              if (!settled) collect(status, res, headers, decoded(loaded, res, layers));
            })
            .catch(fail);
        }

        function collect(status: number, res: IncomingMessage, headers: ResponseHeaders, source: Readable) {
          const chunks: Buffer[] = [];
          let total = 0;
          source.on("data", (chunk: Buffer) => {
            if (settled) return;
            total += chunk.byteLength;
            // Counted after inflating: a small compressed body may not grow past the limit.
            if (total > exchange.maxBytes) return failTooLarge({ status, headers }, "larger");
            chunks.push(chunk);
          });
          source.on("end", () => finish(status, res, headers, chunks));
        }

        /** The body after undoing its content codings, last applied first. */
        function decoded(loaded: Zlib, res: IncomingMessage, layers: string[]): Readable {
          let source: Readable = res;
          for (let i = layers.length - 1; i >= 0; i--) {
            const decoder = (DECODERS[layers[i] as string] as (zlib: Zlib) => NodeJS.ReadWriteStream)(loaded);
            decoder.on("error", fail);
            source = source.pipe(decoder) as unknown as Readable;
          }
          return source;
        }

        function finish(status: number, res: IncomingMessage, headers: ResponseHeaders, chunks: Buffer[]) {
          if (settled) return;
          settled = true;
          const asText = exchange.asText && isUtf8(res.headers["content-type"] ?? null);
          resolve({
            status,
            statusText: res.statusMessage ?? "",
            url: hop.url,
            headers,
            body: asText ? NO_BYTES : joined(chunks),
            text: asText ? text(chunks) : undefined,
          });
        }
      });
    }
  };
}

/** The content codings to undo, in the order they were applied, or undefined to take the body as it is. */
function codings(header: string | undefined): string[] | undefined {
  if (!header) return undefined;
  const layers = header.split(",").map((layer) => layer.trim().toLowerCase());
  return layers.length <= MAX_CODINGS && layers.every((layer) => DECODERS[layer]) ? layers : undefined;
}

/**
 * The headers of a node:http response, read as fetch's `Headers` reads them (names in any case,
 * repeated headers joined by ", ", each Set-Cookie apart when iterated) without its cost: the
 * first `Headers` of a process loads all of undici, about 30 ms, and each one sorts its names.
 */
class NodeHeaders implements ResponseHeaders {
  readonly #values = new Map<string, string[]>();

  constructor(raw: readonly string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = (raw[i] as string).toLowerCase();
      const value = (raw[i + 1] as string).trim();
      const values = this.#values.get(name);
      if (values) values.push(value);
      else this.#values.set(name, [value]);
    }
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase())?.join(", ") ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const name of [...this.#values.keys()].sort()) {
      const values = this.#values.get(name) as string[];
      if (name === "set-cookie") for (const value of values) callback(value, name);
      else callback(values.join(", "), name);
    }
  }
}

/** UTF-8 text, without the byte order mark that fetch's `text()` drops too. */
function text(chunks: Buffer[]): string {
  const whole = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
  const decoded = whole.toString("utf8");
  return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
}

/**
 * The bytes in a buffer of their own: a chunk may be a slice of a larger pooled buffer, and its
 * `.buffer` would hand the caller whatever else that pool holds.
 */
function joined(chunks: Buffer[]): Uint8Array {
  let total = 0;
  for (const chunk of chunks) total += chunk.byteLength;
  if (total === 0) return NO_BYTES;
  const body = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

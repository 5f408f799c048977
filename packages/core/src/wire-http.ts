/**
 * The default wire: node:http and node:https on Node's global keep-alive agent. Per call it
 * costs about half the CPU of Node 20's fetch (bench/analysis.md), which on a small list is
 * more than the rest of the client. It behaves as the fetch wire does where it matters: it
 * never follows a redirect (transport.ts does, within the allowed origins), frames every body
 * it sends, undoes gzip, deflate and brotli within the size limit, strips a UTF-8 byte order
 * mark from text, and refuses what fetch refuses (a URL with user info, which node:http would
 * send on as credentials; CONNECT, TRACE; a body on a GET). Loaded on the first call.
 */
import { setMaxListeners } from "node:events";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { promisify } from "node:util";
import type { ReceivedResponse, Redirect, ResponseHeaders, Wire, WireHelpers } from "./transport.js";

type Zlib = typeof import("node:zlib");
type SendRequest = typeof httpRequest;

const NO_BYTES = new Uint8Array(0);
/** What fetch refuses to send. */
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
/** The content codings fetch undoes; a body in any other comes as it is, as from fetch. */
const CODINGS = new Set(["gzip", "x-gzip", "deflate", "br"]);
/** More layers than this fail the call, as in fetch. */
const MAX_CODINGS = 5;
/** Where a body of unknown length starts; the buffer doubles from there, up to the limit. */
const FIRST_CAPACITY = 16 * 1024;
/**
 * The most a declared length reserves before its bytes arrive: a server that declares 60 MB and
 * sends ten bytes must not make each call in flight hold 60 MB.
 */
const MAX_RESERVED = 4 * 1024 * 1024;
// node:https (with TLS and crypto) and node:zlib load on first need: together they are about
// 10 ms of a process's start, and a panel on plain http that never compresses needs neither.
let https: Promise<SendRequest> | undefined;
let zlib: Promise<Zlib> | undefined;

/** A failure with a system code, so network-failures.ts treats it as the reset it is. */
function reset(message: string): Error {
  return Object.assign(new Error(message), { code: "ECONNRESET" });
}

export function createWire({ isUtf8, nullBody, attemptsPerSignal, tooLarge }: WireHelpers): Wire {
  let raised: AbortSignal | undefined;
  return (exchange, hop, signal) => {
    const url = new URL(hop.url);
    // fetch refuses such a URL; node:http would send the user info on as Basic credentials.
    if (url.username !== "" || url.password !== "")
      throw new TypeError("a URL with user info is never requested");
    if (FORBIDDEN_METHODS.has(hop.method)) throw new TypeError(`${hop.method} requests are not sent`);
    if (hop.body !== undefined && (hop.method === "GET" || hop.method === "HEAD")) {
      throw new TypeError(`a ${hop.method} request cannot have a body`);
    }
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
          request.destroy();
          response?.destroy();
          reject(error);
        };
        const failTooLarge = (answer: { status: number; headers: ResponseHeaders }, size: string) => {
          if (settled) return;
          settled = true;
          request.destroy();
          response?.destroy();
          tooLarge(exchange, answer, size).then(reject, reject);
        };

        const request = send(url, { method: hop.method, headers: hop.headers, signal });
        // Stays attached after the answer: a late socket error must not become an uncaught one.
        request.on("error", fail);
        // A protocol switch has no answer to read; Node hands the socket over and emits no error.
        const switched = (_res: IncomingMessage, socket: Duplex) => {
          socket.destroy();
          fail(reset("the server switched protocols instead of answering"));
        };
        request.on("upgrade", switched);
        request.on("connect", switched);
        // Whatever else ends a request without an answer or an error must not leave the call hanging.
        request.on("close", () => {
          if (!response) fail(reset("the connection closed before an answer"));
        });
        try {
          // What fetch would add; a caller's own value wins. (Brotli only over TLS, as fetch does.)
          if (!request.hasHeader("accept")) request.setHeader("accept", "*/*");
          if (!request.hasHeader("accept-encoding")) {
            request.setHeader(
              "accept-encoding",
              url.protocol === "https:" ? "gzip, deflate, br" : "gzip, deflate",
            );
          }
          const body = hop.body instanceof ArrayBuffer ? new Uint8Array(hop.body) : hop.body;
          if (body !== undefined) {
            // Node frames neither a DELETE's nor an OPTIONS's body: unframed, the server would read it as the next request.
            request.setHeader(
              "content-length",
              typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
            );
            if (typeof body === "string" && !request.hasHeader("content-type")) {
              request.setHeader("content-type", "text/plain;charset=UTF-8");
            }
          }
          request.end(body);
        } catch (error) {
          fail(error);
          return;
        }

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
            if (!res.complete) fail(reset("the connection closed before the body was complete"));
          });
          res.on("error", fail);
          const location = headers.get("location");
          if (status >= 300 && status < 400 && location !== null) {
            settled = true;
            res.destroy();
            resolve({ redirect: true, status, location });
            return;
          }
          // No body to read, whatever its Content-Length (a 304's is the representation's) or coding says.
          if (nullBody.has(status) || hop.method === "HEAD") {
            res.resume();
            return finish(status, res, headers, NO_BYTES);
          }
          const declared = Number(res.headers["content-length"] ?? Number.NaN);
          if (declared > exchange.maxBytes) return failTooLarge({ status, headers }, `${declared} bytes`);
          let body = new Uint8Array(
            declared >= 0 ? Math.min(declared, MAX_RESERVED) : Math.min(FIRST_CAPACITY, exchange.maxBytes),
          );
          let length = 0;
          res.on("data", (chunk: Buffer) => {
            if (settled) return;
            const needed = length + chunk.byteLength;
            if (needed > exchange.maxBytes) return failTooLarge({ status, headers }, "larger");
            // One buffer that grows by doubling: a body in tiny chunks costs its bytes, not a Buffer per chunk.
            if (needed > body.byteLength) {
              const grown = new Uint8Array(
                Math.min(Math.max(needed, body.byteLength * 2), exchange.maxBytes),
              );
              grown.set(body.subarray(0, length));
              body = grown;
            }
            body.set(chunk, length);
            length = needed;
          });
          res.on("end", () => {
            if (settled) return;
            const bytes = body.subarray(0, length);
            const coding = res.headers["content-encoding"];
            if (!coding || length === 0) return finish(status, res, headers, bytes);
            decode(bytes, coding, { status, headers }).then(
              (decoded) => finish(status, res, headers, decoded),
              fail,
            );
          });
        }

        /**
         * Undoes the body's content codings, last applied first. In one step per layer, once the
         * body is in: node:zlib then stops at the size limit on its own (`maxOutputLength`), where
         * a stream would inflate on after the call had failed.
         */
        async function decode(
          bytes: Uint8Array,
          coding: string,
          answer: { status: number; headers: ResponseHeaders },
        ): Promise<Uint8Array> {
          const layers = coding.split(",").map((layer) => layer.trim().toLowerCase());
          if (!layers.every((layer) => CODINGS.has(layer))) return bytes;
          if (layers.length > MAX_CODINGS) throw new Error(`too many content codings (${layers.length})`);
          zlib ??= import("node:zlib");
          const z = await zlib;
          // As fetch does: a stream cut short of its trailer still gives what it holds.
          const limit = { maxOutputLength: exchange.maxBytes };
          const zlibOptions = {
            ...limit,
            finishFlush: z.constants.Z_SYNC_FLUSH,
            flush: z.constants.Z_SYNC_FLUSH,
          };
          for (let i = layers.length - 1; i >= 0; i--) {
            const layer = layers[i] as string;
            try {
              if (layer === "br") {
                bytes = await promisify(z.brotliDecompress)(bytes, {
                  ...limit,
                  finishFlush: z.constants.BROTLI_OPERATION_FLUSH,
                  flush: z.constants.BROTLI_OPERATION_FLUSH,
                });
              } else if (layer === "deflate") {
                // Zlib-wrapped as the RFC says, or raw as some servers send it: the first byte tells.
                const wrapped = ((bytes[0] ?? 0) & 0x0f) === 0x08;
                bytes = await promisify(wrapped ? z.inflate : z.inflateRaw)(bytes, zlibOptions);
              } else {
                bytes = await promisify(z.gunzip)(bytes, zlibOptions);
              }
            } catch (error) {
              if ((error as { code?: unknown }).code === "ERR_BUFFER_TOO_LARGE") {
                throw await tooLarge(exchange, answer, "larger");
              }
              throw error;
            }
          }
          return bytes;
        }

        function finish(status: number, res: IncomingMessage, headers: ResponseHeaders, bytes: Uint8Array) {
          if (settled) return;
          settled = true;
          const asText = exchange.asText && isUtf8(res.headers["content-type"] ?? null);
          resolve({
            status,
            statusText: res.statusMessage ?? "",
            url: hop.url,
            headers,
            body: asText ? NO_BYTES : ownBuffer(bytes),
            text: asText ? text(bytes) : undefined,
          });
        }
      });
    }
  };
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
function text(bytes: Uint8Array): string {
  const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
}

/**
 * The bytes in a buffer exactly their size: the caller may read `.buffer`, which must hold
 * nothing else (a buffer grown past the body, or one of node:zlib's).
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) return NO_BYTES;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
}

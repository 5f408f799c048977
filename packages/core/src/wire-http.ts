/**
 * The default wire: node:http and node:https on Node's global keep-alive agent. Per call it
 * costs about half the CPU of Node 20's fetch (bench/analysis.md), which on a small list is
 * more than the rest of the client. It behaves as the fetch wire does where it matters: it
 * never follows a redirect (transport.ts does, within the allowed origins), frames every body
 * it sends, undoes gzip, deflate and brotli within the size limit, strips a UTF-8 byte order
 * mark from text, and refuses what fetch refuses (a URL with user info, which node:http would
 * send on as credentials; CONNECT, TRACE; a body on a GET). Loaded on the first call.
 */
import { constants, isAscii } from "node:buffer";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { Duplex, Transform } from "node:stream";
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
/**
 * What a body reserves before its bytes arrive, by its declared length or without one; the
 * buffer doubles from there. A declared length is reserved whole up to 16 MiB, so a list of
 * that size is read without a copy; past that it may be a lie (pages reserved and never written
 * cost address space, not memory, but V8 counts them towards its next collection).
 */
const RESERVED = { declared: 16 * 1024 * 1024, unknown: 64 * 1024 };
/**
 * One read buffer is kept for the next text body, up to this size and for this long idle. A
 * fresh buffer costs a page fault per 4 KiB on its first write, which on a virtual machine can
 * cost more than parsing the body (bench/analysis.md, B3). Only a body that became a string gives
 * its buffer back, so a kept buffer's bytes are never handed to a caller.
 */
const SPARE = { maxBytes: 16 * 1024 * 1024, idleMs: 5_000 };
/** The longest string V8 makes; a longer UTF-8 body is handed over as bytes. */
const MAX_TEXT_BYTES = constants.MAX_STRING_LENGTH;
/** Framing and connection headers: the wire sets them itself, as fetch does, whatever a caller passed. */
const WIRE_HEADERS = [
  "host",
  "content-length",
  "transfer-encoding",
  "connection",
  "keep-alive",
  "upgrade",
  "expect",
  "te",
  "trailer",
];
// node:https (with TLS and crypto) and node:zlib load on first need: together they are about
// 10 ms of a process's start, and a panel on plain http that never compresses needs neither.
let https: Promise<SendRequest> | undefined;
let zlib: Promise<Zlib> | undefined;
let spare: Uint8Array | undefined;
let spareTimer: ReturnType<typeof setTimeout> | undefined;

/** The kept read buffer if it holds at least `bytes`, now the caller's alone. */
function takeSpare(bytes: number): Uint8Array | undefined {
  if (spare === undefined || spare.byteLength < bytes) return undefined;
  const taken = spare;
  spare = undefined;
  return taken;
}

/** Keeps a read buffer whose text has been made, unless a larger one is kept already. */
function keepSpare(buffer: Uint8Array): void {
  // A larger one kept already stays, and its idle time starts again.
  if (buffer.byteLength <= SPARE.maxBytes && (spare?.byteLength ?? 0) < buffer.byteLength) spare = buffer;
  if (spare === undefined) return;
  if (spareTimer) spareTimer.refresh();
  else {
    spareTimer = setTimeout(() => {
      spare = undefined;
      spareTimer = undefined;
    }, SPARE.idleMs);
    // A kept buffer never holds a process open.
    spareTimer.unref();
  }
}

/** A failure with a system code, so network-failures.ts treats it as the reset it is. */
function reset(message: string): Error {
  return Object.assign(new Error(message), { code: "ECONNRESET" });
}

export function createWire({ isUtf8, nullBody, redirects, tooLarge }: WireHelpers): Wire {
  return (exchange, hop, signal) => {
    const url = new URL(hop.url);
    // fetch refuses such a URL; node:http would send the user info on as Basic credentials.
    if (url.username !== "" || url.password !== "")
      throw new TypeError("a URL with user info is never requested");
    if (FORBIDDEN_METHODS.has(hop.method)) throw new TypeError(`${hop.method} requests are not sent`);
    if (hop.body !== undefined && (hop.method === "GET" || hop.method === "HEAD")) {
      throw new TypeError(`a ${hop.method} request cannot have a body`);
    }
    if (url.protocol === "http:") return exchangeOver(httpRequest);
    if (url.protocol !== "https:") throw new TypeError(`${url.protocol} URLs are not supported`);
    https ??= import("node:https").then((module) => module.request);
    return https.then(exchangeOver);

    function exchangeOver(send: SendRequest): Promise<ReceivedResponse | Redirect> {
      return new Promise((resolve, reject) => {
        let settled = false;
        let response: IncomingMessage | undefined;
        // One listener of our own rather than node:http's `signal` option, which also adds a stream
        // watcher per request: about a tenth of a small call's CPU.
        const stop = () => fail(signal.reason);
        /** Marks the exchange answered or failed; false when it already was. */
        const settle = () => {
          if (settled) return false;
          settled = true;
          signal.removeEventListener("abort", stop);
          return true;
        };
        /** Ends the exchange, connection and all; false when it had already ended. */
        const end = () => {
          if (!settle()) return false;
          request.destroy();
          response?.destroy();
          return true;
        };
        const fail = (error: unknown) => {
          if (end()) reject(error);
        };
        const failTooLarge = (answer: { status: number; headers: ResponseHeaders }, size: string) => {
          if (end()) tooLarge(exchange, answer, size).then(reject, reject);
        };

        if (signal.aborted) {
          reject(signal.reason);
          return;
        }
        const request = send(url, { method: hop.method, headers: ownHeaders(hop.headers) });
        signal.addEventListener("abort", stop, { once: true });
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
          if (redirects.has(status) && location !== null) {
            settle();
            res.destroy();
            resolve({ redirect: true, status, location });
            return;
          }
          // No body to read, whatever its Content-Length (a 304's is the representation's) or coding says.
          if (nullBody.has(status) || hop.method === "HEAD") {
            // Node reads a 205's body all the same: a server that sends one loses the connection.
            res.once("data", () => res.destroy());
            res.resume();
            return finish(status, res, headers, NO_BYTES);
          }
          const declared = Number(res.headers["content-length"] ?? Number.NaN);
          if (declared > exchange.maxBytes) return failTooLarge({ status, headers }, `${declared} bytes`);
          const coding = res.headers["content-encoding"];
          // Text without a coding gives its buffer back (keepSpare), so it may take the kept one.
          const recycle = wantsText(res) && !coding;
          const sink = new ByteSink(exchange.maxBytes, declared, recycle ? takeSpare : undefined);
          res.on("data", (chunk: Buffer) => {
            if (settled) return;
            if (!guarded(() => sink.add(chunk))) return;
            if (sink.over) failTooLarge({ status, headers }, "larger");
          });
          res.on("end", () => {
            if (settled) return;
            const bytes = sink.bytes();
            if (!coding || bytes.byteLength === 0) {
              // Once the text is made, nothing refers to the buffer any more.
              if (finish(status, res, headers, bytes) && recycle) keepSpare(sink.buffer);
              return;
            }
            decode(bytes, coding).then((decoded) => {
              if (decoded === undefined) failTooLarge({ status, headers }, "larger");
              else finish(status, res, headers, decoded);
            }, fail);
          });
        }

        /** Runs `step`, failing the call with what it throws: an exception in a listener must not escape. */
        function guarded(step: () => void): boolean {
          try {
            step();
            return true;
          } catch (error) {
            fail(error);
            return false;
          }
        }

        /**
         * Undoes the body's content codings, last applied first, once the body is in; undefined
         * when the result passes the size limit. Each layer streams through a decoder that is
         * destroyed the moment the call fails, times out or is aborted, or the output passes the
         * limit, so no inflating goes on after the call has ended.
         */
        async function decode(bytes: Uint8Array, coding: string): Promise<Uint8Array | undefined> {
          const layers = coding.split(",").map((layer) => layer.trim().toLowerCase());
          if (layers.length > MAX_CODINGS) throw new Error(`too many content codings (${layers.length})`);
          if (!layers.every((layer) => CODINGS.has(layer))) return bytes;
          zlib ??= import("node:zlib");
          const z = await zlib;
          for (let i = layers.length - 1; i >= 0; i--) {
            const inflated = await inflate(z, layers[i] as string, bytes);
            if (inflated === undefined) return undefined;
            bytes = inflated;
          }
          return bytes;
        }

        function inflate(z: Zlib, layer: string, bytes: Uint8Array): Promise<Uint8Array | undefined> {
          const decoder = decoderFor(z, layer, bytes[0] ?? 0);
          return new Promise((resolve, reject) => {
            const sink = new ByteSink(exchange.maxBytes, Number.NaN);
            // However the layer ends, the decoder goes with it: nothing inflates past the call.
            const done = (settle: () => void) => {
              signal.removeEventListener("abort", stop);
              decoder.destroy();
              settle();
            };
            const stop = () => done(() => reject(signal.reason));
            if (signal.aborted) return stop();
            signal.addEventListener("abort", stop, { once: true });
            decoder.on("data", (chunk: Buffer) => {
              try {
                sink.add(chunk);
              } catch (error) {
                return done(() => reject(error));
              }
              if (sink.over) done(() => resolve(undefined));
            });
            decoder.on("error", (error) => done(() => reject(error)));
            decoder.on("end", () => done(() => resolve(sink.bytes())));
            decoder.end(bytes);
          });
        }

        /** Whether the caller asked for text and the body is UTF-8, so that it becomes a string. */
        function wantsText(res: IncomingMessage): boolean {
          return exchange.asText && isUtf8(res.headers["content-type"] ?? null);
        }

        /** Resolves the exchange with its answer; true when the body was made text. */
        function finish(
          status: number,
          res: IncomingMessage,
          headers: ResponseHeaders,
          bytes: Uint8Array,
        ): boolean {
          if (settled) return false;
          let madeText = false;
          guarded(() => {
            // Text only where V8 can hold it as one string; past that the caller gets the bytes.
            const asText = wantsText(res) && bytes.byteLength <= MAX_TEXT_BYTES;
            const answer: ReceivedResponse = {
              status,
              statusText: res.statusMessage ?? "",
              url: hop.url,
              headers,
              body: asText ? NO_BYTES : ownBuffer(bytes),
              text: asText ? text(bytes) : undefined,
            };
            settle();
            resolve(answer);
            madeText = asText;
          });
          return madeText;
        }
      });
    }
  };
}

/** The decoder of one content coding, set to give what a stream cut short holds, as fetch does. */
function decoderFor(z: Zlib, layer: string, firstByte: number): Transform {
  const chunkSize = 64 * 1024;
  if (layer === "br") {
    const flush = z.constants.BROTLI_OPERATION_FLUSH;
    return z.createBrotliDecompress({ chunkSize, flush, finishFlush: flush });
  }
  const options = { chunkSize, flush: z.constants.Z_SYNC_FLUSH, finishFlush: z.constants.Z_SYNC_FLUSH };
  if (layer !== "deflate") return z.createGunzip(options);
  // Zlib-wrapped as the RFC says, or raw as some servers send it: the first byte tells.
  return (firstByte & 0x0f) === 0x08 ? z.createInflate(options) : z.createInflateRaw(options);
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
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // Most bodies are pure ASCII, which reads the same as Latin-1: Node makes a large one of those
  // in about half the time a UTF-8 decode takes (14 MB of XML: 25 ms against 48).
  if (isAscii(buffer)) return buffer.toString("latin1");
  const decoded = buffer.toString("utf8");
  return decoded.charCodeAt(0) === 0xfeff ? decoded.slice(1) : decoded;
}

/**
 * The bytes in a buffer exactly their size: the caller may read `.buffer`, which must hold
 * nothing else (a buffer grown past the body, or node:zlib's pooled output, which holds other
 * calls' bytes). Copied through Uint8Array's own `slice`: a Buffer's `slice` does not copy.
 */
function ownBuffer(bytes: Uint8Array): Uint8Array {
  if (bytes.byteLength === 0) return NO_BYTES;
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  const own = new Uint8Array(bytes.byteLength);
  own.set(bytes);
  return own;
}

/** The request headers without those the wire sets itself; copied only when there are any. */
function ownHeaders(headers: Record<string, string>): Record<string, string> {
  if (!WIRE_HEADERS.some((name) => name in headers)) return headers;
  const own = { ...headers };
  for (const name of WIRE_HEADERS) delete own[name];
  return own;
}

/**
 * A body's bytes as they arrive, in one buffer that doubles as it fills: a body in tiny chunks
 * costs its bytes, not an object per chunk. `over` once the bytes pass `limit`; they are then
 * dropped. A declared length caps growth, so a body that keeps its word is never copied down.
 */
class ByteSink {
  over = false;
  #buffer: Uint8Array;
  #length = 0;
  readonly #limit: number;
  readonly #declared: number;

  /** `reuse` may give a buffer of at least the size asked for, to fill instead of a new one. */
  constructor(limit: number, declared: number, reuse?: (bytes: number) => Uint8Array | undefined) {
    // Never more than a Uint8Array can hold, whatever the limit says.
    this.#limit = Math.min(limit, constants.MAX_LENGTH);
    this.#declared = declared >= 0 && declared <= this.#limit ? declared : this.#limit;
    const reserve = Math.min(declared >= 0 ? RESERVED.declared : RESERVED.unknown, this.#declared);
    this.#buffer = reuse?.(reserve) ?? new Uint8Array(reserve);
  }

  /** The whole buffer the bytes are in, past their end too: for keeping, never for a caller. */
  get buffer(): Uint8Array {
    return this.#buffer;
  }

  add(chunk: Uint8Array): void {
    const needed = this.#length + chunk.byteLength;
    if (needed > this.#limit) {
      this.over = true;
      return;
    }
    if (needed > this.#buffer.byteLength) {
      const cap = needed <= this.#declared ? this.#declared : this.#limit;
      const grown = new Uint8Array(Math.min(Math.max(needed, this.#buffer.byteLength * 2), cap));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(chunk, this.#length);
    this.#length = needed;
  }

  bytes(): Uint8Array {
    return this.#buffer.subarray(0, this.#length);
  }
}

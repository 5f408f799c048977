/**
 * The fault server: one node:http server on loopback whose every case lives under its own path
 * prefix (`/c/<id>`), so many cases run at once and each one's sockets can be told apart. It
 * records what each request looked like and which sockets are still busy answering, so a
 * suite can check that no client walked away from a connection it left open.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { goodBody, type Route, route } from "./bodies.js";

/** One request as a case sees it. */
export interface FaultRequest {
  method: string;
  /** The raw path and query after the case prefix, exactly as it arrived (still percent-encoded). */
  path: string;
  /** The whole request target, case prefix included. */
  target: string;
  route: Route | undefined;
  headers: IncomingMessage["headers"];
  body: string;
  /** 1 for the first request of this case to this path, 2 for a retry, and so on. */
  count: number;
  socket: Socket;
}

export type FaultHandler = (request: FaultRequest, response: ServerResponse) => unknown;

/** Answers with the real body for the route (or 404 when the path is unknown). */
export function serveGood(request: FaultRequest, response: ServerResponse): void {
  if (!request.route) {
    response.writeHead(404, { "content-type": "text/plain" }).end("no such route");
    return;
  }
  const body = goodBody(request.route);
  const type = request.route.format === "xml" ? "application/xml" : "application/json";
  response.writeHead(200, {
    "content-type": `${type}; charset=utf-8`,
    "content-length": Buffer.byteLength(body),
  });
  response.end(body);
}

interface CaseState {
  handler: FaultHandler;
  counts: Map<string, number>;
  sockets: Set<Socket>;
  /** Raw request targets (path and query) received, in order. */
  received: string[];
}

export class FaultServer {
  readonly #server = createServer((req, res) => void this.#dispatch(req, res));
  readonly #cases = new Map<string, CaseState>();
  /** Responses still being written on each socket. */
  readonly #busy = new Map<Socket, number>();
  #next = 0;
  url = "";

  get listening(): boolean {
    return this.#server.listening;
  }

  readonly #sockets = new Set<Socket>();

  async start(): Promise<this> {
    this.#server.on("connection", (socket: Socket) => {
      this.#sockets.add(socket);
      socket.on("close", () => this.#sockets.delete(socket));
    });
    this.#server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Registers a case; returns the base URL its clients use. */
  open(handler: FaultHandler): { id: string; baseUrl: string } {
    const id = String(++this.#next);
    this.#cases.set(id, { handler, counts: new Map(), sockets: new Set(), received: [] });
    return { id, baseUrl: `${this.url}/c/${id}` };
  }

  /** The request targets a case received. */
  received(id: string): readonly string[] {
    return this.#cases.get(id)?.received ?? [];
  }

  /**
   * Waits until no socket of the case is still answering one of its requests. A client that
   * gave up on a response (timeout, size cap, bad redirect) must have closed that socket; one
   * still busy after `graceMs` is reported. The grace is long because a loaded machine can take
   * seconds to deliver a close to this side (3 s was too short with both cores busy); a socket
   * that really leaks stays busy for good, so only a failing case ever waits it out.
   */
  async settle(id: string, graceMs = 30_000): Promise<number> {
    const state = this.#cases.get(id);
    if (!state) return 0;
    const busy = () => [...state.sockets].filter((s) => !s.destroyed && (this.#busy.get(s) ?? 0) > 0).length;
    const until = Date.now() + graceMs;
    while (busy() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const left = busy();
    this.#cases.delete(id);
    return left;
  }

  /**
   * Stops listening and returns how many sockets were still open that had carried a request:
   * idle keep-alive sockets are closed first, so any left are mid-response. Sockets that never
   * carried a byte are left out: undici opens pool connections ahead of requests (some of which
   * then time out or abort before they are sent) and closes them after its own idle timeout.
   */
  async close(): Promise<number> {
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    this.#server.closeIdleConnections();
    const open = () =>
      [...this.#sockets].filter((socket) => !socket.destroyed && socket.bytesRead > 0).length;
    const until = Date.now() + 30_000; // as long as in settle(): only a real leak waits this out
    while (open() > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    const left = open();
    this.#server.closeAllConnections();
    await closed;
    return left;
  }

  async #dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const socket = req.socket;
    this.#busy.set(socket, (this.#busy.get(socket) ?? 0) + 1);
    res.on("close", () => this.#busy.set(socket, (this.#busy.get(socket) ?? 1) - 1));
    const target = req.url ?? "/";
    const match = /^\/c\/(\d+)(\/.*)?$/s.exec(target);
    const state = match ? this.#cases.get(match[1] as string) : undefined;
    if (!match || !state) {
      res.writeHead(410, { "content-type": "text/plain" }).end("no such case");
      return;
    }
    state.sockets.add(socket);
    const path = match[2] ?? "/";
    state.received.push(path);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of req) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away while sending
    }
    const key = `${req.method} ${path}`;
    const count = (state.counts.get(key) ?? 0) + 1;
    state.counts.set(key, count);
    const request: FaultRequest = {
      method: req.method ?? "GET",
      path,
      target,
      route: route(path),
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
      count,
      socket,
    };
    try {
      await state.handler(request, res);
    } catch (error) {
      // A broken case must show up as a failed case, not as a hung one.
      if (!res.headersSent) res.writeHead(599, { "content-type": "text/plain" });
      res.end(`fault handler failed: ${String(error)}`);
    }
  }
}

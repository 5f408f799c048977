/**
 * A real HTTP server for tests: listens on 127.0.0.1 on a free port, records every request,
 * answers with whatever the test's handler says, and closes every socket on `close()` so no
 * test leaves a handle (or a process) behind.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { findTool } from "../../../scripts/system-packages.mjs";

/** One request as the server saw it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v2/t/backup?x=1`. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (request: RecordedRequest, response: ServerResponse) => unknown;

export interface TestServer {
  /** Origin, e.g. `http://127.0.0.1:43127`. */
  url: string;
  /** Every request received so far, in order. */
  requests: RecordedRequest[];
  /** Replaces the handler. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(handler: Handler = (_req, res) => res.end()): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const recorded: RecordedRequest = {
      method: req.method ?? "GET",
      url: req.url ?? "/",
      headers: req.headers,
      body: Buffer.concat(chunks).toString("utf8"),
    };
    requests.push(recorded);
    try {
      await current(recorded, res);
    } catch (error) {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(error));
    }
  });
  // Node closes idle keep-alive sockets after 5 s by default; on a loaded machine a client can
  // pick such a socket for its next request just as it closes (ECONNRESET). Tests keep them open.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Also ends requests still waiting for an answer (tests of silent servers leave some).
      server.closeAllConnections();
      return closed;
    },
  };
}

/** Writes a response in one call. */
export function reply(
  res: ServerResponse,
  status: number,
  body: string | object = "",
  headers: Record<string, string> = {},
): void {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "content-length": Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A loopback port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The unhandled rejections of the process since `recordUnhandledRejections()`; `stop()` stops counting. */
export interface UnhandledRejections {
  readonly reasons: unknown[];
  stop(): void;
}

/**
 * Starts collecting the process's unhandled rejections. Node reports one once the microtask queue
 * has drained after it, so a test waits a moment (a timer) before it looks.
 */
export function recordUnhandledRejections(): UnhandledRejections {
  const reasons: unknown[] = [];
  const record = (reason: unknown) => {
    reasons.push(reason);
  };
  process.on("unhandledRejection", record);
  return { reasons, stop: () => process.off("unhandledRejection", record) };
}

export { HAS_PROC, type ProcessInfo, processesWithEnv, strayProcessCheck } from "./processes.js";
export { validatorCoverage } from "./validators.js";
/**
 * A system tool a test drives (Chromium, Prometheus), as installed before turbo starts by
 * `node scripts/system-packages.mjs`. Tests only look; they never install.
 */
export interface SystemTool {
  /** The executable, when there is one. */
  path: string | undefined;
  /** False: skip the tests (a loud banner has been printed). True without `path`: fail them. */
  run: boolean;
  /** Why there is no path, for the failure message. */
  why: string;
}

/**
 * Finds `tool` and applies the one rule every such test follows: `skipEnv` set to 1 or true
 * skips loudly; a missing tool skips loudly, except under CI=true, where it fails.
 */
export function systemTool(
  tool: string,
  options: { skipEnv: string; pkg: string; what: string },
): SystemTool {
  const skipAsked = ["1", "true"].includes(String(process.env[options.skipEnv]).toLowerCase());
  const path = skipAsked ? undefined : findTool(tool);
  if (path !== undefined) return { path, run: true, why: "" };
  const why = skipAsked
    ? `${options.skipEnv} is set`
    : `no ${tool} found (run \`node scripts/system-packages.mjs ${options.pkg}\` as root, or apt-get install ${options.pkg})`;
  const inCi = process.env.CI === "true" && !skipAsked;
  if (!inCi) {
    const bar = "!".repeat(78);
    console.warn(`\n${bar}\n!!! SKIPPING ${options.what}: ${why}.\n${bar}\n`);
  }
  return { path: undefined, run: inCi, why };
}

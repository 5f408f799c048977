/**
 * The `serve` command's HTTP server (node:http only): the page at `/`, the report at
 * `/api/report` and the raw records at `/api/backups`. Collections are shared between
 * requests for a short while, so a page load and its API call read the clouds once.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Collection } from "./collect.js";
import { parseDuration } from "./duration.js";
import { errorMessage } from "./errors.js";
import { renderPage } from "./page.js";
import { sortForListing } from "./records.js";
import { buildReport } from "./report.js";

/** Where the data came from, shown on the page. */
export interface SourceInfo {
  mock: boolean;
  providers: { provider: string; url: string; mock: boolean }[];
  /** Providers asked for but not configured. */
  notConfigured: string[];
}

export interface InventoryServerOptions {
  /** Reads every backup (a fresh collection each call). */
  load: () => Promise<Collection>;
  /** Default maximum age; `/api/report?max-age=7d` overrides it per request. */
  maxAgeMs: number;
  /** `maxAgeMs` as the user wrote it (`24h`), for display. */
  maxAgeText?: string | undefined;
  source: SourceInfo;
  /** The clock, injectable for tests. Default: the wall clock. */
  now?: () => Date;
  /** How long one collection is reused. Default: 30 s. `?refresh=1` skips it. */
  cacheMs?: number;
  /**
   * `?refresh=1` starts a new collection at most this often; sooner, it gets the latest one (or
   * the one under way). Every refresh calls both APIs for every VM. Default: 10 s.
   */
  minRefreshMs?: number;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);

export function createInventoryServer(options: InventoryServerOptions): Server {
  const now = options.now ?? (() => new Date());
  const cacheMs = options.cacheMs ?? 30_000;
  const minRefreshMs = options.minRefreshMs ?? 10_000;
  let cached: { at: number; collection: Promise<Collection> } | undefined;

  const collection = (refresh: boolean): Promise<Collection> => {
    const at = Date.now();
    if (cached === undefined || at - cached.at > (refresh ? minRefreshMs : cacheMs)) {
      const pending = options.load();
      cached = { at, collection: pending };
      // A failed load is not kept: the next request tries again.
      pending.catch(() => {
        if (cached?.collection === pending) cached = undefined;
      });
    }
    return cached.collection;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: errorMessage(error) }, req.method === "HEAD");
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const head = req.method === "HEAD";
    if (req.method !== "GET" && !head) {
      res.setHeader("allow", "GET, HEAD");
      return sendJson(res, 405, { error: `method ${req.method} not allowed` }, head);
    }
    if (!hostAllowed(req, server)) {
      return sendJson(res, 421, { error: "unexpected Host header" }, head);
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const refresh = url.searchParams.get("refresh") === "1";
    switch (url.pathname) {
      case "/":
      case "/index.html": {
        const nonce = randomBytes(16).toString("base64");
        return send(res, 200, renderPage({ nonce }), "text/html; charset=utf-8", head, {
          "content-security-policy": [
            "default-src 'none'",
            `script-src 'nonce-${nonce}'`,
            `style-src 'nonce-${nonce}'`,
            "connect-src 'self'",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
          ].join("; "),
        });
      }
      case "/api/report": {
        let maxAgeMs = options.maxAgeMs;
        let maxAgeText = options.maxAgeText;
        const asked = url.searchParams.get("max-age");
        if (asked !== null) {
          try {
            maxAgeMs = parseDuration(asked, "max-age");
            maxAgeText = asked.trim();
          } catch (error) {
            return sendJson(res, 400, { error: errorMessage(error) }, head);
          }
        }
        const found = await loadOr502(res, head);
        if (found === undefined) return;
        const report = buildReport(found, { now: now(), maxAgeMs, maxAgeText });
        return sendJson(res, 200, { ...report, source: options.source }, head);
      }
      case "/api/backups": {
        const found = await loadOr502(res, head);
        if (found === undefined) return;
        const failures = found.failures.map(({ error: _error, ...rest }) => rest);
        return sendJson(res, 200, { backups: sortForListing(found.records), failures }, head);
      }
      default:
        return sendJson(res, 404, { error: `nothing at ${url.pathname}` }, head);
    }

    async function loadOr502(response: ServerResponse, isHead: boolean): Promise<Collection | undefined> {
      try {
        return await collection(refresh);
      } catch (error) {
        sendJson(response, 502, { error: `could not collect backups: ${errorMessage(error)}` }, isHead);
        return undefined;
      }
    }
  }

  return server;
}

/** Creates the server and listens; `port` 0 picks a free one. */
export async function startInventoryServer(
  options: InventoryServerOptions & { port: number; host: string },
): Promise<RunningServer> {
  const server = createInventoryServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(":") ? `[${address}]` : address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host === "[::]" ? "[::1]" : host}:${port}`,
    server,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/**
 * On a loopback address, only answer requests addressed to a loopback name, so a web page on
 * another site cannot read the inventory through DNS rebinding.
 */
function hostAllowed(req: IncomingMessage, server: Server): boolean {
  const address = server.address() as AddressInfo | null;
  if (address === null || !LOOPBACK.has(address.address)) return true;
  const host = req.headers.host;
  if (host === undefined) return false;
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : (host.split(":")[0] ?? "");
  return LOOPBACK.has(name.toLowerCase());
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type: string,
  head: boolean,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    "content-type": type,
    "content-length": Buffer.byteLength(body),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    ...headers,
  });
  res.end(head ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown, head: boolean): void {
  send(res, status, `${JSON.stringify(value, null, 2)}\n`, "application/json; charset=utf-8", head);
}

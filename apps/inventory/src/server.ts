/**
 * The `serve` command's HTTP server (node:http only): Prometheus metrics at `/metrics`, a
 * health check at `/healthz`, the page at `/`, the report at `/api/report` and the raw records
 * at `/api/backups`. Every answer is built from the collector's latest results: no request
 * calls a cloud or waits for one.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { ReportResponse, SourceInfo } from "./api.js";
import { mergeAccounts } from "./collect.js";
import type { CollectorState } from "./collector.js";
import { parseDuration } from "./duration.js";
import { errorMessage } from "./errors.js";
import { METRICS_CONTENT_TYPE, renderMetrics } from "./metrics.js";
import { renderPage } from "./page.js";
import { sortForListing } from "./records.js";
import { buildReport } from "./report.js";

export type { SourceInfo } from "./api.js";

export interface InventoryServerOptions {
  /** The collector's latest results. */
  state: () => CollectorState;
  /** How often the collector reads each account; `/healthz` fails after three missed rounds. */
  refreshMs: number;
  /** Default maximum age; `/api/report?max-age=7d` overrides it per request. */
  maxAgeMs: number;
  /** `maxAgeMs` as the user wrote it (`24h`), for display. */
  maxAgeText?: string | undefined;
  source: SourceInfo;
  /** The clock, injectable for tests. Default: the wall clock. */
  now?: () => Date;
}

export interface RunningServer {
  /** `http://host:port` */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** How long an exposition is reused for an unchanged state: the ages in it are this much older at most. */
export const METRICS_REUSE_MS = 10_000;

/** A loopback address or name: `localhost`, 127.0.0.0/8, `::1`, or 127.x mapped into IPv6. */
function isLoopback(name: string): boolean {
  return name === "localhost" || name === "::1" || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/i.test(name);
}

export function createInventoryServer(options: InventoryServerOptions): Server {
  const now = options.now ?? (() => new Date());
  const latest = () => {
    const state = options.state();
    return { ...state, collection: mergeAccounts(state.accounts) };
  };
  /**
   * The last exposition, and the state and time it was made of. It takes a few hundred ms at
   * 10 000 machines (prom-client's work, most of it), and the server answers nothing else
   * meanwhile, so scrapes of an unchanged state within METRICS_REUSE_MS share one.
   */
  let exposition: { version: number | undefined; at: number; text: Promise<string> } | undefined;
  const metricsText = (): Promise<string> => {
    // The state's version first: merging every account's records is work a reused one skips.
    const { accounts, pending, version } = options.state();
    const at = now();
    const last = exposition;
    if (
      last &&
      version !== undefined &&
      last.version === version &&
      at.getTime() - last.at < METRICS_REUSE_MS
    ) {
      return last.text;
    }
    const collection = mergeAccounts(accounts);
    const text = renderMetrics({ collection, pending, maxAgeMs: options.maxAgeMs, now: at });
    const made = { version, at: at.getTime(), text };
    exposition = made;
    // A rendering that failed is not kept for the next scrape.
    text.catch(() => {
      if (exposition === made) exposition = undefined;
    });
    return text;
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
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      return sendJson(res, 400, { error: "the request target is not a valid URL" }, head);
    }
    switch (url.pathname) {
      case "/metrics":
        return send(res, 200, await metricsText(), METRICS_CONTENT_TYPE, head);
      case "/healthz": {
        const { collection, pending, startedAt } = latest();
        // Healthy while every account's last collection (or, before the first, the start) is
        // younger than three refresh intervals.
        const limit = 3 * options.refreshMs;
        const at = now().getTime();
        const overdue = [
          ...collection.accounts.filter((account) => at - account.finishedAt >= limit).map((a) => a.account),
          ...(at - startedAt >= limit ? pending : []),
        ];
        if (overdue.length === 0) return send(res, 200, "ok\n", "text/plain; charset=utf-8", head);
        return send(
          res,
          503,
          `no collection for ${Math.round(limit / 1000)} s or more: ${overdue.join(", ")}\n`,
          "text/plain; charset=utf-8",
          head,
        );
      }
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
        const { collection, pending } = latest();
        // ?account=<name>: the page's account filter. A name no account has is a 404, not an
        // empty report that a script would read as "all fresh".
        const account = url.searchParams.get("account") || null;
        const known = (name: string) =>
          pending.includes(name) || collection.accounts.some((each) => each.account === name);
        if (account !== null && !known(account)) {
          return sendJson(res, 404, { error: `no account is named ${JSON.stringify(account)}` }, head);
        }
        const shown =
          account === null
            ? collection
            : mergeAccounts(collection.accounts.filter((each) => each.account === account));
        const waiting = account === null ? pending : pending.filter((name) => name === account);
        const report = buildReport(shown, { now: now(), maxAgeMs, maxAgeText });
        // Nothing is fine while an account has not been read yet.
        const ok = report.ok && waiting.length === 0;
        const body: ReportResponse = { ...report, ok, pending: waiting, source: options.source };
        return sendJson(res, 200, body, head);
      }
      case "/api/backups": {
        const { collection, pending } = latest();
        const failures = collection.failures.map(({ error: _error, ...rest }) => rest);
        return sendJson(res, 200, { backups: sortForListing(collection.records), failures, pending }, head);
      }
      default:
        return sendJson(res, 404, { error: `nothing at ${url.pathname}` }, head);
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
  if (address === null || !isLoopback(address.address)) return true;
  const host = req.headers.host;
  if (host === undefined) return false;
  const name = host.startsWith("[") ? host.slice(1, host.indexOf("]")) : (host.split(":")[0] ?? "");
  return isLoopback(name.toLowerCase());
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

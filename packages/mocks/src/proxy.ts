/**
 * Prism as a validating proxy: requests go through to a real (or recorded) upstream, and every
 * request and response is checked against the spec on the way.
 *
 * Z.com labels its JSON `text/html; charset=UTF-8` (the spec records this as
 * `x-wire-content-type`). Prism only parses bodies labelled as JSON, so it would report every
 * such response as "not an object" and could not check its fields. Unless told otherwise, a small
 * relay between Prism and the upstream therefore relabels those responses as `application/json`
 * (keeping the original in `x-backupkit-wire-content-type`), which is exactly how the clients read them.
 */
import { readFileSync } from "node:fs";
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type OutgoingHttpHeaders,
} from "node:http";
import { request as httpsRequest } from "node:https";
import type { AddressInfo } from "node:net";
import { checkApi, checkPort, type MockApi, type MockServer, originOf, specPath } from "./mock.js";
import { launchPrism } from "./prism.js";

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_START_TIMEOUT_MS = 30_000;
/** Response header in which the relay keeps the label the upstream really sent. */
export const WIRE_CONTENT_TYPE_HEADER = "x-backupkit-wire-content-type";

export interface StartProxyOptions {
  /** Port to listen on; `0` (the default) picks a free one. */
  port?: number | undefined;
  /** Interface to listen on. Default: `"127.0.0.1"`. */
  host?: string | undefined;
  /**
   * Replace a response that violates the spec with Prism's own error (status 500, a problem+json
   * body listing the violations). Default: false: the response passes through and the violations
   * are listed in its `sl-violations` header.
   */
  errors?: boolean | undefined;
  /**
   * Relabel responses that carry the spec's `x-wire-content-type` (Z.com's `text/html`) as
   * `application/json` before Prism checks them. Default: true.
   */
  relabel?: boolean | undefined;
  /** How long to wait for Prism to accept connections, in milliseconds. Default: 30 000. */
  startTimeoutMs?: number | undefined;
}

/** A running validating proxy. */
export interface ProxyServer extends MockServer {
  /** Where requests are forwarded. */
  readonly upstream: string;
}

/** Starts `prism proxy` for one API in front of `upstream` (an origin, e.g. `https://compute.tyo1.conoha.io`). */
export async function startProxy(
  api: MockApi,
  upstream: string,
  options: StartProxyOptions = {},
): Promise<ProxyServer> {
  checkApi(api);
  const target = parseUpstream(upstream);
  const host = options.host ?? DEFAULT_HOST;
  const port = checkPort(options.port ?? 0, "port");
  const spec = specPath(api);
  const wireType = (JSON.parse(readFileSync(spec, "utf8")) as Record<string, unknown>)["x-wire-content-type"];
  const relay =
    options.relabel !== false && typeof wireType === "string"
      ? await startRelay(target, wireType)
      : undefined;
  try {
    const prism = await launchPrism({
      label: `${api} proxy`,
      host,
      port,
      timeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
      args: (chosen) => [
        "proxy",
        spec,
        relay?.url ?? target.href.replace(/\/$/, ""),
        "-h",
        host,
        "-p",
        String(chosen),
        ...(options.errors ? ["--errors"] : []),
      ],
    });
    let stopped: Promise<void> | undefined;
    const stop = () => {
      stopped ??= prism.stop().then(() => relay?.close());
      return stopped;
    };
    return { api, url: originOf(host, prism.port), port: prism.port, upstream: target.href, stop };
  } catch (error) {
    await relay?.close();
    throw error;
  }
}

function parseUpstream(upstream: string): URL {
  let url: URL;
  try {
    url = new URL(upstream);
  } catch {
    throw new TypeError(`upstream must be a URL such as "https://api.example.com", got ${String(upstream)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new TypeError(`upstream must use http or https, not ${url.protocol}`);
  }
  return url;
}

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];

function withoutHopByHop(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const copy: OutgoingHttpHeaders = { ...headers };
  for (const name of HOP_BY_HOP) delete copy[name];
  return copy;
}

/** A relay on a free loopback port that forwards to `upstream` and relabels `wireType` responses as JSON. */
async function startRelay(upstream: URL, wireType: string): Promise<{ url: string; close(): Promise<void> }> {
  const prefix = upstream.pathname.replace(/\/$/, "");
  const server = createServer((req, res) => {
    const target = new URL(`${prefix}${req.url ?? "/"}`, upstream);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const headers = withoutHopByHop(req.headers);
    headers.host = target.host;
    const outgoing = send(target, { method: req.method, headers }, (answer) => {
      const out = withoutHopByHop(answer.headers);
      const label = answer.headers["content-type"];
      if (label !== undefined && mediaType(label) === mediaType(wireType)) {
        const params = label.slice(label.indexOf(";") + 1);
        out["content-type"] = label.includes(";") ? `application/json;${params}` : "application/json";
        out[WIRE_CONTENT_TYPE_HEADER] = label;
      }
      res.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(res);
    });
    outgoing.on("error", (error) => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end(`backupkit proxy relay: upstream ${upstream.origin} failed: ${error.message}`);
    });
    req.pipe(outgoing);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

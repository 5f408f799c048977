/** Prism mocks of the two APIs, served from the bundled specs at the real services' paths. */
import { fileURLToPath } from "node:url";
import { launchPrism } from "./prism.js";

/** The APIs there is a mock for. */
export type MockApi = "zcom" | "onapp";

/** Every API there is a mock for. */
export const MOCK_APIS: readonly MockApi[] = ["zcom", "onapp"];

/** Where `pnpm mock` (and `startMock` without `port`) listens. */
export const DEFAULT_PORTS: Readonly<Record<MockApi, number>> = Object.freeze({ zcom: 4010, onapp: 4011 });

const DEFAULT_HOST = "127.0.0.1";
const DEFAULT_START_TIMEOUT_MS = 30_000;

export interface StartMockOptions {
  /** Port to listen on; `0` picks a free one (what tests want). Default: 4010 for zcom, 4011 for onapp. */
  port?: number | undefined;
  /** Interface to listen on. Default: `"127.0.0.1"`. */
  host?: string | undefined;
  /** Answer with random bodies that are valid under the spec's schemas instead of its examples. Default: false. */
  dynamic?: boolean | undefined;
  /**
   * Seed for dynamic bodies. Prism seeds its generator afresh for every response, so with a seed each
   * operation answers the same body every time. A request can pick its own with `Prefer: seed=<seed>`.
   * Default: none (a new random body on every call).
   */
  seed?: string | undefined;
  /** How long to wait for Prism to accept connections, in milliseconds. Default: 30 000. */
  startTimeoutMs?: number | undefined;
  /** Called if Prism ends on its own (a crash) rather than through `stop()`, with its last output lines. */
  onExit?: ((info: { code: number | null; output: string[] }) => void) | undefined;
}

/** A running mock. */
export interface MockServer {
  /** Which API it mocks. */
  readonly api: MockApi;
  /** Its origin, e.g. `http://127.0.0.1:4010`: use it as the client's `baseUrl`. */
  readonly url: string;
  /** The port it listens on (the chosen one when you asked for `0`). */
  readonly port: number;
  /** Stops Prism; resolves once its process has exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Options of `startMocks`: those of `startMock`, with one port per API. */
export interface StartMocksOptions extends Omit<StartMockOptions, "port"> {
  /** Ports by API; `0` picks a free one. Default: `DEFAULT_PORTS`. */
  ports?: Partial<Record<MockApi, number>> | undefined;
}

/** Both mocks, started together. */
export interface MockServers {
  readonly zcom: MockServer;
  readonly onapp: MockServer;
  /** Stops both. */
  stop(): Promise<void>;
}

/**
 * Absolute path of the bundled spec a mock serves: the copy the build put in `dist/specs/`
 * (`../dist/` is `dist/` itself from the built module, and the built copy from the sources).
 */
export function specPath(api: MockApi): string {
  checkApi(api);
  return fileURLToPath(new URL(`../dist/specs/${api}.json`, import.meta.url));
}

/**
 * Starts Prism for one API and resolves once it accepts connections.
 *
 * ```ts
 * const mock = await startMock("zcom", { port: 0 });
 * const zcom = createZcomClient({ baseUrl: mock.url, tenantId: "t", auth: { token: "t" } });
 * await mock.stop();
 * ```
 */
export async function startMock(api: MockApi, options: StartMockOptions = {}): Promise<MockServer> {
  checkApi(api);
  const host = options.host ?? DEFAULT_HOST;
  const port = checkPort(options.port ?? DEFAULT_PORTS[api], "port");
  const spec = specPath(api);
  const prism = await launchPrism({
    label: `${api} mock`,
    host,
    port,
    timeoutMs: options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS,
    onExit: options.onExit,
    args: (chosen) => [
      "mock",
      spec,
      "-h",
      host,
      "-p",
      String(chosen),
      ...(options.dynamic ? ["--dynamic"] : []),
      ...(options.seed === undefined ? [] : ["--seed", String(options.seed)]),
    ],
  });
  return { api, url: originOf(host, prism.port), port: prism.port, stop: prism.stop };
}

/** Starts both mocks in parallel; if one fails to start, the other is stopped before the error is thrown. */
export async function startMocks(options: StartMocksOptions = {}): Promise<MockServers> {
  const { ports = {}, ...rest } = options;
  const results = await Promise.allSettled(
    MOCK_APIS.map((api) => startMock(api, { ...rest, port: ports[api] ?? DEFAULT_PORTS[api] })),
  );
  const started = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const failure = results.find((result) => result.status === "rejected");
  if (failure) {
    await Promise.all(started.map((mock) => mock.stop()));
    throw failure.reason;
  }
  const [zcom, onapp] = started as [MockServer, MockServer];
  const stop = async () => {
    await Promise.all([zcom.stop(), onapp.stop()]);
  };
  return { zcom, onapp, stop };
}

/** The origin clients should call for a server listening on host:port. */
export function originOf(host: string, port: number): string {
  const reachable = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  return `http://${reachable.includes(":") ? `[${reachable}]` : reachable}:${port}`;
}

export function checkApi(api: unknown): asserts api is MockApi {
  if (!MOCK_APIS.includes(api as MockApi)) {
    throw new TypeError(
      `api must be one of ${MOCK_APIS.map((a) => `"${a}"`).join(", ")}, got ${String(api)}`,
    );
  }
}

export function checkPort(port: unknown, name: string): number {
  if (typeof port !== "number" || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError(
      `${name} must be an integer from 0 to 65535 (0 picks a free port), got ${String(port)}`,
    );
  }
  return port;
}

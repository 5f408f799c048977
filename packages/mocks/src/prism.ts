/**
 * Running Prism as a child process that cannot outlive its parent.
 *
 * Each Prism runs under src/watchdog.js, which is the leader of a new process group and
 * holds a pipe from us on its stdin. `stop()` signals the whole group; if this process dies
 * without stopping it (a crash, SIGKILL, a test runner tearing its worker down), the pipe
 * closes and the watchdog takes Prism down with it. An 'exit' hook covers the ordinary
 * `process.exit()` path as well.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { type AddressInfo, connect, createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** When this environment variable is set (to anything but "" or "0"), Prism's log lines go to stderr. */
export const DEBUG_ENV = "BACKUPKIT_MOCK_DEBUG";
/** Set on every watchdog and Prism process we start: the pid of the process that started it. */
export const OWNER_ENV = "BACKUPKIT_MOCK_OWNER";

/** How many of Prism's last output lines an error quotes. */
const TAIL_LINES = 15;
/** Time from SIGTERM to SIGKILL when stopping. */
const KILL_AFTER_MS = 3000;
/** Fresh ports tried when a free port is taken before Prism binds it. */
const PORT_ATTEMPTS = 5;
const LISTENING = /Prism is listening on (\S+)/;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");

/** Prism could not be started, or did not start listening in time. */
export class MockStartError extends Error {
  override name = "MockStartError";
  /** Prism's last output lines, oldest first. */
  readonly output: string[];
  /** True when the port was already taken. */
  readonly addressInUse: boolean;

  constructor(message: string, output: string[], addressInUse = false) {
    // A taken port says all there is in one line: Prism's output then is its usage text and a
    // stack trace, kept in `output` for whoever wants them.
    const quoted = output.length > 0 && !addressInUse;
    super(quoted ? `${message}\nPrism's last output:\n  ${output.join("\n  ")}` : message);
    this.output = output;
    this.addressInUse = addressInUse;
  }
}

/** Absolute path of the installed Prism CLI's entry script (its package.json `bin`). */
export function prismCliPath(): string {
  const manifest = require.resolve("@stoplight/prism-cli/package.json");
  const { bin } = JSON.parse(readFileSync(manifest, "utf8")) as { bin: string | Record<string, string> };
  const entry = typeof bin === "string" ? bin : bin.prism;
  if (!entry) throw new Error(`@stoplight/prism-cli at ${dirname(manifest)} declares no "prism" bin`);
  return join(dirname(manifest), entry);
}

const WATCHDOG = fileURLToPath(new URL("./watchdog.js", import.meta.url));

/** A loopback port that is free right now (bound to port 0, then released). */
export async function freePort(host = "127.0.0.1"): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface LaunchOptions {
  /** Names the server in errors and debug output, e.g. "zcom mock". */
  label: string;
  /** Interface to listen on. */
  host: string;
  /** Port to listen on; 0 picks a free one (retrying if it is taken in between). */
  port: number;
  /** Prism's arguments for a given port: `["mock", spec, "-h", host, "-p", port, ...]`. */
  args: (port: number) => string[];
  /** How long to wait for Prism to listen. */
  timeoutMs: number;
  /** Called when Prism ends without `stop()` having been called. */
  onExit?: ((info: { code: number | null; output: string[] }) => void) | undefined;
}

/** A running Prism. */
export interface PrismProcess {
  /** The port it listens on. */
  readonly port: number;
  /** Pid of the watchdog (the process group leader). */
  readonly pid: number;
  /** Stops Prism and its watchdog; resolves once both have exited. Safe to call more than once. */
  stop(): Promise<void>;
}

/** Starts Prism and resolves once it accepts connections on its port. */
export async function launchPrism(options: LaunchOptions): Promise<PrismProcess> {
  for (let attempt = 1; ; attempt++) {
    const port = options.port === 0 ? await freePort(options.host) : options.port;
    try {
      return await launchOnce(options, port);
    } catch (error) {
      const retry = options.port === 0 && attempt < PORT_ATTEMPTS;
      if (retry && error instanceof MockStartError && error.addressInUse) continue;
      throw error;
    }
  }
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is gone already; make sure of the leader anyway.
    child.kill(signal);
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const child of running) signalGroup(child, "SIGKILL");
  });
}

function debugEnabled(): boolean {
  const value = process.env[DEBUG_ENV];
  return value !== undefined && value !== "" && value !== "0";
}

function launchOnce(options: LaunchOptions, port: number): Promise<PrismProcess> {
  installExitHook();
  const child = spawn(process.execPath, [WATCHDOG, prismCliPath(), ...options.args(port)], {
    stdio: ["pipe", "pipe", "pipe"],
    detached: true,
    env: { ...process.env, [OWNER_ENV]: String(process.pid), FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  running.add(child);

  const tail: string[] = [];
  const debug = debugEnabled();
  let ready = false;
  let stopping = false;
  let onLine: ((line: string) => void) | undefined;

  // 'close' comes once every holder of the output pipes has gone: the watchdog and Prism both.
  let isClosed = false;
  const closed = new Promise<void>((resolve) =>
    child.once("close", () => {
      isClosed = true;
      running.delete(child);
      resolve();
    }),
  );
  // A pipe write to a watchdog that has gone must not crash us.
  child.stdin?.on("error", () => undefined);

  for (const stream of [child.stdout, child.stderr]) {
    let partial = "";
    stream?.setEncoding("utf8");
    // Prism logs every request: keep draining its output, or it blocks once the pipe is full.
    stream?.on("data", (chunk: string) => {
      const lines = (partial + chunk).split("\n");
      partial = lines.pop() ?? "";
      for (const raw of lines) {
        const line = raw.replace(ANSI, "").trimEnd();
        if (line === "") continue;
        tail.push(line);
        if (tail.length > TAIL_LINES) tail.shift();
        if (debug) process.stderr.write(`[${options.label}] ${line}\n`);
        onLine?.(line);
      }
    });
  }

  const stop = once(async () => {
    stopping = true;
    if (isClosed) return;
    // Signal the group even if the watchdog has gone: Prism may still be in it.
    child.stdin?.end();
    signalGroup(child, "SIGTERM");
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), KILL_AFTER_MS);
    await closed;
    clearTimeout(timer);
  });

  return new Promise<PrismProcess>((resolve, reject) => {
    let settled = false;
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const explain = () => {
        const addressInUse = tail.some((line) => line.includes("EADDRINUSE"));
        const detail = addressInUse ? `port ${port} on ${options.host} is already in use` : message;
        reject(new MockStartError(`${options.label}: ${detail}`, [...tail], addressInUse));
      };
      // Once stopped, every line Prism wrote has been read, its last words included.
      if (child.pid === undefined) explain();
      else void stop().then(explain);
    };
    const timer = setTimeout(
      () => fail(`Prism did not start listening within ${options.timeoutMs} ms`),
      options.timeoutMs,
    );
    child.once("error", (error) => fail(`could not start Prism: ${error.message}`));
    child.once("exit", (code, signal) => {
      if (!ready) {
        if (!stopping) fail(`Prism exited before listening (${signal ?? `exit code ${code}`})`);
        return;
      }
      if (stopping) return;
      // Whatever ended the watchdog, leave no Prism behind in its group.
      signalGroup(child, "SIGKILL");
      void closed.then(() => options.onExit?.({ code, output: [...tail] }));
    });
    onLine = (line) => {
      if (ready || !LISTENING.test(line)) return;
      ready = true;
      onLine = undefined;
      waitForPort(options.host, port, 5000).then(
        () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ port, pid: child.pid as number, stop });
        },
        (error: Error) => {
          ready = false;
          fail(`Prism said it was listening, but ${error.message}`);
        },
      );
    };
  });
}

/** Resolves once a TCP connection to host:port succeeds (retrying for up to `withinMs`). */
async function waitForPort(host: string, port: number, withinMs: number): Promise<void> {
  const target = host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host;
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = connect({ host: target, port });
        socket.once("connect", () => {
          socket.destroy();
          resolve();
        });
        socket.once("error", reject);
      });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`port ${port} on ${target} refused connections: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}

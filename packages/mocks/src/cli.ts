#!/usr/bin/env node
/**
 * `pnpm mock`: both Prism mocks, until Ctrl-C (SIGINT) or SIGTERM.
 *
 *   node dist/cli.js [--zcom-port 4010] [--onapp-port 4011] [--host 127.0.0.1] [--dynamic] [--seed S]
 *
 * Ports also come from ZCOM_MOCK_PORT and ONAPP_MOCK_PORT; a flag wins over the variable.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { DEFAULT_PORTS, type MockServers, startMocks } from "./mock.js";

const HELP = `Usage: pnpm mock [options]

Starts Prism mocks of the Z.com and OnApp backup APIs and keeps them running until Ctrl-C.

Options:
  --zcom-port <n>   Z.com port (env ZCOM_MOCK_PORT; default ${DEFAULT_PORTS.zcom}; 0 = any free port)
  --onapp-port <n>  OnApp port (env ONAPP_MOCK_PORT; default ${DEFAULT_PORTS.onapp}; 0 = any free port)
  --host <addr>     interface to listen on (default 127.0.0.1)
  --dynamic         random bodies valid under the schemas instead of the spec's examples
  --seed <s>        seed the random bodies (implies --dynamic): an operation answers the same body every time
  --help            this text

Set BACKUPKIT_MOCK_DEBUG=1 to see Prism's own log.`;

/** The tenant of the vendor's curl example, so the printed command can be pasted as is. */
const TENANT = "1864e71d2deb46f6b47526b69c65a45d";

function fail(message: string, code = 2): never {
  console.error(`mock: ${message}`);
  process.exit(code);
}

function port(flag: string | undefined, envName: string, fallback: number, name: string): number {
  const text = flag ?? process.env[envName];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value > 65_535) {
    fail(`${name} must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  }
  return value;
}

async function main(): Promise<void> {
  let values: ReturnType<typeof parse>["values"];
  try {
    values = parse().values;
  } catch (error) {
    fail(`${(error as Error).message}\n\n${HELP}`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const ports = {
    zcom: port(values["zcom-port"], "ZCOM_MOCK_PORT", DEFAULT_PORTS.zcom, "--zcom-port / ZCOM_MOCK_PORT"),
    onapp: port(
      values["onapp-port"],
      "ONAPP_MOCK_PORT",
      DEFAULT_PORTS.onapp,
      "--onapp-port / ONAPP_MOCK_PORT",
    ),
  };

  const dynamic = values.dynamic === true || values.seed !== undefined;
  let mocks: MockServers | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await mocks?.stop();
    process.exit(code);
  };

  try {
    mocks = await startMocks({
      ports,
      host: values.host,
      dynamic,
      seed: values.seed,
      onExit: ({ code, output }) => {
        console.error(
          `mock: a Prism server stopped unexpectedly (exit code ${code})\n  ${output.join("\n  ")}`,
        );
        void shutdown(1);
      },
    });
  } catch (error) {
    fail((error as Error).message, 1);
  }

  const mode = dynamic
    ? `random bodies valid under the schemas${values.seed ? `, seed ${values.seed}` : ""}`
    : "the spec's examples";
  console.log(`Prism mocks are running (${mode}):

  Z.com  ${mocks.zcom.url}
    curl -H 'X-Auth-Token: t' ${mocks.zcom.url}/v2/${TENANT}/backup

  OnApp  ${mocks.onapp.url}
    curl -u user:userpass -H 'Accept: application/xml' ${mocks.onapp.url}/virtual_machines/1/backups/images.xml

Press Ctrl-C to stop.`);

  watchLaunchers(() => {
    console.error("mock: the command that started the mocks has ended; stopping them");
    void shutdown(0);
  });

  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(130); // a second Ctrl-C: leave now (the exit hook still kills Prism)
      console.log("\nStopping the mocks…");
      void shutdown(0);
    });
  }
}

/** A process's parent and whether it is part of a package-manager run, from /proc; undefined once it has gone. */
function launcherInfo(pid: number): { ppid: number; launcher: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // "pid (comm) state ppid ...": comm may hold spaces, so read after its closing parenthesis.
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state === "Z") return undefined;
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const environ = readFileSync(`/proc/${pid}/environ`, "utf8");
    // A pnpm/npm process, or a shell that one of them started for a script.
    const launcher = /(^|[/\0])p?npm/.test(cmdline) || /(^|\0)npm_lifecycle_event=/.test(environ);
    return { ppid: Number(ppid), launcher };
  } catch {
    return undefined;
  }
}

/**
 * Calls `onGone` when one of the package-manager processes that launched us exits (Linux only).
 *
 * `pnpm mock` runs as pnpm → sh → pnpm → sh → node. On SIGTERM pnpm exits without passing the
 * signal on, so without this `kill $!` after `pnpm mock &` (the usual way to stop a background
 * job in a script), or a SIGKILL of pnpm, would leave this process and both Prism servers
 * running. Only the pnpm/npm chain is watched, not the shell that ran it, so `pnpm mock &` in
 * one CI step keeps running after that step's shell has exited.
 */
function watchLaunchers(onGone: () => void): void {
  const launchers: number[] = [];
  for (let pid = process.ppid; pid > 1 && launchers.length < 16; ) {
    const info = launcherInfo(pid);
    if (!info?.launcher) break;
    launchers.push(pid);
    pid = info.ppid;
  }
  if (launchers.length === 0) return;
  setInterval(() => {
    if (launchers.some((pid) => launcherInfo(pid) === undefined)) onGone();
  }, 500).unref();
}

function parse() {
  const args = process.argv.slice(2);
  // `pnpm mock -- --dynamic` passes the "--" along.
  if (args[0] === "--") args.shift();
  return parseArgs({
    args,
    options: {
      "zcom-port": { type: "string" },
      "onapp-port": { type: "string" },
      host: { type: "string" },
      dynamic: { type: "boolean" },
      seed: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
    allowPositionals: false,
  });
}

await main();

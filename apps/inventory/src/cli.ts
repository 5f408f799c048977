#!/usr/bin/env node
/**
 * backup-inventory: which virtual machines, across Z.com and OnApp, have no recent good backup?
 *
 * Every failure ends as one line on stderr, `backup-inventory: <message>`, never a stack trace.
 * Exit codes: 0 all fresh / nothing failed, 1 stale machines or some calls failed, 2 bad usage
 * or configuration, nothing could be read at all, or the output could not be written; 130 when
 * interrupted.
 */
import { readFileSync, realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type Collection, collect, type Progress } from "./collect.js";
import { startCollector } from "./collector.js";
import { type Config, needs, resolveConfig, USAGE } from "./config.js";
import { errorMessage, isAbort, isLastingSetupError, isSetupError, setupHint, UsageError } from "./errors.js";
import { formatList, formatReport } from "./format.js";
import { type Provider, vmDisplay } from "./records.js";
import { buildReport, reportExitCode } from "./report.js";
import { MockUnavailableError, type OpenSources, openSources } from "./sources.js";
import { forTerminal, guardOutput, OUTPUT_FAILED, outputFailure, stripControl } from "./terminal.js";

export const EXIT = { ok: 0, problems: 1, usage: 2, interrupted: 130 } as const;
const NAME = "backup-inventory";

/** What `main` reads and writes; the real process by default, fakes in tests. */
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown; isTTY?: boolean | undefined };
  env: Record<string, string | undefined>;
  /** The clock for report ages. Default: the wall clock. */
  now?: () => Date;
  /** Stops `serve` (and cancels a collection). Default: SIGINT or SIGTERM. */
  stopSignal?: AbortSignal;
}

/** Runs one command; resolves to the exit code. Never throws. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const say = sayer(io);
  let config: Config;
  try {
    config = resolveConfig(argv, io.env);
  } catch (error) {
    say(errorMessage(error));
    return EXIT.usage;
  }
  if (config.command === "help") {
    io.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  if (config.command === "version") {
    io.stdout.write(`${version()}\n`);
    return EXIT.ok;
  }

  const stop = io.stopSignal ?? interruptSignal();
  let opened: OpenSources | undefined;
  try {
    if (config.mock) {
      say(
        config.mockByDefault
          ? "no credentials configured, using the embedded Prism mocks (--mock)"
          : "using the embedded Prism mocks (--mock)",
      );
    }
    opened = await openSources(config);
    if (stop.aborted) {
      say("interrupted");
      return EXIT.interrupted;
    }
    if (config.command === "serve") return await serve(config, opened, io, stop);

    const collection = await collectWithProgress(config, opened, io, stop);
    for (const failure of collection.failures) {
      const where = accountText(failure, config);
      if (failure.vmId === null)
        say(
          `${where}: ${failure.message}${config.configFile ? "" : setupHint(failure.error, failure.provider)}`,
        );
      else
        say(
          `${where} VM ${vmDisplay({ vmId: failure.vmId, vmLabel: failure.vmLabel })}: ${failure.operation} failed: ${failure.message}`,
        );
    }
    const nothingRead = collection.accounts.length > 0 && collection.accounts.every((account) => !account.ok);
    if (nothingRead) return EXIT.usage;
    // An account whose setup is wrong (refused credentials, an unreachable URL) needs a person,
    // so it exits 2 even when other accounts were read: a job can tell it from stale backups.
    // One that timed out may answer next time, like any other failed call (exit 1).
    const setupFailed = collection.failures.some(
      (failure) => failure.vmId === null && isLastingSetupError(failure.error),
    );

    if (config.command === "list") {
      io.stdout.write(forTerminal(formatList(collection.records, config.format), config.format));
      if (config.format === "table") io.stdout.write(stripControl(`${footer(collection, config)}\n`));
      if (setupFailed) return EXIT.usage;
      return collection.failures.length > 0 ? EXIT.problems : EXIT.ok;
    }
    const report = buildReport(collection, {
      now: (io.now ?? (() => new Date()))(),
      maxAgeMs: config.maxAgeMs,
      maxAgeText: config.maxAgeText,
    });
    io.stdout.write(forTerminal(formatReport(report, config.format), config.format));
    if (config.format === "table") io.stdout.write(stripControl(`${footer(collection, config)}\n`));
    return setupFailed ? EXIT.usage : reportExitCode(report);
  } catch (error) {
    if (isAbort(error, stop)) {
      say("interrupted");
      return EXIT.interrupted;
    }
    say(errorMessage(error));
    return isSetupError(error) || error instanceof MockUnavailableError ? EXIT.usage : EXIT.problems;
  } finally {
    await opened?.close().catch((error: unknown) => say(`could not stop the mocks: ${errorMessage(error)}`));
  }
}

async function collectWithProgress(
  config: Config,
  opened: OpenSources,
  io: Io,
  stop: AbortSignal,
): Promise<Collection> {
  const tty = io.stderr.isTTY === true;
  let shown = false;
  const onProgress = tty
    ? ({ done, total }: Progress) => {
        io.stderr.write(`\r\x1b[Kcollecting backups: ${done}/${total} VMs`);
        shown = true;
      }
    : undefined;
  try {
    return await collect(opened.sources, {
      concurrency: config.concurrency,
      perAccount: config.perAccount,
      signal: stop,
      onProgress,
      // Only the JSON listing shows the providers' own records.
      keepSource: config.command === "list" && config.format === "json",
    });
  } finally {
    if (shown) io.stderr.write("\r\x1b[K");
  }
}

async function serve(config: Config, opened: OpenSources, io: Io, stop: AbortSignal): Promise<number> {
  const say = sayer(io);
  // The exporter (and prom-client with it) loads only for `serve`: the other commands start faster.
  const { startInventoryServer } = await import("./server.js");
  const collector = startCollector(opened.sources, {
    refreshMs: config.refreshMs,
    concurrency: config.concurrency,
    perAccount: config.perAccount,
    // One line per account that could not be read; per-machine failures are in /metrics.
    onCollected: (result) => {
      const lost = result.failures.find((failure) => failure.vmId === null);
      if (lost) say(`${accountText(result, config)}: ${lost.message}`);
    },
    onError: (account, error) => say(`${account}: collection failed: ${errorMessage(error)}`),
  });
  const running = await startInventoryServer({
    port: config.port,
    host: config.host,
    maxAgeMs: config.maxAgeMs,
    maxAgeText: config.maxAgeText,
    now: io.now,
    state: () => collector.state(),
    refreshMs: config.refreshMs,
    source: { mock: config.mock, providers: opened.active, notConfigured: config.notConfigured },
  }).catch(async (error: unknown) => {
    await collector.stop();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${config.port} is already in use (try --port 0)`);
    if (code === "EACCES") throw new UsageError(`not allowed to listen on port ${config.port}`);
    throw new UsageError(`cannot listen on ${config.host}:${config.port}: ${errorMessage(error)}`);
  });
  const providers = opened.active.map((active) => accountText(active, config)).join(", ");
  io.stdout.write(
    `${NAME}: serving the report of ${providers || "no provider"} at ${running.url}/ (metrics at ${running.url}/metrics; Ctrl-C to stop)\n`,
  );
  await new Promise<void>((done) => {
    if (stop.aborted) done();
    else stop.addEventListener("abort", () => done(), { once: true });
  });
  await running.close();
  await collector.stop();
  return EXIT.ok;
}

/** Writes one message line to stderr. */
function sayer(io: Io): (line: string) => void {
  // Messages quote servers (error texts, VM labels): nothing in them may drive the terminal.
  return (line) => io.stderr.write(`${NAME}: ${stripControl(line)}\n`);
}

/** How an account is named in messages: `zcom`, or `tokyo-prod (zcom)` from an accounts file. */
function accountText(item: { account: string; provider: Provider }, config: Config): string {
  return config.configFile ? `${item.account} (${item.provider})` : item.account;
}

/** The table's last line: what was read from where. */
function footer(collection: Collection, config: Config): string {
  const perAccount = collection.accounts.map((account) => {
    const backups = account.records.length;
    const name = accountText(account, config);
    return account.ok
      ? `${name}: ${plural(backups, "backup")} of ${plural(account.vms.length, "VM")}`
      : `${name}: failed`;
  });
  const skipped = config.notConfigured.map(
    (provider: Provider) => `${provider}: not configured (${needs(provider)})`,
  );
  const source = config.mock ? " (embedded mocks)" : "";
  return `\n${[...perAccount, ...skipped].join("; ")}${source}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Aborts on the first SIGINT or SIGTERM; a second one ends the process at once. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    controller.abort(new Error(`received ${signal}`));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return controller.signal;
}

function version(): string {
  try {
    const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
      version?: string;
    };
    return `${NAME} ${manifest.version ?? "unknown"}`;
  } catch {
    return `${NAME} unknown`;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && realPath(process.argv[1]) === fileURLToPath(import.meta.url);

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
if (invokedDirectly) {
  // A result that could not be written (a full disk, a closed pipe) is not a success.
  const stdout = guardOutput(process.stdout);
  const code = await main(process.argv.slice(2), { stdout, stderr: process.stderr, env: process.env });
  const failed = await stdout.finish();
  if (failed) process.stderr.write(`${NAME}: ${outputFailure(failed)}\n`);
  // Exit now: idle keep-alive sockets of fetch could hold the process open for a few seconds.
  process.exit(failed ? OUTPUT_FAILED : code);
}

/**
 * The background collection behind `serve`: each account is read every `refreshMs`, never twice
 * at once, and its latest result is kept. Requests (the page, `/metrics`) only read what is
 * kept; they never call a cloud and never wait for one.
 *
 * Each account has its own loop, so a slow or failing account delays only itself; all loops
 * share one limiter, so the calls in flight over all accounts stay bounded.
 */
import { type AccountCollection, collectAccount, type Source } from "./collect.js";
import { MAX_TIMER_MS } from "./duration.js";
import { isAbort } from "./errors.js";
import { createLimiter } from "./limit.js";
import { MAX_LISTED } from "./onapp-backups.js";
import { vmKey } from "./records.js";

export interface CollectorOptions {
  refreshMs: number;
  /** Calls in flight at once over all accounts. */
  concurrency: number;
  /** Calls in flight at once per account (unless the account sets its own). */
  perAccount: number;
  /** The clock; injectable for tests. Default: Date.now. */
  now?: () => number;
  /** Called after each account's collection (for logs). */
  onCollected?: (result: AccountCollection) => void;
  /** Called when a collection ends in something other than a result or a stop. */
  onError?: (account: string, error: unknown) => void;
}

export interface CollectorState {
  /** The latest result of each account that has finished at least once, in configured order. */
  accounts: AccountCollection[];
  /** Accounts whose first collection has not finished yet. */
  pending: string[];
  /** When the collector started, ms since the epoch. */
  startedAt: number;
  /**
   * Changes whenever `accounts` does, so a reader may reuse what it made of an unchanged state.
   * Without it, a reader assumes every state is new.
   */
  version?: number;
}

export interface Collector {
  state(): CollectorState;
  /** Resolves once every account has finished its first collection (or the collector stops). */
  ready: Promise<void>;
  /** Stops the loops and cancels the calls in flight; resolves once they have settled. */
  stop(): Promise<void>;
}

export function startCollector(sources: readonly Source[], options: CollectorOptions): Collector {
  // A longer refresh would not wait at all (see MAX_TIMER_MS).
  if (!(options.refreshMs >= 1 && options.refreshMs <= MAX_TIMER_MS)) {
    throw new RangeError(
      `startCollector: refreshMs must be from 1 to ${MAX_TIMER_MS}, got ${options.refreshMs}`,
    );
  }
  const now = options.now ?? Date.now;
  const startedAt = now();
  const shared = createLimiter(options.concurrency);
  const controller = new AbortController();
  const latest = new Map<string, AccountCollection>();
  let version = 0;
  const timers = new Set<NodeJS.Timeout>();
  const running = new Set<Promise<void>>();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  const checkReady = () => {
    if (sources.every((source) => latest.has(source.account))) markReady();
  };
  checkReady();

  const loop = (source: Source) => {
    if (controller.signal.aborted) return;
    const began = now();
    const run = collectAccount(source, {
      shared,
      perAccount: options.perAccount,
      signal: controller.signal,
    })
      .then((result) => {
        latest.set(source.account, carryOver(latest.get(source.account), result));
        version += 1;
        options.onCollected?.(result);
        checkReady();
      })
      .catch((error: unknown) => {
        // collectAccount turns every call's failure into a Failure; what is left is a stop, or a
        // bug, which is reported rather than left as an unhandled rejection.
        if (!isAbort(error, controller.signal)) options.onError?.(source.account, error);
      })
      .finally(() => {
        running.delete(run);
        if (controller.signal.aborted) return;
        // The next run starts one interval after this one began, or at once if it took longer.
        const timer = setTimeout(
          () => {
            timers.delete(timer);
            loop(source);
          },
          Math.max(0, options.refreshMs - (now() - began)),
        );
        timers.add(timer);
      });
    running.add(run);
  };
  for (const source of sources) loop(source);

  return {
    ready,
    state() {
      return {
        accounts: sources.flatMap((source) => latest.get(source.account) ?? []),
        pending: sources.filter((source) => !latest.has(source.account)).map((source) => source.account),
        startedAt,
        version,
      };
    },
    async stop() {
      controller.abort(new Error("the collector was stopped"));
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      markReady();
      await Promise.allSettled([...running]);
    },
  };
}

/** The listing a machine's backups come from in the first place, per provider. */
const MAIN_LISTINGS: ReadonlySet<string> = new Set(["listBackups", "listBackupImages"]);

/**
 * This round's result, keeping what the last round read where this one could not read anything:
 * an account that could not be read at all keeps its machines and their backups (with `ok` false
 * and this round's failure), and a machine whose listings failed keeps its backups; either way
 * the machine is reported in error. So one failed round does not make a machine's series vanish
 * from `/metrics`, which would restart the `for:` of the alerts on them; the backups only grow
 * older meanwhile.
 */
export function carryOver(
  previous: AccountCollection | undefined,
  result: AccountCollection,
  maxBackups = MAX_LISTED.accountBackups,
): AccountCollection {
  if (previous === undefined) return result;
  if (!result.ok) return { ...result, vms: previous.vms, records: previous.records };
  // Only a machine whose main listing failed and that read nothing keeps what it had. One that
  // read part (OnApp's incremental listing failed, one Z.com run was malformed) or whose main
  // listing answered, if only with an empty list, shows what it read: keeping more would keep,
  // round after round, backups the panel has since deleted.
  const failed = new Set<string>();
  for (const failure of result.failures) {
    if (failure.vmId !== null && MAIN_LISTINGS.has(failure.operation)) {
      failed.add(vmKey({ ...failure, vmId: failure.vmId }));
    }
  }
  for (const record of result.records) failed.delete(vmKey(record));
  const kept = previous.records.filter((record) => failed.has(vmKey(record)));
  // Never more than one collection may hold: a panel that fails other machines every round
  // would otherwise add a round's worth each time. Past that, the failed machines keep nothing.
  if (kept.length === 0 || result.records.length + kept.length > maxBackups) return result;
  return { ...result, records: [...result.records, ...kept] };
}

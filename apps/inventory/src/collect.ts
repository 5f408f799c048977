/**
 * Gathers every backup of every configured account: a Z.com tenant in one call, an OnApp panel
 * by listing its virtual servers and then each one's backups. Calls are bounded twice: by a
 * limiter shared by all accounts (`--concurrency`) and by one per account, so a slow or failing
 * account holds only its own share. A call that fails is written down and the rest carry on, so
 * one broken machine or account never hides the others.
 */
import type { OnAppVirtualServer } from "@backupkit/onapp";
import type { ZcomBackup } from "@backupkit/zcom";
import { errorMessage, isAbort, MalformedAnswerError, TooManyItemsError } from "./errors.js";
import { createLimiter, type Limiter } from "./limit.js";
import {
  incrementalSupport,
  type ListingError,
  listVmBackups,
  MAX_LISTED,
  type OnAppBackupSource,
} from "./onapp-backups.js";
import {
  type BackupRecord,
  fromOnAppBackup,
  fromZcomBackup,
  onAppVm,
  type Provider,
  type VmRef,
  vmKey,
} from "./records.js";

/** What the collection keeps of an OnApp machine the list names, to read its backups with. */
type ServerName = Pick<OnAppVirtualServer, "id" | "label">;

/** One account to read: its name, its provider and the client for it. */
export type Source =
  | {
      account: string;
      provider: "zcom";
      /** The public API's `listBackups` (any promise of the same result will do). */
      client: { listBackups(options?: { signal?: AbortSignal | undefined }): PromiseLike<ZcomBackup[]> };
      concurrency?: number | undefined;
    }
  | { account: string; provider: "onapp"; client: OnAppBackupSource; concurrency?: number | undefined };

/** A call that failed: for the whole account (`vmId` null) or for one machine. */
export interface Failure {
  account: string;
  provider: Provider;
  vmId: string | null;
  vmLabel: string | null;
  /** The client method that failed, e.g. `listBackups`. */
  operation: string;
  /** One line saying what went wrong. */
  message: string;
  /** The error itself, for callers that sort failures by kind. Not serialised. */
  error?: unknown;
}

/** What one account's collection found, and how it went. */
export interface AccountCollection {
  account: string;
  provider: Provider;
  vms: VmRef[];
  records: BackupRecord[];
  failures: Failure[];
  /** False when the account could not be read at all (its machine list failed). */
  ok: boolean;
  /**
   * OnApp: false when the panel was found to have no incremental-backup listing (its first two
   * machines answered 404 there), so the other machines were not asked for one.
   */
  incrementalListings?: boolean | undefined;
  /** When the collection finished, ms since the epoch. */
  finishedAt: number;
  durationMs: number;
}

/** What a collection of several accounts found. */
export interface Collection {
  /** The providers that were asked. */
  providers: Provider[];
  /** Each account's own result, in the order configured. */
  accounts: AccountCollection[];
  /** Every machine known, including those without a backup and those whose call failed. */
  vms: VmRef[];
  records: BackupRecord[];
  failures: Failure[];
}

export interface Progress {
  /** Machines whose backups are in (or whose call failed). */
  done: number;
  /** Machines known so far; grows as accounts answer. */
  total: number;
}

export interface CollectOptions {
  /** Calls in flight at once over all accounts. Default: 8. */
  concurrency?: number | undefined;
  /** Calls in flight at once per account, unless the account sets its own. Default: 4. */
  perAccount?: number | undefined;
  /** Stops the collection; the promise then rejects with the abort error. */
  signal?: AbortSignal | undefined;
  /** Called each time a machine is done or new machines become known. */
  onProgress?: ((progress: Progress) => void) | undefined;
  /**
   * Keep each backup's record as the client returned it (`BackupRecord.source`). Default: true.
   * Only `list --format json` and `serve`'s `/api/backups` show it, so `report` and the other
   * `list` formats turn it off: an OnApp backup's thirty-odd fields are most of what a
   * collection would otherwise hold to its end.
   */
  keepSource?: boolean | undefined;
}

export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_PER_ACCOUNT = 4;

/** Reads every account at once (within the limits) and merges what they found. */
export async function collect(sources: readonly Source[], options: CollectOptions = {}): Promise<Collection> {
  const shared = createLimiter(options.concurrency ?? DEFAULT_CONCURRENCY);
  const progress: Progress = { done: 0, total: 0 };
  const onProgress = options.onProgress;
  const tell = onProgress
    ? (known: number, done: number) => {
        progress.total += known;
        progress.done += done;
        onProgress({ ...progress });
      }
    : undefined;
  const accounts = await Promise.all(
    sources.map((source) =>
      collectAccount(source, {
        shared,
        perAccount: options.perAccount,
        signal: options.signal,
        tell,
        keepSource: options.keepSource,
      }),
    ),
  );
  return mergeAccounts(accounts);
}

/** One Collection out of several accounts' results. */
export function mergeAccounts(accounts: readonly AccountCollection[]): Collection {
  const providers: Provider[] = [];
  for (const account of accounts) if (!providers.includes(account.provider)) providers.push(account.provider);
  return {
    providers,
    accounts: [...accounts],
    vms: accounts.flatMap((account) => account.vms),
    records: accounts.flatMap((account) => account.records),
    failures: accounts.flatMap((account) => account.failures),
  };
}

export interface AccountOptions {
  /** The limiter shared by every account. */
  shared: Limiter;
  perAccount?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Progress: `known` machines newly known, `done` newly finished. */
  tell?: ((known: number, done: number) => void) | undefined;
  /** As in `CollectOptions`. Default: true. */
  keepSource?: boolean | undefined;
  /** Lower bounds than `MAX_LISTED`'s, for tests. */
  maxListed?: Partial<typeof MAX_LISTED> | undefined;
}

/** Reads one account. Never rejects except when aborted: failures are in the result. */
export async function collectAccount(source: Source, options: AccountOptions): Promise<AccountCollection> {
  const started = Date.now();
  const ownSize = source.concurrency ?? options.perAccount ?? DEFAULT_PER_ACCOUNT;
  const own = createLimiter(ownSize);
  // Own slot first, then a shared one: an account waiting for its own slot holds no shared one.
  const limited = <T>(task: () => Promise<T>) => own.run(() => options.shared.run(task));
  const call = { signal: options.signal };
  const { account } = source;
  const keepSource = options.keepSource ?? true;
  const max = { ...MAX_LISTED, ...options.maxListed };
  const done = (
    part: Pick<AccountCollection, "vms" | "records" | "failures" | "ok" | "incrementalListings">,
  ): AccountCollection => ({
    account,
    provider: source.provider,
    ...part,
    finishedAt: Date.now(),
    durationMs: Date.now() - started,
  });

  if (source.provider === "zcom") {
    try {
      const backups = await limited(async () => source.client.listBackups(call));
      const vms = new Map<string, VmRef>();
      const records: BackupRecord[] = [];
      const failures: Failure[] = [];
      backups.forEach((backup, index) => {
        const subscription = fromZcomBackup(account, backup, index, keepSource);
        if (subscription.vm !== null) vms.set(vmKey(subscription.vm), subscription.vm);
        for (const record of subscription.records) records.push(record);
        for (const problem of subscription.problems) {
          const error = new MalformedAnswerError(problem);
          failures.push(failure(account, "zcom", subscription.vm, "listBackups", error));
        }
      });
      options.tell?.(vms.size, vms.size);
      return done({ vms: [...vms.values()], records, failures, ok: true });
    } catch (error) {
      if (isAbort(error, options.signal)) throw error;
      return done({
        vms: [],
        records: [],
        failures: [failure(account, "zcom", null, "listBackups", error)],
        ok: false,
      });
    }
  }

  const onapp = source.client;
  // Each machine's id and label, not the whole record the list gave: a fleet of many thousands
  // would otherwise hold every field of every machine until the last one is read.
  const vms: VmRef[] = [];
  // A list that shifts while it is paged (a machine added or removed meanwhile) can name a machine
  // on two pages: it is read and counted once, or its backups would be counted twice.
  const named = new Set<string>();
  let listed = 0;
  const records: BackupRecord[] = [];
  const failures: Failure[] = [];
  // Each machine is read as soon as the list names it, so the machines of one page are read while
  // the next page is fetched (when the account has a slot to spare: the list holds one). Their
  // calls stop with the caller's signal, and also when the list fails part way: the account could
  // not be read, and what its machines found is dropped.
  const machinesStop = new AbortController();
  const follow = () => machinesStop.abort(options.signal?.reason);
  if (options.signal?.aborted) follow();
  else options.signal?.addEventListener("abort", follow, { once: true });
  const machineCall = { signal: machinesStop.signal };
  const incremental = incrementalSupport(machinesStop.signal);
  // Ends the collection at once: the caller's abort as a machine's call meets it, or a bug in
  // reading a machine, which would otherwise wait unhandled until the list is read.
  let reject: (error: unknown) => void = () => {};
  const ended = new Promise<never>((_, settle) => {
    reject = settle;
  });
  ended.catch(() => {});
  const end = (error: unknown) => {
    machinesStop.abort(error);
    reject(error);
  };
  const machines: Promise<void>[] = [];
  let machinesDone = 0;
  // No more machines open than the account has slots (a machine left with nothing but the wait
  // for the probes' verdict no longer counts): each other machine the list names waits as one
  // small entry, not as a read already under way, so a list of many thousands costs little
  // memory and the first machines' calls go out as soon as they are named.
  const open = createLimiter(ownSize);
  /** Set once the account's backups pass their bound. */
  let overflow: TooManyItemsError | undefined;
  /** The account could not be read after all: it knows no machines, and says why. */
  const unread = (operation: string, error: unknown) => {
    options.tell?.(-vms.length, -machinesDone);
    return done({
      vms: [],
      records: [],
      failures: [failure(account, "onapp", null, operation, error)],
      ok: false,
    });
  };
  const readMachine = async (server: ServerName, vm: VmRef, leave: () => void) => {
    // Once stopped, a machine whose turn comes makes no call (nor waits for a slot to make one).
    if (machinesStop.signal.aborted) return;
    try {
      const found = await listVmBackups(onapp, server.id, machineCall, {
        limit: limited,
        incremental,
        onWait: leave,
        maxBackups: max.backups,
      });
      // Each listing is bounded alone; so is all that one account holds. Past that bound the
      // account fails as a whole, so that `serve` keeps the last round's backups rather than
      // adding this one's to them.
      if (records.length + found.backups.length > max.accountBackups) {
        overflow ??= new TooManyItemsError("backups in this account", max.accountBackups);
        machinesStop.abort(overflow);
        return;
      }
      for (const { backup, listing } of found.backups) {
        records.push(fromOnAppBackup(account, server, backup, listing, keepSource));
      }
      for (const listingError of found.failures) {
        if (isAbort(listingError.cause, machinesStop.signal)) throw listingError.cause;
        failures.push(listingFailure(account, vm, listingError));
      }
    } catch (error) {
      if (isAbort(error, machinesStop.signal)) {
        // Stopped by the caller, or by the list failing or the bound (then the account's failure
        // says so). The caller's own reason ends the collection, whatever stopped this machine.
        if (options.signal?.aborted) end(options.signal.reason);
        return;
      }
      failures.push(failure(account, "onapp", vm, "listBackupImages", error));
    }
    if (machinesStop.signal.aborted) return;
    machinesDone += 1;
    options.tell?.(0, 1);
  };

  try {
    await limited(async () => {
      try {
        for await (const server of onapp.iterateVirtualServers({}, call)) {
          if (overflow) break;
          // Repeats count too: a panel that sends the same machines for ever must end as well.
          listed += 1;
          if (listed > 2 * max.machines) {
            throw new TooManyItemsError("machines, counting repeats", 2 * max.machines);
          }
          const id = String(server.id);
          if (named.has(id)) continue;
          if (named.size === max.machines) throw new TooManyItemsError("machines", max.machines);
          named.add(id);
          const vm = onAppVm(account, server);
          vms.push(vm);
          const machine = { id: server.id, label: server.label };
          incremental.meet(server.id);
          options.tell?.(1, 0);
          machines.push(open.run((leave) => readMachine(machine, vm, leave)).catch(end));
        }
      } catch (error) {
        // Before the list's slot is handed on, perhaps to one of its machines: the machines' calls
        // end with the list, and those still waiting for a turn make none. So nothing here waits
        // for them (other accounts may hold the shared slots for a while).
        machinesStop.abort(error);
        throw error;
      }
    });
  } catch (error) {
    options.signal?.removeEventListener("abort", follow);
    if (isAbort(error, options.signal)) throw error;
    return unread("listVirtualServers", error);
  }
  try {
    await Promise.race([Promise.all(machines), ended]);
  } finally {
    options.signal?.removeEventListener("abort", follow);
  }
  // Aborted while every machine was still waiting its turn: none of them met the abort.
  if (options.signal?.aborted) throw options.signal.reason;
  if (overflow) return unread("listBackupImages", overflow);
  return done({
    vms,
    records,
    failures,
    ok: true,
    incrementalListings: incremental.available,
  });
}

function listingFailure(account: string, vm: VmRef, error: ListingError): Failure {
  return failure(account, "onapp", vm, error.operation, error.cause);
}

function failure(
  account: string,
  provider: Provider,
  vm: VmRef | null,
  operation: string,
  error: unknown,
): Failure {
  return {
    account,
    provider,
    vmId: vm?.vmId ?? null,
    vmLabel: vm?.vmLabel ?? null,
    operation,
    message: errorMessage(error),
    error,
  };
}

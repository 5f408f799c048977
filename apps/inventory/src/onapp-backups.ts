/**
 * How the inventory reads one OnApp virtual server's backups: the disk-image backups through
 * `listBackupImages` (the operation the vendor's seed documents) and the incremental ones
 * through `listBackupFiles`, where the panel has them, every page of each. Each result says
 * which listing it came from, which is the record's kind.
 */
import { NotFoundError, type OnAppBackup, type OnAppClient } from "@backupkit/onapp";
import { TooManyItemsError } from "./errors.js";
import type { OnAppListing } from "./records.js";

type Iterator<T> = (
  id: number,
  params?: { perPage?: number | undefined },
  options?: { signal?: AbortSignal | undefined },
) => AsyncIterable<T>;

/** The client methods the inventory uses: the public API's paged iterators. */
export interface OnAppBackupSource {
  iterateVirtualServers: (
    params?: { perPage?: number | undefined },
    options?: { signal?: AbortSignal | undefined },
  ) => AsyncIterable<Awaited<ReturnType<OnAppClient["listVirtualServers"]>>[number]>;
  iterateBackupImages: Iterator<OnAppBackup>;
  iterateBackupFiles: Iterator<OnAppBackup>;
}

/**
 * The most backups one listing of one machine may hold, the most machines one panel's list may
 * name, and the most backups one account may hold (collect.ts). Far above real panels (20 000 is
 * an hourly backup kept for over two years); they bound what a server that never ends its pages
 * can make the app hold: a few hundred MB per account at most.
 */
export const MAX_LISTED = { backups: 20_000, machines: 100_000, accountBackups: 1_000_000 };

/** Every backup a listing yields, read to the end; a TooManyItemsError past `max` of them. */
async function readBackups(backups: AsyncIterable<OnAppBackup>, max: number): Promise<OnAppBackup[]> {
  const out: OnAppBackup[] = [];
  for await (const backup of backups) {
    if (out.length === max) throw new TooManyItemsError("backups", max);
    out.push(backup);
  }
  return out;
}

export interface ListedBackup {
  backup: OnAppBackup;
  listing: OnAppListing;
}

/** One listing that failed; the other's backups are still returned. */
export class ListingError extends Error {
  override name = "ListingError";
  constructor(
    readonly operation: "listBackupImages" | "listBackupFiles",
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface VmBackups {
  backups: ListedBackup[];
  failures: ListingError[];
}

/** Runs one listing (all its pages) within the caller's concurrency limits. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Whether a panel serves incremental listings at all, learned from its first machines so that a
 * panel without them costs one call per machine, not two.
 *
 * OnApp answers 404 for a machine it does not know. A 404 to the incremental listing of a
 * machine whose image listing answered 200 therefore means the panel has no such listing (an
 * older release), and it will answer every machine the same way. The first `PROBES` machines
 * ask both listings; only when every one of them shows that pattern are the others' incremental
 * listings skipped. Any other outcome (a 200, a failure, a machine gone between calls) keeps
 * asking everywhere, so a mistaken guess can only cost calls. Two probes, not one, so a machine
 * deleted between its two listings cannot decide for the whole panel.
 *
 * The other machines' incremental listings wait for the verdict (their image listings do not), so
 * a panel without the listing is asked it twice per collection, not once for every machine whose
 * turn came before the probes had answered. The wait holds no slot of the concurrency limits (and
 * a caller that counts machines in progress is told when one has nothing left but the wait:
 * `onWait`), and it is as long as the probes' own calls: on a panel that has the listing, those
 * listings are then asked in the order their machines reached it.
 */
export interface IncrementalSupport {
  /** False once the probes have shown the panel has no incremental listings; true otherwise. */
  readonly available: boolean;
  /** Tells of a machine the panel's list names, in the list's order: the first ones are the probes. */
  meet(vmId: number): void;
  /** Tells a probe machine's outcome: its image listing answered, its incremental one 404. */
  settle(vmId: number, routeMissing: boolean): void;
  /**
   * Whether to ask this machine's incremental listing: a probe asks at once; another machine
   * learns it once the probes have answered, so before then the answer is a promise, which
   * rejects with the collection's stop reason if it stops first.
   */
  ask(vmId: number): boolean | Promise<boolean>;
}

const PROBES = 2;

/**
 * The incremental-listing check for one collection of a panel; `stop` ends every wait for the
 * verdict (one listener for all the waiting machines, however many there are).
 */
export function incrementalSupport(stop?: AbortSignal): IncrementalSupport {
  /** The probes yet to answer. */
  const probes = new Set<number>();
  /** Every probe chosen: a machine the list names again (a page boundary) is not a new one. */
  const chosen = new Set<number>();
  let missingEverywhere = true;
  let decide = () => {};
  let stopped: (reason: unknown) => void = () => {};
  const decided = new Promise<void>((resolve, reject) => {
    decide = resolve;
    stopped = reject;
  });
  // Nobody may be waiting when the collection stops.
  decided.catch(() => {});
  if (stop?.aborted) stopped(stop.reason);
  else stop?.addEventListener("abort", () => stopped(stop.reason), { once: true });
  const support: IncrementalSupport = {
    get available() {
      // A panel of fewer machines than probes has nothing left to decide for.
      return !(missingEverywhere && chosen.size === PROBES && probes.size === 0);
    },
    meet(vmId) {
      if (chosen.size === PROBES || chosen.has(vmId)) return;
      chosen.add(vmId);
      probes.add(vmId);
    },
    settle(vmId, routeMissing) {
      // Deleting the probe makes a second report for the same machine (a duplicate ID) a no-op.
      if (!probes.delete(vmId)) return;
      missingEverywhere &&= routeMissing;
      if (chosen.size === PROBES && probes.size === 0) decide();
    },
    ask(vmId) {
      // A machine the list never named to `meet` (or met before the probes were all chosen) has
      // no verdict coming, so it asks like a probe.
      if (chosen.has(vmId) || chosen.size < PROBES) return true;
      if (probes.size === 0) return support.available;
      return decided.then(() => support.available);
    },
  };
  return support;
}

/** Asks every machine both listings: for callers that read one machine alone. */
const ALWAYS: IncrementalSupport = {
  available: true,
  meet: () => {},
  settle: () => {},
  ask: () => true,
};

/** How `listVmBackups` shares its calls with the other machines of a collection. */
export interface VmReading {
  /** Each listing holds one slot while it runs, so it counts calls in flight, not machines. */
  limit?: Limit;
  /** Whether to ask the incremental listing (default: always). */
  incremental?: IncrementalSupport;
  /** Called when the image listing has ended while the incremental one still waits for the probes. */
  onWait?: () => void;
  /** The most backups one listing may hold. Default: `MAX_LISTED.backups`. */
  maxBackups?: number;
}

/** Every backup of one virtual server, over every page of both listings. */
export async function listVmBackups(
  client: OnAppBackupSource,
  vmId: number,
  call: { signal?: AbortSignal | undefined },
  {
    limit = (task) => task(),
    incremental = ALWAYS,
    onWait = () => {},
    maxBackups = MAX_LISTED.backups,
  }: VmReading = {},
): Promise<VmBackups> {
  // Async, so a listing that throws at once rejects like any other failure. A listing whose turn
  // comes after the signal has fired makes no call.
  const list = async (listing: "iterateBackupImages" | "iterateBackupFiles") =>
    limit(() => {
      call.signal?.throwIfAborted();
      return readBackups(client[listing](vmId, {}, call), maxBackups);
    });
  const files = (asked: boolean) => (asked ? list("iterateBackupFiles") : Promise.resolve([]));
  // Known at once for a probe (or once the verdict is in): both listings are then queued together.
  const ask = incremental.ask(vmId);
  const imageListing = list("iterateBackupImages");
  if (typeof ask !== "boolean") imageListing.then(onWait, onWait);
  const [images, incrementals] = await Promise.allSettled([
    imageListing,
    typeof ask === "boolean" ? files(ask) : ask.then(files),
  ]);
  incremental.settle(vmId, images.status === "fulfilled" && isNotFound(incrementals));
  const backups: ListedBackup[] = [];
  const failures: ListingError[] = [];
  if (images.status === "fulfilled") {
    for (const backup of images.value) backups.push({ backup, listing: "image" });
  } else failures.push(new ListingError("listBackupImages", images.reason));
  if (incrementals.status === "fulfilled") {
    // A backup both listings name (an image listing may hold incremental backups too, as the
    // vendor's own example does) is one backup: kept once, as the image listing gave it.
    const listed =
      incrementals.value.length > 0 ? new Set(backups.map(({ backup }) => backup.id)) : undefined;
    for (const backup of incrementals.value) {
      if (!listed?.has(backup.id)) backups.push({ backup, listing: "incremental" });
    }
  } else if (!isNotFound(incrementals)) {
    // A panel without incremental backups answers 404 here: that is "none", not a failure.
    failures.push(new ListingError("listBackupFiles", incrementals.reason));
  }
  return { backups, failures };
}

function isNotFound(result: PromiseSettledResult<unknown>): boolean {
  return result.status === "rejected" && result.reason instanceof NotFoundError;
}

/**
 * Gathers every backup from the configured providers: Z.com in one call, OnApp by listing the
 * virtual servers and then each one's backups, a bounded number at a time. A call that fails
 * is written down and the rest carry on, so one broken machine never hides the others.
 */
import type { OnAppClient } from "@backupkit/onapp";
import type { ZcomClient } from "@backupkit/zcom";
import { errorMessage, isAbort } from "./errors.js";
import {
  type BackupRecord,
  fromOnAppBackup,
  fromZcomBackup,
  onAppVm,
  type Provider,
  type VmRef,
  vmKey,
} from "./records.js";

/** The clients to read from; a provider left out is not collected. */
export interface Sources {
  zcom?: Pick<ZcomClient, "listBackups"> | undefined;
  onapp?: Pick<OnAppClient, "listVirtualServers" | "listBackups"> | undefined;
}

/** A call that failed: for the whole provider (`vmId` null) or for one machine. */
export interface Failure {
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

/** What a collection found. */
export interface Collection {
  /** The providers that were asked. */
  providers: Provider[];
  /** Every machine known, including those without a backup and those whose call failed. */
  vms: VmRef[];
  records: BackupRecord[];
  failures: Failure[];
}

export interface Progress {
  /** Machines whose backups are in (or whose call failed). */
  done: number;
  /** Machines known so far; grows as providers answer. */
  total: number;
}

export interface CollectOptions {
  /** How many OnApp machines are read at once. Default: 8. */
  concurrency?: number | undefined;
  /** Stops the collection; the promise then rejects with the abort error. */
  signal?: AbortSignal | undefined;
  /** Called each time a machine is done or new machines become known. */
  onProgress?: ((progress: Progress) => void) | undefined;
}

export const DEFAULT_CONCURRENCY = 8;

export async function collect(sources: Sources, options: CollectOptions = {}): Promise<Collection> {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a whole number of at least 1, got ${concurrency}`);
  }
  const progress: Progress = { done: 0, total: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const call = { signal: options.signal };
  const providers: Provider[] = [];
  const jobs: Promise<Partial<Collection>>[] = [];

  if (sources.zcom) {
    const zcom = sources.zcom;
    providers.push("zcom");
    jobs.push(
      (async () => {
        try {
          const backups = await zcom.listBackups(call);
          const vms = new Map<string, VmRef>();
          for (const backup of backups) {
            const vm: VmRef = { provider: "zcom", vmId: String(backup.instance_id), vmLabel: null };
            vms.set(vmKey(vm), vm);
          }
          progress.total += vms.size;
          progress.done += vms.size;
          report();
          return { vms: [...vms.values()], records: backups.flatMap(fromZcomBackup) };
        } catch (error) {
          if (isAbort(error, options.signal)) throw error;
          return { failures: [failure("zcom", null, "listBackups", error)] };
        }
      })(),
    );
  }

  if (sources.onapp) {
    const onapp = sources.onapp;
    providers.push("onapp");
    jobs.push(
      (async () => {
        let servers: Awaited<ReturnType<typeof onapp.listVirtualServers>>;
        try {
          servers = await onapp.listVirtualServers(call);
        } catch (error) {
          if (isAbort(error, options.signal)) throw error;
          return { failures: [failure("onapp", null, "listVirtualServers", error)] };
        }
        progress.total += servers.length;
        report();
        const records: BackupRecord[] = [];
        const failures: Failure[] = [];
        await eachLimited(servers, concurrency, async (server) => {
          try {
            const backups = await onapp.listBackups(server.id, call);
            for (const backup of backups) records.push(fromOnAppBackup(server, backup));
          } catch (error) {
            if (isAbort(error, options.signal)) throw error;
            failures.push(failure("onapp", onAppVm(server), "listBackups", error));
          }
          progress.done += 1;
          report();
        });
        return { vms: servers.map(onAppVm), records, failures };
      })(),
    );
  }

  const parts = await Promise.all(jobs);
  return {
    providers,
    vms: parts.flatMap((part) => part.vms ?? []),
    records: parts.flatMap((part) => part.records ?? []),
    failures: parts.flatMap((part) => part.failures ?? []),
  };
}

function failure(provider: Provider, vm: VmRef | null, operation: string, error: unknown): Failure {
  return {
    provider,
    vmId: vm?.vmId ?? null,
    vmLabel: vm?.vmLabel ?? null,
    operation,
    message: errorMessage(error),
    error,
  };
}

/**
 * Runs `work` over `items` with at most `limit` running at once. The first rejection stops
 * new work from starting and is rethrown once the running calls have settled.
 */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed: { error: unknown } | undefined;
  const worker = async () => {
    while (failed === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failed ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failed) throw failed.error;
}

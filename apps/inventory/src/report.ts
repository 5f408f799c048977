/**
 * The freshness report: for each machine, its newest usable backup and how old that is,
 * judged against a maximum age. Pure: the current time is an argument, never the clock.
 */
import type { Collection, Failure } from "./collect.js";
import { formatDuration } from "./duration.js";
import {
  type BackupRecord,
  compareNewestFirst,
  compareVms,
  type Provider,
  type VmRef,
  vmKey,
} from "./records.js";

/**
 * `fresh`: a usable backup younger than the maximum age. `stale`: usable backups, all too old.
 * `none`: no usable backup at all. `error`: its backups could not be read.
 */
export type VmState = "fresh" | "stale" | "none" | "error";

/** A backup as the report shows it: the record without the provider's raw source. */
export type BackupSummary = Omit<BackupRecord, "source" | "account" | "provider" | "vmId" | "vmLabel"> & {
  /** Age at report time in milliseconds, or null without a date. */
  ageMs: number | null;
};

export interface VmReport extends VmRef {
  state: VmState;
  /** The newest usable backup, or null. */
  newest: BackupSummary | null;
  /** Age of `newest` in milliseconds, or null. */
  ageMs: number | null;
  /** Every backup of the machine, newest first. */
  backups: BackupSummary[];
  /** Why the machine's backups could not be read (state `error`), else null. */
  error: string | null;
}

/** Backups taken on one UTC day, per provider. */
export interface DayCount {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  zcom: number;
  onapp: number;
  total: number;
}

/** How one account's last collection went. */
export interface AccountStatus {
  account: string;
  provider: Provider;
  /** False when the account could not be read at all. */
  ok: boolean;
  /** Calls that failed in its last collection. */
  errors: number;
  vms: number;
  durationMs: number;
  /** When its last collection finished, ISO 8601. */
  collectedAt: string;
  /** OnApp: false when the panel has no incremental-backup listing, so only image backups were read. */
  incrementalListings?: boolean | undefined;
}

export interface Report {
  /** The `now` the ages were computed against, ISO 8601. */
  generatedAt: string;
  maxAgeMs: number;
  /** `maxAgeMs` for people, e.g. `1d`. */
  maxAge: string;
  providers: Provider[];
  /** One entry per account, in the order configured. */
  accounts: AccountStatus[];
  /** One entry per machine: zcom first, then onapp, each by account, then label or id. */
  vms: VmReport[];
  /** Calls that failed, provider-wide (`vmId` null) or per machine. */
  failures: Omit<Failure, "error">[];
  /** The most recent days with at least one backup, oldest first (at most `DAYS_SHOWN`). */
  perDay: DayCount[];
  counts: Record<VmState, number> & { vms: number; backups: number };
  /** True when every machine is fresh and nothing failed. */
  ok: boolean;
}

export interface ReportOptions {
  /** The time ages are measured from. */
  now: Date;
  /** A usable backup older than this (or exactly this old) makes a machine stale. */
  maxAgeMs: number;
  /** How the user wrote the maximum age (`24h`), for display. Default: derived from `maxAgeMs`. */
  maxAgeText?: string | undefined;
}

export const DAYS_SHOWN = 30;

/** A machine of the report and its records, under its `vmKey`. */
interface MachineGroup {
  key: string;
  vm: VmRef;
  records: BackupRecord[];
}

export function buildReport(collection: Collection, options: ReportOptions): Report {
  const now = options.now.getTime();
  if (Number.isNaN(now)) throw new RangeError("buildReport: now is not a valid date");
  if (!(options.maxAgeMs > 0)) throw new RangeError("buildReport: maxAgeMs must be greater than zero");
  const ageOf = (record: Pick<BackupRecord, "createdAt">): number | null =>
    record.createdAt === null ? null : now - Date.parse(record.createdAt);

  const byVm = new Map<string, MachineGroup>();
  // A machine's records come one after another in a collection, so the group found last is
  // tried before the map: most records then cost no key and no lookup.
  let last: MachineGroup | undefined;
  const add = (vm: VmRef): MachineGroup => {
    if (last?.vm.vmId === vm.vmId && last.vm.account === vm.account && last.vm.provider === vm.provider) {
      return last;
    }
    const key = vmKey(vm);
    let group = byVm.get(key);
    if (group === undefined) {
      const own = { account: vm.account, provider: vm.provider, vmId: vm.vmId, vmLabel: vm.vmLabel };
      group = { key, vm: own, records: [] };
      byVm.set(key, group);
    }
    last = group;
    return group;
  };
  for (const vm of collection.vms) add(vm);
  for (const record of collection.records) add(record).records.push(record);
  const failedVms = new Map<string, string>();
  // An account that could not be read this time may still list machines, as the last time read
  // them (serve's collector keeps them): each is in error, with the account's own failure.
  const failedAccounts = new Map<string, string>();
  const accountKey = (of: { account: string; provider: Provider }) => `${of.account}\u0000${of.provider}`;
  for (const account of collection.accounts) {
    if (!account.ok) failedAccounts.set(accountKey(account), "the account could not be read");
  }
  for (const failure of collection.failures) {
    if (failure.vmId === null) {
      if (failedAccounts.has(accountKey(failure))) failedAccounts.set(accountKey(failure), failure.message);
      continue;
    }
    const vm = {
      account: failure.account,
      provider: failure.provider,
      vmId: failure.vmId,
      vmLabel: failure.vmLabel,
    };
    failedVms.set(add(vm).key, failure.message);
  }

  const vms: VmReport[] = [...byVm.values()]
    .map(({ key, vm, records }): VmReport => {
      // The group's own array, so it is sorted in place.
      const backups = records.sort(compareNewestFirst).map((record) => summarize(record, ageOf(record)));
      const newest = backups.find((backup) => backup.usable && backup.createdAt !== null) ?? null;
      const ageMs = newest?.ageMs ?? null;
      // The last failure of a machine is kept (one line is enough to point at the problem).
      const error = failedVms.get(key) ?? failedAccounts.get(accountKey(vm)) ?? null;
      let state: VmState;
      if (error !== null) state = "error";
      else if (newest === null || ageMs === null) state = "none";
      else state = ageMs < options.maxAgeMs ? "fresh" : "stale";
      // Field by field, as records are built (records.ts says why).
      return {
        account: vm.account,
        provider: vm.provider,
        vmId: vm.vmId,
        vmLabel: vm.vmLabel,
        state,
        newest,
        ageMs,
        backups,
        error,
      };
    })
    .sort(compareVms);

  const counts = {
    vms: vms.length,
    backups: collection.records.length,
    fresh: 0,
    stale: 0,
    none: 0,
    error: 0,
  };
  for (const vm of vms) counts[vm.state] += 1;
  const failures = collection.failures.map(({ error: _error, ...rest }) => rest);
  return {
    generatedAt: new Date(now).toISOString(),
    maxAgeMs: options.maxAgeMs,
    maxAge: options.maxAgeText ?? formatDuration(options.maxAgeMs),
    providers: [...collection.providers],
    accounts: collection.accounts.map((account) => ({
      account: account.account,
      provider: account.provider,
      ok: account.ok,
      errors: account.failures.length,
      vms: account.vms.length,
      durationMs: account.durationMs,
      collectedAt: new Date(account.finishedAt).toISOString(),
      ...(account.incrementalListings === undefined
        ? {}
        : { incrementalListings: account.incrementalListings }),
    })),
    vms,
    failures,
    perDay: perDay(collection.records),
    counts,
    ok: failures.length === 0 && vms.every((vm) => vm.state === "fresh"),
  };
}

/** A record without what its machine already says; field by field, as records are built. */
function summarize(record: BackupRecord, ageMs: number | null): BackupSummary {
  return {
    backupId: record.backupId,
    runId: record.runId,
    kind: record.kind,
    status: record.status,
    flags: record.flags,
    usable: record.usable,
    createdAt: record.createdAt,
    sizeBytes: record.sizeBytes,
    note: record.note,
    ageMs,
  };
}

/** Backups per UTC day, the `DAYS_SHOWN` most recent days that have any, oldest first. */
export function perDay(records: readonly BackupRecord[]): DayCount[] {
  const days = new Map<string, DayCount>();
  for (const record of records) {
    if (record.createdAt === null) continue;
    const date = record.createdAt.slice(0, 10);
    const day = days.get(date) ?? { date, zcom: 0, onapp: 0, total: 0 };
    day[record.provider] += 1;
    day.total += 1;
    days.set(date, day);
  }
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : 1)).slice(-DAYS_SHOWN);
}

/** The exit code a report stands for: 0 when all is fresh and nothing failed, else 1. */
export function reportExitCode(report: Pick<Report, "ok">): 0 | 1 {
  return report.ok ? 0 : 1;
}

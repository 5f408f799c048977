/**
 * One record per backup whichever cloud it lives in, and the pure functions that map each
 * provider's own shape onto it. Nothing here does I/O.
 */
import type { OnAppBackup, OnAppVirtualServer } from "@backupkit/onapp";
import type { ZcomBackup } from "@backupkit/zcom";

export type Provider = "zcom" | "onapp";
export const PROVIDERS: readonly Provider[] = ["zcom", "onapp"];

/**
 * What a backup copies. Z.com: `instance` (the server's boot disk) or `volume` (an attached
 * volume). OnApp: `image` (a disk image, read with `listBackupImages`) or `incremental` (a
 * file-level backup, read with `listBackupFiles`). A value neither vendor documents is passed
 * through as it came.
 */
export type BackupKind = "image" | "incremental" | "instance" | "volume" | (string & {});

/** A virtual machine as the inventory knows it. */
export interface VmRef {
  /** The account (tenant, panel) it was read from, as named in the configuration. */
  account: string;
  provider: Provider;
  /** The provider's id of the machine, as a string (OnApp's numeric ids included). */
  vmId: string;
  /** A human name when the provider has one (OnApp's label); Z.com's backup API has none. */
  vmLabel: string | null;
}

/** One backup, provider-neutral. */
export interface BackupRecord extends VmRef {
  /** Z.com: the backup subscription's id. OnApp: the backup's id. */
  backupId: string;
  /** Z.com: the run's id (what restore and createImage take). OnApp: null. */
  runId: string | null;
  kind: BackupKind;
  /** Z.com: the run's status as sent (`available`, `restoring`, ...). OnApp: `built` or `pending`. */
  status: string;
  /** Extra states worth a glance: OnApp's `locked` and `marked_for_delete`. */
  flags: string[];
  /** Whether this backup can be restored from today: what the freshness report counts. */
  usable: boolean;
  /** When the backup was taken, ISO 8601 in UTC, or null when the provider did not say. */
  createdAt: string | null;
  /** Size in bytes when the provider reports it (OnApp does, Z.com does not). */
  sizeBytes: number | null;
  /** Free-text note (OnApp), or null. */
  note: string | null;
  /**
   * The provider's record exactly as the client returned it, for `list --format json`; null when
   * the collection did not keep it (`CollectOptions.keepSource`).
   */
  source: unknown;
}

/** Normalises a timestamp to ISO 8601 UTC; empty or unparsable values become null. */
export function toIsoUtc(value: unknown): string | null {
  if (typeof value !== "string" || value.trim() === "") return null;
  const text = value.trim();
  const ms = Date.parse(lacksOffset(text) ? `${text}Z` : text);
  // Whole seconds are written without the ".000" that toISOString adds.
  return Number.isNaN(ms) ? null : new Date(ms).toISOString().replace(".000Z", "Z");
}

/** A time of day and nothing after it: `12:30`, `12:30:05`, `12:30:05.250`. */
const TIME_ONLY = /^[\d:.]+$/;

/**
 * Whether `text` is a date and a time with no UTC offset (`2024-01-01T00:00:00`), which Date.parse
 * would read in the local time zone, so the output would depend on $TZ. The providers mean UTC.
 * A date alone is UTC for Date.parse already. One character class over the time: linear, and
 * cheap enough to run for every backup.
 */
function lacksOffset(text: string): boolean {
  const separator = text[10];
  return (separator === "T" || separator === "t" || separator === " ") && TIME_ONLY.test(text.slice(11));
}

/** One Z.com subscription as read: its machine, a record per run, and what could not be read. */
export interface ZcomSubscription {
  /** The machine it backs up; null when it names none, and then nothing of it is kept. */
  vm: VmRef | null;
  records: BackupRecord[];
  /** One line per part that could not be read, naming its field; that part is left out. */
  problems: string[];
}

/**
 * Z.com: one record per backup run of `backup[index]`, a subscription of the tenant's list. A
 * malformed part costs only itself: a run that is not an object is left out and its siblings are
 * kept; a subscription without `instance_id` or `id` keeps no run, as each would lack that id.
 */
export function fromZcomBackup(
  account: string,
  backup: ZcomBackup,
  index = 0,
  keepSource = true,
): ZcomSubscription {
  const where = `backup[${index}]`;
  if (!isObject(backup)) return { vm: null, records: [], problems: [`${where} is not an object`] };
  const vmId = idText(backup.instance_id);
  const backupId = idText(backup.id);
  const named = backupId === null ? where : `${where} (subscription ${backupId})`;
  if (vmId === null) {
    return {
      vm: null,
      records: [],
      problems: [`${named}: instance_id is missing or not text; its runs are left out`],
    };
  }
  const vm: VmRef = { account, provider: "zcom", vmId, vmLabel: null };
  if (backupId === null) {
    return { vm, records: [], problems: [`${where}: id is missing or not text; its runs are left out`] };
  }
  // An absent list means no runs yet, as before; anything else that is not a list is malformed.
  const runs: unknown = backup.backupruns ?? [];
  if (!Array.isArray(runs)) return { vm, records: [], problems: [`${named}: backupruns is not a list`] };
  const records: BackupRecord[] = [];
  const problems: string[] = [];
  runs.forEach((run: unknown, at) => {
    if (isObject(run)) records.push(zcomRecord(vm, backup, backupId, run as ZcomRun, keepSource));
    else problems.push(`${named}: backupruns[${at}] is not an object; it is left out`);
  });
  return { vm, records, problems };
}

type ZcomRun = ZcomBackup["backupruns"][number];

function zcomRecord(
  vm: VmRef,
  backup: ZcomBackup,
  backupId: string,
  run: ZcomRun,
  keepSource: boolean,
): BackupRecord {
  return {
    account: vm.account,
    provider: "zcom",
    vmId: vm.vmId,
    vmLabel: null,
    backupId,
    runId: idText(run.backuprun_id),
    kind: zcomKind(run.type),
    status: String(run.status ?? ""),
    flags: [],
    usable: run.status === "available",
    createdAt: toIsoUtc(run.created_at),
    sizeBytes: null,
    note: null,
    source: keepSource ? { instance_id: backup.instance_id, id: backup.id, backuprun: run } : null,
  };
}

/** An id as text: a string that is not blank, or a finite number; null for anything else. */
function idText(value: unknown): string | null {
  if (typeof value === "string") return value.trim() === "" ? null : value;
  return typeof value === "number" && Number.isFinite(value) ? String(value) : null;
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function zcomKind(type: unknown): BackupKind {
  if (type === "server" || type === "instance") return "instance";
  if (type === "volume") return "volume";
  return typeof type === "string" && type !== "" ? type : "instance";
}

/** Which OnApp listing a backup came from: its kind when the backup does not say. */
export type OnAppListing = "image" | "incremental";

/**
 * An OnApp backup's kind: what the backup itself says (`target_type`, else `backup_type`), then
 * the listing it came from. The vendor's own example of the image listing holds an incremental
 * backup, so the listing alone can be wrong; older servers' `backup_type` names an automatic
 * schedule (`days-autobackup`), which says nothing of the kind.
 */
function onAppKind(backup: OnAppBackup, listing: OnAppListing): OnAppListing {
  if (backup.target_type === "VirtualMachine") return "incremental";
  if (backup.target_type === "Disk") return "image";
  if (backup.backup_type === "incremental") return "incremental";
  if (backup.backup_type === "normal") return "image";
  return listing;
}

/** OnApp: one record per backup of a virtual server. */
export function fromOnAppBackup(
  account: string,
  vm: Pick<OnAppVirtualServer, "id" | "label">,
  backup: OnAppBackup,
  listing: OnAppListing,
  keepSource = true,
): BackupRecord {
  const flags: string[] = [];
  if (backup.locked === true) flags.push("locked");
  if (backup.marked_for_delete === true) flags.push("marked_for_delete");
  const size = typeof backup.backup_size === "number" ? backup.backup_size : Number.NaN;
  // Field by field, not by spreading the VmRef: a spread followed by ten more properties cost
  // V8 about 10 µs a record here, more than the rest of a machine's work (bench/analysis.md).
  const ref = onAppVm(account, vm);
  return {
    account: ref.account,
    provider: ref.provider,
    vmId: ref.vmId,
    vmLabel: ref.vmLabel,
    backupId: String(backup.id),
    runId: null,
    kind: onAppKind(backup, listing),
    status: backup.built === true ? "built" : "pending",
    flags,
    usable: backup.built === true && backup.marked_for_delete !== true,
    createdAt: toIsoUtc(backup.built_at) ?? toIsoUtc(backup.created_at),
    sizeBytes: Number.isFinite(size) && size >= 0 ? size * 1024 : null,
    note: typeof backup.note === "string" ? backup.note : null,
    source: keepSource ? backup : null,
  };
}

/** The inventory's view of an OnApp virtual server. */
export function onAppVm(account: string, vm: Pick<OnAppVirtualServer, "id" | "label">): VmRef {
  const label = typeof vm.label === "string" && vm.label.trim() !== "" ? vm.label : null;
  return { account, provider: "onapp", vmId: String(vm.id), vmLabel: label };
}

/** Newest first (unknown dates last), then by backup and run id so the order is stable. */
export function compareNewestFirst(a: BackupRecord, b: BackupRecord): number {
  if (a.createdAt !== b.createdAt) {
    if (a.createdAt === null) return 1;
    if (b.createdAt === null) return -1;
    return a.createdAt < b.createdAt ? 1 : -1;
  }
  return compareText(a.backupId, b.backupId) || compareText(a.runId ?? "", b.runId ?? "");
}

/** Orders machines: provider (zcom, then onapp), account, then label or id. */
export function compareVms(a: VmRef, b: VmRef): number {
  return (
    PROVIDERS.indexOf(a.provider) - PROVIDERS.indexOf(b.provider) ||
    compareText(a.account, b.account) ||
    compareText(a.vmLabel ?? a.vmId, b.vmLabel ?? b.vmId) ||
    compareText(a.vmId, b.vmId)
  );
}

/** Records grouped by machine (machines in `compareVms` order), each group newest first. */
export function sortForListing(records: readonly BackupRecord[]): BackupRecord[] {
  return [...records].sort((a, b) => {
    const byVm = compareVms(a, b);
    return byVm !== 0 ? byVm : compareNewestFirst(a, b);
  });
}

/** A key that names one machine across accounts and providers. */
export function vmKey(vm: Pick<VmRef, "account" | "provider" | "vmId">): string {
  return `${vm.account}\u0000${vm.provider}\u0000${vm.vmId}`;
}

/** How a machine is shown to people: `web-01 (488)` or the bare id. */
export function vmDisplay(vm: Pick<VmRef, "vmId" | "vmLabel">): string {
  return vm.vmLabel ? `${vm.vmLabel} (${vm.vmId})` : vm.vmId;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Output formats: an aligned text table for people, JSON and CSV for programs. */
import { formatDuration } from "./duration.js";
import { type BackupRecord, sortForListing, vmDisplay } from "./records.js";
import type { Report, VmReport, VmState } from "./report.js";

export type Format = "table" | "json" | "csv";
export const FORMATS: readonly Format[] = ["table", "json", "csv"];

type Align = "left" | "right";

/** Text laid out in columns, padded with spaces; the last column is never padded. */
export function renderTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const cells = [headers, ...rows].map((row) => row.map(cleanCell));
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? "").length)));
  return cells
    .map((row) =>
      row
        .map((cell, column) => {
          const last = column === row.length - 1;
          if (align[column] === "right") return cell.padStart(widths[column] ?? 0);
          return last ? cell : cell.padEnd(widths[column] ?? 0);
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/**
 * Strips what a terminal would interpret (control characters, escape sequences) from text that
 * came from a server, and keeps each cell on one line.
 */
export function cleanCell(text: string): string {
  // White space becomes one space; other controls U+FFFD, as stripControl (terminal.ts) says why.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing them is the point.
  return text.replace(/[\t\n\v\f\r]+/g, " ").replace(/[\u0000-\u001f\u007f-\u009f]/g, "\uFFFD");
}

/** `2015-02-28 12:56:29` (UTC) from an ISO timestamp; `-` for none. */
export function shortDate(iso: string | null): string {
  return iso === null ? "-" : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `908.8 MiB`; `-` when unknown. */
export function humanSize(bytes: number | null): string {
  if (bytes === null) return "-";
  const units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/** A status with its flags: `built (locked, marked_for_delete)`. */
export function statusText(record: Pick<BackupRecord, "status" | "flags">): string {
  const status = record.status === "" ? "(none)" : record.status;
  return record.flags.length > 0 ? `${status} (${record.flags.join(", ")})` : status;
}

// ---- list -------------------------------------------------------------------------------

export function listTable(records: readonly BackupRecord[]): string {
  if (records.length === 0) return "No backups found.";
  let previous = "";
  const rows = sortForListing(records).map((record) => {
    // Each machine's name is written once, on its newest backup's row.
    const vm = `${record.account}\u0000${record.provider}\u0000${vmDisplay(record)}`;
    const first = vm !== previous;
    previous = vm;
    return [
      first ? record.account : "",
      first ? record.provider : "",
      first ? vmDisplay(record) : "",
      record.kind,
      statusText(record),
      shortDate(record.createdAt),
      humanSize(record.sizeBytes),
      record.backupId,
      record.runId ?? "-",
    ];
  });
  return renderTable(
    ["ACCOUNT", "PROVIDER", "VM", "KIND", "STATUS", "CREATED (UTC)", "SIZE", "BACKUP ID", "RUN ID"],
    rows,
    ["left", "left", "left", "left", "left", "left", "right"],
  );
}

export const LIST_CSV_COLUMNS = [
  "account",
  "provider",
  "vm_id",
  "vm_label",
  "backup_id",
  "run_id",
  "kind",
  "status",
  "flags",
  "usable",
  "created_at",
  "size_bytes",
  "note",
] as const;

export function listCsv(records: readonly BackupRecord[]): string {
  const rows = sortForListing(records).map((r) => [
    r.account,
    r.provider,
    r.vmId,
    r.vmLabel,
    r.backupId,
    r.runId,
    r.kind,
    r.status,
    r.flags.join(";"),
    r.usable,
    r.createdAt,
    r.sizeBytes,
    r.note,
  ]);
  return toCsv([...LIST_CSV_COLUMNS], rows);
}

export function listJson(records: readonly BackupRecord[]): string {
  return `${JSON.stringify(sortForListing(records), null, 2)}\n`;
}

export function formatList(records: readonly BackupRecord[], format: Format): string {
  if (format === "json") return listJson(records);
  if (format === "csv") return listCsv(records);
  return `${listTable(records)}\n`;
}

// ---- report -----------------------------------------------------------------------------

export const STATE_TEXT: Record<VmState, string> = {
  fresh: "ok",
  stale: "STALE",
  none: "NO BACKUP",
  error: "ERROR",
};

export function reportTable(report: Report): string {
  if (report.vms.length === 0) return "No virtual machines found.";
  const withErrors = report.vms.some((vm) => vm.error !== null);
  const rows = report.vms.map((vm) => [
    vm.account,
    vm.provider,
    vmDisplay(vm),
    STATE_TEXT[vm.state],
    shortDate(vm.newest?.createdAt ?? null),
    vm.ageMs === null ? "-" : formatDuration(vm.ageMs),
    vm.newest?.kind ?? "-",
    String(vm.backups.length),
    ...(withErrors ? [vm.error ?? ""] : []),
  ]);
  const headers = ["ACCOUNT", "PROVIDER", "VM", "STATE", "NEWEST USABLE (UTC)", "AGE", "KIND", "BACKUPS"];
  if (withErrors) headers.push("ERROR");
  return renderTable(headers, rows, ["left", "left", "left", "left", "left", "right", "left", "right"]);
}

/** One sentence summing the report up. */
export function reportSummary(report: Report): string {
  const { counts } = report;
  const bad = counts.stale + counts.none + counts.error;
  const vms = (n: number) => `${n} VM${n === 1 ? "" : "s"}`;
  if (counts.vms === 0) return "No virtual machines to judge.";
  if (bad === 0) return `All ${vms(counts.vms)} have a usable backup younger than ${report.maxAge}.`;
  const parts = [
    counts.stale > 0 ? `${counts.stale} stale` : "",
    counts.none > 0 ? `${counts.none} without any usable backup` : "",
  ].filter(Boolean);
  return notFreshSummary(counts, report.maxAge, vms, ` (${parts.join(", ")})`);
}

/**
 * The sentence for a report that is not all fresh, here and on the page: the machines without a
 * usable backup young enough, and those that could not be read, which are never said to lack one
 * (nobody knows whether they do). `of` names a number of machines; `detail` follows the first count.
 */
export function notFreshSummary(
  counts: Pick<Report["counts"], "vms" | "stale" | "none" | "error">,
  maxAge: string,
  of: (n: number) => string,
  detail = "",
): string {
  const unread = counts.error > 0 ? `${counts.error} could not be read` : "";
  const lacking = counts.stale + counts.none;
  if (lacking === 0)
    return `${counts.error} of ${of(counts.vms)} could not be read; the others have a usable backup younger than ${maxAge}.`;
  return `${lacking} of ${of(counts.vms)} have no usable backup younger than ${maxAge}${detail}${unread ? `, and ${unread}` : ""}.`;
}

export const REPORT_CSV_COLUMNS = [
  "account",
  "provider",
  "vm_id",
  "vm_label",
  "state",
  "newest_backup_id",
  "newest_run_id",
  "newest_created_at",
  "age_seconds",
  "backups",
  "error",
] as const;

export function reportCsv(report: Report): string {
  const rows: CsvValue[][] = report.vms.map((vm: VmReport) => [
    vm.account,
    vm.provider,
    vm.vmId,
    vm.vmLabel,
    vm.state,
    vm.newest?.backupId ?? null,
    vm.newest?.runId ?? null,
    vm.newest?.createdAt ?? null,
    vm.ageMs === null ? null : Math.floor(vm.ageMs / 1000),
    vm.backups.length,
    vm.error,
  ]);
  // A failure of no machine (an account whose list could not be read, a part of an answer that
  // names none) is a row of its own, state `error` and no machine: a consumer of the rows alone
  // must not take the account for empty, nor miss the part.
  for (const failure of report.failures) {
    if (failure.vmId !== null) continue;
    rows.push([
      failure.account,
      failure.provider,
      null,
      null,
      "error",
      null,
      null,
      null,
      null,
      null,
      failure.message,
    ]);
  }
  return toCsv([...REPORT_CSV_COLUMNS], rows);
}

export function formatReport(report: Report, format: Format): string {
  if (format === "json") return `${JSON.stringify(report, null, 2)}\n`;
  if (format === "csv") return reportCsv(report);
  return `${reportTable(report)}\n\n${reportSummary(report)}\n`;
}

// ---- CSV --------------------------------------------------------------------------------

type CsvValue = string | number | boolean | null | undefined;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, line break or edge space. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a header row; lines end in CRLF as RFC 4180 asks. */
export function toCsv(headers: string[], rows: CsvValue[][]): string {
  return [headers, ...rows].map((row) => `${row.map(csvField).join(",")}\r\n`).join("");
}

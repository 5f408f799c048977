/**
 * `/metrics` in the Prometheus text format, written by prom-client from the collector's latest
 * results. A scrape builds a fresh registry from what is kept (ages measured at scrape time),
 * so a machine that disappears leaves no stale series and a scrape never calls a cloud.
 */
import { Gauge, Registry } from "prom-client";
import type { Collection } from "./collect.js";
import { cleanCell } from "./format.js";
import { buildReport, type VmState } from "./report.js";

export const METRICS_CONTENT_TYPE = Registry.PROMETHEUS_CONTENT_TYPE;
const PREFIX = "backup_inventory_";
const STATES: readonly VmState[] = ["fresh", "stale", "none", "error"];
/** Longest label value written; a server's label text is not allowed to grow the series. */
export const MAX_LABEL_LENGTH = 64;

export interface MetricsInput {
  collection: Collection;
  /** Accounts whose first collection has not finished. */
  pending: readonly string[];
  maxAgeMs: number;
  now: Date;
}

/** The exposition text of one scrape. */
export async function renderMetrics(input: MetricsInput): Promise<string> {
  const registry = new Registry();
  const gauge = (name: string, help: string, labelNames: readonly string[]) =>
    new Gauge({ name: `${PREFIX}${name}`, help, labelNames, registers: [registry] });
  const vmLabels = ["account", "provider", "vm_id", "vm_label"] as const;
  const accountLabels = ["account", "provider"] as const;

  const age = gauge("backup_age_seconds", "Age of the machine's newest usable backup.", vmLabels);
  const timestamp = gauge(
    "backup_timestamp_seconds",
    "When the machine's newest usable backup was taken, seconds since the epoch.",
    vmLabels,
  );
  const count = gauge("backups", "Backups of the machine, of any status.", vmLabels);
  const state = gauge(
    "vm_state",
    "1 for the machine's state: fresh, stale, none (no usable backup) or error (unreadable).",
    [...vmLabels, "state"],
  );
  const maxAge = gauge("max_age_seconds", "The age above which a backup counts as stale (--max-age).", []);
  const success = gauge(
    "collection_success",
    "1 when the account's last collection could read it, else 0.",
    accountLabels,
  );
  const duration = gauge(
    "collection_duration_seconds",
    "How long the account's last collection took.",
    accountLabels,
  );
  const errors = gauge(
    "collection_errors",
    "Calls that failed in the account's last collection.",
    accountLabels,
  );
  const finished = gauge(
    "collection_timestamp_seconds",
    "When the account's last collection finished, seconds since the epoch.",
    accountLabels,
  );
  const pending = gauge(
    "collection_pending",
    "1 for an account whose first collection has not finished, 0 once it has.",
    ["account"],
  );

  const report = buildReport(input.collection, { now: input.now, maxAgeMs: input.maxAgeMs });
  maxAge.set(input.maxAgeMs / 1000);
  for (const vm of report.vms) {
    const labels = {
      account: label(vm.account),
      provider: vm.provider,
      vm_id: label(vm.vmId),
      vm_label: label(vm.vmLabel ?? ""),
    };
    count.set(labels, vm.backups.length);
    for (const each of STATES) state.set({ ...labels, state: each }, vm.state === each ? 1 : 0);
    if (vm.newest?.createdAt && vm.ageMs !== null) {
      age.set(labels, vm.ageMs / 1000);
      timestamp.set(labels, Date.parse(vm.newest.createdAt) / 1000);
    }
  }
  for (const account of input.collection.accounts) {
    const labels = { account: label(account.account), provider: account.provider };
    success.set(labels, account.ok ? 1 : 0);
    duration.set(labels, account.durationMs / 1000);
    errors.set(labels, account.failures.length);
    finished.set(labels, account.finishedAt / 1000);
    // A series that exists from the first scrape on: an alert on it never meets a gap.
    pending.set({ account: label(account.account) }, 0);
  }
  for (const name of input.pending) pending.set({ account: label(name) }, 1);
  return await registry.metrics();
}

/**
 * A label value from a server or a config file: one line without control characters, at most
 * MAX_LABEL_LENGTH characters. prom-client escapes backslashes, quotes and newlines itself.
 */
export function label(value: string): string {
  const chars = [...cleanCell(value).trim()];
  return chars.length > MAX_LABEL_LENGTH
    ? `${chars.slice(0, MAX_LABEL_LENGTH - 1).join("")}…`
    : chars.join("");
}

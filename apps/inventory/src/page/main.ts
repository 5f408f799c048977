/**
 * The served page's script: fetches /api/report (for one account or all) and draws the
 * summary cards, the failures, the per-day chart and the machines table. Ages, sizes and dates
 * are formatted by the same functions as the CLI's tables.
 */

import type { ReportResponse, SourceInfo } from "../api.js";
import { formatDuration } from "../duration.js";
import { humanSize, notFreshSummary, shortDate } from "../format.js";
import type { VmReport, VmState } from "../report.js";
import { renderChart } from "./chart.js";
import { byId, el } from "./dom.js";

/** How many backups a machine lists under its row before "+N more". */
const PER_VM = 5;
const STATE_TEXT: Record<VmState, string> = {
  fresh: "fresh",
  stale: "stale",
  none: "no backup",
  error: "error",
};

type PageReport = ReportResponse;

const age = (ms: number | null): string => (ms === null ? "-" : formatDuration(ms));
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function renderCards(report: PageReport): void {
  const c = report.counts;
  const bad = c.stale + c.none + c.error;
  const card = (kind: string, n: number, label: string) =>
    el(
      "div",
      { class: `card ${kind}`, "data-count": kind },
      el("div", { class: "n", text: n }),
      el("div", { class: "label", text: label }),
    );
  const summary =
    c.vms === 0
      ? "No machines found."
      : bad === 0
        ? `Every machine has a usable backup younger than ${report.maxAge}.`
        : notFreshSummary(c, report.maxAge, (n) => `${n} machines`);
  const good = bad === 0 && report.failures.length === 0;
  byId("cards").replaceChildren(
    el("div", { class: `card summary ${good ? "good" : "bad"}`, text: summary }),
    card("vms", c.vms, "machines"),
    card("fresh", c.fresh, "fresh"),
    card("stale", c.stale, "stale"),
    card("none", c.none, "no backup"),
    card("error", c.error, "unreadable"),
    card("backups", c.backups, "backups"),
  );
}

function renderFailures(report: PageReport): void {
  const box = byId("failures");
  if (report.failures.length === 0) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  box.hidden = false;
  box.replaceChildren(
    el("h2", {
      text: "Some calls failed; the numbers above leave those machines out or mark them as errors",
    }),
    el(
      "ul",
      {},
      ...report.failures.map((f) => {
        const vm = f.vmId === null ? "" : ` ${f.vmLabel ? `${f.vmLabel} (${f.vmId})` : f.vmId}`;
        return el("li", {}, el("strong", { text: `${f.account} (${f.provider})${vm}: ` }), f.message);
      }),
    ),
  );
}

function machineRows(vm: VmReport): HTMLTableSectionElement {
  const group = el("tbody", { class: `vm state-${vm.state}` });
  const known = vm.backups.filter((b) => b.sizeBytes !== null);
  const total = known.reduce((sum, b) => sum + (b.sizeBytes ?? 0), 0);
  const detail = `${vm.vmLabel ? `id ${vm.vmId} · ` : ""}${plural(vm.backups.length, "backup")}`;
  group.append(
    el(
      "tr",
      {
        class: "vm-row",
        "data-account": vm.account,
        "data-provider": vm.provider,
        "data-vm-id": vm.vmId,
        "data-state": vm.state,
      },
      el(
        "td",
        {},
        el("span", { class: `provider ${vm.provider}`, text: vm.provider }),
        el("span", { class: "account", text: vm.account }),
      ),
      el(
        "td",
        { class: "vm" },
        vm.vmLabel ?? vm.vmId,
        el("span", { class: `sub${vm.vmLabel ? "" : " mono"}`, text: detail }),
      ),
      el(
        "td",
        { class: "state-cell" },
        el("span", { class: `state ${vm.state}`, text: STATE_TEXT[vm.state] }),
        vm.error ? el("span", { class: "sub", text: vm.error }) : null,
      ),
      el("td", { class: "newest date", text: shortDate(vm.newest?.createdAt ?? null) }),
      el("td", { class: "num age", text: age(vm.ageMs) }),
      el("td", { class: "kind", text: vm.newest?.kind ?? "-" }),
      el("td", { class: "num", text: known.length > 0 ? humanSize(total) : "-" }),
    ),
  );
  for (const b of vm.backups.slice(0, PER_VM)) {
    const status = b.status + (b.flags.length > 0 ? ` (${b.flags.join(", ")})` : "");
    group.append(
      el(
        "tr",
        { class: `backup-row${b.usable ? "" : " unusable"}`, "data-backup-id": b.backupId },
        el("td"),
        el(
          "td",
          { class: "mono", title: b.note ?? undefined },
          `↳ ${b.backupId}`,
          b.runId ? el("span", { class: "sub mono run", text: `run ${b.runId}` }) : null,
        ),
        el("td", {}, el("span", { class: "pill", text: status })),
        el("td", { class: "date", text: shortDate(b.createdAt) }),
        el("td", { class: "num", text: age(b.ageMs) }),
        el("td", { text: b.kind }),
        el("td", { class: "num", text: humanSize(b.sizeBytes) }),
      ),
    );
  }
  if (vm.backups.length > PER_VM) {
    const more = `+ ${vm.backups.length - PER_VM} older backups (see /api/backups)`;
    group.append(el("tr", { class: "more" }, el("td"), el("td", { colspan: 6, text: more })));
  }
  return group;
}

function renderTable(report: PageReport): void {
  const table = byId<HTMLTableElement>("report");
  for (const old of table.querySelectorAll("tbody")) old.remove();
  for (const vm of report.vms) table.append(machineRows(vm));
  if (report.vms.length === 0) {
    table.append(el("tbody", {}, el("tr", {}, el("td", { colspan: 7, text: "No machines found." }))));
  }
}

/** Fills the account filter once, from the accounts the server reads. */
function renderAccounts(source: SourceInfo): void {
  const select = byId<HTMLSelectElement>("account-filter");
  if (select.options.length > 1) return;
  for (const provider of source.providers) {
    select.append(
      el("option", { value: provider.account, text: `${provider.account} (${provider.provider})` }),
    );
  }
}

async function load(): Promise<void> {
  const status = byId("status");
  status.className = "";
  status.textContent = "Loading…";
  document.body.dataset.ready = "loading";
  const account = byId<HTMLSelectElement>("account-filter").value;
  try {
    const query = account ? `?account=${encodeURIComponent(account)}` : "";
    const response = await fetch(`/api/report${query}`, { headers: { accept: "application/json" } });
    const body = (await response.json()) as PageReport & { error?: string };
    if (!response.ok) throw new Error(body.error ?? `HTTP ${response.status}`);
    if (body.pending.length > 0) {
      // The first collection of some accounts is still running: show what is there, ask again.
      status.textContent = `Still collecting: ${body.pending.join(", ")}…`;
      setTimeout(() => void load(), 1000);
    } else status.textContent = "";
    byId("max-age").textContent = body.maxAge;
    const src = body.source;
    const badge = byId("source");
    badge.className = `badge${src.mock ? " mock" : ""}`;
    badge.textContent = src.mock ? "embedded Prism mocks" : plural(src.providers.length, "account");
    badge.title = src.providers.map((p) => `${p.account} (${p.provider}): ${p.url}`).join("\n");
    byId("generated").textContent = `as of ${shortDate(body.generatedAt)} UTC`;
    renderAccounts(body.source);
    renderCards(body);
    renderFailures(body);
    renderChart(byId("chart"), body.perDay);
    renderTable(body);
    if (body.pending.length === 0) document.body.dataset.ready = "true";
  } catch (error) {
    status.className = "error";
    status.textContent = `Could not load the report: ${(error as Error).message}`;
    document.body.dataset.ready = "error";
  }
}

byId("per-vm").textContent = String(PER_VM);
byId("refresh").addEventListener("click", () => void load());
byId("account-filter").addEventListener("change", () => void load());
void load();

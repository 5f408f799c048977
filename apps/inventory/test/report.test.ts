import { describe, expect, it } from "vitest";
import type { Collection } from "../src/collect.js";
import { parseDuration } from "../src/duration.js";
import type { BackupRecord } from "../src/records.js";
import { buildReport, DAYS_SHOWN, perDay, reportExitCode } from "../src/report.js";

const NOW = new Date("2025-06-15T12:00:00Z");
const HOUR = 3_600_000;

function record(over: Partial<BackupRecord> & Pick<BackupRecord, "vmId">): BackupRecord {
  return {
    account: "onapp",
    provider: "onapp",
    vmLabel: null,
    backupId: `b-${Math.random().toString(36).slice(2)}`,
    runId: null,
    kind: "image",
    status: "built",
    flags: [],
    usable: true,
    createdAt: null,
    sizeBytes: null,
    note: null,
    source: {},
    ...over,
  };
}

function hoursAgo(hours: number): string {
  return new Date(NOW.getTime() - hours * HOUR).toISOString();
}

function collection(records: BackupRecord[], extra: Partial<Collection> = {}): Collection {
  const vms = new Map(
    records.map((r) => [
      `${r.account}:${r.provider}:${r.vmId}`,
      { account: r.account, provider: r.provider, vmId: r.vmId, vmLabel: r.vmLabel },
    ]),
  );
  return {
    providers: ["zcom", "onapp"],
    accounts: [],
    vms: [...vms.values()],
    records,
    failures: [],
    ...extra,
  };
}

describe("buildReport", () => {
  it("measures ages from the injected now, not the clock", () => {
    const report = buildReport(collection([record({ vmId: "1", createdAt: hoursAgo(5) })]), {
      now: NOW,
      maxAgeMs: parseDuration("24h"),
    });
    expect(report.generatedAt).toBe("2025-06-15T12:00:00.000Z");
    expect(report.vms[0]).toMatchObject({ state: "fresh", ageMs: 5 * HOUR });
    expect(report.maxAge).toBe("1d");
    expect(report.ok).toBe(true);
    expect(reportExitCode(report)).toBe(0);
  });

  it("judges each machine by its newest usable backup only", () => {
    const report = buildReport(
      collection([
        // Newest is not usable (still pending); the usable one is 30 h old: stale.
        record({ vmId: "1", createdAt: hoursAgo(1), usable: false, status: "pending" }),
        record({ vmId: "1", createdAt: hoursAgo(30), backupId: "old-good" }),
        // Usable but with no date: does not count.
        record({ vmId: "2", createdAt: null }),
        // Fresh.
        record({ vmId: "3", createdAt: hoursAgo(23.99) }),
      ]),
      { now: NOW, maxAgeMs: 24 * HOUR, maxAgeText: "24h" },
    );
    const byId = Object.fromEntries(report.vms.map((vm) => [vm.vmId, vm]));
    expect(byId["1"]).toMatchObject({ state: "stale", ageMs: 30 * HOUR });
    expect(byId["1"]?.newest?.backupId).toBe("old-good");
    expect(byId["1"]?.backups).toHaveLength(2);
    expect(byId["2"]).toMatchObject({ state: "none", newest: null, ageMs: null });
    expect(byId["3"]?.state).toBe("fresh");
    expect(report.counts).toEqual({ vms: 3, backups: 4, fresh: 1, stale: 1, none: 1, error: 0 });
    expect(report.maxAge).toBe("24h");
    expect(reportExitCode(report)).toBe(1);
  });

  it("counts a backup exactly --max-age old as stale, and one from the future as fresh", () => {
    const exact = buildReport(collection([record({ vmId: "1", createdAt: hoursAgo(24) })]), {
      now: NOW,
      maxAgeMs: 24 * HOUR,
    });
    expect(exact.vms[0]?.state).toBe("stale");
    const oneMsLess = buildReport(collection([record({ vmId: "1", createdAt: hoursAgo(24) })]), {
      now: new Date(NOW.getTime() - 1),
      maxAgeMs: 24 * HOUR,
    });
    expect(oneMsLess.vms[0]?.state).toBe("fresh");
    const future = buildReport(collection([record({ vmId: "1", createdAt: hoursAgo(-2) })]), {
      now: NOW,
      maxAgeMs: HOUR,
    });
    expect(future.vms[0]).toMatchObject({ state: "fresh", ageMs: -2 * HOUR });
  });

  it("keeps machines without backups, and marks those whose call failed", () => {
    const report = buildReport(
      {
        providers: ["onapp"],
        accounts: [],
        vms: [
          { account: "onapp", provider: "onapp", vmId: "7", vmLabel: "empty" },
          { account: "onapp", provider: "onapp", vmId: "8", vmLabel: "broken" },
        ],
        records: [],
        failures: [
          {
            account: "onapp",
            provider: "onapp",
            vmId: "8",
            vmLabel: "broken",
            operation: "listBackups",
            message: "500 boom",
            error: new Error("x"),
          },
        ],
      },
      { now: NOW, maxAgeMs: HOUR },
    );
    expect(report.vms.map((vm) => [vm.vmLabel, vm.state, vm.error])).toEqual([
      ["broken", "error", "500 boom"],
      ["empty", "none", null],
    ]);
    // Failures are reported without the error object, which does not serialise.
    expect(report.failures).toEqual([
      {
        account: "onapp",
        provider: "onapp",
        vmId: "8",
        vmLabel: "broken",
        operation: "listBackups",
        message: "500 boom",
      },
    ]);
    expect(reportExitCode(report)).toBe(1);
  });

  it("is not ok when a whole provider failed, even if every machine seen is fresh", () => {
    const report = buildReport(
      collection([record({ vmId: "1", createdAt: hoursAgo(1) })], {
        failures: [
          {
            account: "zcom",
            provider: "zcom",
            vmId: null,
            vmLabel: null,
            operation: "listBackups",
            message: "down",
          },
        ],
      }),
      { now: NOW, maxAgeMs: 24 * HOUR },
    );
    expect(report.vms.every((vm) => vm.state === "fresh")).toBe(true);
    expect(reportExitCode(report)).toBe(1);
  });

  it("puts the machines an unreadable account still lists in error, and no others", () => {
    const down = { account: "onapp", provider: "onapp" as const, vmId: null, vmLabel: null };
    const account = (name: string, ok: boolean) => ({
      account: name,
      provider: "onapp" as const,
      vms: [],
      records: [],
      failures: [],
      ok,
      finishedAt: 0,
      durationMs: 0,
    });
    const report = buildReport(
      collection(
        [
          record({ vmId: "1", createdAt: hoursAgo(1) }),
          record({ account: "other", vmId: "2", createdAt: hoursAgo(1) }),
        ],
        {
          accounts: [account("onapp", false), account("other", true)],
          failures: [
            { ...down, operation: "listVirtualServers", message: "connection refused" },
            // A failure tied to no machine in an account that was read leaves its machines alone.
            { ...down, account: "other", operation: "listBackupImages", message: "one odd record" },
          ],
        },
      ),
      { now: NOW, maxAgeMs: 24 * HOUR },
    );
    expect(report.vms.map((vm) => [vm.account, vm.state, vm.error, vm.ageMs])).toEqual([
      ["onapp", "error", "connection refused", HOUR],
      ["other", "fresh", null, HOUR],
    ]);
  });

  it("groups a machine's records wherever they come, apart from the same id in another account or provider", () => {
    const records = [
      record({ account: "a", vmId: "1", backupId: "a1-old", createdAt: hoursAgo(30) }),
      record({ account: "b", vmId: "1", backupId: "b1", createdAt: hoursAgo(2) }),
      record({ account: "a", provider: "zcom", vmId: "1", backupId: "z1", createdAt: hoursAgo(3) }),
      record({ account: "a", vmId: "2", backupId: "a2", createdAt: hoursAgo(4) }),
      record({ account: "a", vmId: "1", backupId: "a1-new", createdAt: hoursAgo(1) }),
    ];
    const given = collection(records);
    const order = given.records.map((r) => r.backupId);
    const report = buildReport(given, { now: NOW, maxAgeMs: parseDuration("24h") });
    const backups = (account: string, provider: string, vmId: string) =>
      report.vms
        .find((vm) => vm.account === account && vm.provider === provider && vm.vmId === vmId)
        ?.backups.map((backup) => backup.backupId);
    expect(report.vms).toHaveLength(4);
    expect(backups("a", "onapp", "1")).toEqual(["a1-new", "a1-old"]);
    expect(backups("b", "onapp", "1")).toEqual(["b1"]);
    expect(backups("a", "zcom", "1")).toEqual(["z1"]);
    expect(backups("a", "onapp", "2")).toEqual(["a2"]);
    // The collection itself is left as it was.
    expect(given.records.map((r) => r.backupId)).toEqual(order);
  });

  it("orders machines zcom first, then by label or id", () => {
    const report = buildReport(
      collection([
        record({ vmId: "1", vmLabel: "beta" }),
        record({ vmId: "2", vmLabel: "alpha" }),
        // No label: ordered by its id among the labels.
        record({ vmId: "able" }),
        record({ vmId: "zz", provider: "zcom" }),
      ]),
      { now: NOW, maxAgeMs: HOUR },
    );
    // Labels and ids sort differently here, so the order shows which one decided.
    expect(report.vms.map((vm) => vm.vmId)).toEqual(["zz", "able", "2", "1"]);
  });

  it("rejects a bad now or max age", () => {
    expect(() => buildReport(collection([]), { now: new Date("nope"), maxAgeMs: 1 })).toThrow(/now/);
    expect(() => buildReport(collection([]), { now: NOW, maxAgeMs: 0 })).toThrow(/maxAgeMs/);
  });
});

describe("perDay", () => {
  it("counts backups per UTC day and provider, oldest first, most recent days only", () => {
    const records = [
      record({ vmId: "1", createdAt: "2025-06-14T23:59:59Z" }),
      record({ vmId: "1", createdAt: "2025-06-15T00:00:00Z", provider: "zcom" }),
      record({ vmId: "2", createdAt: "2025-06-15T08:00:00Z" }),
      record({ vmId: "2", createdAt: null }),
    ];
    expect(perDay(records)).toEqual([
      { date: "2025-06-14", zcom: 0, onapp: 1, total: 1 },
      { date: "2025-06-15", zcom: 1, onapp: 1, total: 2 },
    ]);
    const many = Array.from({ length: DAYS_SHOWN + 5 }, (_, i) =>
      record({ vmId: "1", createdAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString() }),
    );
    const days = perDay(many);
    expect(days).toHaveLength(DAYS_SHOWN);
    expect(days[0]?.date).toBe("2025-01-06");
  });
});

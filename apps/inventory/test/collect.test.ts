import { type OnAppBackup, type OnAppVirtualServer, ServerError } from "@backupkit/onapp";
import type { ZcomBackup } from "@backupkit/zcom";
import { describe, expect, it } from "vitest";
import { collect, eachLimited, type Progress, type Sources } from "../src/collect.js";

const servers = (n: number): OnAppVirtualServer[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, identifier: `vm${i + 1}`, label: `vm-${i + 1}` }));

function fakeOnApp(count: number, options: { delayMs?: number; failOn?: number[] } = {}) {
  const stats = { running: 0, maxRunning: 0, calls: 0 };
  const onapp: NonNullable<Sources["onapp"]> = {
    listVirtualServers: async () => servers(count),
    listBackups: async (id: number): Promise<OnAppBackup[]> => {
      stats.calls += 1;
      stats.running += 1;
      stats.maxRunning = Math.max(stats.maxRunning, stats.running);
      try {
        await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
        if (options.failOn?.includes(id)) {
          throw new ServerError(`500 Internal Server Error from GET /virtual_machines/${id}/backups.json`, {
            status: 500,
          });
        }
        return [{ id: id * 100, built: true, built_at: "2025-01-01T00:00:00Z", backup_size: 1 }];
      } finally {
        stats.running -= 1;
      }
    },
  };
  return { onapp, stats };
}

const zcomBackups: ZcomBackup[] = [
  {
    instance_id: "z1",
    id: "s1",
    backupruns: [
      { status: "available", created_at: "2025-01-01T00:00:00Z", backuprun_id: "r1", type: "instance" },
    ],
  },
  { instance_id: "z2", id: "s2", backupruns: [] },
];

describe("collect", () => {
  it("reads OnApp machines at most `concurrency` at a time (8 by default)", async () => {
    const limited = fakeOnApp(20);
    const result = await collect({ onapp: limited.onapp }, { concurrency: 3 });
    expect(limited.stats).toMatchObject({ calls: 20, maxRunning: 3 });
    expect(result.records).toHaveLength(20);
    expect(result.vms).toHaveLength(20);

    const byDefault = fakeOnApp(30);
    await collect({ onapp: byDefault.onapp });
    expect(byDefault.stats.maxRunning).toBe(8);
  });

  it("keeps every other machine's backups when one machine's call fails", async () => {
    const { onapp } = fakeOnApp(5, { failOn: [3] });
    const result = await collect({ onapp, zcom: { listBackups: async () => zcomBackups } });
    expect(result.providers).toEqual(["zcom", "onapp"]);
    expect(result.records.filter((r) => r.provider === "onapp").map((r) => r.vmId)).toEqual(
      expect.arrayContaining(["1", "2", "4", "5"]),
    );
    expect(result.records.filter((r) => r.provider === "onapp")).toHaveLength(4);
    expect(result.failures).toEqual([
      {
        provider: "onapp",
        vmId: "3",
        vmLabel: "vm-3",
        operation: "listBackups",
        message: "500 Internal Server Error from GET /virtual_machines/3/backups.json",
        error: expect.any(ServerError),
      },
    ]);
    // The failed machine is still known, and so is the Z.com machine without runs.
    expect(result.vms.map((vm) => vm.vmId)).toEqual(["z1", "z2", "1", "2", "3", "4", "5"]);
  });

  it("records a provider-wide failure and still returns the other provider", async () => {
    const { onapp } = fakeOnApp(2);
    const result = await collect({
      onapp,
      zcom: {
        listBackups: async () => {
          throw new Error("connect ECONNREFUSED");
        },
      },
    });
    expect(result.failures).toMatchObject([
      { provider: "zcom", vmId: null, operation: "listBackups", message: "connect ECONNREFUSED" },
    ]);
    expect(result.records).toHaveLength(2);
  });

  it("reports progress as machines become known and done", async () => {
    const events: Progress[] = [];
    await collect(
      { onapp: fakeOnApp(3).onapp, zcom: { listBackups: async () => zcomBackups } },
      { onProgress: (p) => events.push(p) },
    );
    expect(events.at(-1)).toEqual({ done: 5, total: 5 });
    for (const event of events) expect(event.done).toBeLessThanOrEqual(event.total);
  });

  it("stops when aborted instead of recording a failure", async () => {
    const controller = new AbortController();
    const { onapp } = fakeOnApp(50, { delayMs: 20 });
    const slow: NonNullable<Sources["onapp"]> = {
      listVirtualServers: onapp.listVirtualServers,
      listBackups: async (id, options) => {
        if (id === 4) controller.abort(new Error("stop"));
        if (options?.signal?.aborted) throw options.signal.reason;
        return onapp.listBackups(id, options);
      },
    };
    await expect(collect({ onapp: slow }, { signal: controller.signal })).rejects.toThrow("stop");
  });

  it("rejects a concurrency below 1", async () => {
    await expect(collect({}, { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});

describe("eachLimited", () => {
  it("starts no new work after a failure and rethrows it", async () => {
    const started: number[] = [];
    await expect(
      eachLimited([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        if (n === 2) throw new Error("two");
      }),
    ).rejects.toThrow("two");
    expect(started.length).toBeLessThan(6);
  });

  it("copes with nothing to do", async () => {
    await expect(eachLimited([], 4, async () => {})).resolves.toBeUndefined();
  });
});

import { NotFoundError, type OnAppBackup, type OnAppVirtualServer, ServerError } from "@backupkit/onapp";
import type { ZcomBackup } from "@backupkit/zcom";
import { describe, expect, it } from "vitest";
import {
  type AccountCollection,
  collect,
  collectAccount,
  mergeAccounts,
  type Progress,
  type Source,
} from "../src/collect.js";
import { carryOver, startCollector } from "../src/collector.js";
import { createLimiter } from "../src/limit.js";
import { listVmBackups } from "../src/onapp-backups.js";
import { fromOnAppBackup, onAppVm } from "../src/records.js";
import { buildReport } from "../src/report.js";

const servers = (n: number): OnAppVirtualServer[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, identifier: `vm${i + 1}`, label: `vm-${i + 1}` }));

const http500 = (path: string) =>
  new ServerError(`500 Internal Server Error from GET ${path}`, { status: 500 });

/** Counts calls (either listing) in flight across every fake made with the same `stats`. */
function fakeOnApp(
  count: number,
  options: {
    delayMs?: number;
    failImagesOn?: number[];
    failFilesOn?: number[];
    /** Machines whose image listing answers 404, as for a machine deleted after the server list. */
    goneOn?: number[];
    /** Whether a machine's incremental listing answers 404. Default: the even ones. */
    noFiles?: (id: number) => boolean;
    stats?: { running: number; maxRunning: number; calls: number };
  } = {},
) {
  const stats = options.stats ?? { running: 0, maxRunning: 0, calls: 0 };
  const inFlight = async <T>(answer: () => T): Promise<T> => {
    stats.calls += 1;
    stats.running += 1;
    stats.maxRunning = Math.max(stats.maxRunning, stats.running);
    try {
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 5));
      return answer();
    } finally {
      stats.running -= 1;
    }
  };
  const filesAsked: number[] = [];
  /** Every listing call in the order it started: `img<id>` or `files<id>`. */
  const order: string[] = [];
  const lists = {
    listVirtualServers: async () => servers(count),
    listBackupImages: (id: number, _options?: { signal?: AbortSignal }): Promise<OnAppBackup[]> =>
      inFlight(() => {
        order.push(`img${id}`);
        if (options.failImagesOn?.includes(id)) throw http500(`/virtual_machines/${id}/backups/images.json`);
        if (options.goneOn?.includes(id)) throw new NotFoundError("404 Not Found", { status: 404 });
        return [{ id: id * 100, built: true, built_at: "2025-01-01T00:00:00Z", backup_size: 1 }];
      }),
    listBackupFiles: (id: number): Promise<OnAppBackup[]> =>
      inFlight(() => {
        filesAsked.push(id);
        order.push(`files${id}`);
        if (options.failFilesOn?.includes(id)) throw http500(`/virtual_machines/${id}/backups/files.json`);
        // By default odd machines have incremental backups and even ones answer 404.
        if (options.noFiles ? options.noFiles(id) : id % 2 === 0)
          throw new NotFoundError("404 Not Found", { status: 404 });
        return [
          { id: id * 100 + 1, built: true, built_at: "2025-01-02T00:00:00Z", backup_type: "incremental" },
        ];
      }),
  };
  return { client: iterating(lists), lists, stats, filesAsked, order };
}

type Lists = {
  listVirtualServers: () => Promise<ReturnType<typeof servers>>;
  listBackupImages: (id: number, options?: { signal?: AbortSignal }) => Promise<OnAppBackup[]>;
  listBackupFiles: (id: number) => Promise<OnAppBackup[]>;
};

/** The client's paged iterators over one-page fakes (each list is a single page). */
function iterating(lists: Lists): Extract<Source, { provider: "onapp" }>["client"] {
  return {
    async *iterateVirtualServers() {
      yield* await lists.listVirtualServers();
    },
    async *iterateBackupImages(id, _params, options) {
      yield* await lists.listBackupImages(id, options);
    },
    async *iterateBackupFiles(id) {
      yield* await lists.listBackupFiles(id);
    },
  };
}

const onappSource = (account: string, client: Extract<Source, { provider: "onapp" }>["client"]): Source => ({
  account,
  provider: "onapp",
  client,
});

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
const zcomSource = (account: string, listBackups = async () => zcomBackups): Source => ({
  account,
  provider: "zcom",
  client: { listBackups },
});

describe("collect", () => {
  it("has at most `perAccount` calls of one account in flight (4 by default), counting both listings", async () => {
    const limited = fakeOnApp(20);
    const result = await collect([onappSource("eu", limited.client)], { perAccount: 3 });
    // Two listings per machine: the limit counts calls, so never two machines' worth at once.
    expect(limited.stats).toMatchObject({ calls: 40, maxRunning: 3 });
    expect(result.vms).toHaveLength(20);

    const byDefault = fakeOnApp(30);
    await collect([onappSource("eu", byDefault.client)]);
    expect(byDefault.stats.maxRunning).toBe(4);
  });

  it("keeps the calls of all accounts together within `concurrency`", async () => {
    const stats = { running: 0, maxRunning: 0, calls: 0 };
    const sources = ["a", "b", "c", "d"].map((name) => onappSource(name, fakeOnApp(10, { stats }).client));
    const result = await collect(sources, { concurrency: 6, perAccount: 4 });
    expect(stats).toMatchObject({ calls: 80, maxRunning: 6 });
    expect(result.accounts.map((account) => [account.account, account.vms.length])).toEqual([
      ["a", 10],
      ["b", 10],
      ["c", 10],
      ["d", 10],
    ]);
  });

  it("keeps each provider's own record unless told not to, and nothing else changes", async () => {
    const sources = () => [zcomSource("tokyo"), onappSource("eu", fakeOnApp(2).client)];
    const kept = await collect(sources());
    expect(kept.records.map((record) => record.source)).toEqual([
      { instance_id: "z1", id: "s1", backuprun: zcomBackups[0]?.backupruns[0] },
      expect.objectContaining({ id: 100, built: true }),
      expect.objectContaining({ id: 101 }),
      expect.objectContaining({ id: 200 }),
    ]);
    const dropped = await collect(sources(), { keepSource: false });
    expect(dropped.records.map((record) => record.source)).toEqual([null, null, null, null]);
    const withoutSource = (collection: typeof kept) =>
      collection.records.map(({ source: _source, ...rest }) => rest);
    expect(withoutSource(dropped)).toEqual(withoutSource(kept));
  });

  it("fails a machine's listing that never ends, and reads the other machines", async () => {
    const panel = fakeOnApp(3, { noFiles: () => true });
    const client: Extract<Source, { provider: "onapp" }>["client"] = {
      ...panel.client,
      async *iterateBackupImages(id, params, options) {
        if (id !== 2) return yield* panel.client.iterateBackupImages(id, params, options);
        // A panel that hands out new pages for ever.
        for (let n = 0; ; n++) yield { id: n, built: true, built_at: "2025-01-01T00:00:00Z" };
      },
    };
    const result = await collect([onappSource("eu", client)]);
    expect(result.failures).toEqual([
      expect.objectContaining({
        vmId: "2",
        operation: "listBackupImages",
        message: "the panel listed more than 20,000 backups; stopped reading there",
      }),
    ]);
    expect(result.records.map((record) => record.vmId).sort()).toEqual(["1", "3"]);
  });

  /** One panel's collection with small bounds. */
  const bounded = (client: Extract<Source, { provider: "onapp" }>["client"]) =>
    collectAccount(onappSource("eu", client), {
      shared: createLimiter(4),
      maxListed: { machines: 50, accountBackups: 4 },
    });

  it("fails an account whose machine list never ends, without reading its machines' backups", async () => {
    const panel = fakeOnApp(3);
    const account = await bounded({
      ...panel.client,
      async *iterateVirtualServers() {
        for (let id = 1; ; id++) yield { id, identifier: `vm${id}`, label: `vm-${id}` };
      },
    });
    expect(account).toMatchObject({ ok: false, vms: [], records: [] });
    expect(account.failures).toEqual([
      expect.objectContaining({
        vmId: null,
        operation: "listVirtualServers",
        message: "the panel listed more than 50 machines; stopped reading there",
      }),
    ]);
  });

  it("fails an account whose machine list repeats the same machines for ever", async () => {
    const panel = fakeOnApp(3);
    const account = await bounded({
      ...panel.client,
      async *iterateVirtualServers() {
        for (;;) yield* servers(3);
      },
    });
    expect(account).toMatchObject({ ok: false, vms: [] });
    expect(account.failures).toEqual([
      expect.objectContaining({
        operation: "listVirtualServers",
        message: "the panel listed more than 100 machines, counting repeats; stopped reading there",
      }),
    ]);
  });

  it("fails an account whose backups pass its bound, and holds none of them", async () => {
    // Five machines of one or two backups each (the odd ones have an incremental one): 8 in all.
    const account = await bounded(fakeOnApp(5, { noFiles: (id) => id % 2 === 0 }).client);
    expect(account).toMatchObject({ ok: false, vms: [], records: [] });
    expect(account.failures).toEqual([
      expect.objectContaining({
        vmId: null,
        message: "the panel listed more than 4 backups in this account; stopped reading there",
      }),
    ]);
  });

  it("rejects with the caller's abort, not the bound, when both stopped the machines", async () => {
    const stop = new AbortController();
    const stopped = new Promise<void>((resolve) => stop.signal.addEventListener("abort", () => resolve()));
    const panel = fakeOnApp(2, { noFiles: () => true });
    const client: Extract<Source, { provider: "onapp" }>["client"] = {
      ...panel.client,
      async *iterateBackupImages(id) {
        // Machine 1 passes the bound; machine 2's listing ends only after the caller stops, and
        // then with an error of its own.
        if (id === 1) for (let n = 0; n < 5; n++) yield { id: n, built: true };
        else {
          await stopped;
          throw new Error("machine 2's listing failed late");
        }
      },
    };
    const collecting = collectAccount(onappSource("eu", client), {
      shared: createLimiter(4),
      signal: stop.signal,
      maxListed: { accountBackups: 4 },
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const reason = new Error("stopped by the caller");
    stop.abort(reason);
    await expect(collecting).rejects.toBe(reason);
  });

  it("holds an account of exactly its bound of backups", async () => {
    // Two machines of two backups each (image and incremental): 4, the bound; then four with none.
    const panel = fakeOnApp(6, { noFiles: (id) => id > 2 });
    const client: Extract<Source, { provider: "onapp" }>["client"] = {
      ...panel.client,
      async *iterateBackupImages(id, params, options) {
        if (id <= 2) yield* panel.client.iterateBackupImages(id, params, options);
      },
    };
    const account = await bounded(client);
    expect(account).toMatchObject({ ok: true, failures: [] });
    expect(account.records).toHaveLength(4);
  });

  it("reads image and incremental backups and says which each is; a 404 means no incremental ones", async () => {
    const result = await collect([onappSource("eu", fakeOnApp(2).client)]);
    expect(result.records.map((r) => [r.vmId, r.backupId, r.kind]).sort()).toEqual([
      ["1", "100", "image"],
      ["1", "101", "incremental"],
      ["2", "200", "image"],
    ]);
    expect(result.failures).toEqual([]);
  });

  it("stops asking a panel for incremental listings once its first two machines show it has none", async () => {
    const panel = fakeOnApp(20, { noFiles: () => true });
    const result = await collect([onappSource("eu", panel.client)], { perAccount: 4 });
    // Only the two probes ask: the others' incremental listings waited for their answers.
    expect(panel.filesAsked.sort()).toEqual([1, 2]);
    expect(panel.stats.calls).toBe(20 + 2);
    expect(result.records.map((r) => r.kind)).toEqual(Array(20).fill("image"));
    expect(result.failures).toEqual([]);
    // The report says so, for whoever audits the panel.
    expect(result.accounts[0]?.incrementalListings).toBe(false);
    expect(buildReport(result, { maxAgeMs: 86_400_000, now: new Date() }).accounts[0]).toMatchObject({
      account: "eu",
      incrementalListings: false,
    });
  });

  /** A panel whose incremental listings answer only once `answer` is called. */
  function slowIncremental(count: number) {
    const panel = fakeOnApp(count, { noFiles: () => true });
    let answer: () => void = () => {};
    const slow = new Promise<void>((resolve) => {
      answer = resolve;
    });
    /** Incremental listings asked so far, counted when asked rather than when answered. */
    const filesStarted: number[] = [];
    const lists = {
      ...panel.lists,
      listBackupFiles: async (id: number) => {
        filesStarted.push(id);
        await slow;
        return panel.lists.listBackupFiles(id);
      },
    };
    /** Image listings asked so far, once they reach `count` (or after 3 s, to fail clearly). */
    const images = async () => {
      const asked = () => panel.order.filter((call) => call.startsWith("img")).length;
      for (const started = Date.now(); asked() < count && Date.now() - started < 3_000; ) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return asked();
    };
    return { panel, client: iterating(lists), answer, images, filesStarted };
  }

  it("reads other machines' image listings while the probes' incremental listings are slow", async () => {
    const { panel, client, answer, images, filesStarted } = slowIncremental(8);
    const collecting = collect([onappSource("eu", client)], { perAccount: 4 });
    // Both probes' incremental listings hold two of the four slots; the other two serve every
    // machine's image listing, also past the four machines the account reads at once: a machine
    // with nothing left but the wait for the probes makes room for the next.
    expect(await images()).toBe(8);
    // Only the probes have asked for an incremental listing; the others wait for their verdict.
    expect([...filesStarted].sort()).toEqual([1, 2]);
    answer();
    const result = await collecting;
    expect(panel.filesAsked.sort()).toEqual([1, 2]);
    expect(result.records.map((r) => r.vmId).sort()).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(result.accounts[0]?.incrementalListings).toBe(false);
  });

  it("keeps many machines waiting for the probes' verdict without piling listeners on one signal", async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on("warning", onWarning);
    try {
      const { panel, client, answer, images } = slowIncremental(60);
      const stop = new AbortController();
      const collecting = collect([onappSource("eu", client)], { perAccount: 8, signal: stop.signal });
      // Every other machine now waits for the two probes.
      expect(await images()).toBe(60);
      answer();
      const result = await collecting;
      expect(result.records).toHaveLength(60);
      expect(panel.filesAsked.sort()).toEqual([1, 2]);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).not.toContain("MaxListenersExceededWarning");
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("stops machines waiting for the probes' verdict with the caller's signal, making no call", async () => {
    const panel = fakeOnApp(6, { noFiles: () => true });
    const stop = new AbortController();
    const lists = {
      ...panel.lists,
      // The probes' incremental listings never answer until stopped.
      listBackupFiles: (id: number) =>
        new Promise<OnAppBackup[]>((_, reject) => {
          panel.filesAsked.push(id);
          stop.signal.addEventListener("abort", () => reject(stop.signal.reason));
        }),
    };
    const collecting = collect([onappSource("eu", iterating(lists))], { signal: stop.signal, perAccount: 4 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    stop.abort(new Error("stopped by the test"));
    await expect(collecting).rejects.toThrow("stopped by the test");
    expect(panel.filesAsked.sort()).toEqual([1, 2]);
  });

  /** A panel whose machine list comes in two pages; the second comes once `secondPage` settles. */
  function twoPages(lists: Lists, secondPage: () => Promise<OnAppVirtualServer[]>, events: string[]) {
    return {
      ...iterating(lists),
      async *iterateVirtualServers() {
        yield* servers(3);
        events.push("page 2 asked");
        const more = await secondPage();
        events.push("page 2 in");
        yield* more;
      },
    };
  }

  it("reads the machines of one page of the list while the next page is fetched", async () => {
    const events: string[] = [];
    const panel = fakeOnApp(6);
    const lists = {
      ...panel.lists,
      listBackupImages: (id: number) => {
        events.push(`images ${id}`);
        return panel.lists.listBackupImages(id);
      },
    };
    const later = () =>
      new Promise<OnAppVirtualServer[]>((resolve) => setTimeout(() => resolve(servers(6).slice(3)), 30));
    const progress: Progress[] = [];
    const result = await collect([onappSource("eu", twoPages(lists, later, events))], {
      onProgress: (p) => progress.push(p),
    });
    expect(events.indexOf("images 1")).toBeGreaterThan(-1);
    expect(events.indexOf("images 1")).toBeLessThan(events.indexOf("page 2 in"));
    expect(result.vms.map((vm) => vm.vmId)).toEqual(["1", "2", "3", "4", "5", "6"]);
    expect(result.records.filter((r) => r.kind === "image")).toHaveLength(6);
    // Machines count as known as the list names them.
    expect(progress.map((p) => p.total)).toContain(3);
    expect(progress.at(-1)).toEqual({ done: 6, total: 6 });
  });

  it("drops what the machines found, and stops their calls, when the list fails part way", async () => {
    const events: string[] = [];
    const panel = fakeOnApp(6);
    const asked: number[] = [];
    const stopped: number[] = [];
    const lists = {
      ...panel.lists,
      // Answers only when stopped: a call left running would hold the collection forever.
      listBackupImages: (id: number, options?: { signal?: AbortSignal }) =>
        new Promise<OnAppBackup[]>((_, reject) => {
          asked.push(id);
          const stop = () => {
            stopped.push(id);
            reject(options?.signal?.reason);
          };
          if (options?.signal?.aborted) stop();
          else options?.signal?.addEventListener("abort", stop);
        }),
    };
    const failing = async (): Promise<OnAppVirtualServer[]> => {
      throw http500("/virtual_machines.json");
    };
    const progress: Progress[] = [];
    const result = await collect([onappSource("eu", twoPages(lists, failing, events))], {
      onProgress: (p) => progress.push(p),
    });
    expect(result.accounts[0]).toMatchObject({ ok: false, vms: [], records: [] });
    expect(result.failures).toMatchObject([{ account: "eu", vmId: null, operation: "listVirtualServers" }]);
    expect(result.failures[0]?.message).toContain("500");
    // The first page's machines had been asked, and each call was told to stop; the listings
    // still waiting for a slot make no call at all, then or later.
    expect(asked.length).toBeGreaterThan(0);
    expect(stopped.sort()).toEqual(asked.sort());
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(stopped.sort()).toEqual(asked.sort());
    expect(panel.stats.running).toBe(0);
    // The account knows no machines after all.
    expect(progress.at(-1)).toEqual({ done: 0, total: 0 });
  });

  it("reports a list that fails part way at once, while other accounts hold the shared slots", async () => {
    const shared = createLimiter(3);
    // Another account's two calls hold two shared slots until the end of the test.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const busy = [shared.run(() => held), shared.run(() => held)];
    const failing = async (): Promise<OnAppVirtualServer[]> => {
      throw http500("/virtual_machines.json");
    };
    const panel = fakeOnApp(6);
    // The list holds the third slot, so the first page's machines wait for one: the failure must
    // not wait for them.
    const result = await collectAccount(onappSource("eu", twoPages(panel.lists, failing, [])), { shared });
    expect(result).toMatchObject({ ok: false, vms: [], records: [] });
    expect(panel.stats.calls).toBe(0);
    release();
    await Promise.all(busy);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(panel.stats.calls).toBe(0);
  });

  it("probes two different machines, even when the list names the first one again", async () => {
    // A page boundary that repeats machine 1 after its listings have answered (machine 1 has no
    // incremental listing; the others do).
    const panel = fakeOnApp(3, { noFiles: (id) => id === 1 });
    const pages = [[1], [1], [2, 3]];
    const client = {
      ...iterating(panel.lists),
      async *iterateVirtualServers() {
        for (const page of pages) {
          await new Promise((resolve) => setTimeout(resolve, 30));
          yield* servers(3).filter((server) => page.includes(server.id));
        }
      },
    };
    const result = await collect([onappSource("eu", client)]);
    expect(result.accounts[0]?.incrementalListings).toBe(true);
    expect(
      result.records
        .filter((r) => r.kind === "incremental")
        .map((r) => r.vmId)
        .sort(),
    ).toEqual(["2", "3"]);
  });

  it("keeps each machine's two listings together in the order of the machines", async () => {
    const panel = fakeOnApp(6);
    await collect([onappSource("eu", panel.client)], { perAccount: 2 });
    expect(panel.order).toEqual([
      "img1",
      "files1",
      "img2",
      "files2",
      "img3",
      "files3",
      "img4",
      "files4",
      "img5",
      "files5",
      "img6",
      "files6",
    ]);
  });

  it("counts a backup both listings name once, as the image listing gave it", async () => {
    // The vendor's own example of the image listing holds an incremental backup.
    const listing = <T>(...items: T[]) =>
      (async function* () {
        yield* items;
      })();
    const client = {
      iterateVirtualServers: () => listing<OnAppVirtualServer>(),
      iterateBackupImages: () =>
        listing(
          { id: 7, target_type: "VirtualMachine", built: true },
          { id: 8, target_type: "Disk", built: true },
        ),
      iterateBackupFiles: () =>
        listing({ id: 7, target_type: "VirtualMachine", built: true }, { id: 9, built: true }),
    };
    const found = await listVmBackups(client, 1, {});
    expect(found.backups.map(({ backup, listing }) => [backup.id, listing])).toEqual([
      [7, "image"],
      [8, "image"],
      [9, "incremental"],
    ]);
    expect(found.failures).toEqual([]);
  });

  it("a listing that throws at once is a failure of that machine, not a hang", async () => {
    const { client } = fakeOnApp(3);
    const throwing = {
      ...client,
      iterateBackupImages: (
        id: number,
        params?: { perPage?: number },
        options?: { signal?: AbortSignal },
      ) => {
        if (id === 1) throw new TypeError("bad id");
        return client.iterateBackupImages(id, params, options);
      },
    };
    const found = await listVmBackups(throwing, 1, {});
    expect(found.failures.map((failure) => failure.operation)).toEqual(["listBackupImages"]);
    const result = await collect([onappSource("eu", throwing)]);
    expect(result.records.filter((r) => r.kind === "image").map((r) => r.vmId)).toEqual(["2", "3"]);
  });

  it("keeps asking every machine when a probe's 404 may mean something else", async () => {
    // Machine 1 is gone (its image listing answers 404 too), so its 404 says nothing of the panel.
    const gone = fakeOnApp(6, { noFiles: () => true, goneOn: [1] });
    await collect([onappSource("eu", gone.client)]);
    expect(gone.filesAsked.sort()).toEqual([1, 2, 3, 4, 5, 6]);

    // Machine 2's incremental listing fails with a 500: no verdict on the panel either.
    const failing = fakeOnApp(6, { noFiles: () => true, failFilesOn: [2] });
    const result = await collect([onappSource("eu", failing.client)]);
    expect(failing.filesAsked.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.failures).toEqual([expect.objectContaining({ vmId: "2", operation: "listBackupFiles" })]);

    // One probe with incremental backups is enough to ask everyone.
    const mixed = fakeOnApp(6, { noFiles: (id) => id !== 2 });
    const found = await collect([onappSource("eu", mixed.client)]);
    expect(mixed.filesAsked.sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(found.records.filter((r) => r.kind === "incremental").map((r) => r.vmId)).toEqual(["2"]);
    expect(found.accounts[0]?.incrementalListings).toBe(true);
  });

  it("keeps every other machine's backups when one machine's call fails", async () => {
    const { client } = fakeOnApp(5, { failImagesOn: [3], failFilesOn: [5] });
    const result = await collect([zcomSource("tokyo"), onappSource("eu", client)]);
    expect(result.providers).toEqual(["zcom", "onapp"]);
    // Machine 5's image backup is kept although its incremental listing failed.
    expect(
      result.records
        .filter((r) => r.kind === "image")
        .map((r) => r.vmId)
        .sort(),
    ).toEqual(["1", "2", "4", "5"]);
    expect(result.failures).toEqual([
      {
        account: "eu",
        provider: "onapp",
        vmId: "3",
        vmLabel: "vm-3",
        operation: "listBackupImages",
        message: "500 Internal Server Error from GET /virtual_machines/3/backups/images.json",
        error: expect.any(ServerError),
      },
      expect.objectContaining({ account: "eu", vmId: "5", operation: "listBackupFiles" }),
    ]);
    // The failed machine is still known, and so is the Z.com machine without runs.
    expect(result.vms.map((vm) => `${vm.account}/${vm.vmId}`)).toEqual([
      "tokyo/z1",
      "tokyo/z2",
      "eu/1",
      "eu/2",
      "eu/3",
      "eu/4",
      "eu/5",
    ]);
  });

  it("records an account-wide failure and still returns the other accounts", async () => {
    const refused = async (): Promise<ZcomBackup[]> => {
      throw new Error("connect ECONNREFUSED");
    };
    const result = await collect([
      zcomSource("tokyo", refused),
      zcomSource("osaka"),
      onappSource("eu", fakeOnApp(2).client),
    ]);
    expect(result.failures).toMatchObject([
      {
        account: "tokyo",
        provider: "zcom",
        vmId: null,
        operation: "listBackups",
        message: "connect ECONNREFUSED",
      },
    ]);
    expect(result.accounts.map((account) => [account.account, account.ok])).toEqual([
      ["tokyo", false],
      ["osaka", true],
      ["eu", true],
    ]);
    expect(result.records.filter((r) => r.account === "osaka")).toHaveLength(1);
  });

  it("reports progress as machines become known and done", async () => {
    const events: Progress[] = [];
    await collect([onappSource("eu", fakeOnApp(3).client), zcomSource("tokyo")], {
      onProgress: (p) => events.push(p),
    });
    expect(events.at(-1)).toEqual({ done: 5, total: 5 });
    for (const event of events) expect(event.done).toBeLessThanOrEqual(event.total);
  });

  it("stops when aborted instead of recording a failure", async () => {
    const controller = new AbortController();
    const { lists } = fakeOnApp(50, { delayMs: 20 });
    const slow = iterating({
      ...lists,
      listBackupImages: async (id, options) => {
        if (id === 4) controller.abort(new Error("stop"));
        if (options?.signal?.aborted) throw options.signal.reason;
        return lists.listBackupImages(id, options);
      },
    });
    await expect(collect([onappSource("eu", slow)], { signal: controller.signal })).rejects.toThrow("stop");
  });

  it("rejects a concurrency below 1", async () => {
    await expect(collect([], { concurrency: 0 })).rejects.toThrow(/concurrency/);
  });
});

describe("the background collector", () => {
  it("publishes each account as soon as it is read: a hanging account delays no other", async () => {
    let release: () => void = () => {};
    const hanging = new Promise<void>((resolve) => {
      release = resolve;
    });
    const stuck = zcomSource("stuck", async () => {
      await hanging;
      return zcomBackups;
    });
    const collector = startCollector([stuck, zcomSource("tokyo"), onappSource("eu", fakeOnApp(3).client)], {
      refreshMs: 60_000,
      concurrency: 4,
      perAccount: 2,
    });
    try {
      await expect.poll(() => collector.state().accounts.map((a) => a.account)).toEqual(["tokyo", "eu"]);
      expect(collector.state().pending).toEqual(["stuck"]);
      release();
      await collector.ready;
      expect(collector.state().accounts.map((a) => a.account)).toEqual(["stuck", "tokyo", "eu"]);
    } finally {
      release();
      await collector.stop();
    }
  });

  it("collects again every refreshMs, never twice at once per account", async () => {
    let running = 0;
    let overlap = false;
    let runs = 0;
    const source = zcomSource("tokyo", async () => {
      running += 1;
      overlap ||= running > 1;
      runs += 1;
      // Slower than the interval: the next run must wait for this one.
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
      return zcomBackups;
    });
    const collector = startCollector([source], { refreshMs: 10, concurrency: 1, perAccount: 1 });
    const versions = new Set<number | undefined>();
    await expect
      .poll(
        () => {
          versions.add(collector.state().version);
          return runs;
        },
        { timeout: 5000, interval: 5 },
      )
      .toBeGreaterThanOrEqual(3);
    await collector.stop();
    // Each result kept is a new version of the state (0 before the first).
    expect(Math.max(...[...versions].map(Number))).toBeGreaterThanOrEqual(2);
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(runs).toBe(after);
    expect(overlap).toBe(false);
  });
});

describe("the background collector after a failed round", () => {
  /** Runs the collector until `round` rounds of its one source have finished; returns its state. */
  async function afterRounds(source: Source, rounds: () => number, round: number) {
    const collector = startCollector([source], { refreshMs: 5, concurrency: 2, perAccount: 2 });
    try {
      await expect.poll(rounds, { timeout: 5000 }).toBeGreaterThanOrEqual(round);
      // The round has answered; its result is kept once its promise settles.
      await expect
        .poll(() => collector.state().accounts[0]?.finishedAt ?? 0, { timeout: 5000 })
        .toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 1));
      return collector.state();
    } finally {
      await collector.stop();
    }
  }

  it("keeps an account's machines and backups when the account cannot be read, with ok false", async () => {
    let rounds = 0;
    const source = zcomSource("tokyo", async () => {
      rounds += 1;
      if (rounds >= 2) throw http500("/v2/tenant/backup");
      return zcomBackups;
    });
    const state = await afterRounds(source, () => rounds, 2);
    const [kept] = state.accounts;
    expect(kept).toMatchObject({ account: "tokyo", ok: false });
    expect(kept?.failures.map((f) => f.operation)).toEqual(["listBackups"]);
    expect(kept?.vms.map((vm) => vm.vmId)).toEqual(["z1", "z2"]);
    expect(kept?.records.map((record) => record.runId)).toEqual(["r1"]);
    const report = buildReport(mergeAccounts(state.accounts), {
      now: new Date("2025-01-03T00:00:00Z"),
      maxAgeMs: 86_400_000,
    });
    // In error, as the account is, yet z1 keeps the age of its last known backup.
    expect(report.vms.map((vm) => [vm.vmId, vm.state, vm.ageMs])).toEqual([
      ["z1", "error", 2 * 86_400_000],
      ["z2", "error", null],
    ]);
    expect(report.vms[0]?.error).toMatch(/^500 Internal Server Error/);
  });

  it("keeps a machine's backups when its listing fails, the machine in error", async () => {
    let rounds = 0;
    const lists = fakeOnApp(2, { noFiles: () => true }).lists;
    const source = onappSource(
      "eu",
      iterating({
        ...lists,
        listVirtualServers: async () => {
          rounds += 1;
          return servers(2);
        },
        listBackupImages: async (id) => {
          if (rounds >= 2 && id === 2) throw http500(`/virtual_machines/${id}/backups/images.json`);
          return lists.listBackupImages(id);
        },
      }),
    );
    const state = await afterRounds(source, () => rounds, 3);
    const [kept] = state.accounts;
    expect(kept?.ok).toBe(true);
    expect(kept?.records.map((record) => record.backupId).sort()).toEqual(["100", "200"]);
    const report = buildReport(mergeAccounts(state.accounts), {
      now: new Date("2025-01-03T00:00:00Z"),
      maxAgeMs: 86_400_000,
    });
    const second = report.vms.find((vm) => vm.vmId === "2");
    expect(second).toMatchObject({ state: "error", ageMs: 2 * 86_400_000 });
  });
});

describe("carryOver", () => {
  const vm = { id: 7, label: "app" };
  const image = (id: number) =>
    fromOnAppBackup("eu", vm, { id, built: true, built_at: "2025-01-02T00:00:00Z" }, "image");
  /** One round's result; `failed` names the listing that failed, if one did. */
  const round = (
    records: ReturnType<typeof image>[],
    failed?: "listBackupImages" | "listBackupFiles",
  ): AccountCollection => ({
    account: "eu",
    provider: "onapp",
    ok: true,
    vms: [onAppVm("eu", vm)],
    records,
    failures: failed
      ? [
          {
            account: "eu",
            provider: "onapp",
            vmId: "7",
            vmLabel: "app",
            operation: failed,
            message: "HTTP 403",
          },
        ]
      : [],
    finishedAt: 0,
    durationMs: 0,
  });

  it("keeps nothing of a machine that read part of its backups: the panel may have deleted the rest", () => {
    let state = carryOver(undefined, round([image(100), image(101)]));
    // Every later round: the image listing has rotated 100 away, the incremental listing fails.
    for (let n = 0; n < 5; n++)
      state = carryOver(state, round([image(101), image(102 + n)], "listBackupFiles"));
    expect(state.records.map((record) => record.backupId)).toEqual(["101", "106"]);
  });

  it("keeps nothing of a machine whose image listing answered an empty list while the other failed", () => {
    let state = carryOver(undefined, round([image(700)]));
    for (let n = 0; n < 3; n++) state = carryOver(state, round([], "listBackupFiles"));
    expect(state.records).toEqual([]);
  });

  it("keeps a machine's backups while its image listing fails, for as many rounds as that lasts", () => {
    let state = carryOver(undefined, round([image(100), image(101)]));
    for (let n = 0; n < 3; n++) state = carryOver(state, round([], "listBackupImages"));
    expect(state.records.map((record) => record.backupId)).toEqual(["100", "101"]);
    // Read again: what it reads now, and nothing kept.
    state = carryOver(state, round([image(102)]));
    expect(state.records.map((record) => record.backupId)).toEqual(["102"]);
  });

  it("never holds more than one collection may: past that, failed machines keep nothing", () => {
    const machine = (id: number) => ({ id, label: `vm-${id}` });
    const backup = (vmId: number, n: number) =>
      fromOnAppBackup("eu", machine(vmId), { id: vmId * 10 + n, built: true }, "image");
    /** A round that reads `read` (two backups each) and fails the image listing of `failed`. */
    const turn = (read: number[], failed: number[]): AccountCollection => ({
      ...round([]),
      vms: [...read, ...failed].map((id) => onAppVm("eu", machine(id))),
      records: read.flatMap((id) => [backup(id, 1), backup(id, 2)]),
      failures: failed.map((id) => ({
        account: "eu",
        provider: "onapp" as const,
        vmId: String(id),
        vmLabel: `vm-${id}`,
        operation: "listBackupImages",
        message: "HTTP 503",
      })),
    });
    // Within the bound, a failed machine keeps its backups.
    let state = carryOver(undefined, turn([1, 2], []), 4);
    state = carryOver(state, turn([3], [1]), 4);
    expect(state.records.map((record) => record.vmId).sort()).toEqual(["1", "1", "3", "3"]);
    // Past it, not: two rounds would otherwise hold 4, then 6.
    state = carryOver(state, turn([4, 5], [1, 3]), 4);
    expect(state.records.map((record) => record.vmId).sort()).toEqual(["4", "4", "5", "5"]);
  });
});

describe("the background collector's interval", () => {
  it("is refused beyond the longest timer Node.js keeps, which would fire at once instead", () => {
    const start = (refreshMs: number) => () =>
      startCollector([zcomSource("tokyo")], { refreshMs, concurrency: 1, perAccount: 1 });
    expect(start(2 ** 31)).toThrow(RangeError);
    expect(start(0)).toThrow(/refreshMs must be from 1 to 2147483647/);
  });
});

describe("createLimiter", () => {
  it("runs at most `size` tasks, in arrival order, and frees a slot when a task throws", async () => {
    const limiter = createLimiter(2);
    const order: number[] = [];
    let peak = 0;
    const task = (n: number) =>
      limiter.run(async () => {
        order.push(n);
        peak = Math.max(peak, limiter.active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (n === 1) throw new Error("one");
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5].map(task));
    expect(results.map((r) => r.status)).toEqual([
      "rejected",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(limiter.active).toBe(0);
  });

  it("keeps arrival order and its limit over a long queue, while tasks keep arriving", async () => {
    const limiter = createLimiter(3);
    const order: number[] = [];
    let running = 0;
    let peak = 0;
    const later: Promise<void>[] = [];
    let next = 5000;
    const task = (n: number): Promise<void> =>
      limiter.run(async () => {
        order.push(n);
        running += 1;
        peak = Math.max(peak, running);
        // More arrive while the queue drains, before and after it drops what it has read.
        if (n === 1500 || n === 3000) later.push(...Array.from({ length: 1500 }, () => task(next++)));
        await Promise.resolve();
        running -= 1;
      });
    // More wait at once than the queue's threshold for dropping what it has read.
    const first = Array.from({ length: 5000 }, (_, n) => task(n));
    await Promise.all(first);
    await Promise.all(later);
    expect(order).toEqual(Array.from({ length: 8000 }, (_, n) => n));
    expect(peak).toBe(3);
    expect(limiter.active).toBe(0);
  });

  it("lets a task give its slot back early, once, however often it asks", async () => {
    const limiter = createLimiter(1);
    let finish: () => void = () => {};
    const first = limiter.run(async (leave) => {
      leave();
      leave();
      // Still running, but no longer counted: the next task may start.
      await new Promise<void>((resolve) => {
        finish = resolve;
      });
    });
    const started: string[] = [];
    const second = limiter.run(async () => {
      started.push("second");
    });
    const third = limiter.run(async (leave) => {
      started.push("third");
      leave();
    });
    await Promise.all([second, third]);
    expect(started).toEqual(["second", "third"]);
    expect(limiter.active).toBe(0);
    finish();
    await first;
    // The early leave was the only one: the slot count is not given back twice.
    expect(limiter.active).toBe(0);
    const peak: number[] = [];
    await Promise.all(
      [1, 2, 3].map(() =>
        limiter.run(async () => {
          peak.push(limiter.active);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }),
      ),
    );
    expect(Math.max(...peak)).toBe(1);
  });
});

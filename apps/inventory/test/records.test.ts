import { createOnAppClient, type OnAppBackup } from "@backupkit/onapp";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import type { ZcomBackup } from "@backupkit/zcom";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { collect } from "../src/collect.js";
import {
  type BackupRecord,
  fromOnAppBackup,
  fromZcomBackup,
  sortForListing,
  toIsoUtc,
} from "../src/records.js";
import { fixture } from "./helpers.js";

/** An OnApp record of the account "onapp", from its image listing unless told. */
const fromOnApp = (
  vm: Parameters<typeof fromOnAppBackup>[1],
  backup: Parameters<typeof fromOnAppBackup>[2],
  listing: Parameters<typeof fromOnAppBackup>[3] = "image",
) => fromOnAppBackup("onapp", vm, backup, listing);
/** Z.com records of the account "zcom". */
const fromZcom = (backup: Parameters<typeof fromZcomBackup>[1]) => fromZcomBackup("zcom", backup).records;

const zcomSeed = JSON.parse(fixture("zcom", "list-backups.seed.json")) as { backup: ZcomBackup[] };
const onappJsonSeed = JSON.parse(fixture("onapp", "backup-images.seed.json")) as { backup: OnAppBackup }[];
const onappXmlSeed = fixture("onapp", "backup-images.seed.xml");

/** The XML seed decoded: the JSON the same server would send for it (a hand-written fixture). */
const xmlSeedAsJson = JSON.parse(fixture("onapp", "backup-images.seed.xml.json")) as {
  backup: OnAppBackup;
}[];

const VM = { id: 488, label: "web-01" };
const withoutSource = (records: BackupRecord[]) => records.map(({ source: _source, ...rest }) => rest);

describe("Z.com mapping", () => {
  it("makes one record per backup run, from the seed fixture", () => {
    const records = zcomSeed.backup.flatMap((backup) => fromZcom(backup));
    expect(records).toHaveLength(6);
    expect(withoutSource(records.slice(1, 3))).toEqual([
      {
        account: "zcom",
        provider: "zcom",
        vmId: "a647cd83-ad21-48aa-85e6-4e3ab52d337f",
        vmLabel: null,
        backupId: "1df1d401-0e64-4f43-8a96-475b4eb55029",
        runId: "9ba40be79b474328a42046d47171ca1d",
        kind: "volume",
        status: "available",
        flags: [],
        usable: true,
        createdAt: "2015-02-24T06:11:04Z",
        sizeBytes: null,
        note: null,
      },
      {
        account: "zcom",
        provider: "zcom",
        vmId: "a647cd83-ad21-48aa-85e6-4e3ab52d337f",
        vmLabel: null,
        backupId: "1df1d401-0e64-4f43-8a96-475b4eb55029",
        runId: "4f9a0f1047ef4a5d9758fa176e8a6ba1",
        kind: "instance",
        status: "available",
        flags: [],
        usable: true,
        createdAt: "2015-02-25T09:22:10Z",
        sizeBytes: null,
        note: null,
      },
    ]);
    const restoring = records.find((record) => record.runId === "136918faac024d879acda658d47c290f");
    expect(restoring).toMatchObject({ status: "restoring", usable: false, kind: "volume" });
    // The source keeps the run and the subscription it belongs to, for --format json.
    expect(records[0]?.source).toEqual({
      instance_id: "5da9552d-93fa-4b86-8fe5-2968556017f7",
      id: "9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17",
      backuprun: zcomSeed.backup[0]?.backupruns[0],
    });
  });

  it('reads "server" as an instance run, an empty date as unknown, and keeps odd kinds', () => {
    const [server, odd] = fromZcom({
      instance_id: "vm",
      id: "b",
      backupruns: [
        { status: "", created_at: "", backuprun_id: "r1", type: "server" },
        { status: "creating", created_at: "2020-01-01T00:00:00Z", backuprun_id: "r2", type: "snapshot" },
      ],
    } as ZcomBackup);
    expect(server).toMatchObject({ kind: "instance", createdAt: null, status: "", usable: false });
    expect(odd).toMatchObject({ kind: "snapshot", usable: false, createdAt: "2020-01-01T00:00:00Z" });
  });

  it("gives a subscription without runs no record", () => {
    expect(fromZcom({ instance_id: "vm", id: "b", backupruns: [] } as unknown as ZcomBackup)).toEqual([]);
  });
});

describe("OnApp mapping", () => {
  it("maps the JSON seed: its kind as it says itself, built, size in bytes, built_at as the date", () => {
    const [backup] = onappJsonSeed;
    // The seed comes from the image listing, but the backup says it is incremental (its
    // target_type is VirtualMachine), and the backup's own word wins.
    const record = fromOnApp(VM, backup?.backup as OnAppBackup, "image");
    expect(withoutSource([record])[0]).toEqual({
      account: "onapp",
      provider: "onapp",
      vmId: "488",
      vmLabel: "web-01",
      backupId: "6117",
      runId: null,
      kind: "incremental",
      status: "built",
      flags: [],
      usable: true,
      createdAt: "2015-08-13T02:00:49Z",
      sizeBytes: 930584 * 1024,
      note: null,
    });
    expect(record.source).toEqual(backup?.backup);
  });

  it("takes the kind from target_type, then backup_type, then the listing", () => {
    const kind = (fields: Partial<OnAppBackup>, listing: "image" | "incremental") =>
      fromOnApp(VM, { id: 1, built: true, ...fields }, listing).kind;
    expect(kind({ target_type: "Disk", backup_type: "incremental" }, "incremental")).toBe("image");
    expect(kind({ target_type: "VirtualMachine" }, "image")).toBe("incremental");
    expect(kind({ backup_type: "incremental" }, "image")).toBe("incremental");
    expect(kind({ backup_type: "normal" }, "incremental")).toBe("image");
    // An older server's schedule name, or an unknown target, says nothing of the kind.
    expect(kind({ backup_type: "days-autobackup" }, "incremental")).toBe("incremental");
    expect(kind({ target_type: "Volume" }, "image")).toBe("image");
    expect(kind({}, "incremental")).toBe("incremental");
  });

  it("marks unbuilt, locked and doomed backups, and falls back to created_at", () => {
    const pending = fromOnApp(VM, {
      id: 1,
      built: false,
      built_at: null,
      created_at: "2024-05-01T10:00:00+02:00",
      backup_type: "days-autobackup",
      locked: true,
    });
    expect(pending).toMatchObject({
      status: "pending",
      kind: "image",
      usable: false,
      flags: ["locked"],
      createdAt: "2024-05-01T08:00:00Z",
      sizeBytes: null,
    });
    const doomed = fromOnApp(VM, { id: 2, built: true, marked_for_delete: true, note: 'old, "keep"' });
    expect(doomed).toMatchObject({
      status: "built",
      usable: false,
      flags: ["marked_for_delete"],
      note: 'old, "keep"',
    });
  });

  describe("over the wire", () => {
    let server: TestServer;
    beforeEach(async () => {
      server = await startServer((req, res) => {
        const path = req.url.split("?")[0] ?? "";
        const xml = path.endsWith(".xml");
        const type = { "content-type": xml ? "application/xml; charset=utf-8" : "application/json" };
        if (path.startsWith("/virtual_machines.")) {
          const body = xml
            ? '<?xml version="1.0" encoding="UTF-8"?>\n<virtual_machines type="array"><virtual_machine><id type="integer">488</id><identifier>bq7n2ufk0xsd3v</identifier><label>web-01</label></virtual_machine></virtual_machines>'
            : JSON.stringify([
                { virtual_machine: { id: 488, identifier: "bq7n2ufk0xsd3v", label: "web-01" } },
              ]);
          return reply(res, 200, body, type);
        }
        if (path.startsWith("/virtual_machines/488/backups/images.")) {
          return reply(res, 200, xml ? onappXmlSeed : JSON.stringify(xmlSeedAsJson), type);
        }
        reply(res, 404, { errors: ["not found"] }, type);
      });
    });
    afterEach(() => server.close());

    const client = (format: "json" | "xml") =>
      createOnAppClient({
        baseUrl: server.url,
        auth: { username: "user@example.com", password: "key" },
        format,
        maxRetries: 0,
      });

    it("gives the same records from the XML seed as from the same data in JSON", async () => {
      const fromXml = await collect([{ account: "onapp", provider: "onapp", client: client("xml") }]);
      const fromJson = await collect([{ account: "onapp", provider: "onapp", client: client("json") }]);
      // Images and (answered 404: none on this panel) incremental files, per machine.
      expect(server.requests.map((request) => request.url.split("?")[0]).sort()).toEqual([
        "/virtual_machines.json",
        "/virtual_machines.xml",
        "/virtual_machines/488/backups/files.json",
        "/virtual_machines/488/backups/files.xml",
        "/virtual_machines/488/backups/images.json",
        "/virtual_machines/488/backups/images.xml",
      ]);
      expect(fromXml.failures).toEqual([]);
      expect(fromXml.records).toEqual(fromJson.records);
      expect(withoutSource(fromXml.records)).toEqual([
        {
          account: "onapp",
          provider: "onapp",
          vmId: "488",
          vmLabel: "web-01",
          backupId: "1951",
          runId: null,
          kind: "image",
          status: "built",
          flags: [],
          usable: true,
          createdAt: "2013-12-24T11:34:06Z",
          sizeBytes: 310896 * 1024,
          note: null,
        },
      ]);
      expect(fromXml.vms).toEqual([{ account: "onapp", provider: "onapp", vmId: "488", vmLabel: "web-01" }]);
    });
  });
});

describe("ordering and dates", () => {
  it("sorts by provider, then machine, newest first, unknown dates last", () => {
    const base = fromOnApp(VM, { id: 1, built: true });
    const at = (id: string, createdAt: string | null, vmId = "488"): BackupRecord => ({
      ...base,
      backupId: id,
      vmId,
      createdAt,
    });
    const zcom = { ...at("z", "2000-01-01T00:00:00Z"), provider: "zcom" as const, vmLabel: null, vmId: "x" };
    const sorted = sortForListing([
      at("a", null),
      at("b", "2024-01-01T00:00:00Z"),
      zcom,
      at("c", "2024-02-01T00:00:00Z"),
    ]);
    expect(sorted.map((record) => record.backupId)).toEqual(["z", "c", "b", "a"]);
  });

  it("normalises timestamps to UTC and rejects junk", () => {
    expect(toIsoUtc("2013-12-24T14:34:06+03:00")).toBe("2013-12-24T11:34:06Z");
    expect(toIsoUtc("2013-12-24T14:34:06.250Z")).toBe("2013-12-24T14:34:06.250Z");
    expect(toIsoUtc("")).toBeNull();
    expect(toIsoUtc("yesterday")).toBeNull();
    expect(toIsoUtc(null)).toBeNull();
  });

  it("reads a date and time without a UTC offset as UTC, whatever $TZ says", () => {
    const saved = process.env.TZ;
    // Node reads TZ afresh when it changes; nine hours east of UTC, a local reading would show.
    process.env.TZ = "Asia/Tokyo";
    try {
      expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(-540);
      expect(toIsoUtc("2024-01-01T00:00:00")).toBe("2024-01-01T00:00:00Z");
      expect(toIsoUtc("2024-01-01 00:00:00")).toBe("2024-01-01T00:00:00Z");
      expect(toIsoUtc("2024-01-01T12:30:05.250")).toBe("2024-01-01T12:30:05.250Z");
      expect(toIsoUtc("2024-01-01T12:30")).toBe("2024-01-01T12:30:00Z");
      // A date alone was already UTC; an offset or a Z is kept as it says.
      expect(toIsoUtc("2024-01-01")).toBe("2024-01-01T00:00:00Z");
      expect(toIsoUtc("2024-01-01T09:00:00+09:00")).toBe("2024-01-01T00:00:00Z");
      expect(toIsoUtc("2024-01-01T00:00:00-02:00")).toBe("2024-01-01T02:00:00Z");
      expect(toIsoUtc("2024-01-01T00:00:00Z")).toBe("2024-01-01T00:00:00Z");
      expect(toIsoUtc("2024-01-01T00:00:00junk")).toBeNull();
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

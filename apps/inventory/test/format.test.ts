import { describe, expect, it } from "vitest";
import {
  cleanCell,
  csvField,
  formatList,
  humanSize,
  LIST_CSV_COLUMNS,
  listTable,
  renderTable,
  reportCsv,
  reportSummary,
  reportTable,
  toCsv,
} from "../src/format.js";
import { fromOnAppBackup, fromZcomBackup } from "../src/records.js";
import { buildReport } from "../src/report.js";

/** An OnApp record of the account "onapp", from its image listing unless told. */
const fromOnApp = (
  vm: Parameters<typeof fromOnAppBackup>[1],
  backup: Parameters<typeof fromOnAppBackup>[2],
  listing: Parameters<typeof fromOnAppBackup>[3] = "image",
) => fromOnAppBackup("onapp", vm, backup, listing);
/** Z.com records of the account "zcom". */
const fromZcom = (backup: Parameters<typeof fromZcomBackup>[1]) => fromZcomBackup("zcom", backup).records;

/** A tiny RFC 4180 reader, to check that what we write reads back to the same values. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

const vm = { id: 12, label: "app, primary" };
const tricky = [
  fromOnApp(vm, {
    id: 1,
    built: true,
    built_at: "2025-01-02T03:04:05Z",
    backup_size: 2048,
    note: 'before "v2", after tests,\nsecond line\r\nthird',
  }),
  fromOnApp(vm, {
    id: 2,
    built: false,
    created_at: "2025-01-01T00:00:00Z",
    note: "  padded  ",
    locked: true,
  }),
];

describe("CSV", () => {
  it("quotes commas, quotes and line breaks, and leaves plain fields bare", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\rhere")).toBe('"cr\rhere"');
    expect(csvField(" edge")).toBe('" edge"');
    expect(csvField(null)).toBe("");
    expect(csvField(undefined)).toBe("");
    expect(csvField(0)).toBe("0");
    expect(csvField(false)).toBe("false");
  });

  it("writes CRLF rows that read back to exactly the values, notes included", () => {
    const text = formatList(tricky, "csv");
    expect(text.endsWith("\r\n")).toBe(true);
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...LIST_CSV_COLUMNS]);
    expect(rows).toHaveLength(3);
    const note = LIST_CSV_COLUMNS.indexOf("note");
    expect(rows[1]?.[note]).toBe('before "v2", after tests,\nsecond line\r\nthird');
    expect(rows[1]?.slice(0, 12)).toEqual([
      "onapp",
      "onapp",
      "12",
      "app, primary",
      "1",
      "",
      "image",
      "built",
      "",
      "true",
      "2025-01-02T03:04:05Z",
      String(2048 * 1024),
    ]);
    expect(rows[2]?.[note]).toBe("  padded  ");
    expect(rows[2]?.[LIST_CSV_COLUMNS.indexOf("flags")]).toBe("locked");
  });

  it("writes a header even with no rows", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });
});

describe("tables", () => {
  it("aligns columns and right-aligns numbers", () => {
    const text = renderTable(
      ["NAME", "SIZE", "NOTE"],
      [
        ["a", "1 B", "x"],
        ["longer", "10.0 KiB", ""],
      ],
      ["left", "right"],
    );
    expect(text.split("\n")).toEqual(["NAME        SIZE  NOTE", "a            1 B  x", "longer  10.0 KiB"]);
  });

  it("keeps server text from moving the cursor or breaking lines", () => {
    expect(cleanCell("evil\u001b[2Jname\nnext\ttab\r\n\r\nend")).toBe("evil\uFFFD[2Jname next tab end");
    const table = listTable([
      fromOnApp({ id: 1, label: "bad\u001b]0;title\u0007label" }, { id: 9, built: true }),
    ]);
    expect(table.includes("\u001b")).toBe(false);
    expect(table.includes("\u0007")).toBe(false);
    expect(table).toContain("bad\uFFFD]0;title\uFFFDlabel (1)");
  });

  it("lists newest first per machine, naming each machine once", () => {
    const records = fromZcom({
      instance_id: "vm-a",
      id: "sub-a",
      backupruns: [
        { status: "available", created_at: "2025-01-01T00:00:00Z", backuprun_id: "old", type: "instance" },
        { status: "available", created_at: "2025-01-03T00:00:00Z", backuprun_id: "new", type: "volume" },
      ],
    });
    const rows = listTable(records).split("\n");
    expect(rows[0]).toMatch(
      /^ACCOUNT\s+PROVIDER\s+VM\s+KIND\s+STATUS\s+CREATED \(UTC\)\s+SIZE\s+BACKUP ID\s+RUN ID$/,
    );
    expect(rows[1]).toMatch(
      /^zcom\s+zcom\s+vm-a\s+volume\s+available\s+2025-01-03 00:00:00\s+-\s+sub-a\s+new$/,
    );
    expect(rows[2]).toMatch(/^\s+instance\s+available\s+2025-01-01 00:00:00\s+-\s+sub-a\s+old$/);
    expect(listTable([])).toBe("No backups found.");
  });

  it("shows sizes in binary units", () => {
    expect(humanSize(null)).toBe("-");
    expect(humanSize(512)).toBe("512 B");
    expect(humanSize(930584 * 1024)).toBe("908.8 MiB");
    expect(humanSize(1024 ** 3)).toBe("1.0 GiB");
  });
});

describe("report output", () => {
  const report = buildReport(
    {
      providers: ["onapp"],
      accounts: [],
      vms: [
        { account: "onapp", provider: "onapp", vmId: "1", vmLabel: "fresh-one" },
        { account: "onapp", provider: "onapp", vmId: "2", vmLabel: "old-one" },
        { account: "onapp", provider: "onapp", vmId: "3", vmLabel: "empty" },
      ],
      records: [
        fromOnApp({ id: 1, label: "fresh-one" }, { id: 10, built: true, built_at: "2025-06-15T10:00:00Z" }),
        fromOnApp({ id: 2, label: "old-one" }, { id: 20, built: true, built_at: "2025-06-10T12:00:00Z" }),
      ],
      failures: [],
    },
    { now: new Date("2025-06-15T12:00:00Z"), maxAgeMs: 24 * 3_600_000, maxAgeText: "24h" },
  );

  it("has one row per machine with state and age", () => {
    const rows = reportTable(report).split("\n");
    expect(rows).toHaveLength(4);
    expect(rows[0]).toMatch(/^ACCOUNT\s+PROVIDER\s+VM\s+STATE/);
    expect(rows[1]).toMatch(/^onapp\s+onapp\s+empty \(3\)\s+NO BACKUP\s+-\s+-\s+-\s+0$/);
    expect(rows[2]).toMatch(/^onapp\s+onapp\s+fresh-one \(1\)\s+ok\s+2025-06-15 10:00:00\s+2h\s+image\s+1$/);
    expect(rows[3]).toMatch(/^onapp\s+onapp\s+old-one \(2\)\s+STALE\s+2025-06-10 12:00:00\s+5d\s+image\s+1$/);
    expect(reportSummary(report)).toBe(
      "2 of 3 VMs have no usable backup younger than 24h (1 stale, 1 without any usable backup).",
    );
  });

  it("never says a machine it could not read has no backup", () => {
    const counts = { vms: 4, backups: 2, fresh: 1, stale: 1, none: 0, error: 2 };
    expect(reportSummary({ ...report, counts })).toBe(
      "1 of 4 VMs have no usable backup younger than 24h (1 stale), and 2 could not be read.",
    );
    expect(reportSummary({ ...report, counts: { ...counts, fresh: 2, stale: 0 } })).toBe(
      "2 of 4 VMs could not be read; the others have a usable backup younger than 24h.",
    );
  });

  it("has a CSV form with ages in seconds", () => {
    const rows = parseCsv(reportCsv(report));
    expect(rows[0]).toEqual([
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
    ]);
    expect(rows[2]).toEqual([
      "onapp",
      "onapp",
      "1",
      "fresh-one",
      "fresh",
      "10",
      "",
      "2025-06-15T10:00:00Z",
      "7200",
      "1",
      "",
    ]);
  });

  it("gives an account that could not be read a CSV row of its own, with no machine", () => {
    const failed = buildReport(
      {
        providers: ["onapp"],
        accounts: [],
        vms: [{ account: "good", provider: "onapp", vmId: "1", vmLabel: "one" }],
        records: [],
        failures: [
          {
            account: "down",
            provider: "onapp",
            vmId: null,
            vmLabel: null,
            operation: "listVirtualServers",
            message: "Could not reach GET https://panel.example/virtual_machines.json",
          },
        ],
      },
      { now: new Date("2025-06-15T12:00:00Z"), maxAgeMs: 24 * 3_600_000, maxAgeText: "24h" },
    );
    const rows = parseCsv(reportCsv(failed));
    expect(rows).toHaveLength(3);
    expect(rows[1]?.slice(0, 5)).toEqual(["good", "onapp", "1", "one", "none"]);
    expect(rows[2]).toEqual([
      "down",
      "onapp",
      "",
      "",
      "error",
      "",
      "",
      "",
      "",
      "",
      "Could not reach GET https://panel.example/virtual_machines.json",
    ]);
  });
});

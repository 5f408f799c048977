import { describe, expectTypeOf, it } from "vitest";
import { type components, createOnAppClient, type OnAppBackup } from "../src/index.js";

const onapp = createOnAppClient({
  baseUrl: "https://onapp.example.com",
  auth: { username: "u", password: "p" },
});

describe("types follow the spec", () => {
  it("list calls resolve to backups whose size is always a number", () => {
    expectTypeOf(onapp.listBackupImages(1)).resolves.toEqualTypeOf<OnAppBackup[]>();
    expectTypeOf<OnAppBackup["backup_size"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<OnAppBackup["id"]>().toEqualTypeOf<components["schemas"]["Backup"]["id"]>();
  });

  it("rejects wrong parameters and misspelt fields at compile time", async () => {
    // @ts-expect-error ids are numbers
    onapp.getBackup("1");
    // @ts-expect-error the format is json or xml
    createOnAppClient({ baseUrl: "https://x", auth: { username: "u", password: "p" }, format: "yaml" });
    const [backup] = await onapp.listBackups(1);
    // @ts-expect-error the wire name is allow_resize_without_reboot
    backup?.allowed_resize_without_reboot;
    // @ts-expect-error notes are strings
    onapp.createDiskBackup(1, { note: 5 });
  });
});

describe("paging and response metadata are typed from the spec", () => {
  it("the iterator yields the spec's backup and withResponse types data", async () => {
    for await (const backup of onapp.iterateBackups(488)) {
      expectTypeOf(backup).toEqualTypeOf<OnAppBackup>();
      expectTypeOf(backup.id).toEqualTypeOf<components["schemas"]["Backup"]["id"]>();
    }
    const page = await onapp.listBackupsPage(488, { page: 2, perPage: 50 });
    expectTypeOf(page.items).toEqualTypeOf<OnAppBackup[]>();
    expectTypeOf(page.total).toEqualTypeOf<number | undefined>();
    const { data, status, headers, requestId } = await onapp.getBackup(1).withResponse();
    expectTypeOf(data).toEqualTypeOf<OnAppBackup>();
    expectTypeOf(status).toEqualTypeOf<number>();
    expectTypeOf(headers).toEqualTypeOf<Record<string, string>>();
    expectTypeOf(requestId).toEqualTypeOf<string | undefined>();
  });
});

import { describe, expectTypeOf, it } from "vitest";
import { type components, createZcomClient, type ZcomBackup, type ZcomBackupRun } from "../src/index.js";

const zcom = createZcomClient({ tenantId: "t", auth: { token: "x" } });

describe("types follow the spec", () => {
  it("listBackups resolves to the spec's Backup type", () => {
    expectTypeOf(zcom.listBackups()).resolves.toEqualTypeOf<components["schemas"]["Backup"][]>();
    expectTypeOf<ZcomBackup["backupruns"]>().toEqualTypeOf<ZcomBackupRun[]>();
    expectTypeOf<ZcomBackupRun["volume_id"]>().toEqualTypeOf<string | undefined>();
  });

  it("getBackup resolves to one Backup, never the array the wire may carry", () => {
    expectTypeOf(zcom.getBackup("b")).resolves.toEqualTypeOf<ZcomBackup>();
  });

  it("rejects wrong parameters and misspelt fields at compile time", async () => {
    // @ts-expect-error backup ids are strings
    zcom.getBackup(42);
    // @ts-expect-error restoreBackup needs the run id too
    zcom.restoreBackup("b");
    // @ts-expect-error there is no such option
    createZcomClient({ tenantId: "t", auth: { token: "x" }, timeout: 5 });
    const [backup] = await zcom.listBackups();
    // @ts-expect-error the field is backupruns
    backup?.backup_runs;
    // @ts-expect-error raw calls are typed by path too
    zcom.raw.GET("/v2/{tenant_id}/backups", { params: { path: { tenant_id: "t" } } });
  });
});

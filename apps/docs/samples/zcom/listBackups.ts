// List the tenant's backups (one per virtual machine with automatic
// backup) and the runs each has taken.
import { createZcomClient } from "@backupkit/zcom";

const { ZCOM_TENANT_ID, ZCOM_TOKEN } = process.env;
if (!ZCOM_TENANT_ID || !ZCOM_TOKEN) {
  throw new Error("Set ZCOM_TENANT_ID and ZCOM_TOKEN.");
}

const zcom = createZcomClient({
  tenantId: ZCOM_TENANT_ID,
  region: "tyo1",
  auth: { token: ZCOM_TOKEN },
});

const backups = await zcom.listBackups();
if (backups.length === 0) console.log("No VM has automatic backup yet.");
for (const backup of backups) {
  console.log(`backup ${backup.id} (instance ${backup.instance_id})`);
  for (const run of backup.backupruns) {
    const { backuprun_id, type, status, created_at } = run;
    console.log(`  ${created_at} ${type} ${status} ${backuprun_id}`);
  }
}

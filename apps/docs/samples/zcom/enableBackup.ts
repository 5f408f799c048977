// Turn on automatic backup for a virtual machine (paid on ConoHa).
import { ConflictError, createZcomClient } from "@backupkit/zcom";

const { ZCOM_TENANT_ID, ZCOM_TOKEN } = process.env;
if (!ZCOM_TENANT_ID || !ZCOM_TOKEN) {
  throw new Error("Set ZCOM_TENANT_ID and ZCOM_TOKEN.");
}

const zcom = createZcomClient({
  tenantId: ZCOM_TENANT_ID,
  region: "tyo1",
  auth: { token: ZCOM_TOKEN },
});

const instanceId = process.argv[2];
if (!instanceId) throw new Error("Usage: enableBackup <instance-id>");

try {
  const backup = await zcom.enableBackup(instanceId);
  // Keep this id: getBackup, cancelBackup and the actions take it.
  console.log(`Backup enabled; backup id ${backup.id}`);
} catch (error) {
  if (!(error instanceof ConflictError)) throw error;
  console.error(`Cannot enable backup now (409): ${error.message}`);
  process.exitCode = 1;
}

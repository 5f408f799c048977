// Turn off automatic backup: cancel the subscription behind a backup id.
import { createZcomClient, NotFoundError } from "@backupkit/zcom";

const { ZCOM_TENANT_ID, ZCOM_TOKEN } = process.env;
if (!ZCOM_TENANT_ID || !ZCOM_TOKEN) {
  throw new Error("Set ZCOM_TENANT_ID and ZCOM_TOKEN.");
}

const zcom = createZcomClient({
  tenantId: ZCOM_TENANT_ID,
  region: "tyo1",
  auth: { token: ZCOM_TOKEN },
});

const backupId = process.argv[2];
if (!backupId) throw new Error("Usage: cancelBackup <backup-id>");

try {
  await zcom.cancelBackup(backupId, { timeoutMs: 30_000 });
  console.log(`Backup ${backupId} cancelled.`);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`No backup ${backupId} (already cancelled?).`);
}

// Read one backup and list the runs that are ready to restore.
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
if (!backupId) throw new Error("Usage: getBackup <backup-id>");

try {
  // The service may wrap the backup in a one-element array;
  // the client always hands you the object.
  // withResponse() adds the status, headers and the request id to quote
  // when you contact support.
  const { data: backup, requestId } = await zcom
    .getBackup(backupId)
    .withResponse();
  console.log(`request id: ${requestId ?? "none sent"}`);
  const ready = backup.backupruns.filter((r) => r.status === "available");
  console.log(`backup ${backup.id}: ${ready.length} run(s) ready`);
  for (const run of ready) {
    console.log(`  ${run.backuprun_id} ${run.type} ${run.created_at}`);
  }
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.error(`This tenant has no backup ${backupId}.`);
  process.exitCode = 1;
}

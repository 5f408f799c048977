// One endpoint, two actions: restore a run onto its virtual machine,
// or save the run as a private image.
import { BackupKitError, createZcomClient } from "@backupkit/zcom";

const { ZCOM_TENANT_ID, ZCOM_TOKEN } = process.env;
if (!ZCOM_TENANT_ID || !ZCOM_TOKEN) {
  throw new Error("Set ZCOM_TENANT_ID and ZCOM_TOKEN.");
}

const zcom = createZcomClient({
  tenantId: ZCOM_TENANT_ID,
  region: "tyo1",
  auth: { token: ZCOM_TOKEN },
});

const [action, backupId, runId, imageName] = process.argv.slice(2);
if ((action !== "restore" && action !== "image") || !backupId || !runId) {
  throw new Error(
    "Usage: runBackupAction restore|image <backup-id> <run-id> [name]",
  );
}

try {
  if (action === "restore") {
    // Stop the VM first. 202: the restore goes on in the background.
    await zcom.restoreBackup(backupId, runId);
    console.log("Restore accepted; the run is 'restoring' until done.");
  } else {
    // Image names: 1-255 characters of A-Z a-z 0-9 - _
    const name = imageName ?? `backup-${runId.slice(0, 8)}`;
    await zcom.createImageFromBackup(backupId, runId, name);
    console.log(`Image ${name} is being created.`);
  }
} catch (error) {
  if (!(error instanceof BackupKitError)) throw error;
  console.error(`${action} failed (${error.name}): ${error.message}`);
  process.exitCode = 1;
}

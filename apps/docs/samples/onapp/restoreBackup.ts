// Restore a backup onto the server or disk it was taken from.
import { BackupKitError, createOnAppClient } from "@backupkit/onapp";

const { ONAPP_URL, ONAPP_USER, ONAPP_PASSWORD } = process.env;
if (!ONAPP_URL || !ONAPP_USER || !ONAPP_PASSWORD) {
  throw new Error("Set ONAPP_URL, ONAPP_USER and ONAPP_PASSWORD.");
}

// User and password: the account email and its API key, or the login
// name and password of the control panel.
const onapp = createOnAppClient({
  baseUrl: ONAPP_URL, // e.g. https://onapp.example.com
  auth: { username: ONAPP_USER, password: ONAPP_PASSWORD },
});

const backupId = Number(process.argv[2]);
if (!Number.isInteger(backupId) || backupId < 1) {
  throw new Error("Usage: restoreBackup <backup-id>");
}

try {
  // Like a new backup, a restore is only scheduled by this call.
  // maxRetries: 0 because a restore should not be sent twice.
  const backup = await onapp.restoreBackup(backupId, { maxRetries: 0 });
  const target = backup
    ? ` of ${backup.target_type} ${backup.target_id}`
    : "";
  console.log(`Restore${target} scheduled.`);
} catch (error) {
  if (!(error instanceof BackupKitError)) throw error;
  console.error(`Restore failed (${error.name}): ${error.message}`);
  process.exitCode = 1;
}

// Delete a backup. A 204, or a 200 with "{}" or a single space: the
// client treats every answer the servers really send as success.
import { createOnAppClient, NotFoundError } from "@backupkit/onapp";

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
  throw new Error("Usage: deleteBackup <backup-id>");
}

try {
  await onapp.deleteBackup(backupId);
  console.log(`Backup ${backupId} deleted.`);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.log(`Backup ${backupId} was already gone.`);
}

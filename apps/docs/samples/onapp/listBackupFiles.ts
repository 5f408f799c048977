// List a virtual server's incremental (file-level) backups.
import { createOnAppClient } from "@backupkit/onapp";

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

const serverId = Number(process.argv[2]);
if (!Number.isInteger(serverId) || serverId < 1) {
  throw new Error("Usage: listBackupFiles <virtual-server-id>");
}

const backups = await onapp.listBackupFiles(serverId);
const built = backups.filter((backup) => backup.built);
console.log(
  `${backups.length} incremental backup(s), ${built.length} built`,
);
for (const backup of built) {
  console.log(`  ${backup.id}  ${backup.built_at}  ${backup.note ?? ""}`);
}

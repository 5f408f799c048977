// List the backups of one disk, newest first.
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

const diskId = Number(process.argv[2]);
if (!Number.isInteger(diskId) || diskId < 1) {
  throw new Error("Usage: listDiskBackups <disk-id>");
}

const backups = await onapp.listDiskBackups(diskId);
backups.sort((a, b) =>
  (b.created_at ?? "").localeCompare(a.created_at ?? ""),
);
for (const { id, created_at, initiated, built } of backups) {
  console.log(`${id}  ${created_at}  ${initiated}  built: ${built}`);
}

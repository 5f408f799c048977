// Schedule an incremental backup of a whole virtual server, then wait
// until it is built.
import { setTimeout as sleep } from "node:timers/promises";
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
  throw new Error("Usage: createIncrementalBackup <virtual-server-id>");
}

// 201 means "scheduled": the record exists, the backup is taken later.
let backup = await onapp.createIncrementalBackup(serverId, {
  note: "before the upgrade",
});
console.log(`Backup ${backup.id} scheduled; waiting for it...`);

const deadline = Date.now() + 30 * 60_000;
while (!backup.built) {
  if (Date.now() > deadline) throw new Error("Not built after 30 min.");
  await sleep(20_000);
  backup = await onapp.getBackup(backup.id);
}
console.log(`Backup ${backup.id} built at ${backup.built_at}.`);

// List every backup of a virtual server: disk backups and incremental
// backups together.
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

const serverId = Number(process.argv[2]);
if (!Number.isInteger(serverId) || serverId < 1) {
  throw new Error("Usage: listBackups <virtual-server-id>");
}

try {
  const backups = await onapp.listBackups(serverId);
  for (const { id, backup_type, built, backup_size } of backups) {
    // backup_size is a number of kB, even from servers that send text.
    const state = built ? `built, ${backup_size ?? "?"} kB` : "pending";
    console.log(`${id}  ${backup_type}  ${state}`);
  }
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.error(`No virtual server ${serverId}.`);
  process.exitCode = 1;
}

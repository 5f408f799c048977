// List every backup of a virtual server, disk and incremental together,
// page by page: the iterator fetches one page at a time and stops on the last.
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
  for await (const backup of onapp.iterateBackups(serverId, {
    perPage: 100,
  })) {
    const { id, backup_type, built, backup_size } = backup;
    // backup_size is a number of kB, even from servers that send text.
    const state = built ? `built, ${backup_size ?? "?"} kB` : "pending";
    console.log(`${id}  ${backup_type}  ${state}`);
  }
  // One page with the server's count, for a quick total.
  const { total } = await onapp.listBackupsPage(serverId, { perPage: 1 });
  console.log(`total reported by the server: ${total ?? "not sent"}`);
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.error(`No virtual server ${serverId}.`);
  process.exitCode = 1;
}

// List a virtual server's normal (disk image) backups, with XML on the
// wire: format "xml" calls the .xml paths and decodes the Rails XML
// into the same typed objects as JSON.
import { createOnAppClient } from "@backupkit/onapp";

const { ONAPP_URL, ONAPP_USER, ONAPP_PASSWORD } = process.env;
if (!ONAPP_URL || !ONAPP_USER || !ONAPP_PASSWORD) {
  throw new Error("Set ONAPP_URL, ONAPP_USER and ONAPP_PASSWORD.");
}

const onapp = createOnAppClient({
  baseUrl: ONAPP_URL,
  auth: { username: ONAPP_USER, password: ONAPP_PASSWORD },
  format: "xml",
});

const serverId = Number(process.argv[2]);
if (!Number.isInteger(serverId) || serverId < 1) {
  throw new Error("Usage: listBackupImages <virtual-server-id>");
}

const images = await onapp.listBackupImages(serverId, {
  timeoutMs: 20_000,
});
for (const { id, disk_id, backup_size, note } of images) {
  console.log(`${id}  disk ${disk_id}  ${backup_size} kB  ${note ?? ""}`);
}

// Schedule a normal backup of one disk.
import {
  createOnAppClient,
  UnprocessableEntityError,
} from "@backupkit/onapp";

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
  throw new Error("Usage: createDiskBackup <disk-id>");
}

try {
  const backup = await onapp.createDiskBackup(diskId, {
    note: "nightly",
    forceWindowsBackup: false,
  });
  // Scheduled, not finished: poll getBackup until built is true.
  console.log(`Backup ${backup.id} scheduled (built: ${backup.built}).`);
} catch (error) {
  if (!(error instanceof UnprocessableEntityError)) throw error;
  // 422 carries OnApp's reasons, e.g. a running Windows server.
  console.error(`Refused: ${error.message}`);
  process.exitCode = 1;
}

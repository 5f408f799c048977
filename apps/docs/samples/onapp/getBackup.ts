// Read one backup, e.g. to see whether a scheduled one is built yet.
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
  throw new Error("Usage: getBackup <backup-id>");
}

try {
  const backup = await onapp.getBackup(backupId, {
    signal: AbortSignal.timeout(15_000),
  });
  const { target_type, target_id, built, built_at } = backup;
  console.log(`${backupId}: ${target_type} ${target_id}`);
  console.log(built ? `built at ${built_at}` : "not built yet");
} catch (error) {
  if (!(error instanceof NotFoundError)) throw error;
  console.error(`No backup ${backupId}.`);
  process.exitCode = 1;
}

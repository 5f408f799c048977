#!/usr/bin/env node
import { createOnAppClient } from "@backupkit/onapp";
// Lists backups from both clouds with the built packages, in plain JavaScript.
//   ZCOM_BASE_URL=... ZCOM_TENANT_ID=... ZCOM_TOKEN=... \
//   ONAPP_BASE_URL=... ONAPP_USERNAME=... ONAPP_PASSWORD=... ONAPP_VM_ID=... node list-backups.mjs
import { BackupKitError, createZcomClient } from "@backupkit/zcom";

const env = process.env;
try {
  const zcom = createZcomClient({
    baseUrl: env.ZCOM_BASE_URL,
    tenantId: env.ZCOM_TENANT_ID,
    auth: { token: env.ZCOM_TOKEN },
  });
  for (const backup of await zcom.listBackups()) {
    console.log(`zcom  ${backup.instance_id}  ${backup.backupruns.length} runs`);
  }

  const onapp = createOnAppClient({
    baseUrl: env.ONAPP_BASE_URL,
    auth: { username: env.ONAPP_USERNAME, password: env.ONAPP_PASSWORD },
    format: env.ONAPP_FORMAT ?? "json",
  });
  for (const backup of await onapp.listBackupImages(Number(env.ONAPP_VM_ID))) {
    console.log(`onapp ${backup.id}  ${backup.backup_type}  ${backup.backup_size} kB`);
  }
} catch (error) {
  // Every failure is a typed error with a one-line message; no stack trace for the user.
  console.error(error instanceof BackupKitError ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}

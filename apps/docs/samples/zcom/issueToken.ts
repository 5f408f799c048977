// With { username, password } the client calls this operation for you:
// it logs in on first use, reuses the token until shortly before it
// expires, and logs in again if the service refuses it.
import { AuthenticationError, createZcomClient } from "@backupkit/zcom";

const { ZCOM_TENANT_ID, ZCOM_USERNAME, ZCOM_PASSWORD } = process.env;
if (!ZCOM_TENANT_ID || !ZCOM_USERNAME || !ZCOM_PASSWORD) {
  throw new Error("Set ZCOM_TENANT_ID, ZCOM_USERNAME and ZCOM_PASSWORD.");
}

const zcom = createZcomClient({
  tenantId: ZCOM_TENANT_ID,
  region: "tyo1",
  auth: { username: ZCOM_USERNAME, password: ZCOM_PASSWORD },
});

try {
  // POST /v2.0/tokens first, then GET /v2/{tenant_id}/backup.
  const backups = await zcom.listBackups();
  console.log(`Logged in; ${backups.length} backup(s).`);
} catch (error) {
  if (!(error instanceof AuthenticationError)) throw error;
  console.error("The API user name or password was refused.");
  process.exit(1);
}

// Need the token itself (for curl, say)? Call the operation directly
// through the typed raw client.
const { data } = await zcom.raw.POST("/v2.0/tokens", {
  baseUrl: "https://identity.tyo1.cloud.z.com",
  body: {
    auth: {
      passwordCredentials: {
        username: ZCOM_USERNAME,
        password: ZCOM_PASSWORD,
      },
      tenantId: ZCOM_TENANT_ID,
    },
  },
});
if (data) {
  const { id, expires } = data.access.token;
  console.log(`export ZCOM_TOKEN=${id}  # expires ${expires}`);
}

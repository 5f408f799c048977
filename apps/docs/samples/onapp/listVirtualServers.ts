// List the virtual servers these credentials can see, to find the ids
// that the backup calls take.
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

const servers = await onapp.listVirtualServers();
for (const server of servers) {
  const state = server.booted ? "running" : "stopped";
  console.log(
    `${server.id}  ${server.label}  ${server.hostname} (${state})`,
  );
}

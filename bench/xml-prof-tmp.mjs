import { createOnAppClient } from "@backupkit/onapp";
import { startServer, LARGE_VM_ID } from "./lib/server.mjs";
const server = await startServer({ zcomBackups: 10, onappBackups: 10000, vms: 10, backupsPerVm: 3, delayMs: 20 });
const AUTH = { username: "bench@example.com", password: "bench-api-key" };
const fmt = process.argv[2];
const c = createOnAppClient({ baseUrl: server.url, auth: AUTH, format: fmt });
for (let i = 0; i < 3; i++) await c.listBackups(LARGE_VM_ID);
const t = process.hrtime.bigint(); const cpu = process.cpuUsage();
for (let i = 0; i < 15; i++) { globalThis.gc?.(); await c.listBackups(LARGE_VM_ID); }
const u = process.cpuUsage(cpu);
console.log(fmt, Number(process.hrtime.bigint() - t) / 15e6, "ms/call wall", (u.user + u.system) / 15000, "ms/call cpu");
await server.close();

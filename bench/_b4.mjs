import { createOnAppClient } from "@backupkit/onapp";
import { startServer, LARGE_VM_ID } from "./lib/server.mjs";
const s = await startServer({ zcomBackups: 10, onappBackups: 10000, vms: 1, backupsPerVm: 1, delayMs: 20 });
const AUTH = { username: "b@e.com", password: "k" };
const c = { xml: createOnAppClient({ baseUrl: s.url, auth: AUTH, format: "xml" }), json: createOnAppClient({ baseUrl: s.url, auth: AUTH, format: "json" }) };
const out = { xml: [], json: [] };
for (let i = 0; i < 14; i++) for (const k of ["xml", "json"]) { gc(); const t = process.cpuUsage(); const w = performance.now(); await c[k].listBackups(LARGE_VM_ID); const d = process.cpuUsage(t); if (i >= 2) out[k].push(`${((d.user + d.system) / 1000).toFixed(0)}/${(performance.now() - w).toFixed(0)}`); }
for (const k in out) console.log(k.padEnd(5), out[k].join(" "));
await s.close();
const med = (a) => { const v = a.map((x) => Number(x.split("/")[0])).sort((p, q) => p - q); return v[Math.floor(v.length / 2)]; };
console.log(`ratio ${(med(out.xml) / med(out.json)).toFixed(2)} xml ${med(out.xml)} json ${med(out.json)}`);

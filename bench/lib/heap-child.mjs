/**
 * B7's measuring process: decodes one large Z.com list, either through the client ("ours") or
 * with a bare fetch + JSON.parse ("bare"), and prints the peak of heap + ArrayBuffer memory
 * above what was live before the call. Run by heap.mjs with --expose-gc and a young generation
 * large enough that no collection runs during the call (it reports how many did): memory is
 * then only ever added during the call, so the highest sample is the peak.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { createZcomClient } from "@backupkit/zcom";

const [mode, url] = process.argv.slice(2);
const memory = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
let peak = 0;
const sample = () => {
  peak = Math.max(peak, memory());
};

const client = createZcomClient({
  tenantId: "large",
  baseUrl: url,
  auth: { token: "bench-token" },
  // Called once the whole body has been read, before it is decoded.
  onResponse: sample,
});
const decode =
  mode === "ours"
    ? () => client.listBackups()
    : async () => {
        const response = await fetch(`${url}/v2/large/backup`, {
          headers: { "x-auth-token": "bench-token" },
        });
        const text = await response.text();
        sample();
        return JSON.parse(text).backup;
      };

let kept = await decode(); // warm-up: code compiled, connection open, nothing lazy left to load
kept = null;
globalThis.gc();
globalThis.gc();
let collections = 0;
const observer = new PerformanceObserver((list) => {
  collections += list.getEntries().length;
});
observer.observe({ entryTypes: ["gc"] });
const before = memory();
peak = before;
kept = await decode();
sample();
await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries arrive asynchronously
observer.disconnect();
process.stdout.write(JSON.stringify({ peak: peak - before, records: kept.length, collections }));

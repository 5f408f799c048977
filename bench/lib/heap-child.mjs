/**
 * B7's measuring process: decodes one large Z.com list, either through the client ("ours") or
 * with a bare fetch + JSON.parse ("bare"), and prints the most memory the decode held above
 * what was live before the call.
 *
 * Memory is V8's heap in use plus `external` (ArrayBuffers, and strings V8 keeps outside its
 * heap, as TextDecoder's output can be). Once the body has arrived, a full collection runs (so
 * the transport's read buffers, already garbage, are not counted) and memory is sampled; from
 * there to the end of the decode no collection runs on this input (the probe reports any that
 * did), so memory only grows and the last sample is the peak. It is an upper bound of the live peak, since garbage made while decoding counts too.
 */
import { PerformanceObserver } from "node:perf_hooks";
import { createZcomClient } from "@backupkit/zcom";

const [mode, url] = process.argv.slice(2);
const memory = () => {
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
};
let peak = 0;
const sample = () => {
  peak = Math.max(peak, memory());
};
/** When the last forced collection ended; any collection after it, during the decode, is reported. */
let forcedAt = 0;
const collections = [];
new PerformanceObserver((list) => collections.push(...list.getEntries())).observe({ entryTypes: ["gc"] });
/** The body is in memory, not yet decoded: collect what is already garbage, then sample. */
const bodyArrived = () => {
  globalThis.gc();
  forcedAt = performance.now();
  sample();
};

let measuring = false;
const clientFor = (tenantId) =>
  createZcomClient({
    tenantId,
    baseUrl: url,
    auth: { token: "bench-token" },
    // Called once the whole body has been read, before it is decoded.
    onResponse: () => {
      if (measuring) bodyArrived();
    },
  });
const clients = { warm: clientFor("warm"), large: clientFor("large") };
const decode = (tenant) =>
  mode === "ours"
    ? clients[tenant].listBackups()
    : (async () => {
        const response = await fetch(`${url}/v2/${tenant}/backup`, {
          headers: { "x-auth-token": "bench-token" },
        });
        const text = await response.text();
        if (measuring) bodyArrived();
        return JSON.parse(text).backup;
      })();

// Warm-up: code compiled, connection open, nothing lazy left to load, the heap grown to the task.
// It reads the large list but one: the node:http wire keeps the last text body's read buffer for
// the next one that fits, and a buffer kept from the warm-up would count before the measured call
// instead of in it, as it does in a process's first call.
let kept = await decode("warm");
kept = null;
measuring = true;
globalThis.gc();
const before = memory();
peak = before;
kept = await decode("large");
sample();
const decodedAt = performance.now();
await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries are delivered asynchronously
const unexpected = collections.filter((entry) => entry.startTime > forcedAt && entry.startTime < decodedAt);
process.stdout.write(
  JSON.stringify({ peak: peak - before, records: kept.length, collections: unexpected.length }),
);

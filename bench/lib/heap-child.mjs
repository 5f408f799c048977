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

const client = createZcomClient({
  tenantId: "large",
  baseUrl: url,
  auth: { token: "bench-token" },
  onResponse: bodyArrived, // called once the whole body has been read, before it is decoded
});
const decode =
  mode === "ours"
    ? () => client.listBackups()
    : async () => {
        const response = await fetch(`${url}/v2/large/backup`, {
          headers: { "x-auth-token": "bench-token" },
        });
        const text = await response.text();
        bodyArrived();
        return JSON.parse(text).backup;
      };

let kept = await decode(); // warm-up: code compiled, connection open, nothing lazy left to load
kept = null;
globalThis.gc();
const before = memory();
peak = before;
kept = await decode();
sample();
const decodedAt = performance.now();
await new Promise((resolve) => setTimeout(resolve, 50)); // gc entries are delivered asynchronously
const unexpected = collections.filter((entry) => entry.startTime > forcedAt && entry.startTime < decodedAt);
process.stdout.write(
  JSON.stringify({ peak: peak - before, records: kept.length, collections: unexpected.length }),
);

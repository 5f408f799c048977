/**
 * Preloaded (`node --import`) into B5's instrumented runs: when the process's node:http requests
 * start and end, so that B5 can say in which phase the report spends the time the bare script
 * does not. At exit it writes, in ms since the process started, to the file `BENCH_TIMELINE`
 * names: `{ firstRequest, secondRequest, lastResponse, exit }`. The first request is the machine
 * list; the second is the first machine's listing.
 *
 * Both sides use node:http, whose diagnostics channels Node publishes; a subscriber costs a
 * function call per request, the same on each side. The timed rounds of B5 run without it.
 */
import { subscribe } from "node:diagnostics_channel";
import { writeFileSync } from "node:fs";

const file = process.env.BENCH_TIMELINE;
const marks = { firstRequest: null, secondRequest: null, lastResponse: null, exit: null };
let requests = 0;

subscribe("http.client.request.start", () => {
  requests += 1;
  if (requests === 1) marks.firstRequest = performance.now();
  else if (requests === 2) marks.secondRequest = performance.now();
});
subscribe("http.client.response.finish", () => {
  marks.lastResponse = performance.now();
});
process.on("exit", () => {
  marks.exit = performance.now();
  if (file) writeFileSync(file, JSON.stringify(marks));
});

/**
 * B5's reference client: the calls the inventory report makes, with bare fetch + JSON.parse and
 * nothing else, at most `concurrency` calls in flight. It shows what this machine allows, next
 * to the floor computed from the delays alone.
 *
 * The calls are the app's: the machine list, then each machine's image backup listing, and the
 * incremental listing of the first two machines; the others' incremental listings only when one
 * of those two did not answer 404 (apps/inventory/src/onapp-backups.ts says why).
 *
 * With `http` as the transport it makes the same calls with `node:http` and a keep-alive agent
 * instead of fetch: what the machine allows without fetch's own cost per call.
 *
 *   node bare-inventory.mjs <origin> <concurrency> [fetch|http]
 */
import { Agent, get as httpGet } from "node:http";

const [origin, concurrency, transport = "fetch"] = process.argv.slice(2);
const PROBES = 2;
const agent = new Agent({ keepAlive: true });

/** One GET: the parsed JSON body, or undefined for a 404. */
const viaFetch = async (path) => {
  const response = await fetch(`${origin}${path}`);
  const text = await response.text();
  return response.status === 404 ? undefined : JSON.parse(text);
};
const viaHttp = (path) =>
  new Promise((resolve, reject) => {
    httpGet(`${origin}${path}`, { agent }, (response) => {
      const chunks = [];
      response.setEncoding("utf8");
      response.on("data", (chunk) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () =>
        resolve(response.statusCode === 404 ? undefined : JSON.parse(chunks.join(""))),
      );
    }).on("error", reject);
  });
const get = transport === "http" ? viaHttp : viaFetch;
const images = (id) => `/virtual_machines/${id}/backups/images.json`;
const files = (id) => `/virtual_machines/${id}/backups/files.json`;

const machines = (await get("/virtual_machines.json")).map((item) => item.virtual_machine);
let backups = 0;
/** Runs the calls `concurrency` at a time; resolves to each call's answer (undefined for a 404). */
const run = async (calls) => {
  const answers = [];
  let next = 0;
  const worker = async () => {
    while (next < calls.length) {
      const at = next++;
      answers[at] = await get(calls[at]);
      backups += answers[at]?.length ?? 0;
    }
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, worker));
  return answers;
};

const probes = machines.slice(0, PROBES).map(({ id }) => id);
const rest = machines.slice(PROBES).map(({ id }) => id);
const first = await run([...probes.map(files), ...probes.map(images), ...rest.map(images)]);
const incremental = probes.length < PROBES || first.slice(0, PROBES).some((answer) => answer !== undefined);
if (incremental) await run(rest.map(files));
agent.destroy();
process.stdout.write(JSON.stringify({ machines: machines.length, backups }));

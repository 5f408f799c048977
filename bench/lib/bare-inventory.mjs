/**
 * B5's reference client: the calls the inventory report makes, with bare fetch + JSON.parse and
 * nothing else, at most `concurrency` calls in flight. It shows what this machine allows, next
 * to the floor computed from the delays alone.
 *
 * The calls are the app's, in its order: the machine list, then each machine's image listing
 * followed by its incremental listing. The first two machines ask both; another machine's
 * incremental listing whose turn comes before they have answered is set aside. If both image
 * listings answered and both incremental ones answered 404, the set-aside listings and all later
 * ones are skipped; otherwise they are asked (apps/inventory/src/onapp-backups.ts says why).
 *
 * With `http` as the transport it makes the same calls with `node:http` and a keep-alive agent
 * instead of fetch: what the machine allows without fetch's own cost per call.
 *
 *   node bare-inventory.mjs <origin> <concurrency> [fetch|http]
 */
import { Agent } from "node:http";
import { getJson } from "./get-json.mjs";

const [origin, concurrency, transport = "fetch"] = process.argv.slice(2);
const PROBES = 2;
const agent = new Agent({ keepAlive: true });

/** One GET: the parsed JSON body, or undefined for a 404. */
const viaFetch = async (path) => {
  const response = await fetch(`${origin}${path}`);
  const text = await response.text();
  return response.status === 404 ? undefined : JSON.parse(text);
};
const viaHttp = (path) => getJson(`${origin}${path}`, agent);
const get = transport === "http" ? viaHttp : viaFetch;
const images = (id) => `/virtual_machines/${id}/backups/images.json`;
const files = (id) => `/virtual_machines/${id}/backups/files.json`;

const machines = (await get("/virtual_machines.json")).map((item) => item.virtual_machine);
const probes = new Map(machines.slice(0, PROBES).map(({ id }) => [id, {}]));
/** Undefined until the probes have answered; then whether to ask the others' incremental listings. */
let askOthers;
const setAside = [];
const tasks = machines.flatMap(({ id }) => [
  ["images", id, images(id)],
  ["files", id, files(id)],
]);
const settle = (id, kind, answer) => {
  const probe = probes.get(id);
  if (!probe) return;
  probe[kind] = answer;
  const all = [...probes.values()];
  if (askOthers === undefined && all.every((p) => "images" in p && "files" in p)) {
    const none = all.length === PROBES && all.every((p) => p.images !== undefined && p.files === undefined);
    askOthers = !none;
    if (askOthers) tasks.push(...setAside);
  }
};
let next = 0;
let backups = 0;
const worker = async () => {
  while (next < tasks.length) {
    const task = tasks[next++];
    const [kind, id, path] = task;
    if (kind === "files" && !probes.has(id) && askOthers !== true) {
      if (askOthers === undefined) setAside.push(task);
      continue;
    }
    const answer = await get(path);
    settle(id, kind, answer);
    backups += answer?.length ?? 0;
  }
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
agent.destroy();
process.stdout.write(JSON.stringify({ machines: machines.length, backups }));

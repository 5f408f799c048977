/**
 * B5's reference client: the calls the inventory report makes (the machine list, then each
 * machine's image and incremental backup listings, at most `concurrency` calls in flight) with
 * bare fetch + JSON.parse and nothing else. It shows what this machine allows, next to the
 * floor computed from the delays alone.
 *
 *   node bare-inventory.mjs <origin> <concurrency>
 */
const [origin, concurrency] = process.argv.slice(2);
const get = async (path) => {
  const response = await fetch(`${origin}${path}`);
  const text = await response.text();
  // The incremental listing answers 404 on a panel without it: that is "none", as in the app.
  return response.status === 404 ? [] : JSON.parse(text);
};

const machines = (await get("/virtual_machines.json")).map((item) => item.virtual_machine);
const calls = machines.flatMap(({ id }) => [
  `/virtual_machines/${id}/backups/images.json`,
  `/virtual_machines/${id}/backups/files.json`,
]);
let next = 0;
let backups = 0;
const worker = async () => {
  while (next < calls.length) backups += (await get(calls[next++])).length;
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
process.stdout.write(JSON.stringify({ machines: machines.length, backups }));

/**
 * B5's reference client: the same calls the inventory report makes (the machine list, then each
 * machine's backups at a fixed concurrency) with bare fetch + JSON.parse, and nothing else. It
 * shows what this machine allows, next to the floor computed from the delays alone.
 *
 *   node bare-inventory.mjs <origin> <concurrency>
 */
const [origin, concurrency] = process.argv.slice(2);
const get = async (path) => JSON.parse(await (await fetch(`${origin}${path}`)).text());

const machines = (await get("/virtual_machines.json")).map((item) => item.virtual_machine);
let next = 0;
let backups = 0;
const worker = async () => {
  while (next < machines.length) {
    const { id } = machines[next++];
    backups += (await get(`/virtual_machines/${id}/backups.json`)).length;
  }
};
await Promise.all(Array.from({ length: Number(concurrency) }, worker));
process.stdout.write(JSON.stringify({ machines: machines.length, backups }));

/**
 * One side of a B1–B3 comparison, alone in a process of its own, run a round at a time when the
 * benchmark asks (lib/side.mjs starts it). Alone, because sides sharing a process change each
 * other's speed: in one Node 20 process, bare fetch took about 1.5× the CPU time when node:http
 * calls ran between its rounds, while node:http kept its speed (bench/analysis.md, Method).
 *
 * argv: the side's name in SIDES, its arguments as JSON, and the calls per round. Each "round"
 * message is answered with `{ wall, cpu }` in ms, CPU time being this process's user + system
 * time over the round; a full collection runs first, outside the timing.
 */
import { SIDES } from "./sides.mjs";

const [name, args, calls] = process.argv.slice(2);
// The benchmark going away, however it ends, ends this process too.
process.on("disconnect", () => process.exit(0));

try {
  const call = await SIDES[name](JSON.parse(args));
  process.on("message", async () => {
    try {
      globalThis.gc();
      const cpuStart = process.cpuUsage();
      const wallStart = performance.now();
      for (let i = 0; i < Number(calls); i++) await call();
      const wall = performance.now() - wallStart;
      const { user, system } = process.cpuUsage(cpuStart);
      process.send({ wall, cpu: (user + system) / 1000 });
    } catch (error) {
      process.send({ error: String(error?.stack ?? error) });
    }
  });
  process.send({ ready: true });
} catch (error) {
  process.send({ error: String(error?.stack ?? error) });
}

/**
 * B5: the inventory app's `report` over many OnApp machines, against the floor no client can beat:
 * starting node, one list call, and then every machine's call at the given concurrency.
 *
 * Kept in this one file on purpose: it drives the app through its command line and environment
 * (ONAPP_BASE_URL, ONAPP_USERNAME, ONAPP_PASSWORD; apps/inventory/README.md), which may change.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { timeRow } from "./calls.mjs";
import { runChild } from "./lib/child.mjs";
import { getJson } from "./lib/get-json.mjs";
import { alternate, formatMs, median, time } from "./lib/measure.mjs";

const CLI = fileURLToPath(new URL("../apps/inventory/dist/cli.js", import.meta.url));
const BARE = fileURLToPath(new URL("./lib/bare-inventory.mjs", import.meta.url));
const TIMELINE = fileURLToPath(new URL("./lib/timeline.mjs", import.meta.url));
const CONCURRENCY = 16;

/**
 * Runs a node process to its end in `cwd`; resolves to its stdout, rejects on a failure it did
 * not expect or on a warning from Node itself (`(node:PID) …Warning`), which a user of the app
 * would see too. The app's own environment variables are cleared, so only `env` configures it.
 */
async function runNode(args, { env = {}, cwd, okCodes = [0], preload }) {
  const base = { ...process.env };
  for (const name of Object.keys(base)) if (/^(ZCOM|ONAPP)_/.test(name)) delete base[name];
  const what = `node ${args[0]}`;
  const argv = preload ? ["--import", preload, ...args] : args;
  const { code, stdout, stderr } = await runChild(what, argv, { env: { ...base, ...env }, cwd });
  const warning = /^\(node:\d+\) .*$/m.exec(stderr);
  if (warning) throw new Error(`${what} warned: ${warning[0].slice(0, 300)}`);
  if (!okCodes.includes(code)) throw new Error(`${what} exited ${code}: ${stderr.slice(0, 500)}`);
  return stdout;
}

export async function b5(ctx) {
  // An empty folder to run in: the app reads ./backup-inventory.yaml when there is one, and a
  // developer's accounts file would send the benchmark to real panels.
  const cwd = mkdtempSync(join(tmpdir(), "backupkit-b5-"));
  try {
    return await measureB5(ctx, cwd);
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

async function measureB5(ctx, cwd) {
  const { vms, delayMs } = ctx.sizes;
  const env = {
    ONAPP_BASE_URL: ctx.server.slowUrl,
    ONAPP_USERNAME: "bench@example.com",
    ONAPP_PASSWORD: "bench-api-key",
  };
  const args = [
    CLI,
    "report",
    "--provider",
    "onapp",
    "--format",
    "json",
    "--concurrency",
    String(CONCURRENCY),
    // One panel: its own limit (default 4) would otherwise hold it below the overall one.
    "--per-account",
    String(CONCURRENCY),
  ];
  // `report` exits 1 when a machine's newest backup is too old, which the generated data's are.
  const report = () => runNode(args, { env, cwd, okCodes: [0, 1] });

  const machines = JSON.parse(await report()).vms ?? [];
  const failed = machines.filter((vm) => vm.state === "error").length;
  if (machines.length !== vms || failed > 0) {
    throw new Error(
      `B5: expected a report of ${vms} readable machines, got ${machines.length} (${failed} failed)`,
    );
  }

  const listUrl = `${ctx.server.slowUrl}/virtual_machines.json`;
  const machineUrl = `${ctx.server.slowUrl}/virtual_machines/1/backups/images.json`;
  const perMachine = (vms * delayMs) / CONCURRENCY;
  // The floor counts each call as the server's 20 ms; a call also crosses to the server and back.
  // Each round also times a machine's call alone here (the median of five, one after another, on
  // a kept-alive node:http connection), for a second floor that counts that round trip.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const oneCall = () => getJson(machineUrl, agent);
  // And as many calls as there are machines (of one machine's listing, as above), from this warm
  // process, 16 in flight, each answer parsed and nothing else done: what the loopback costs
  // before any process starts or any client runs.
  const pool = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const allCalls = async () => {
    let next = 0;
    const lane = async () => {
      while (next < vms) {
        next += 1;
        await getJson(machineUrl, pool);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  };
  const callsAlone = [];
  const warmup = ctx.quick ? 0 : 1;
  const roundTripFloors = [];
  const perCallTimes = [];
  // For scale, each floor round also runs the app's calls by a script with no client at all (once
  // with fetch, once with node:http, in turn first), so they alternate with the report too.
  const bare = { fetch: [], http: [] };
  const floor = async () => {
    const startup = await time(() => runNode(["-e", "0"], { cwd }));
    const list = await time(async () => JSON.parse(await (await fetch(listUrl)).text()));
    const calls = [];
    for (let i = 0; i < 5; i++) calls.push(await time(oneCall));
    perCallTimes.push(median(calls));
    roundTripFloors.push(startup + list + (vms * median(calls)) / CONCURRENCY);
    callsAlone.push(await time(allCalls));
    const order = bare.fetch.length % 2 ? ["http", "fetch"] : ["fetch", "http"];
    for (const transport of order) {
      bare[transport].push(
        await time(() => runNode([BARE, ctx.server.slowUrl, String(CONCURRENCY), transport], { cwd })),
      );
    }
    return { wall: startup + list + perMachine };
  };
  let times;
  try {
    times = await alternate(report, floor, { warmup, rounds: ctx.quick ? 1 : 5 });
  } finally {
    agent.destroy();
    pool.destroy();
  }
  const scripts = { fetch: median(bare.fetch.slice(warmup)), http: median(bare.http.slice(warmup)) };
  const row = timeRow(
    "B5",
    `inventory report, ${vms} OnApp VMs, +${delayMs} ms per call, concurrency ${CONCURRENCY}`,
    times,
    1.1,
    `floor: node start-up + one list call + ${vms} × ${delayMs} ms / ${CONCURRENCY}`,
    "wall",
  );
  // The floor counts the server's delays and nothing else; the bare script making the app's own
  // calls shows what fetch itself costs on this machine, so it is the client's fair comparison.
  const ratioRow = (id, measure, compared, ours, baseline) => ({
    id,
    measure,
    compared,
    ours: formatMs(ours),
    baseline: formatMs(baseline),
    ratio: `${(ours / baseline).toFixed(2)}×`,
    target: "—",
    met: undefined,
    wallRatio: `${(ours / baseline).toFixed(2)}×`,
  });
  // The clients send over node:http, so the script on the same wire is the fair comparison.
  const ref = ratioRow(
    "B5 ref",
    "the same report (wall time)",
    `bare node:http + JSON.parse making the app's calls, ${CONCURRENCY} in flight`,
    times.wall.ours,
    scripts.http,
  );
  const http = ratioRow(
    "B5 http",
    "no client: node:http + JSON.parse making the app's calls (wall time)",
    "the floor, as for B5",
    scripts.http,
    times.wall.baseline,
  );
  const fetchFloor = ratioRow(
    "B5 fetch",
    "no client: bare fetch + JSON.parse making the app's calls (wall time)",
    "the floor, as for B5",
    scripts.fetch,
    times.wall.baseline,
  );
  const measured = roundTripFloors.slice(warmup);
  const roundTrip = ratioRow(
    "B5 rtt",
    "the same report (wall time)",
    `the floor with each call at its measured time alone here (${formatMs(median(perCallTimes.slice(warmup)))}, not ${delayMs} ms)`,
    times.wall.ours,
    median(measured),
  );
  roundTrip.note = `the node:http script against the same floor: ${(scripts.http / median(measured)).toFixed(2)}×`;
  const loopback = ratioRow(
    "B5 calls",
    `no client, no process start: ${vms} calls of one machine's listing, ${CONCURRENCY} in flight, from the benchmark's warm process (node:http + JSON.parse)`,
    `the floor's part for them: ${vms} × ${delayMs} ms / ${CONCURRENCY}`,
    median(callsAlone.slice(warmup)),
    perMachine,
  );
  const bareArgs = [BARE, ctx.server.slowUrl, String(CONCURRENCY), "http"];
  const phases = await timePhases(ctx.quick ? 1 : 3, cwd, {
    report: (timeline) =>
      runNode(args, { env: { ...env, BENCH_TIMELINE: timeline }, cwd, okCodes: [0, 1], preload: TIMELINE }),
    script: (timeline) => runNode(bareArgs, { env: { BENCH_TIMELINE: timeline }, cwd, preload: TIMELINE }),
  });
  ref.note = `where the time goes, ${phases}`;
  return [row, ref, roundTrip, fetchFloor, http, loopback];
}

/** A phase of a run, from the marks lib/timeline.mjs writes. */
const PHASES = [
  ["start-up to the list call", (m) => m.firstRequest],
  ["the list call to the first machine's call", (m) => m.secondRequest - m.firstRequest],
  ["the machines' calls to the last answer", (m) => m.lastResponse - m.secondRequest],
  ["the last answer to exit", (m) => m.exit - m.lastResponse],
];

/**
 * Runs the report and the node:http script `rounds` times each with lib/timeline.mjs preloaded,
 * in turn, after the timed rounds; resolves to one line comparing the median of each phase.
 */
async function timePhases(rounds, cwd, sides) {
  const marks = { report: [], script: [] };
  for (let i = 0; i < rounds; i++) {
    for (const side of ["report", "script"]) {
      const timeline = join(cwd, `timeline-${side}.json`);
      await sides[side](timeline);
      const read = JSON.parse(readFileSync(timeline, "utf8"));
      if (Object.values(read).some((value) => typeof value !== "number")) {
        throw new Error(`B5: the ${side}'s timeline is incomplete: ${JSON.stringify(read)}`);
      }
      marks[side].push(read);
    }
  }
  const parts = PHASES.map(([name, of]) => {
    const ours = median(marks.report.map(of));
    const theirs = median(marks.script.map(of));
    const extra = ours - theirs;
    return `${name} ${formatMs(ours)} against ${formatMs(theirs)} (${extra >= 0 ? "+" : "−"}${formatMs(Math.abs(extra))})`;
  });
  return `report against script, median of ${rounds} run${rounds === 1 ? "" : "s"} each with node:http's timings: ${parts.join("; ")}`;
}

/**
 * Starts one side of a B1–B3 comparison in a process of its own (lib/side-process.mjs) and runs
 * it a round at a time: `alternate` (lib/measure.mjs) takes `sample` as a side that measures
 * itself. A side that fails, exits or has not answered a round within two minutes fails the
 * benchmark with a line naming it, and its process is killed, as every other child of the run is
 * (lib/child.mjs).
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { alternateSamples, medians } from "./measure.mjs";

const ENTRY = fileURLToPath(new URL("./side-process.mjs", import.meta.url));
const TIMEOUT_MS = 120_000;

/**
 * Resolves once the side is ready, to `{ sample, close }`: `sample()` runs one round of `calls`
 * calls and resolves to `{ wall, cpu }` in ms. `role` (ours or the baseline) names it in errors,
 * with its name in SIDES.
 */
export async function startSide(role, name, args, calls) {
  const what = `the benchmark side "${name}" (${role})`;
  const child = fork(ENTRY, [name, JSON.stringify(args), String(calls)], {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // A message that cannot be sent is reported through its callback (below), never as an
  // 'error' event nobody listens to, which would end the benchmark without naming the side.
  child.on("error", () => {});
  /** The next message, or a failure: an error it reports, an exit, no answer in time, a failed send. */
  const answer = (send) =>
    new Promise((resolve, reject) => {
      const fail = (error) => {
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        child.kill("SIGKILL");
        reject(error);
      };
      const onMessage = (message) => {
        if (message.error) return fail(new Error(`${what} failed: ${message.error}`));
        clearTimeout(timer);
        child.off("exit", onExit);
        resolve(message);
      };
      const onExit = (code, signal) =>
        fail(new Error(`${what} exited early (${signal ? `signal ${signal}` : `code ${code}`})`));
      const timer = setTimeout(
        () => fail(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s and was killed`)),
        TIMEOUT_MS,
      );
      child.once("message", onMessage);
      child.once("exit", onExit);
      if (child.exitCode !== null || child.signalCode !== null) {
        onExit(child.exitCode, child.signalCode);
        return;
      }
      send?.((error) => {
        if (error) fail(new Error(`${what} could not be asked for a round: ${error.message}`));
      });
    });
  await answer();
  return {
    sample: () => answer((sent) => child.send("round", sent)),
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        if (child.connected) child.disconnect();
        else child.kill("SIGKILL");
      }),
  };
}

/**
 * `alternate` over two sides, each in a process of its own, in `processes` pairs of processes
 * one after another, each pair warmed up and run `rounds` times; the medians are over every
 * pair's rounds. More than one pair, because a process's speed is partly settled when it starts
 * (how much of its memory is fresh, bench/analysis.md): one pair could be a lucky or an unlucky
 * draw for either side. `ours` and `baseline` are `[name, args]` pairs of SIDES (lib/sides.mjs);
 * every process is stopped whatever happens.
 */
export async function alternateSides(ours, baseline, calls, { processes, ...options }) {
  const all = { ours: [], baseline: [] };
  for (let i = 0; i < processes; i++) {
    const sides = [];
    try {
      sides.push(await startSide("ours", ...ours, calls));
      sides.push(await startSide("baseline", ...baseline, calls));
      const samples = await alternateSamples(sides[0].sample, sides[1].sample, options);
      all.ours.push(...samples.ours);
      all.baseline.push(...samples.baseline);
    } finally {
      await Promise.all(sides.map((side) => side.close()));
    }
  }
  return medians(all);
}

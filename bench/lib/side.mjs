/**
 * Starts one side of a B1–B3 comparison in a process of its own (lib/side-process.mjs) and runs
 * it a round at a time: `alternate` (lib/measure.mjs) takes `sample` as a side that measures
 * itself. A round that has not answered within two minutes kills the process and fails the
 * benchmark with a line naming the side, as every other child of the run does (lib/child.mjs).
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { alternateSamples, medians } from "./measure.mjs";

const ENTRY = fileURLToPath(new URL("./side-process.mjs", import.meta.url));
const TIMEOUT_MS = 120_000;

/**
 * Resolves once the side is ready, to `{ sample, close }`: `sample()` runs one round of `calls`
 * calls and resolves to `{ wall, cpu }` in ms.
 */
export async function startSide(name, args, calls) {
  const what = `the benchmark side "${name}"`;
  const child = fork(ENTRY, [name, JSON.stringify(args), String(calls)], {
    execArgv: ["--expose-gc"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  /** The next message, or a failure: an error it reports, an early exit, or no answer in time. */
  const answer = () =>
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
      const onExit = (code) => fail(new Error(`${what} exited early (code ${code})`));
      const timer = setTimeout(
        () => fail(new Error(`${what} did not answer within ${TIMEOUT_MS / 1000} s and was killed`)),
        TIMEOUT_MS,
      );
      child.once("message", onMessage);
      child.once("exit", onExit);
    });
  await answer();
  return {
    sample: () => {
      const next = answer();
      child.send("round");
      return next;
    },
    close: () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once("exit", () => done());
        child.disconnect();
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
      sides.push(await startSide(...ours, calls));
      sides.push(await startSide(...baseline, calls));
      const samples = await alternateSamples(sides[0].sample, sides[1].sample, options);
      all.ours.push(...samples.ours);
      all.baseline.push(...samples.baseline);
    } finally {
      await Promise.all(sides.map((side) => side.close()));
    }
  }
  return medians(all);
}

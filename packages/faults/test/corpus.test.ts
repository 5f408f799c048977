/**
 * The fault corpus (issue 11, point 3): every case of src/corpus.ts against every list and get
 * operation of both clients. A call passes when it ends in data of the right kind or a
 * BackupKitError (of the class the case expects), within the watchdog, with no secret in the
 * error, its inspect() or JSON form, or any log line or hook argument, and leaves no socket
 * busy. Unhandled rejections anywhere in the process fail the suite.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { faultCorpus, fetchWireCorpus } from "../src/corpus.js";
import { runAll } from "../src/run.js";
import { FaultServer } from "../src/server.js";

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
let server: FaultServer;

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await new FaultServer().start();
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  if (server?.listening) await server.close();
});

test("every fault ends in data or a typed error, in time, without leaking a secret or a socket", async () => {
  const filter = process.env.FAULT_FILTER;
  const origin = () => server.url;
  const cases = [...faultCorpus(origin), ...fetchWireCorpus(origin)].filter(
    (fault) => !filter || fault.name.includes(filter),
  );
  const verbose = process.env.FAULT_VERBOSE === "1";
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await runAll(server, cases, 8, (fault, outcome, ms) => {
    if (verbose)
      console.log(`${ms.toFixed(0).padStart(6)} ms  ${outcome.failures.length} failed  ${fault.name}`);
    if (verbose) for (const line of outcome.failures) console.log(`FAIL ${line}`);
  });
  const passed = result.calls - result.failed;
  console.log(`fault corpus: ${result.calls} cases, ${passed} passed`);
  const used = process.cpuUsage(cpu);
  console.log(
    `  (${cases.length} faults × their clients' list and get operations, the wire's faults over both wires; untyped errors: ${result.untyped}, secrets found: ${result.leaks}; ${((performance.now() - started) / 1000).toFixed(1)} s, ${((used.user + used.system) / 1e6).toFixed(1)} s CPU)`,
  );
  // A hostile body must not have reached Object.prototype.
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(unhandled.map(String)).toEqual([]);
  expect(result.failures.slice(0, 60)).toEqual([]);
  expect(result.untyped).toBe(0);
  expect(result.leaks).toBe(0);
  // Idle keep-alive sockets aside, nothing may still be open once every case settled.
  expect(await server.close()).toBe(0);
});

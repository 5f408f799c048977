/**
 * Runs one fault case: every chosen operation of every chosen client against the case's
 * handler, at once, and checks each outcome. An outcome passes when it is data of the right
 * kind or a BackupKitError (of the expected class, when the case names one), settles within the
 * budget, leaks no secret, and leaves no socket busy.
 */
import { inspect } from "node:util";
import { type ClientName, type ClientSettings, isData, isTyped, type Target, targets } from "./clients.js";
import { findLeaks, findLeaksInText } from "./secrets.js";
import type { FaultHandler, FaultServer } from "./server.js";

// biome-ignore lint/suspicious/noExplicitAny: any error class.
type ErrorClass = abstract new (...args: any[]) => Error;
/** What a call must end in: data, or an error of one of the classes. */
export type Expectation = "data" | ErrorClass | readonly ("data" | ErrorClass)[];

export interface FaultCase {
  name: string;
  handler: FaultHandler;
  settings?: ClientSettings;
  clients?: readonly ClientName[];
  /** Default: data or any BackupKitError. */
  expect?: Expectation;
  /**
   * `sample`: one operation of each client (which one turns with the case), for sweeps over
   * error statuses and bodies, whose handling is the same for every operation of a client.
   * Default: every list and get operation.
   */
  scope?: "every" | "sample";
}

export interface CaseResult {
  /** Operations run (each one is a corpus case). */
  calls: number;
  failures: string[];
  /** Calls that failed any check. */
  failed: number;
  /** Errors that were not a BackupKitError. */
  untyped: number;
  /** Secrets found anywhere. */
  leaks: number;
}

/**
 * A call that has not settled after this long is reported as hung. Far above the default
 * timeout below: a hang is a call that never settles, not a slow one on a busy machine.
 */
const WATCHDOG_MS = 180_000;
/**
 * Cases that test timeouts set their own short `timeoutMs`; the others must not fail because a
 * loaded 2-core machine takes long to move megabyte bodies for many clients at once.
 */
const DEFAULT_TIMEOUT_MS = 120_000;

export async function runCase(server: FaultServer, fault: FaultCase): Promise<CaseResult> {
  const { id, baseUrl } = server.open(fault.handler);
  const settings = { timeoutMs: DEFAULT_TIMEOUT_MS, maxRetries: 0, ...fault.settings };
  const result: CaseResult = { calls: 0, failed: 0, failures: [], untyped: 0, leaks: 0 };
  const failedCalls = new Set<string>();
  const fail = (target: string, what: string) => {
    failedCalls.add(target);
    result.failures.push(`${fault.name} / ${target}: ${what}`);
  };

  let list: Target[];
  try {
    list = targets(baseUrl, settings, fault.clients);
  } catch (error) {
    fail("create", `client creation failed: ${String(error)}`);
    return result;
  }
  if (fault.scope === "sample") {
    const turn = Number(id);
    const byClient = new Map<unknown, Target[]>();
    for (const target of list) byClient.set(target.side, [...(byClient.get(target.side) ?? []), target]);
    list = [...byClient.values()].map((ops) => ops[turn % ops.length] as Target);
  }
  await Promise.all(
    list.map(async (target) => {
      result.calls++;
      const outcome = await settleWithin(target.call(), WATCHDOG_MS);
      const expected = fault.expect;
      if (outcome.hung) {
        fail(target.name, `did not settle within ${WATCHDOG_MS} ms`);
        return;
      }
      if (outcome.ok) {
        if (!isData(target.kind, outcome.value)) {
          fail(
            target.name,
            `resolved with ${inspect(outcome.value, { depth: 1 }).slice(0, 120)} instead of data`,
          );
        } else if (expected !== undefined && !allows(expected, "data")) {
          fail(target.name, `resolved with data, expected ${describe(expected)}`);
        }
        return;
      }
      const error = outcome.error;
      if (!isTyped(error)) {
        result.untyped++;
        fail(target.name, `untyped error ${inspect(error).split("\n").slice(0, 3).join(" | ")}`);
        return;
      }
      if (expected !== undefined && !allows(expected, error)) {
        fail(
          target.name,
          `${(error as Error).name}: ${(error as Error).message.slice(0, 200)}; expected ${describe(expected)}`,
        );
      }
      const leaks = findLeaks(error, target.secrets);
      if (leaks.length > 0) {
        result.leaks += leaks.length;
        fail(target.name, `secret in ${(error as Error).name}: ${leaks.join(", ")}`);
      }
    }),
  );
  const channels = new Map(list.map((target) => [target.side, target.secrets]));
  for (const [side, secrets] of channels)
    for (const line of side.lines) {
      const leaks = findLeaksInText("log/hook", line, secrets);
      if (leaks.length > 0) {
        result.leaks += leaks.length;
        fail("side channel", `${leaks.join(", ")} in ${line.slice(0, 200)}`);
      }
    }
  const busy = await server.settle(id);
  if (busy > 0) {
    // A busy socket cannot be pinned on one call: the whole case fails.
    for (const target of list) failedCalls.add(target.name);
    fail("sockets", `${busy} socket(s) still busy after every call settled`);
  }
  failedCalls.delete("side channel");
  if (result.failures.some((line) => line.includes("/ side channel:")))
    for (const t of list) failedCalls.add(t.name);
  result.failed = Math.min(failedCalls.size, result.calls);
  return result;
}

type Outcome =
  | { hung: true }
  | { hung: false; ok: true; value: unknown }
  | { hung: false; ok: false; error: unknown };

async function settleWithin(promise: Promise<unknown>, ms: number): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const watchdog = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), ms);
  });
  const settled = promise.then(
    (value): Outcome => ({ hung: false, ok: true, value }),
    (error: unknown): Outcome => ({ hung: false, ok: false, error }),
  );
  try {
    return await Promise.race([settled, watchdog]);
  } finally {
    clearTimeout(timer);
  }
}

function allows(expected: Expectation, outcome: "data" | unknown): boolean {
  const options = Array.isArray(expected) ? expected : [expected];
  return options.some((option) =>
    option === "data" ? outcome === "data" : outcome !== "data" && outcome instanceof (option as ErrorClass),
  );
}

function describe(expected: Expectation): string {
  const options = Array.isArray(expected) ? expected : [expected];
  return options.map((option) => (option === "data" ? "data" : (option as ErrorClass).name)).join(" or ");
}

/** Runs cases with at most `width` at once (stalls and Retry-After waits overlap). */
export async function runAll(
  server: FaultServer,
  cases: readonly FaultCase[],
  width = 8,
  onCase?: (fault: FaultCase, result: CaseResult, ms: number) => void,
): Promise<CaseResult> {
  const total: CaseResult = { calls: 0, failed: 0, failures: [], untyped: 0, leaks: 0 };
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < cases.length) {
        const fault = cases[next++] as FaultCase;
        const started = performance.now();
        const result = await runCase(server, fault);
        onCase?.(fault, result, performance.now() - started);
        total.calls += result.calls;
        total.failed += result.failed;
        total.untyped += result.untyped;
        total.leaks += result.leaks;
        total.failures.push(...result.failures);
      }
    }),
  );
  return total;
}

/**
 * Contract, dynamic mode: Prism invents bodies from the schemas (json-schema-faker), and every
 * one must decode and validate in the clients. Each call carries its own seed in
 * `Prefer: dynamic=true, seed=<api>:<method>:<n>`; Prism re-seeds its generator for every
 * response, so a seed always yields the same body and any failure can be replayed exactly.
 *
 * JSON only: the spec describes OnApp's XML bodies as strings holding XML text, so Prism's
 * dynamic XML is lorem ipsum (pinned by the last test here).
 */

import { createOnAppClient, type OnAppClient } from "@backupkit/onapp";
import { createZcomClient, type ZcomClient } from "@backupkit/zcom";
import { describe, expect, inject, it } from "vitest";
import {
  describeExchanges,
  type Exchange,
  recordingFetch,
  rejectedRequests,
  TENANT,
  TOKEN,
} from "./helpers.js";

/** Calls per client method (the issue asks for at least 50). */
const RUNS = 50;
/** Calls in flight at once. */
const CONCURRENCY = 8;

// The run's shared static mocks (test/mocks-setup.ts).
const zcomMock = { url: inject("zcomMockUrl") };
const onappMock = { url: inject("onappMockUrl") };
const exchanges: Exchange[] = [];

interface Failure {
  seed: string;
  error: string;
  exchanges: Exchange[];
}

/** Runs `call` once per seed, `CONCURRENCY` at a time; returns what failed (with the bodies) and every body seen. */
async function runSeeds<C>(
  prefix: string,
  makeClient: (fetch: typeof globalThis.fetch) => C,
  call: (client: C) => Promise<unknown>,
): Promise<{ failures: Failure[]; bodies: Set<string> }> {
  const failures: Failure[] = [];
  const bodies = new Set<string>();
  const seeds = Array.from({ length: RUNS }, (_, n) => `${prefix}:${n}`);
  const worker = async () => {
    for (let seed = seeds.shift(); seed !== undefined; seed = seeds.shift()) {
      const log: Exchange[] = [];
      const { fetch } = recordingFetch({ headers: { Prefer: `dynamic=true, seed=${seed}` } }, log);
      try {
        await call(makeClient(fetch));
      } catch (error) {
        const issues = (error as { issues?: unknown }).issues;
        failures.push({
          seed,
          error: `${(error as Error).name}: ${(error as Error).message}${issues ? ` ${JSON.stringify(issues)}` : ""}`,
          exchanges: log,
        });
      } finally {
        exchanges.push(...log);
        for (const exchange of log) bodies.add(exchange.body);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { failures, bodies };
}

/** Each failure with its seed, every body received, and how to get the same body from `pnpm mock --dynamic`. */
function report(failures: Failure[]): string {
  const shown = failures.slice(0, 5).map((f) => {
    const lines = f.exchanges.map((e) => {
      const path = new URL(e.url).pathname;
      return `  ${e.method} ${path} -> ${e.status}\n  body: ${e.body}\n  replay: curl -X ${e.method} -H 'Prefer: dynamic=true, seed=${f.seed}' <credentials> <mock>${path}`;
    });
    return `seed ${f.seed}: ${f.error}\n${lines.join("\n")}`;
  });
  return `${failures.length} of ${RUNS} seeds failed\n${shown.join("\n\n")}`;
}

const zcomClient =
  (auth: Parameters<typeof createZcomClient>[0]["auth"]) => (fetch: typeof globalThis.fetch) =>
    createZcomClient({ tenantId: TENANT, baseUrl: zcomMock.url, auth, validate: true, maxRetries: 0, fetch });

/** Client method, the call, and whether its response has a body (one that should differ from seed to seed). */
const ZCOM: [string, (c: ZcomClient) => Promise<unknown>, boolean][] = [
  ["listBackups", (c) => c.listBackups(), true],
  ["getBackup", (c) => c.getBackup("9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17"), true],
  ["enableBackup", (c) => c.enableBackup("5da9552d-93fa-4b86-8fe5-2968556017f7"), true],
  ["cancelBackup", (c) => c.cancelBackup("9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17"), false],
  ["restoreBackup", (c) => c.restoreBackup("9fbcc5eb", "58ad1951017444acacc13cee1067f1d0"), false],
  ["createImageFromBackup", (c) => c.createImageFromBackup("9fbcc5eb", "58ad1951", "web01-backup"), false],
];

describe("Z.com client against the dynamic mock", () => {
  for (const [method, call, hasBody] of ZCOM) {
    it(`${method}: ${RUNS} seeded random bodies all decode and validate`, async () => {
      const { failures, bodies } = await runSeeds(`zcom:${method}`, zcomClient({ token: TOKEN }), call);
      expect(failures, report(failures)).toEqual([]);
      if (hasBody) expect(bodies.size).toBeGreaterThan(RUNS / 2);
    });
  }

  it(`issueToken (a password login before each call): ${RUNS} seeded random token bodies work`, async () => {
    const { failures, bodies } = await runSeeds(
      "zcom:issueToken",
      zcomClient({ username: "gncu12345678", password: "example-Passw0rd" }),
      (c) => c.listBackups(),
    );
    expect(failures, report(failures)).toEqual([]);
    expect(bodies.size).toBeGreaterThan(RUNS / 2);
  });
});

const onappClient = (fetch: typeof globalThis.fetch) =>
  createOnAppClient({
    baseUrl: onappMock.url,
    auth: { username: "user", password: "userpass" },
    validate: true,
    maxRetries: 0,
    fetch,
  });

/** Operations whose lowest 2xx, the one Prism answers with, is declared as BlankBody. */
const BLANK_ANSWERS = new Set(["restoreBackup", "deleteBackup"]);

const ONAPP: [string, (c: OnAppClient) => Promise<unknown>][] = [
  ["listVirtualServers", (c) => c.listVirtualServers()],
  ["listBackups", (c) => c.listBackups(488)],
  ["listBackupImages", (c) => c.listBackupImages(488)],
  ["listBackupFiles", (c) => c.listBackupFiles(488)],
  ["listDiskBackups", (c) => c.listDiskBackups(11860)],
  ["getBackup", (c) => c.getBackup(6117)],
  ["createDiskBackup", (c) => c.createDiskBackup(11860, { note: "nightly" })],
  ["createIncrementalBackup", (c) => c.createIncrementalBackup(488, { note: "nightly" })],
  ["restoreBackup", (c) => c.restoreBackup(6117)],
  ["deleteBackup", (c) => c.deleteBackup(6117)],
];

describe("OnApp client (JSON) against the dynamic mock", () => {
  for (const [method, call] of ONAPP) {
    it(`${method}: ${RUNS} seeded random bodies all decode and validate`, async () => {
      const { failures, bodies } = await runSeeds(`onapp:${method}`, onappClient, call);
      expect(failures, report(failures)).toEqual([]);
      // Every OnApp answer has a body. A BlankBody answer (the 200 of delete and restore) can only
      // be `{}` or a JSON string of whitespace, so few of its bodies differ; any other varies.
      expect(bodies.size).toBeGreaterThan(BLANK_ANSWERS.has(method) ? 1 : RUNS / 2);
    });
  }
});

describe("the dynamic run as a whole", () => {
  it("Prism accepted every request the clients sent", () => {
    expect(exchanges.length).toBeGreaterThanOrEqual(RUNS * (ZCOM.length + ONAPP.length));
    const rejected = rejectedRequests(exchanges);
    expect(rejected, describeExchanges(rejected.slice(0, 5))).toEqual([]);
  });

  it("a seed gives the same body every time, and another seed another body", async () => {
    const get = async (seed: string) => {
      const response = await fetch(`${zcomMock.url}/v2/${TENANT}/backup`, {
        headers: { "x-auth-token": TOKEN, prefer: `dynamic=true, seed=${seed}` },
      });
      return response.text();
    };
    const [a, again, b] = [await get("same"), await get("same"), await get("other")];
    expect(again).toBe(a);
    expect(b).not.toBe(a);
  });

  it("dynamic XML is not XML (Prism fakes the string schema), which is why dynamic checks are JSON only", async () => {
    const response = await fetch(`${onappMock.url}/virtual_machines/1/backups/images.xml`, {
      headers: {
        accept: "application/xml",
        authorization: `Basic ${Buffer.from("user:userpass").toString("base64")}`,
        prefer: "dynamic=true, seed=xml",
      },
    });
    expect(response.status).toBe(200);
    expect((await response.text()).trimStart().startsWith("<")).toBe(false);
  });
});

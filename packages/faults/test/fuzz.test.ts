/**
 * Fuzzing through the public clients (issue 11, point 4, JSON and path parameters; the XML
 * decoder has its own fuzzers in @backupkit/onapp). Seeded, so a failure replays: fast-check
 * prints the seed and the shrunk counterexample. `pnpm fuzz` runs the same properties longer
 * (FUZZ_RUNS, default 2 000 per property; FUZZ_SEED to explore other inputs).
 *
 * - Arbitrary bytes, and mutations of the specs' real JSON bodies, served as 2xx and error
 *   answers to every JSON list and get operation: data of the right kind or a BackupKitError,
 *   no secret in the error, its inspect() or JSON form, or the client's log lines.
 * - Arbitrary strings as path parameters (Z.com's string ids, OnApp's integer ids as numbers
 *   and as digit strings): refused with InvalidArgumentError before any request, or sent as
 *   exactly one path segment that decodes back to the value.
 */
import * as fc from "fast-check";
import { afterAll, beforeAll, expect, test } from "vitest";
import { goodBody } from "../src/bodies.js";
import { errors, isData, isTyped, type Target, TENANT, targets } from "../src/clients.js";
import { findLeaks, findLeaksInText, NEEDLES } from "../src/secrets.js";
import { type FaultRequest, FaultServer, serveGood } from "../src/server.js";

const LONG = process.env.FUZZ_LONG === "1";
const RUNS = Number(process.env.FUZZ_RUNS ?? (LONG ? 2_000 : 200));
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_130);
const settings = { numRuns: RUNS, seed: SEED, endOnFailure: true };
// Long runs take as long as they take; the modest ones finish in seconds on a 2-core machine.
const budget = LONG ? 0 : 120_000;

let server: FaultServer;
let runs = 0;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  server = await new FaultServer().start();
});

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  const left = server ? await server.close() : 0;
  console.log(
    `fuzz: ${runs} runs (seed ${SEED}), ${unhandled.length} unhandled rejections, ${left} sockets left open`,
  );
  expect(unhandled.map(String)).toEqual([]);
  expect(left).toBe(0);
});

/** Calls one operation and returns what is wrong with the outcome, if anything. */
async function check(target: Target): Promise<string | undefined> {
  let problem: string | undefined;
  try {
    const value = await target.call();
    if (!isData(target.kind, value))
      problem = `${target.name} resolved with non-data ${String(value).slice(0, 80)}`;
  } catch (error) {
    if (!isTyped(error)) return `${target.name} threw untyped ${String(error).slice(0, 200)}`;
    const leaks = findLeaks(error, target.secrets);
    if (leaks.length > 0) problem = `${target.name}: secret in ${(error as Error).name}: ${leaks.join(", ")}`;
  }
  for (const line of target.side.lines.splice(0)) {
    const leaks = findLeaksInText("log/hook", line, target.secrets);
    if (leaks.length > 0) return `${target.name}: secret in a log line: ${leaks.join(", ")}`;
  }
  return problem;
}

/** One body edit: fast-check shrinks a failing list of these to the smallest that still fails. */
type Mutation =
  | { op: "delete"; at: number; length: number }
  | { op: "insert"; at: number; text: string }
  | { op: "replace"; at: number; text: string }
  | { op: "duplicate"; at: number; length: number }
  | { op: "value"; at: number; value: string }
  | { op: "truncate"; at: number };

const position = fc.double({ min: 0, max: 1, noNaN: true });
/** A configured secret, as a server echoing our request would plant it. */
const secret = fc.constantFrom(...NEEDLES, ...NEEDLES.map((value) => `password=${value}`));
/** Text that means something to a JSON parser or to our redaction. */
const jsonish = fc.oneof(
  secret,
  fc.string({ maxLength: 8 }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.constantFrom(
    '"',
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "1e400",
    "9007199254740993",
    '"__proto__":',
    "\u0000",
    "\ud800",
    "password=",
  ),
);
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant("insert" as const), at: position, text: jsonish }),
  fc.record({ op: fc.constant("replace" as const), at: position, text: jsonish }),
  fc.record({
    op: fc.constant("duplicate" as const),
    at: position,
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({
    op: fc.constant("value" as const),
    at: position,
    value: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? "null"),
  }),
  fc.record({ op: fc.constant("truncate" as const), at: position }),
);

function mutate(body: string, edits: readonly Mutation[]): string {
  let out = body;
  for (const edit of edits) {
    const at = Math.floor(edit.at * out.length);
    switch (edit.op) {
      case "delete":
        out = out.slice(0, at) + out.slice(at + edit.length);
        break;
      case "insert":
        out = out.slice(0, at) + edit.text + out.slice(at);
        break;
      case "replace":
        out = out.slice(0, at) + edit.text + out.slice(at + edit.text.length);
        break;
      case "duplicate":
        out = out.slice(0, at + edit.length) + out.slice(at, at + edit.length) + out.slice(at + edit.length);
        break;
      case "value": {
        // Replace the JSON value after the `:` nearest to `at` with another value.
        const colon = out.indexOf(":", at);
        if (colon < 0) break;
        let end = colon + 1;
        while (end < out.length && !",}]".includes(out[end] as string)) end++;
        out = out.slice(0, colon + 1) + edit.value + out.slice(end);
        break;
      }
      case "truncate":
        out = out.slice(0, at);
        break;
    }
  }
  return out;
}

/** What the fault server answers in the current run. */
let answer: (req: FaultRequest) => { status: number; body: Uint8Array | string } = () => ({
  status: 200,
  body: "",
});

function jsonTargets(validate: boolean): Target[] {
  const { baseUrl } = server.open((req, res) => {
    if (req.route?.operation === "login") return serveGood(req, res);
    const { status, body } = answer(req);
    const bytes = typeof body === "string" ? Buffer.from(body) : body;
    res.writeHead(status, { "content-type": "application/json", "content-length": bytes.byteLength });
    res.end(bytes);
  });
  return targets(baseUrl, { timeoutMs: 10_000, maxRetries: 0, validate }, [
    "zcom-token",
    "zcom-password",
    "onapp-json",
  ]);
}

test(
  "arbitrary bytes as a response body give data or a typed error, never a secret",
  async () => {
    const byValidate = [jsonTargets(false), jsonTargets(true)];
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.nat(),
        fc.constantFrom(200, 200, 200, 400, 401, 404, 422, 500, 503),
        fc.uint8Array({ maxLength: 512 }),
        fc.option(secret),
        async (validate, pick, status, bytes, planted) => {
          runs++;
          const list = byValidate[validate ? 1 : 0] as Target[];
          const target = list[pick % list.length] as Target;
          const body = planted === null ? bytes : Buffer.concat([bytes, Buffer.from(planted), bytes]);
          answer = () => ({ status, body });
          const problem = await check(target);
          expect(problem).toBeUndefined();
        },
      ),
      settings,
    );
  },
  budget,
);

test(
  "mutations of the specs' real JSON bodies give data or a typed error, never a secret",
  async () => {
    const byValidate = [jsonTargets(false), jsonTargets(true)];
    await fc.assert(
      fc.asyncProperty(
        fc.boolean(),
        fc.nat(),
        fc.constantFrom(200, 200, 200, 200, 404, 500),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        async (validate, pick, status, edits) => {
          runs++;
          const list = byValidate[validate ? 1 : 0] as Target[];
          const target = list[pick % list.length] as Target;
          answer = (req) => ({ status, body: mutate(req.route ? goodBody(req.route) : "{}", edits) });
          const problem = await check(target);
          expect(problem).toBeUndefined();
        },
      ),
      settings,
    );
  },
  budget,
);

/** Strings built to escape a path segment, mixed with arbitrary ones. */
const hostileSegment = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(
    ".",
    "..",
    "../tokens",
    "a/b",
    "a\\b",
    "%2e%2e",
    "%2F",
    "?x=1",
    "#frag",
    "a b",
    "\u0000",
    "\ud800",
    "\udc00x",
    "..;/",
    "%",
    "%%32%65",
    "//evil.example",
    "http://evil.example/",
    " ",
    "\t1",
  ),
  fc
    .array(
      fc.constantFrom(".", "/", "%", "?", "#", "\\", "a", "é", "\u2028", "\ud83d\ude00", ";", "&", "="),
      { maxLength: 12 },
    )
    .map((parts) => parts.join("")),
);

test(
  "Z.com string ids never leave their path segment",
  async () => {
    const { id, baseUrl } = server.open(serveGood);
    const client = (await import("@backupkit/zcom")).createZcomClient({
      baseUrl,
      tenantId: TENANT,
      auth: { token: "fuzz-token-1234" },
      maxRetries: 0,
    });
    await fc.assert(
      fc.asyncProperty(hostileSegment, async (backupId) => {
        runs++;
        const before = server.received(id).length;
        try {
          await client.getBackup(backupId);
        } catch (error) {
          if (error instanceof errors.InvalidArgumentError) {
            expect(server.received(id).length).toBe(before); // refused before sending
            return;
          }
          throw error;
        }
        const sent = server.received(id).slice(before);
        expect(sent).toHaveLength(1);
        const prefix = `/v2/${TENANT}/backup/`;
        const path = sent[0] as string;
        expect(path.startsWith(prefix)).toBe(true);
        const segment = path.slice(prefix.length);
        expect(segment).not.toMatch(/[/?#\\]/);
        expect(decodeURIComponent(segment)).toBe(backupId);
      }),
      settings,
    );
  },
  budget,
);

test(
  "OnApp integer ids (numbers or digit strings) never leave their path segment",
  async () => {
    const { id, baseUrl } = server.open(serveGood);
    const client = (await import("@backupkit/onapp")).createOnAppClient({
      baseUrl,
      auth: { username: "fuzz@example.com", password: "fuzz-password-1234" },
      maxRetries: 0,
    });
    const integerLike = fc.oneof(
      fc.integer(),
      fc.double(),
      fc.bigInt().map(String),
      fc.nat().map(String),
      fc.stringMatching(/^[0-9]{1,20}$/),
      fc.nat().map((n) => ` ${n}`),
      fc.nat().map((n) => `${n}/../1`),
      fc.nat().map((n) => `${n}.json?x=`),
      fc.constantFrom("1e3", "0x10", "+1", "-1", "1.0", "", "NaN", "Infinity", "9007199254740993", "٣", "１"),
      hostileSegment,
    );
    await fc.assert(
      fc.asyncProperty(integerLike, fc.boolean(), async (value, list) => {
        runs++;
        const before = server.received(id).length;
        try {
          if (list) await client.listBackups(value as unknown as number);
          else await client.getBackup(value as unknown as number);
        } catch (error) {
          if (error instanceof errors.InvalidArgumentError) {
            expect(server.received(id).length).toBe(before);
            return;
          }
          throw error;
        }
        const sent = server.received(id).slice(before);
        expect(sent).toHaveLength(1);
        const match = (list ? /^\/virtual_machines\/(\d+)\/backups\.json$/ : /^\/backups\/(\d+)\.json$/).exec(
          sent[0] as string,
        );
        expect(match, sent[0]).not.toBeNull();
        const sentId = Number(match?.[1]);
        expect(Number.isSafeInteger(sentId) && sentId >= 1).toBe(true);
        expect(sentId).toBe(Number(value));
      }),
      settings,
    );
  },
  budget,
);

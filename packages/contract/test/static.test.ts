/**
 * Contract, static mode: every operation of both clients, called with `validate: true` against
 * Prism serving the spec's examples, returns exactly the example data (every named example,
 * picked with `Prefer: example=…`); OnApp in JSON and in XML. The clients' requests must be
 * valid in Prism's eyes, their bodies must equal the spec's request examples, and a call
 * without credentials must end in the clients' AuthenticationError.
 */

import {
  createOnAppClient,
  normalizeBackup,
  AuthenticationError as OnAppAuthenticationError,
  type OnAppFormat,
  type OnAppWireBackup,
  operations as onappOperations,
} from "@backupkit/onapp";
import { decodeRailsXml } from "@backupkit/onapp/xml";
import {
  createZcomClient,
  AuthenticationError as ZcomAuthenticationError,
  operations as zcomOperations,
} from "@backupkit/zcom";
import { describe, expect, inject, it } from "vitest";
import {
  describeExchanges,
  type Exchange,
  examples,
  fixture,
  operation,
  recordingFetch,
  rejectedRequests,
  TENANT,
  TOKEN,
} from "./helpers.js";

// The run's shared static mocks (test/mocks-setup.ts).
const zcomMock = { url: inject("zcomMockUrl") };
const onappMock = { url: inject("onappMockUrl") };
/** Every exchange with credentials, for the "Prism accepted every request" check at the end. */
const exchanges: Exchange[] = [];
/** operationIds (as the spec names them) that a client call reached. */
const exercised = { zcom: new Set<string>(), onapp: new Set<string>() };

function zcom(prefer?: string, auth: Parameters<typeof createZcomClient>[0]["auth"] = { token: TOKEN }) {
  const recorder = recordingFetch(prefer ? { headers: { Prefer: prefer } } : {}, exchanges);
  const client = createZcomClient({
    tenantId: TENANT,
    baseUrl: zcomMock.url,
    auth,
    validate: true,
    maxRetries: 0,
    fetch: recorder.fetch,
  });
  return { client, log: recorder.log };
}

/** The requests of one call: the log is shared, so take what the call added. */
async function calls<T>(log: Exchange[], call: () => Promise<T>): Promise<{ result: T; sent: Exchange[] }> {
  const before = log.length;
  const result = await call();
  return { result, sent: log.slice(before) };
}

describe("Z.com client against the static mock", () => {
  it("lists backups: the vendor's seed body, every run intact", async () => {
    const { client, log } = zcom();
    const { result, sent } = await calls(log, () => client.listBackups());
    const seed = JSON.parse(fixture("zcom", "list-backups.seed.json"));
    expect(result).toEqual(seed.backup);
    expect(result).toEqual((examples("zcom", "listBackups", 200).get("vendorDoc") as typeof seed).backup);
    expect(sent.map((e) => `${e.method} ${new URL(e.url).pathname}`)).toEqual([`GET /v2/${TENANT}/backup`]);
    exercised.zcom.add("listBackups");
  });

  for (const [key, value] of examples("zcom", "getBackup", 200)) {
    it(`gets one backup from the "${key}" example`, async () => {
      const body = value as { backup: unknown };
      const expected = Array.isArray(body.backup) ? body.backup[0] : body.backup;
      const { client } = zcom(`example=${key}`);
      expect(await client.getBackup("9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17")).toEqual(expected);
      exercised.zcom.add("getBackup");
    });
  }

  it("applies for backup, sending the spec's request example and getting its response example", async () => {
    const request = examples("zcom", "enableBackup", "request").get("applyForBackup") as {
      backup: { instance_id: string };
    };
    const response = examples("zcom", "enableBackup", 201).get("created") as { backup: unknown };
    const { client, log } = zcom();
    const { result, sent } = await calls(log, () => client.enableBackup(request.backup.instance_id));
    expect(result).toEqual(response.backup);
    expect(JSON.parse(sent[0]?.requestBody ?? "")).toEqual(request);
    expect(sent[0]?.status).toBe(201);
    exercised.zcom.add("enableBackup");
  });

  it("cancels a backup (204, no body)", async () => {
    const { client, log } = zcom();
    const { result, sent } = await calls(log, () =>
      client.cancelBackup("9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17"),
    );
    expect(result).toBeUndefined();
    expect(sent.map((e) => [e.method, e.status])).toEqual([["DELETE", 204]]);
    exercised.zcom.add("cancelBackup");
  });

  it("restores a run and saves a run as an image, with bodies equal to the spec's request examples", async () => {
    const actions = examples("zcom", "runBackupAction", "request");
    const restore = actions.get("restore") as { restore: { backuprun_id: string } };
    const image = actions.get("createImage") as { createImage: { backuprun_id: string; image_name: string } };
    const { client, log } = zcom();
    const backupId = "9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17";
    const { sent } = await calls(log, async () => {
      expect(await client.restoreBackup(backupId, restore.restore.backuprun_id)).toBeUndefined();
      expect(
        await client.createImageFromBackup(
          backupId,
          image.createImage.backuprun_id,
          image.createImage.image_name,
        ),
      ).toBeUndefined();
    });
    expect(sent.map((e) => [e.method, new URL(e.url).pathname, e.status])).toEqual([
      ["POST", `/v2/${TENANT}/backup/${backupId}/action`, 202],
      ["POST", `/v2/${TENANT}/backup/${backupId}/action`, 202],
    ]);
    expect(sent.map((e) => JSON.parse(e.requestBody))).toEqual([restore, image]);
    exercised.zcom.add("runBackupAction");
  });

  it("logs in with a user name and password at the same mock, then uses the issued token", async () => {
    const credentials = examples("zcom", "issueToken", "request").get("password") as {
      auth: { passwordCredentials: { username: string; password: string }; tenantId: string };
    };
    const issued = examples("zcom", "issueToken", 200).get("token") as { access: { token: { id: string } } };
    const { client, log } = zcom(undefined, credentials.auth.passwordCredentials);
    const { result, sent } = await calls(log, () => client.listBackups());
    expect(result).toEqual(JSON.parse(fixture("zcom", "list-backups.seed.json")).backup);
    const [login, list] = sent;
    expect(login && [login.method, new URL(login.url).pathname, login.status]).toEqual([
      "POST",
      "/v2.0/tokens",
      200,
    ]);
    expect(JSON.parse(login?.requestBody ?? "")).toEqual(credentials);
    expect(list?.requestHeaders.get("x-auth-token")).toBe(issued.access.token.id);
    exercised.zcom.add("issueToken");
  });
});

type OnAppCall = (client: ReturnType<typeof createOnAppClient>) => Promise<unknown>;

// The client's result for a spec example: the records out of their Rails envelopes, and backups
// passed through the client's own exported normalizer (never a copy of its rules).
const normalized = (record: unknown) => normalizeBackup(record as OnAppWireBackup);
const listOf = (root: string, normalize: boolean) => (body: unknown) =>
  (body as Record<string, unknown>[]).map((item) => (normalize ? normalized(item[root]) : item[root]));
const one = (body: unknown) => normalized((body as { backup: unknown }).backup);
const nothing = () => undefined;

/** Each client method, the spec operation and status behind it, and how its result derives from the body. */
const ONAPP_CASES: {
  method: string;
  operationId: string;
  status: number;
  call: OnAppCall;
  expected: (body: unknown) => unknown;
}[] = [
  {
    method: "listVirtualServers",
    operationId: "listVirtualServers",
    status: 200,
    call: (c) => c.listVirtualServers(),
    expected: listOf("virtual_machine", false),
  },
  {
    method: "listBackups",
    operationId: "listBackups",
    status: 200,
    call: (c) => c.listBackups(488),
    expected: listOf("backup", true),
  },
  {
    method: "listBackupImages",
    operationId: "listBackupImages",
    status: 200,
    call: (c) => c.listBackupImages(488),
    expected: listOf("backup", true),
  },
  {
    method: "listBackupFiles",
    operationId: "listBackupFiles",
    status: 200,
    call: (c) => c.listBackupFiles(488),
    expected: listOf("backup", true),
  },
  {
    method: "listDiskBackups",
    operationId: "listDiskBackups",
    status: 200,
    call: (c) => c.listDiskBackups(11860),
    expected: listOf("backup", true),
  },
  {
    method: "getBackup",
    operationId: "getBackup",
    status: 200,
    call: (c) => c.getBackup(6117),
    expected: one,
  },
  {
    method: "createDiskBackup",
    operationId: "createDiskBackup",
    status: 201,
    call: (c) => c.createDiskBackup(11860, { note: "Before resizing the disk", forceWindowsBackup: false }),
    expected: one,
  },
  {
    method: "createIncrementalBackup",
    operationId: "createIncrementalBackup",
    status: 201,
    call: (c) => c.createIncrementalBackup(488, { note: "Before the kernel upgrade" }),
    expected: one,
  },
  {
    method: "restoreBackup",
    operationId: "restoreBackup",
    status: 200,
    call: (c) => c.restoreBackup(6117),
    expected: nothing,
  },
  {
    method: "restoreBackup",
    operationId: "restoreBackup",
    status: 201,
    call: (c) => c.restoreBackup(6117),
    expected: one,
  },
  {
    method: "deleteBackup",
    operationId: "deleteBackup",
    status: 200,
    call: (c) => c.deleteBackup(6117),
    expected: nothing,
  },
  {
    method: "deleteBackup",
    operationId: "deleteBackup",
    status: 204,
    call: (c) => c.deleteBackup(6117),
    expected: nothing,
  },
];

const MEDIA: Record<OnAppFormat, string> = { json: "application/json", xml: "application/xml" };

function onapp(format: OnAppFormat, prefer?: string) {
  const recorder = recordingFetch(prefer ? { headers: { Prefer: prefer } } : {}, exchanges);
  const client = createOnAppClient({
    baseUrl: onappMock.url,
    auth: { username: "user", password: "userpass" },
    format,
    validate: true,
    maxRetries: 0,
    fetch: recorder.fetch,
  });
  return { client, log: recorder.log };
}

/** The named examples of one response in one format; a status without a body has one, `undefined`. */
function onappExamples(operationId: string, status: number, format: OnAppFormat): [string, unknown][] {
  const { op } = operation("onapp", operationId);
  if (!op.responses[String(status)]?.content) return [["(no body)", undefined]];
  return [...examples("onapp", operationId, status, MEDIA[format])];
}

for (const format of ["json", "xml"] as const) {
  describe(`OnApp client against the static mock, ${format.toUpperCase()}`, () => {
    for (const { method, operationId, status, call, expected } of ONAPP_CASES) {
      for (const [key, value] of onappExamples(operationId, status, format)) {
        it(`${method} → ${status}, example "${key}"`, async () => {
          const prefer = [`code=${status}`, ...(value === undefined ? [] : [`example=${key}`])].join(", ");
          const { client, log } = onapp(format, prefer);
          const { result, sent } = await calls(log, () => call(client));
          // The XML examples are Rails XML text; the JSON form of the same body is what it decodes to.
          const body =
            format === "xml" && typeof value === "string" && value.trim() !== ""
              ? decodeRailsXml(value)
              : value;
          expect(result).toEqual(body === undefined || typeof body === "string" ? undefined : expected(body));
          const [exchange] = sent;
          expect(exchange?.status).toBe(status);
          if (status !== 204) expect(exchange?.contentType).toContain(MEDIA[format]);
          expect(new URL(exchange?.url ?? "").pathname).toMatch(new RegExp(`\\.${format}$`));
          exercised.onapp.add(operationId);
        });
      }
    }

    it("sends create bodies equal to the spec's request examples", async () => {
      const { client, log } = onapp(format);
      const { sent } = await calls(log, async () => {
        await client.createDiskBackup(11860, { note: "Before resizing the disk", forceWindowsBackup: false });
        await client.createIncrementalBackup(488, { note: "Before the kernel upgrade" });
      });
      const wanted = [
        examples("onapp", "createDiskBackup", "request", MEDIA[format]).get("withNote"),
        examples("onapp", "createIncrementalBackup", "request", MEDIA[format]).get("withNote"),
      ];
      const decode = (text: unknown) =>
        format === "json" ? JSON.parse(String(text)) : decodeRailsXml(String(text));
      expect(sent.map((e) => decode(e.requestBody))).toEqual(
        wanted.map((w) => (format === "json" ? w : decode(w))),
      );
      for (const e of sent) expect(e.requestHeaders.get("content-type")).toContain(MEDIA[format]);
    });
  });
}

it("pins the OnApp seed: images.xml returns the vendor's XML byte for byte and decodes to its values", async () => {
  const { client, log } = onapp("xml");
  const { result, sent } = await calls(log, () => client.listBackupImages(1));
  expect(sent[0]?.body).toBe(fixture("onapp", "backup-images.seed.xml"));
  expect(result).toMatchObject([{ id: 1951, backup_size: 310896, image_type: null, target_type: "Disk" }]);
  const json = await onapp("json").client.listBackupImages(1);
  expect(json).toEqual(
    JSON.parse(fixture("onapp", "backup-images.seed.json")).map((i: { backup: object }) => i.backup),
  );
});

describe("auth is enforced like the real services", () => {
  it("a Z.com call without X-Auth-Token gets 401 and the client's AuthenticationError", async () => {
    const log: Exchange[] = [];
    const recorder = recordingFetch({ drop: ["x-auth-token"] }, log);
    const client = createZcomClient({
      tenantId: TENANT,
      baseUrl: zcomMock.url,
      auth: { token: TOKEN },
      maxRetries: 0,
      fetch: recorder.fetch,
    });
    await expect(client.listBackups()).rejects.toBeInstanceOf(ZcomAuthenticationError);
    expect(log.map((e) => e.status)).toEqual([401]);
  });

  it("a Z.com password login whose token never arrives fails after one fresh login", async () => {
    const log: Exchange[] = [];
    const recorder = recordingFetch({ drop: ["x-auth-token"] }, log);
    const client = createZcomClient({
      tenantId: TENANT,
      baseUrl: zcomMock.url,
      auth: { username: "gncu12345678", password: "example-Passw0rd" },
      maxRetries: 0,
      fetch: recorder.fetch,
    });
    await expect(client.listBackups()).rejects.toBeInstanceOf(ZcomAuthenticationError);
    expect(log.map((e) => `${new URL(e.url).pathname} ${e.status}`)).toEqual([
      "/v2.0/tokens 200",
      `/v2/${TENANT}/backup 401`,
      "/v2.0/tokens 200",
      `/v2/${TENANT}/backup 401`,
    ]);
  });

  for (const format of ["json", "xml"] as const) {
    it(`an OnApp ${format} call without Basic credentials gets 401 and the client's AuthenticationError`, async () => {
      const log: Exchange[] = [];
      const recorder = recordingFetch({ drop: ["authorization"] }, log);
      const client = createOnAppClient({
        baseUrl: onappMock.url,
        auth: { username: "user", password: "userpass" },
        format,
        maxRetries: 0,
        fetch: recorder.fetch,
      });
      await expect(client.listBackupImages(1)).rejects.toBeInstanceOf(OnAppAuthenticationError);
      expect(log.map((e) => e.status)).toEqual([401]);
    });
  }

  it("every secured operation of both specs answers 401 without credentials, and 2xx with them", async () => {
    const concrete = (path: string) =>
      path
        .replace("{tenant_id}", TENANT)
        .replace(/\{(backup_id|virtual_machine_id|disk_id)\}/g, "1")
        .replace("{format}", "json");
    const checks = [
      ...zcomOperations.map((op) => ({ api: "zcom" as const, ...op })),
      ...onappOperations.map((op) => ({ api: "onapp" as const, ...op })),
    ];
    for (const op of checks) {
      const { op: spec } = operation(op.api, op.operationId);
      const url = `${op.api === "zcom" ? zcomMock.url : onappMock.url}${concrete(op.path)}`;
      const body = spec.requestBody
        ? JSON.stringify([...examples(op.api, op.operationId, "request").values()][0] ?? {})
        : undefined;
      const headers: Record<string, string> = body ? { "content-type": "application/json" } : {};
      const anonymous = await fetch(url, { method: op.method, headers, body });
      await anonymous.arrayBuffer();
      const secured = !(Array.isArray(spec.security) && spec.security.length === 0);
      if (secured) expect(anonymous.status, `${op.method} ${url} without credentials`).toBe(401);
      else expect(anonymous.status, `${op.method} ${url} (not secured)`).toBe(200);
      const credentials: Record<string, string> =
        op.api === "zcom"
          ? { "x-auth-token": TOKEN }
          : { authorization: `Basic ${Buffer.from("user:userpass").toString("base64")}` };
      const signedIn = await fetch(url, { method: op.method, headers: { ...headers, ...credentials }, body });
      await signedIn.arrayBuffer();
      expect(signedIn.status, `${op.method} ${url} with credentials`).toBeGreaterThanOrEqual(200);
      expect(signedIn.status, `${op.method} ${url} with credentials`).toBeLessThan(300);
    }
  });
});

it("picks the OnApp media type from Accept, not from the .json/.xml suffix (a Prism limit the README states)", async () => {
  const basic = `Basic ${Buffer.from("user:userpass").toString("base64")}`;
  const xmlWithoutAccept = await fetch(`${onappMock.url}/virtual_machines/1/backups/images.xml`, {
    headers: { authorization: basic },
  });
  await xmlWithoutAccept.arrayBuffer();
  expect(xmlWithoutAccept.headers.get("content-type")).toContain("application/json");
});

describe("the contract as a whole", () => {
  it("every operation of both specs was exercised through a client", () => {
    expect([...exercised.zcom].sort()).toEqual(zcomOperations.map((op) => op.operationId).sort());
    expect([...exercised.onapp].sort()).toEqual(onappOperations.map((op) => op.operationId).sort());
  });

  it("Prism accepted every request the clients sent (no 422 of its own, no request violation)", () => {
    expect(exchanges.length).toBeGreaterThan(40);
    const rejected = rejectedRequests(exchanges);
    expect(rejected, describeExchanges(rejected)).toEqual([]);
  });

  it("the check above does catch a request Prism rejects", async () => {
    const log: Exchange[] = [];
    const { fetch: recorded } = recordingFetch({}, log);
    await recorded(`${onappMock.url}/virtual_machines/abc/backups/images.json`, {
      headers: { authorization: `Basic ${Buffer.from("user:userpass").toString("base64")}` },
    });
    await recorded(`${zcomMock.url}/v2/${TENANT}/backup`, {
      method: "POST",
      headers: { "x-auth-token": TOKEN, "content-type": "application/json" },
      body: JSON.stringify({ backup: {} }),
    });
    expect(rejectedRequests(log).map((e) => e.status)).toEqual([422, 400]);
    expect(log[1]?.violations.map((v) => v.message).join(" ")).toContain("instance_id");
  });
});

/**
 * Recorded responses against the contract: an upstream replays the vendors' seed bodies,
 * labelled as the services label them (Z.com: text/html), and a few deliberately wrong ones,
 * behind Prism as a validating proxy. The clients (`validate: true`) read the seeds, through the
 * proxy and straight from the upstream; each wrong body is reported as a violation naming the
 * field, by Prism and by the clients' own validation. (The proxy's own features, relabelling and
 * `--errors`, are tested in @backupkit/mocks.)
 */

import { type ProxyServer, startProxy } from "@backupkit/mocks";
import {
  createOnAppClient,
  normalizeBackup,
  ContractError as OnAppContractError,
  type OnAppWireBackup,
} from "@backupkit/onapp";
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { createZcomClient, ContractError as ZcomContractError } from "@backupkit/zcom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, TENANT, TOKEN } from "./helpers.js";

const HTML = { "content-type": "text/html; charset=UTF-8" };
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const XML_TYPE = { "content-type": "application/xml; charset=utf-8" };
const BASIC = `Basic ${Buffer.from("user:userpass").toString("base64")}`;

const zcomSeed = fixture("zcom", "list-backups.seed.json");
const onappSeedJson = fixture("onapp", "backup-images.seed.json");
const onappSeedXml = fixture("onapp", "backup-images.seed.xml");

/** Z.com bodies by tenant id: the seed, and the seed broken in one field. */
const zcomBodies: Record<string, { body: string; field?: string; path?: string }> = {
  [TENANT]: { body: zcomSeed },
  "missing-run-id": {
    body: edit(zcomSeed, (b) => delete b.backup[0].backupruns[0].backuprun_id),
    field: "backuprun_id",
    path: "$.backup[0].backupruns[0]",
  },
  "runs-as-object": {
    body: edit(zcomSeed, (b) => {
      b.backup[1].backupruns = { run: b.backup[1].backupruns[0] };
    }),
    field: "backupruns",
    path: "$.backup[1].backupruns",
  },
};

/** OnApp JSON bodies by virtual server id. */
const onappBodies: Record<string, { body: string; field?: string; path?: string }> = {
  "1": { body: onappSeedJson },
  "2": {
    body: edit(onappSeedJson, (b) => {
      b[0].backup.backup_size = { kb: 930584 };
    }),
    field: "backup_size",
    path: "$[0].backup.backup_size",
  },
  "3": {
    body: edit(onappSeedJson, (b) => {
      b[0].backup.id = "6117";
    }),
    field: "id",
    path: "$[0].backup.id",
  },
};
/** An XML body with a wrong field: Prism cannot see it (the spec's XML schema is a string), the client can. */
const badXml = onappSeedXml.replace(
  '<backup_size type="integer">310896</backup_size>',
  "<backup_size><kb>310896</kb></backup_size>",
);

// biome-ignore lint/suspicious/noExplicitAny: test data is edited freely.
function edit(text: string, change: (body: any) => void): string {
  const body = JSON.parse(text);
  change(body);
  return JSON.stringify(body, null, 2);
}

let upstream: TestServer;
let zcomProxy: ProxyServer;
let onappProxy: ProxyServer;

beforeAll(async () => {
  upstream = await startServer((req, res) => {
    const url = new URL(req.url, "http://upstream");
    const zcom = /^\/v2\/([^/]+)\/backup$/.exec(url.pathname);
    if (zcom) {
      const recorded = zcomBodies[zcom[1] ?? ""];
      return recorded ? reply(res, 200, recorded.body, HTML) : reply(res, 404, "", HTML);
    }
    const onapp = /^\/virtual_machines\/(\d+)\/backups\/images\.(json|xml)$/.exec(url.pathname);
    if (onapp?.[2] === "xml") return reply(res, 200, onapp[1] === "1" ? onappSeedXml : badXml, XML_TYPE);
    const recorded = onappBodies[onapp?.[1] ?? ""];
    return recorded ? reply(res, 200, recorded.body, JSON_TYPE) : reply(res, 404, "{}", JSON_TYPE);
  });
  [zcomProxy, onappProxy] = await Promise.all([
    startProxy("zcom", upstream.url),
    startProxy("onapp", upstream.url),
  ]);
});
afterAll(async () => {
  await Promise.all([zcomProxy?.stop(), onappProxy?.stop()]);
  await upstream?.close();
});

interface Violation {
  location: string[];
  severity: string;
  message: string;
}
function violationsOf(response: Response): Violation[] {
  const header = response.headers.get("sl-violations");
  return header ? JSON.parse(header) : [];
}
/** A violation names `field` when its location or message does. */
const naming = (field: string) => (v: Violation) =>
  v.location.includes(field) || v.message.includes(`'${field}'`);

describe("Z.com through `prism proxy`", () => {
  for (const [tenant, wrong] of Object.entries(zcomBodies).filter(([, b]) => b.field)) {
    const field = wrong.field as string;
    it(`reports the wrong body "${tenant}" as a violation naming ${field}`, async () => {
      const response = await fetch(`${zcomProxy.url}/v2/${tenant}/backup`, {
        headers: { "x-auth-token": TOKEN },
      });
      await response.arrayBuffer();
      const violations = violationsOf(response);
      expect(violations.filter((v) => v.location[0] === "response").length).toBeGreaterThan(0);
      expect(violations.some(naming(field)), JSON.stringify(violations)).toBe(true);
    });

    it(`makes the client (validate: true) throw a ContractError at ${wrong.path} for "${tenant}"`, async () => {
      for (const baseUrl of [zcomProxy.url, upstream.url]) {
        const client = createZcomClient({
          tenantId: tenant,
          baseUrl,
          auth: { token: TOKEN },
          validate: true,
        });
        const error = await client.listBackups().then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ZcomContractError);
        const paths = (error as InstanceType<typeof ZcomContractError>).issues.map(
          (i) => `${i.path} ${i.message}`,
        );
        expect(paths.join("\n")).toContain(wrong.path);
        expect(paths.join("\n")).toContain(field);
      }
    });
  }

  it("lets the client (validate: true) read the seed through the proxy and straight from the text/html upstream", async () => {
    for (const baseUrl of [zcomProxy.url, upstream.url]) {
      const client = createZcomClient({ tenantId: TENANT, baseUrl, auth: { token: TOKEN }, validate: true });
      expect(await client.listBackups()).toEqual(JSON.parse(zcomSeed).backup);
    }
  });
});

describe("OnApp through `prism proxy`", () => {
  it("lets the client (validate: true) read both seeds through the proxy", async () => {
    const json = createOnAppClient({
      baseUrl: onappProxy.url,
      auth: { username: "user", password: "userpass" },
      validate: true,
    });
    const xml = createOnAppClient({
      baseUrl: onappProxy.url,
      auth: { username: "user", password: "userpass" },
      format: "xml",
      validate: true,
    });
    const seedBackups = (JSON.parse(onappSeedJson) as { backup: OnAppWireBackup }[]).map((item) =>
      normalizeBackup(item.backup),
    );
    expect(await json.listBackupImages(1)).toEqual(seedBackups);
    expect(await xml.listBackupImages(1)).toMatchObject([{ id: 1951, backup_size: 310896 }]);
  });

  for (const [id, wrong] of Object.entries(onappBodies).filter(([, b]) => b.field)) {
    const field = wrong.field as string;
    it(`reports wrong body ${id} as a violation naming ${field}, and the client throws a ContractError at ${wrong.path}`, async () => {
      const response = await fetch(`${onappProxy.url}/virtual_machines/${id}/backups/images.json`, {
        headers: { authorization: BASIC, accept: "application/json" },
      });
      await response.arrayBuffer();
      const violations = violationsOf(response);
      expect(
        violations.some((v) => v.location.includes(field)),
        JSON.stringify(violations),
      ).toBe(true);

      const client = createOnAppClient({
        baseUrl: onappProxy.url,
        auth: { username: "user", password: "userpass" },
        validate: true,
      });
      const error = await client.listBackupImages(Number(id)).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OnAppContractError);
      const issues = (error as InstanceType<typeof OnAppContractError>).issues.map((i) => i.path);
      expect(issues).toContain(wrong.path);
    });
  }

  it("catches a wrong field in an XML body, which Prism cannot (the spec types XML bodies as strings)", async () => {
    const client = createOnAppClient({
      baseUrl: onappProxy.url,
      auth: { username: "user", password: "userpass" },
      format: "xml",
      validate: true,
    });
    const error = await client.listBackupImages(2).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(OnAppContractError);
    expect((error as InstanceType<typeof OnAppContractError>).issues.map((i) => i.path)).toContain(
      "$[0].backup.backup_size",
    );
  });
});

/**
 * startProxy's own features, in front of an upstream that replays the vendors' seed bodies as
 * the services label them (Z.com: text/html): the relay that relabels them for Prism, the
 * original label kept visible, `--errors`, and XML passed through untouched. What Prism and the
 * clients say about wrong bodies is the contract suite's (packages/contract).
 */
import { reply, startServer, type TestServer } from "@backupkit/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ProxyServer, startProxy, WIRE_CONTENT_TYPE_HEADER } from "../src/index.js";
import { fixture, TENANT, TOKEN } from "./helpers.js";

const HTML = { "content-type": "text/html; charset=UTF-8" };
const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };
const XML_TYPE = { "content-type": "application/xml; charset=utf-8" };
const BASIC = `Basic ${Buffer.from("user:userpass").toString("base64")}`;

const zcomSeed = fixture("zcom", "list-backups.seed.json");
const onappSeedJson = fixture("onapp", "backup-images.seed.json");
const onappSeedXml = fixture("onapp", "backup-images.seed.xml");

/** Z.com bodies by tenant id: the seed, and the seed without a run's id. */
const zcomBodies: Record<string, string> = {
  [TENANT]: zcomSeed,
  "missing-run-id": edit(zcomSeed, (b) => delete b.backup[0].backupruns[0].backuprun_id),
};

/** An XML body with a wrong field: Prism cannot see it (the spec's XML schema is a string). */
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
let zcomStrict: ProxyServer;
let zcomUnrelabelled: ProxyServer;
let onappProxy: ProxyServer;

beforeAll(async () => {
  upstream = await startServer((req, res) => {
    const url = new URL(req.url, "http://upstream");
    const zcom = /^\/v2\/([^/]+)\/backup$/.exec(url.pathname);
    if (zcom) {
      const recorded = zcomBodies[zcom[1] ?? ""];
      return recorded ? reply(res, 200, recorded, HTML) : reply(res, 404, "", HTML);
    }
    const onapp = /^\/virtual_machines\/(\d+)\/backups\/images\.(json|xml)$/.exec(url.pathname);
    if (onapp?.[2] === "xml") return reply(res, 200, onapp[1] === "1" ? onappSeedXml : badXml, XML_TYPE);
    return onapp?.[1] === "1" ? reply(res, 200, onappSeedJson, JSON_TYPE) : reply(res, 404, "{}", JSON_TYPE);
  });
  [zcomProxy, zcomStrict, zcomUnrelabelled, onappProxy] = await Promise.all([
    startProxy("zcom", upstream.url),
    startProxy("zcom", upstream.url, { errors: true }),
    startProxy("zcom", upstream.url, { relabel: false }),
    startProxy("onapp", upstream.url),
  ]);
});
afterAll(async () => {
  await Promise.all([zcomProxy?.stop(), zcomStrict?.stop(), zcomUnrelabelled?.stop(), onappProxy?.stop()]);
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
  it("passes the seed body (text/html on the wire) with no violation, and keeps the original label visible", async () => {
    const response = await fetch(`${zcomProxy.url}/v2/${TENANT}/backup`, {
      headers: { "x-auth-token": TOKEN },
    });
    expect(response.status).toBe(200);
    expect(violationsOf(response)).toEqual([]);
    expect(response.headers.get(WIRE_CONTENT_TYPE_HEADER)).toBe(HTML["content-type"]);
    expect(JSON.parse(await response.text())).toEqual(JSON.parse(zcomSeed));
  });

  it("with --errors, answers a wrong body with Prism's 500 problem naming the field", async () => {
    const good = await fetch(`${zcomStrict.url}/v2/${TENANT}/backup`, { headers: { "x-auth-token": TOKEN } });
    expect(good.status).toBe(200);
    await good.arrayBuffer();
    const bad = await fetch(`${zcomStrict.url}/v2/missing-run-id/backup`, {
      headers: { "x-auth-token": TOKEN },
    });
    expect(bad.status).toBe(500);
    expect(bad.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await bad.json()) as { type: string; validation: Violation[] };
    expect(problem.type).toContain("VIOLATIONS");
    expect(problem.validation.some(naming("backuprun_id")), JSON.stringify(problem)).toBe(true);
  });

  it("without the relabelling relay, Prism flags the vendor's text/html label and cannot read the body", async () => {
    const response = await fetch(`${zcomUnrelabelled.url}/v2/${TENANT}/backup`, {
      headers: { "x-auth-token": TOKEN },
    });
    await response.arrayBuffer();
    const messages = violationsOf(response).map((v) => v.message);
    expect(
      messages.some((m) => m.includes("text/html")),
      messages.join("\n"),
    ).toBe(true);
    expect(
      messages.some((m) => m.includes("must be object")),
      messages.join("\n"),
    ).toBe(true);
  });
});

describe("OnApp through `prism proxy`", () => {
  it("passes the seed bodies, JSON and XML, with no violation", async () => {
    for (const format of ["json", "xml"] as const) {
      const response = await fetch(`${onappProxy.url}/virtual_machines/1/backups/images.${format}`, {
        headers: { authorization: BASIC, accept: `application/${format}` },
      });
      expect(response.status).toBe(200);
      expect(violationsOf(response)).toEqual([]);
      // Prism parses JSON and writes it out again (compact); XML is text to it and passes byte for byte.
      const text = await response.text();
      if (format === "json") expect(JSON.parse(text)).toEqual(JSON.parse(onappSeedJson));
      else expect(text).toBe(onappSeedXml);
    }
  });

  it("cannot check XML bodies (the spec types them as strings): a wrong field passes without a violation", async () => {
    const response = await fetch(`${onappProxy.url}/virtual_machines/2/backups/images.xml`, {
      headers: { authorization: BASIC, accept: "application/xml" },
    });
    expect(await response.text()).toBe(badXml);
    expect(violationsOf(response)).toEqual([]);
  });
});

import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { isRecord, textOf } from "@backupkit/core";
import {
  type RecordedRequest,
  reply,
  startServer,
  type TestServer,
  validatorCoverage,
} from "@backupkit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorBody, errorMessage } from "../src/error-reading.js";
import * as table from "../src/generated/operations.js";
import * as validators from "../src/generated/validators.js";
import {
  AuthenticationError,
  ConfigurationError,
  ContractError,
  createOnAppClient,
  DecodeError,
  InvalidArgumentError,
  NotFoundError,
  type OnAppClientOptions,
  type OnAppFormat,
  PermissionDeniedError,
  ServerError,
  UnprocessableEntityError,
} from "../src/index.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../../specs/onapp/fixtures/${name}`, import.meta.url), "utf8");
const seedJson = fixture("backup-images.seed.json");
const seedXml = fixture("backup-images.seed.xml");
const PASSWORD = "api-key-0123456789";
const CONTENT: Record<OnAppFormat, Record<string, string>> = {
  json: { "content-type": "application/json; charset=utf-8" },
  xml: { "content-type": "application/xml; charset=utf-8" },
};

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

function client(options: Partial<OnAppClientOptions> = {}) {
  return createOnAppClient({
    baseUrl: server.url,
    auth: { username: "user@example.com", password: PASSWORD },
    maxRetries: 0,
    ...options,
  });
}

/** The same backups written the way Rails' to_xml writes them, independently of the client's code. */
function railsXml(records: Array<Record<string, unknown>>, root = "backups", item = "backup"): string {
  const scalar = (key: string, value: unknown): string => {
    if (value === null) return `<${key} nil="true"/>`;
    if (typeof value === "boolean") return `<${key} type="boolean">${value}</${key}>`;
    if (typeof value === "number") return `<${key} type="integer">${value}</${key}>`;
    const text = String(value).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    return /^\d{4}-\d\d-\d\dT/.test(text)
      ? `<${key} type="datetime">${text}</${key}>`
      : `<${key}>${text}</${key}>`;
  };
  const body = records
    .map(
      (record) =>
        `  <${item}>\n${Object.entries(record)
          .map(([k, v]) => `    ${scalar(k, v)}`)
          .join("\n")}\n  </${item}>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<${root} type="array">\n${body}\n</${root}>\n`;
}

function generatedBackups(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    allow_resize_without_reboot: i % 2 === 0,
    allowed_hot_migrate: true,
    allowed_swap: i % 3 === 0,
    backup_server_id: i % 4 === 0 ? null : 1 + (i % 3),
    backup_size: 1000 + i * 17,
    backup_type: i % 2 ? "incremental" : "normal",
    built: true,
    built_at: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T02:00:49+00:00`,
    created_at: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T01:59:20+00:00`,
    data_store_type: "lvm",
    id: 10_000 + i,
    identifier: `ident${i}`,
    initiated: i % 5 ? "days" : "manual",
    iqn: null,
    locked: false,
    marked_for_delete: false,
    min_disk_size: 5,
    min_memory_size: 384,
    note: i % 7 ? null : `note <${i}> & more`,
    operating_system: "linux",
    operating_system_distro: "rhel",
    target_id: 488 + i,
    target_type: i % 2 ? "VirtualMachine" : "Disk",
    template_id: 128,
    updated_at: "2026-11-20T02:01:38+00:00",
    user_id: 337,
    volume_id: null,
    disk_id: i % 2 ? null : 900 + i,
  }));
}

function serveBoth(json: string, xml: string) {
  server.handle((req, res) =>
    req.url.split("?")[0]?.endsWith(".xml")
      ? reply(res, 200, xml, CONTENT.xml)
      : reply(res, 200, json, CONTENT.json),
  );
}

describe("wire formats", () => {
  it("lists the seed's backup images in JSON, unwrapped and validated", async () => {
    serveBoth(seedJson, seedXml);
    const backups = await client({ validate: true }).listBackupImages(488);
    expect(backups).toEqual(JSON.parse(seedJson).map((e: { backup: unknown }) => e.backup));
    const [request] = server.requests;
    expect(request?.url).toBe("/virtual_machines/488/backups/images.json");
    expect(request?.headers.accept).toBe("application/json");
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`user@example.com:${PASSWORD}`).toString("base64")}`,
    );
  });

  it("reads a Latin-1 body its Content-Type labels, and refuses one only its XML declaration names", async () => {
    const latin1 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?>\n<backup><id type="integer">1</id><note>caf\u00e9</note></backup>',
      "latin1",
    );
    const serve = (type: string) =>
      server.handle((_req, res) => res.writeHead(200, { "content-type": type }).end(latin1));
    serve("application/xml; charset=iso-8859-1");
    await expect(client({ format: "xml" }).getBackup(1)).resolves.toMatchObject({ note: "caf\u00e9" });
    // Without a charset the bytes are read as UTF-8, and the é is lost: an error, not a wrong note.
    serve("application/xml");
    const error = await client({ format: "xml" })
      .getBackup(1)
      .catch((e) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toMatch(
      /XML declaration of encoding "ISO-8859-1" in a body whose bytes were read otherwise/,
    );
  });

  it("decodes the seed's XML by its type attributes", async () => {
    serveBoth(seedJson, seedXml);
    const [backup] = await client({ format: "xml", validate: true }).listBackupImages(488);
    expect(server.requests[0]?.url).toBe("/virtual_machines/488/backups/images.xml");
    expect(server.requests[0]?.headers.accept).toBe("application/xml");
    // The hand-written fixture says what the XML seed means, field by field and typed.
    expect(backup).toStrictEqual(JSON.parse(fixture("backup-images.seed.xml.json"))[0].backup);
  });

  it("gives identical results for JSON and XML of the seed's JSON record and of a 2 000-record list", async () => {
    for (const records of [
      JSON.parse(seedJson).map((e: { backup: Record<string, unknown> }) => e.backup),
      generatedBackups(2000),
    ]) {
      serveBoth(JSON.stringify(records.map((backup: unknown) => ({ backup }))), railsXml(records));
      const fromJson = await client({ validate: true }).listBackups(1);
      const fromXml = await client({ format: "xml", validate: true }).listBackups(1);
      expect(fromXml).toStrictEqual(fromJson);
      expect(fromJson).toHaveLength(records.length);
    }
  });

  it("decodes an empty list in both formats", async () => {
    serveBoth("[]", '<?xml version="1.0" encoding="UTF-8"?>\n<nil-classes type="array"/>\n');
    expect(await client().listBackupFiles(1)).toEqual([]);
    expect(await client({ format: "xml" }).listBackupFiles(1)).toEqual([]);
  });

  it("turns an older server's string backup_size into a number and accepts the docs' allowed_ spelling", async () => {
    const old = { id: 5, backup_size: "8", allowed_resize_without_reboot: true };
    serveBoth(JSON.stringify([{ backup: old }]), railsXml([old]));
    for (const format of ["json", "xml"] as const) {
      const [backup] = await client({ format, validate: true }).listDiskBackups(9);
      expect(backup).toStrictEqual({ id: 5, backup_size: 8, allow_resize_without_reboot: true });
    }
    expect(server.requests.map((r) => r.url)).toEqual([
      "/settings/disks/9/backups.json",
      "/settings/disks/9/backups.xml",
    ]);
  });

  it("lists virtual servers, passing unknown fields through", async () => {
    const vms = [{ virtual_machine: { id: 1, identifier: "abc", label: "web-1", memory: 2048 } }];
    serveBoth(
      JSON.stringify(vms),
      railsXml([vms[0]?.virtual_machine ?? {}], "virtual_machines", "virtual_machine"),
    );
    expect(await client({ validate: true }).listVirtualServers()).toEqual([vms[0]?.virtual_machine]);
    expect(await client({ format: "xml", validate: true }).listVirtualServers()).toEqual([
      vms[0]?.virtual_machine,
    ]);
  });
});

describe("operations", () => {
  const created = { id: 77, note: "nightly", target_type: "Disk", built: false, backup_size: 0 };

  it.each(["json", "xml"] as const)(
    "creates disk and incremental backups (%s), sending the body in that format",
    async (format) => {
      server.handle((_req, res) =>
        format === "json"
          ? reply(res, 201, { backup: created }, CONTENT.json)
          : reply(
              res,
              201,
              railsXml([created])
                .replace(/<backups type="array">\n {2}<backup>/, "<backup>")
                .replace(/<\/backup>\n<\/backups>/, "</backup>"),
              CONTENT.xml,
            ),
      );
      const onapp = client({ format, validate: true });
      expect(await onapp.createDiskBackup(9, { note: "nightly", forceWindowsBackup: true })).toEqual(created);
      expect(await onapp.createIncrementalBackup(488, { note: "nightly" })).toEqual(created);
      await onapp.createIncrementalBackup(488);
      const sent = (r: RecordedRequest | undefined) =>
        format === "json" ? r?.body : r?.body.replace(/\s+/g, "");
      expect(server.requests.map((r) => [r.method, r.url])).toEqual([
        ["POST", `/settings/disks/9/backups.${format}`],
        ["POST", `/virtual_machines/488/backups.${format}`],
        ["POST", `/virtual_machines/488/backups.${format}`],
      ]);
      if (format === "json") {
        expect(JSON.parse(sent(server.requests[0]) ?? "")).toEqual({
          backup: { note: "nightly", force_windows_backup: 1 },
        });
        expect(server.requests[0]?.headers["content-type"]).toBe("application/json");
      } else {
        expect(sent(server.requests[0])).toBe(
          '<?xmlversion="1.0"encoding="UTF-8"?><backup><note>nightly</note><force_windows_backup type="integer">1</force_windows_backup></backup>'.replace(
            /\s+/g,
            "",
          ),
        );
        expect(server.requests[0]?.headers["content-type"]).toBe("application/xml");
      }
      expect(server.requests[2]?.body).toBe("");
    },
  );

  it("gets one backup", async () => {
    serveBoth(
      JSON.stringify({ backup: created }),
      `<backup><id type="integer">77</id><note>nightly</note><target_type>Disk</target_type><built type="boolean">false</built><backup_size type="integer">0</backup_size></backup>`,
    );
    expect(await client({ validate: true }).getBackup(77)).toEqual(created);
    expect(await client({ format: "xml", validate: true }).getBackup(77)).toEqual(created);
    expect(server.requests.map((r) => r.url)).toEqual(["/backups/77.json", "/backups/77.xml"]);
  });

  it.each([
    [204, ""],
    [200, "{}"],
    [200, " "],
  ])("deletes a backup whether the server answers %i with %j", async (status, body) => {
    server.handle((_req, res) => reply(res, status, body, CONTENT.json));
    await expect(client({ validate: true }).deleteBackup(77)).resolves.toBeUndefined();
    await expect(client({ format: "xml", validate: true }).deleteBackup(77)).resolves.toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "DELETE /backups/77.json",
      "DELETE /backups/77.xml",
    ]);
  });

  it("restores a backup and returns the record when the server sends one", async () => {
    server.handle((_req, res) => reply(res, 201, { backup: created }, CONTENT.json));
    expect(await client({ validate: true }).restoreBackup(77)).toEqual(created);
    server.handle((_req, res) => reply(res, 200, "{}", CONTENT.json));
    expect(await client({ validate: true }).restoreBackup(77)).toBeUndefined();
    expect(server.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      "POST /backups/77/restore.json",
      "POST /backups/77/restore.json",
    ]);
  });

  it.each([
    ["an error list", "json", '{"errors":["Backup is locked"]}'],
    ["a list of backups", "json", '[{"backup":{"id":1}}]'],
    ["a string", "json", '"queued?"'],
    ["null", "json", "null"],
    ["an XML error list", "xml", "<errors><error>Backup is locked</error></errors>"],
  ] as const)(
    "a 201 restore answer that is %s is a DecodeError, not success",
    async (_what, format, body) => {
      server.handle((_req, res) => reply(res, 201, body, CONTENT[format]));
      await expect(client({ format }).restoreBackup(77)).rejects.toThrow(DecodeError);
    },
  );

  it("refuses a forceWindowsBackup that is not a boolean, before any request", async () => {
    for (const value of ["false", "no", 0, null]) {
      await expect(
        client().createDiskBackup(9, { forceWindowsBackup: value as unknown as boolean }),
      ).rejects.toThrow(/createDiskBackup: forceWindowsBackup must be a boolean/);
    }
    await expect(
      client().createDiskBackup(9, { forceWindowsBackup: "false" as unknown as boolean }),
    ).rejects.toThrow(InvalidArgumentError);
    expect(server.requests).toHaveLength(0);
  });

  // The spec allows a 201 with no body ("scheduled"): a restore the server has queued must not
  // read as a failure, or a caller might queue it again.
  it.each([
    ["json", ""],
    ["json", " "],
    ["json", "{}"],
    ["json", "{ }"],
    ["json", '"   "'],
    ["json", String.raw`" \t\r\n "`],
    ["xml", ""],
    ["xml", " "],
  ] as const)("restores a backup when the server answers 201 in %s with %j", async (format, body) => {
    server.handle((_req, res) => reply(res, 201, body, CONTENT[format]));
    await expect(client({ format, validate: true }).restoreBackup(77)).resolves.toBeUndefined();
    await expect(client({ format }).restoreBackup(77)).resolves.toBeUndefined();
  });
});

describe("errors", () => {
  it.each([
    ["json", 404, '{"errors":["Resource not found"]}', NotFoundError, "Resource not found"],
    ["xml", 404, "<errors><error>Resource not found</error></errors>", NotFoundError, "Resource not found"],
    [
      "json",
      422,
      '{"errors":{"note":["is too long"],"base":["Disk is locked"]}}',
      UnprocessableEntityError,
      "note is too long; Disk is locked",
    ],
    [
      "json",
      403,
      '{"error":"You do not have permissions for this action"}',
      PermissionDeniedError,
      "You do not have permissions",
    ],
    ["json", 401, "", AuthenticationError, ""],
    ["json", 500, "We're sorry, but something went wrong.", ServerError, "something went wrong"],
  ] as const)(
    "%s %i becomes the right error with the vendor's message",
    async (format, status, body, ErrorClass, message) => {
      server.handle((_req, res) => reply(res, status, body, CONTENT[format]));
      const error = await client({ format })
        .getBackup(1)
        .catch((e) => e);
      expect(error).toBeInstanceOf(ErrorClass);
      expect(error.status).toBe(status);
      expect(error.operation).toBe("getBackup");
      expect(error.message).toContain(message);
    },
  );

  it("reports malformed XML with the line", async () => {
    serveBoth("[]", '<backups type="array"><backup><id type="integer">1</id></bakup></backups>');
    const error = await client({ format: "xml" })
      .listBackups(1)
      .catch((e) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toMatch(
      /Expected XML from GET .*\/virtual_machines\/1\/backups\.xml .*line 1, column 56: an end tag that does not match/,
    );
  });

  it("reports a body of the wrong shape as a DecodeError, never undefined data", async () => {
    serveBoth('{"backup": {"id": 1}}', "<x/>");
    await expect(client().listBackups(1)).rejects.toThrow(
      /listBackups: expected a list, got an object with keys backup/,
    );
  });

  it("names the keys of a wrong-shaped body without the head of a secret cut with them", async () => {
    // The keys are cut to 200 characters in the message; the echoed password straddles the cut.
    serveBoth(JSON.stringify({ [`${"k".repeat(192)}${PASSWORD}`]: 1 }), "<x/>");
    const error = await client()
      .listBackups(1)
      .catch((e) => e);
    expect(error.message).toMatch(/got an object with keys k{192}\[redac/);
    expect(error.message).not.toContain(PASSWORD.slice(0, 4));
  });

  it("validate: true names the JSON path of a violation in an XML body", async () => {
    serveBoth(
      "[]",
      '<backups type="array"><backup><id type="integer">1</id><built>yes</built></backup></backups>',
    );
    const error = await client({ format: "xml", validate: true })
      .listBackups(1)
      .catch((e) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error.issues[0].path).toBe("$[0].backup.built");
  });
});

describe("a server that echoes the password in another form", () => {
  /** Every place an error shows, as text: the message, its JSON and its inspected form. */
  const shown = (error: unknown) =>
    `${(error as Error).message} ${JSON.stringify(error)} ${inspect(error, { depth: 10 })}`;
  const failure = (make: () => Promise<unknown>) =>
    make().then(
      () => expect.unreachable("no error"),
      (error: unknown) => error,
    );

  it.each([
    ["a JSON number", "json", '{"error": 80351724}'],
    ["a JSON number in a list", "json", '{"errors": {"password": [80351724]}}'],
    ["an XML integer", "xml", '<errors><error type="integer">80351724</error></errors>'],
  ] as const)("scrubs a numeric password echoed as %s", async (_what, format, body) => {
    server.handle((_req, res) => reply(res, 401, body, CONTENT[format]));
    const error = await failure(() =>
      client({ format, auth: { username: "user@example.com", password: "80351724" } }).listBackups(1),
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(shown(error)).not.toContain("80351724");
    expect((error as Error).message).toContain("[redacted]");
  });

  const password = `p&ss<w0rd"/`;
  const xmlEscaped = password.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
  const jsonEscaped = JSON.stringify(password).slice(1, -1);
  it.each([
    [
      "an XML error to a JSON client",
      "json",
      401,
      "application/xml",
      `<errors><error>bad ${xmlEscaped}</error></errors>`,
    ],
    ["a malformed XML error", "xml", 401, "application/xml", `<errors><error>bad ${xmlEscaped}</error>`],
    ["a malformed XML body", "xml", 200, "application/xml", `<backup><note>${xmlEscaped}</note>`],
    ["a malformed JSON body", "json", 200, "application/json", `{"backup":{"note":"${jsonEscaped}"},`],
    [
      "an HTML page's title",
      "json",
      502,
      "text/html",
      `<html><title>bad &#112;&#x26;ss&lt;w0rd&quot;/</title></html>`,
    ],
  ] as const)("scrubs a password echoed escaped, in %s", async (_what, format, status, type, body) => {
    server.handle((_req, res) => reply(res, status, body, { "content-type": type }));
    const error = await failure(() =>
      client({ format, auth: { username: "user@example.com", password } }).getBackup(1),
    );
    for (const form of [password, xmlEscaped, jsonEscaped, "w0rd"]) expect(shown(error)).not.toContain(form);
  });
});

describe("arguments, configuration and secrets", () => {
  it.each([
    ["listBackups", (o: ReturnType<typeof client>) => o.listBackups(0)],
    ["listBackupImages", (o: ReturnType<typeof client>) => o.listBackupImages("1/../2" as unknown as number)],
    ["getBackup", (o: ReturnType<typeof client>) => o.getBackup(1.5)],
    ["deleteBackup", (o: ReturnType<typeof client>) => o.deleteBackup(-3)],
    ["createDiskBackup", (o: ReturnType<typeof client>) => o.createDiskBackup(1, { note: "x".repeat(2000) })],
    [
      "createIncrementalBackup",
      (o: ReturnType<typeof client>) => o.createIncrementalBackup(1, { note: 5 as unknown as string }),
    ],
  ])("%s rejects a bad argument before any request", async (operation, call) => {
    const error = await call(client()).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain(operation);
    expect(server.requests).toHaveLength(0);
  });

  it("accepts ids given as digit strings", async () => {
    server.handle((_req, res) => reply(res, 200, "[]", CONTENT.json));
    await client().listBackups("488" as unknown as number);
    expect(server.requests[0]?.url).toBe("/virtual_machines/488/backups.json");
  });

  it.each([
    [{ baseUrl: undefined }, /baseUrl is required/],
    [{ baseUrl: "onapp.example.com" }, /not a valid URL/],
    [{ auth: undefined }, /auth is required/],
    [{ auth: { username: "", password: "x" } }, /auth.username/],
    [{ auth: { username: "a:b", password: "x" } }, /must not contain ":"/],
    [{ auth: { username: "a", password: "" } }, /auth.password/],
    [{ format: "yaml" }, /format must be "json" or "xml"/],
    [{ maxRetries: -1 }, /maxRetries must be a number >= 0/],
  ])("refuses configuration %j", (options, message) => {
    expect(() => client(options as Partial<OnAppClientOptions>)).toThrow(ConfigurationError);
    expect(() => client(options as Partial<OnAppClientOptions>)).toThrow(message);
  });

  it("never shows the password or the Authorization value, with its padding or without", async () => {
    const authorization = Buffer.from(`user@example.com:${PASSWORD}`).toString("base64");
    const unpadded = authorization.replace(/=+$/, "");
    expect(unpadded).not.toBe(authorization);
    server.handle((_req, res) =>
      reply(
        res,
        401,
        { errors: [`bad credentials ${PASSWORD} / Basic ${authorization} (${unpadded};)`] },
        CONTENT.json,
      ),
    );
    const onapp = client();
    const error = await onapp.getBackup(1).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    const printed = [
      error.message,
      error.stack,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(onapp),
      JSON.stringify(onapp),
    ].join("\n");
    expect(printed).not.toContain(PASSWORD);
    expect(printed).not.toContain(unpadded);
  });

  it("the raw client carries credentials and Accept", async () => {
    server.handle((_req, res) => reply(res, 200, seedJson, CONTENT.json));
    const { data } = await client().raw.GET(
      "/virtual_machines/{virtual_machine_id}/backups/images.{format}",
      {
        params: { path: { virtual_machine_id: 1, format: "json" } },
      },
    );
    expect(Array.isArray(data)).toBe(true);
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
    expect(server.requests[0]?.headers.accept).toBe("application/json");
  });

  it("the raw client of an XML client asks for JSON, which is what it parses", async () => {
    server.handle((_req, res) => reply(res, 200, seedJson, CONTENT.json));
    const { data } = await client({ format: "xml" }).raw.GET(
      "/virtual_machines/{virtual_machine_id}/backups/images.{format}",
      { params: { path: { virtual_machine_id: 1, format: "json" } } },
    );
    expect(Array.isArray(data)).toBe(true);
    expect(server.requests[0]?.headers.accept).toBe("application/json");
  });

  it("a raw call's own Accept wins, its middleware never sees the credentials, and an array is not merged", async () => {
    server.handle((_req, res) => reply(res, 200, seedXml, CONTENT.xml));
    const onapp = client();
    const seen: string[] = [];
    onapp.raw.use({
      onRequest({ request }) {
        request.headers.forEach((_value, name) => {
          seen.push(name);
        });
        return request;
      },
    });
    await onapp.raw.GET("/virtual_machines/{virtual_machine_id}/backups/images.{format}", {
      params: { path: { virtual_machine_id: 1, format: "xml" } },
      headers: { Accept: ["application/xml", "text/xml"] },
      parseAs: "text",
    });
    expect(seen).not.toContain("authorization");
    expect(server.requests[0]?.headers.accept).toBe("application/xml, text/xml");
    expect(server.requests[0]?.headers.authorization).toMatch(/^Basic /);
  });
});

describe("generated code", () => {
  it("has a validator compiled at build time for every JSON success body in the operation table", () => {
    const { expected, missing } = validatorCoverage(table.operations, validators);
    expect(expected.length).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});

describe("error messages", () => {
  it.each([
    [{ errors: ["Resource not found"] }, "Resource not found"],
    [
      { errors: { note: ["is too long", "is bad"], base: ["Disk is locked"] } },
      "note is too long, is bad; Disk is locked",
    ],
    [{ error: "Forbidden" }, "Forbidden"],
    [{ error: "Resource not found" }, "Resource not found"],
    ["upstream down", "upstream down"],
    [{ errors: [{ toString: "not a function" }] }, '{"toString":"not a function"}'],
    [{ unrelated: 1 }, undefined],
    [undefined, undefined],
  ])("reads %j", (body, expected) => {
    expect(errorMessage(body, { isRecord, textOf })).toBe(expected);
  });

  it("flattens an XML error list", () => {
    expect(errorBody({ errors: { error: "a" } }, { isRecord, textOf })).toEqual({ errors: ["a"] });
    expect(errorBody({ errors: { error: ["a", "b"] } }, { isRecord, textOf })).toEqual({
      errors: ["a", "b"],
    });
  });
});

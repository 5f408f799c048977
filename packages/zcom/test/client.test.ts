import { readFileSync } from "node:fs";
import { inspect } from "node:util";
import { isRecord, textOf } from "@backupkit/core";
import { reply, startServer, type TestServer, validatorCoverage } from "@backupkit/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { errorMessage } from "../src/error-reading.js";
import * as table from "../src/generated/operations.js";
import * as validators from "../src/generated/validators.js";
import {
  AbortedError,
  AuthenticationError,
  BackupKitError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ContractError,
  createZcomClient,
  DecodeError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectRefusedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  UnprocessableEntityError,
  VERSION,
  type ZcomClientOptions,
} from "../src/index.js";

const TENANT = "1864e71d2deb46f6b47526b69c65a45d";
const TOKEN = "35941e7df872405d84e5b026dba8323c";
const seed = readFileSync(
  new URL("../../../specs/zcom/fixtures/list-backups.seed.json", import.meta.url),
  "utf8",
);
const HTML = { "content-type": "text/html; charset=UTF-8" };

let server: TestServer;
beforeEach(async () => {
  server = await startServer();
});
afterEach(async () => {
  await server.close();
});

function client(options: Partial<ZcomClientOptions> = {}) {
  return createZcomClient({
    tenantId: TENANT,
    baseUrl: server.url,
    auth: { token: TOKEN },
    maxRetries: 0,
    ...options,
  });
}

describe("operations", () => {
  it("lists backups from the vendor's seed body, labelled text/html as the real service does", async () => {
    server.handle((_req, res) => reply(res, 200, seed, HTML));
    const backups = await client({ validate: true }).listBackups();
    expect(backups).toEqual(JSON.parse(seed).backup);
    const [request] = server.requests;
    expect(request?.method).toBe("GET");
    expect(request?.url).toBe(`/v2/${TENANT}/backup`);
    expect(request?.headers["x-auth-token"]).toBe(TOKEN);
    expect(request?.headers["user-agent"]).toBe(`backupkit-zcom/${VERSION} node/${process.version}`);
  });

  it.each([
    ["an object", (b: unknown) => ({ backup: b })],
    ["a one-element array", (b: unknown) => ({ backup: [b] })],
  ])("gets one backup whether the service wraps it as %s", async (_shape, wrap) => {
    const backup = JSON.parse(seed).backup[1];
    server.handle((_req, res) => reply(res, 200, wrap(backup), HTML));
    expect(await client({ validate: true }).getBackup(backup.id)).toEqual(backup);
    expect(server.requests[0]?.url).toBe(`/v2/${TENANT}/backup/${backup.id}`);
  });

  it("applies for backup with the documented body", async () => {
    const created = {
      instance_id: "5da9552d-93fa-4b86-8fe5-2968556017f7",
      created_at: "2015-02-28T12:00:00Z",
      id: "x-1",
    };
    server.handle((_req, res) => reply(res, 201, { backup: created }, HTML));
    expect(await client({ validate: true }).enableBackup(created.instance_id)).toEqual(created);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(JSON.parse(request?.body ?? "")).toEqual({ backup: { instance_id: created.instance_id } });
    expect(request?.headers["content-type"]).toBe("application/json");
  });

  it("cancels a backup (204, no body)", async () => {
    server.handle((_req, res) => reply(res, 204));
    await expect(client().cancelBackup("b-1")).resolves.toBeUndefined();
    expect(server.requests[0]).toMatchObject({ method: "DELETE", url: `/v2/${TENANT}/backup/b-1` });
  });

  // Their codes come from client libraries, not the vendor: any common success without a body
  // counts, or a caller told "failed" might restore twice.
  it.each([
    [200, "cancelBackup", ""],
    [202, "cancelBackup", "Accepted"],
    [204, "restoreBackup", ""],
    [200, "restoreBackup", "OK"],
  ] as const)("takes a %i answer to %s as done, whatever its body", async (status, method, body) => {
    server.handle((_req, res) => reply(res, status, body, { "content-type": "text/html" }));
    const zcom = client({ validate: true });
    const done = method === "cancelBackup" ? zcom.cancelBackup("b-1") : zcom.restoreBackup("b-1", "run-1");
    await expect(done).resolves.toBeUndefined();
  });

  it("restores a run and saves a run as an image through the one action endpoint (202, empty)", async () => {
    server.handle((_req, res) => reply(res, 202, "", { "content-type": "text/html" }));
    const zcom = client({ validate: true });
    await zcom.restoreBackup("b-1", "run-1");
    await zcom.createImageFromBackup("b-1", "run-1", "nightly_image-1");
    expect(server.requests.map((r) => [r.method, r.url, JSON.parse(r.body)])).toEqual([
      ["POST", `/v2/${TENANT}/backup/b-1/action`, { restore: { backuprun_id: "run-1" } }],
      [
        "POST",
        `/v2/${TENANT}/backup/b-1/action`,
        { createImage: { backuprun_id: "run-1", image_name: "nightly_image-1" } },
      ],
    ]);
  });

  it("encodes ids in the path", async () => {
    server.handle((_req, res) => reply(res, 204));
    await client().cancelBackup("a b?c#d");
    expect(server.requests[0]?.url).toBe(`/v2/${TENANT}/backup/a%20b%3Fc%23d`);
  });
});

describe("errors", () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, ServerError],
    [503, ServerError],
  ])(
    "%i becomes %o, with the OpenStack fault's message and an empty body alike",
    async (status, ErrorClass) => {
      server.handle((_req, res) =>
        reply(res, status, { someFault: { message: `fault ${status}`, code: status } }, HTML),
      );
      const withBody = await client()
        .listBackups()
        .catch((e) => e);
      expect(withBody).toBeInstanceOf(ErrorClass);
      expect(withBody).toMatchObject({
        status,
        method: "GET",
        url: `${server.url}/v2/${TENANT}/backup`,
        operation: "listBackups",
      });
      expect(withBody.message).toMatch(
        new RegExp(
          `^${status} [A-Za-z ]+ from GET http://127\\.0\\.0\\.1:\\d+/v2/${TENANT}/backup: fault ${status}$`,
        ),
      );
      expect(withBody.body).toEqual({ someFault: { message: `fault ${status}`, code: status } });

      server.handle((_req, res) => reply(res, status));
      const empty = await client()
        .listBackups()
        .catch((e) => e);
      expect(empty).toBeInstanceOf(ErrorClass);
      expect(empty.body).toBeUndefined();
    },
  );

  it("reads Keystone-style error bodies", async () => {
    server.handle((_req, res) =>
      reply(res, 401, { error: { message: "Authentication required", code: 401 } }),
    );
    await expect(client().listBackups()).rejects.toThrow(
      /401 Unauthorized from GET .*: Authentication required$/,
    );
  });

  it("turns a proxy's HTML error page into a ServerError that names the page", async () => {
    server.handle((_req, res) =>
      reply(res, 502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", HTML),
    );
    const error = await client()
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ServerError);
    expect(error.message).toMatch(/502 Bad Gateway from GET .*: HTML error page: 502 Bad Gateway/);
  });

  it("reports a 200 with malformed JSON as a DecodeError with a short excerpt", async () => {
    server.handle((_req, res) => reply(res, 200, '{"backup": [ {"id": ', HTML));
    const error = await client()
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toMatch(
      /^Expected JSON from GET http:\/\/127\.0\.0\.1:\d+\/v2\/\w+\/backup \(Content-Type: text\/html; charset=UTF-8\)/,
    );
    expect(error.message).toContain('body starts: {"backup": [ {"id":');
  });

  it("reports a 200 with an empty body where data was promised", async () => {
    server.handle((_req, res) => reply(res, 200, "", HTML));
    await expect(client().listBackups()).rejects.toThrow(/Expected a JSON body .* but it was empty/);
  });

  it("retries an idempotent call on 503 and not a POST", async () => {
    server.handle((_req, res) => (server.requests.length < 3 ? reply(res, 503) : reply(res, 200, seed)));
    await client({ maxRetries: 2 }).listBackups();
    expect(server.requests).toHaveLength(3);

    server.requests.length = 0;
    server.handle((_req, res) => reply(res, 503));
    await expect(client({ maxRetries: 2 }).enableBackup("vm-1")).rejects.toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
  });

  it("times out a silent server", async () => {
    server.handle(() => {});
    await expect(client({ timeoutMs: 50 }).listBackups()).rejects.toBeInstanceOf(TimeoutError);
    await expect(client().listBackups({ timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
  });
});

describe("validation", () => {
  const broken = () => {
    const body = JSON.parse(seed);
    body.backup[0].backupruns[0].status = 7;
    return body;
  };

  it("validate: true throws a ContractError naming the JSON path", async () => {
    server.handle((_req, res) => reply(res, 200, broken(), HTML));
    const error = await client({ validate: true })
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(ContractError);
    expect(error.message).toContain("$.backup[0].backupruns[0].status");
    expect(error.issues[0].path).toMatch(/^\$\.backup\[0\]\.backupruns\[0\]\.status/);
  });

  it('validate: "warn" logs the violation and returns the data', async () => {
    server.handle((_req, res) => reply(res, 200, broken(), HTML));
    const warnings: string[] = [];
    const backups = await client({
      validate: "warn",
      logger: { warn: (m) => warnings.push(m) },
    }).listBackups();
    expect(backups[0]?.backupruns[0]?.status).toBe(7);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("$.backup[0].backupruns[0].status");
  });

  it("validation off lets the same body through untouched", async () => {
    server.handle((_req, res) => reply(res, 200, broken(), HTML));
    await expect(client().listBackups()).resolves.toHaveLength(3);
  });

  it("accepts a status the spec has never seen (open set)", async () => {
    const body = JSON.parse(seed);
    body.backup[0].backupruns[0].status = "queued-for-archive";
    server.handle((_req, res) => reply(res, 200, body, HTML));
    await expect(client({ validate: true }).listBackups()).resolves.toHaveLength(3);
  });
});

describe("password login", () => {
  const PASSWORD = "correct-horse-battery";
  let issued = 0;
  /** The token each request carried, in order; "login" for a login. */
  const sent = () => server.requests.map((r) => r.headers["x-auth-token"] ?? "login");
  function identityAndCompute(options: { refuseFirstToken?: boolean } = {}) {
    issued = 0;
    server.handle((req, res) => {
      if (req.url === "/v2.0/tokens") {
        const body = JSON.parse(req.body);
        const password = body.auth.passwordCredentials.password;
        if (password !== PASSWORD) {
          // Echoing the password, as a careless service might: the client must scrub it.
          return reply(res, 401, {
            error: { message: `Invalid user / password (${password})`, code: 401, title: "Unauthorized" },
          });
        }
        issued++;
        return reply(
          res,
          200,
          {
            access: {
              token: { id: `token-${issued}`, expires: "2099-01-01T00:00:00Z", tenant: { id: TENANT } },
            },
          },
          { "content-type": "application/json" },
        );
      }
      if (options.refuseFirstToken && req.headers["x-auth-token"] === "token-1") return reply(res, 401);
      return reply(res, 200, seed, HTML);
    });
  }

  it("logs in once, caches the token, and shares one login between concurrent calls", async () => {
    identityAndCompute();
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    await Promise.all([zcom.listBackups(), zcom.listBackups(), zcom.listBackups()]);
    await zcom.listBackups();
    const logins = server.requests.filter((r) => r.url === "/v2.0/tokens");
    expect(logins).toHaveLength(1);
    expect(JSON.parse(logins[0]?.body ?? "")).toEqual({
      auth: { passwordCredentials: { username: "api-user", password: PASSWORD }, tenantId: TENANT },
    });
    expect(server.requests.filter((r) => r.headers["x-auth-token"] === "token-1")).toHaveLength(4);
  });

  it("logs in again once when the service refuses the cached token", async () => {
    identityAndCompute({ refuseFirstToken: true });
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    await expect(zcom.listBackups()).resolves.toHaveLength(3);
    expect(sent()).toEqual(["login", "token-1", "login", "token-2"]);
  });

  it("a wrong password is an AuthenticationError that never shows the password", async () => {
    identityAndCompute();
    const error = await client({ auth: { username: "api-user", password: "wrong-password-123" } })
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(
      /401 Unauthorized from POST http:\/\/127\.0\.0\.1:\d+\/v2\.0\/tokens: Invalid user \/ password \(\[redacted\]\)/,
    );
    const printed = `${error.message} ${error.stack} ${inspect(error, { depth: 10 })} ${JSON.stringify(error)}`;
    expect(printed).not.toContain("wrong-password-123");
  });

  it("uses a token provider when given one", async () => {
    server.handle((_req, res) => reply(res, 200, seed, HTML));
    await client({ auth: { getToken: async () => "provided-token" } }).listBackups();
    expect(server.requests[0]?.headers["x-auth-token"]).toBe("provided-token");
  });

  it("a call its caller aborts ends even when the token provider ignores the signal", async () => {
    const zcom = client({ auth: { getToken: () => new Promise<string>(() => {}) } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await expect(zcom.listBackups({ signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(0);
  });

  it("takes a token provider that hands back a plain value, signal or not", async () => {
    server.handle((_req, res) => reply(res, 200, seed, HTML));
    const zcom = client({ auth: { getToken: (() => "plain-token") as never } });
    await zcom.listBackups({ signal: new AbortController().signal });
    await zcom.raw.GET("/v2/{tenant_id}/backup", { params: { path: { tenant_id: TENANT } } });
    expect(server.requests.map((r) => r.headers["x-auth-token"])).toEqual(["plain-token", "plain-token"]);
  });

  it("the raw client carries the same auth", async () => {
    identityAndCompute();
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    const { data, response } = await zcom.raw.GET("/v2/{tenant_id}/backup", {
      params: { path: { tenant_id: TENANT } },
    });
    expect(response.status).toBe(200);
    expect(data?.backup).toHaveLength(3);
    expect(server.requests.at(-1)?.headers["x-auth-token"]).toBe("token-1");
  });

  it("the raw client logs in again once when the service refuses the cached token, as a typed call does", async () => {
    identityAndCompute({ refuseFirstToken: true });
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    const list = { params: { path: { tenant_id: TENANT } } };
    const { data, response } = await zcom.raw.GET("/v2/{tenant_id}/backup", list);
    expect(response.status).toBe(200);
    expect(data?.backup).toHaveLength(3);
    // The refused token is gone for every later call, raw or typed.
    await zcom.raw.GET("/v2/{tenant_id}/backup", list);
    await zcom.listBackups();
    expect(sent()).toEqual(["login", "token-1", "login", "token-2", "token-2", "token-2"]);
  });

  it("the raw client renews nothing for a call that brings its own token", async () => {
    server.handle((_req, res) => reply(res, 401, { unauthorized: { code: 401, message: "no" } }));
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    const { response } = await zcom.raw.GET("/v2/{tenant_id}/backup", {
      params: { path: { tenant_id: TENANT } },
      headers: { "X-Auth-Token": "callers-own-token" },
    });
    expect(response.status).toBe(401);
    expect(sent()).toEqual(["callers-own-token"]);
  });

  it("the raw client answers a second refusal with the 401, once, and drops that token too", async () => {
    issued = 0;
    server.handle((req, res) => {
      if (req.url !== "/v2.0/tokens") return reply(res, 401, { unauthorized: { code: 401, message: "no" } });
      issued++;
      return reply(res, 200, {
        access: { token: { id: `token-${issued}`, expires: "2099-01-01T00:00:00Z", tenant: { id: TENANT } } },
      });
    });
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    const list = { params: { path: { tenant_id: TENANT } } };
    const { response } = await zcom.raw.GET("/v2/{tenant_id}/backup", list);
    expect(response.status).toBe(401);
    await zcom.raw.GET("/v2/{tenant_id}/backup", list);
    expect(sent()).toEqual(["login", "token-1", "login", "token-2", "login", "token-3", "login", "token-4"]);
  });

  it("the raw client sends a given token once however the service answers: there is no other", async () => {
    server.handle((_req, res) => reply(res, 401, { unauthorized: { code: 401, message: "no" } }));
    const zcom = client();
    const { response } = await zcom.raw.GET("/v2/{tenant_id}/backup", {
      params: { path: { tenant_id: TENANT } },
    });
    expect(response.status).toBe(401);
    expect(server.requests).toHaveLength(1);
  });

  it("adds the token below the caller's middleware, which never sees it", async () => {
    identityAndCompute();
    const zcom = client({ auth: { username: "api-user", password: PASSWORD } });
    const seen: (string | null)[] = [];
    zcom.raw.use({
      onRequest({ request }: { request: Request }) {
        seen.push(request.headers.get("x-auth-token"));
      },
    });
    const { data } = await zcom.raw.GET("/v2/{tenant_id}/backup", {
      params: { path: { tenant_id: TENANT } },
    });
    expect(data?.backup).toHaveLength(3);
    expect(seen).toEqual([null]);
    expect(server.requests.at(-1)?.headers["x-auth-token"]).toBe("token-1");
  });
});

describe("raw client", () => {
  const list = { params: { path: { tenant_id: TENANT } } } as const;

  it("keeps middleware added or ejected before its first call, in order", async () => {
    server.handle((_req, res) => reply(res, 200, seed, HTML));
    const zcom = client();
    const first = {
      onRequest({ request }: { request: Request }) {
        request.headers.set("x-first", "1");
      },
    };
    const second = {
      onRequest({ request }: { request: Request }) {
        request.headers.set("x-second", "1");
      },
    };
    zcom.raw.use(first, second);
    zcom.raw.eject(second);
    const { data } = await zcom.raw.GET("/v2/{tenant_id}/backup", list);
    expect(data?.backup).toHaveLength(3);
    expect(server.requests[0]?.headers["x-first"]).toBe("1");
    expect(server.requests[0]?.headers["x-second"]).toBeUndefined();

    zcom.raw.eject(first);
    await zcom.raw.GET("/v2/{tenant_id}/backup", list);
    expect(server.requests[1]?.headers["x-first"]).toBeUndefined();
    expect(server.requests[1]?.headers["x-auth-token"]).toBe(TOKEN);
  });

  it("refuses something that is not middleware when it is added", () => {
    expect(() => client().raw.use(42 as never)).toThrow(/Middleware must be an object/);
  });
});

describe("secrets", () => {
  it("never appear in errors, inspect() or JSON of the client", async () => {
    server.handle((_req, res) =>
      reply(res, 404, { itemNotFound: { message: `no backup for token ${TOKEN}`, code: 404 } }),
    );
    const zcom = client({ auth: { username: "api-user", password: "s3cret-password" } });
    server.handle((req, res) =>
      req.url === "/v2.0/tokens"
        ? reply(res, 200, { access: { token: { id: TOKEN, expires: "2099-01-01T00:00:00Z" } } })
        : reply(res, 404, { itemNotFound: { message: `no backup for token ${TOKEN}`, code: 404 } }),
    );
    const error = await zcom.getBackup("missing").catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    const printed = [
      error.message,
      error.stack,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
      inspect(zcom),
      JSON.stringify(zcom),
    ].join("\n");
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain("s3cret-password");
    expect(printed).toContain("[redacted]");
  });
});

describe("secrets a server gives back in a form of its own", () => {
  /** Every place an error shows. */
  const printed = (error: unknown) =>
    [
      (error as Error).message,
      (error as Error).stack,
      inspect(error, { depth: 10 }),
      JSON.stringify(error),
    ].join("\n");
  const echo = (token: string | undefined) =>
    reply(res404(), 404, { itemNotFound: { message: `no backup for token ${token}`, code: 404 } });
  let res404: () => Parameters<typeof reply>[0] = () => {
    throw new Error("no response");
  };

  it.each([
    ["a token with white space around it", { token: ` ${TOKEN}\t` }],
    ["a provider's token with white space around it", { getToken: async () => `${TOKEN} ` }],
  ])("scrubs %s, which the header carries without that space", async (_what, auth) => {
    server.handle((req, res) => {
      res404 = () => res;
      echo(req.headers["x-auth-token"] as string);
    });
    const error = await client({ auth: auth as never })
      .getBackup("b1")
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(server.requests[0]?.headers["x-auth-token"]).toBe(TOKEN);
    expect(printed(error)).not.toContain(TOKEN);
  });

  it("quotes no URL that a redirect put the token in", async () => {
    server.handle((req, res) => {
      if (req.url.startsWith("/v2/")) {
        res.writeHead(302, {
          location: `/gone/${req.headers["x-auth-token"]}?t=${req.headers["x-auth-token"]}`,
        });
        return res.end();
      }
      return reply(res, 404, { itemNotFound: { message: "not here", code: 404 } });
    });
    const error = await client()
      .getBackup("b1")
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(printed(error)).not.toContain(TOKEN);
    expect(error.url).toContain("[redacted]");
  });

  it("names no other origin a redirect made of the token, for a typed call or a raw one", async () => {
    server.handle((req, res) => {
      const host = req.url.includes("elsewhere")
        ? "elsewhere.example"
        : `${req.headers["x-auth-token"]}.evil.example`;
      res.writeHead(302, { location: `http://${host}/v2/x` });
      res.end();
    });
    const zcom = client();
    const typed = await zcom.getBackup("b1").catch((e) => e);
    const raw = await zcom.raw
      .GET("/v2/{tenant_id}/backup", { params: { path: { tenant_id: TENANT } } })
      .catch((e) => e);
    for (const error of [typed, raw]) {
      expect(error).toBeInstanceOf(RedirectRefusedError);
      expect(error.message).toContain("to another origin ([redacted])");
      expect(printed(error)).not.toContain(TOKEN);
    }
    // An origin that holds no secret is still named.
    const named = await zcom.getBackup("elsewhere").catch((e) => e);
    expect(named.message).toContain("to another origin (http://elsewhere.example)");
  });

  it("names no other origin made of a token the URL parser changed (a tab dropped, lower case)", async () => {
    const MIXED = "AbCdEf0123456789GhIjKl";
    server.handle((_req, res) => {
      res.writeHead(302, { location: `http://${MIXED.slice(0, 4)}\t${MIXED.slice(4)}.evil.example/` });
      res.end();
    });
    const error = await client({ auth: { getToken: async () => MIXED } })
      .getBackup("b1")
      .catch((e) => e);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect(error.message).toContain("to another origin ([redacted])");
    expect(printed(error).toLowerCase()).not.toContain(MIXED.toLowerCase());
  });

  // Header-safe, and changed by each escaping: percent-encoding, JSON's `\/`, XML's `&amp;`.
  const ODD = "tok/en+va&lue=0123456789";
  const escapings = (token: string) => ({
    "x-percent": encodeURIComponent(token),
    "x-json": token.replaceAll("/", "\\/"),
    "x-xml": token.replaceAll("&", "&amp;"),
    // The request id is read from the headers as scrubbed.
    "x-openstack-request-id": encodeURIComponent(token),
  });
  it.each([
    ["an error answer", {}, 404, NotFoundError],
    ["an answer over maxResponseBytes", { maxResponseBytes: 10 }, 200, ResponseTooLargeError],
  ])("scrubs a token written escaped in the headers of %s", async (_what, options, status, kind) => {
    server.handle((req, res) =>
      reply(res, status, seed, { ...HTML, ...escapings(req.headers["x-auth-token"] as string) }),
    );
    const error = await client({ auth: { getToken: async () => ODD }, ...options })
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(kind);
    expect(server.requests[0]?.headers["x-percent"]).toBeUndefined();
    for (const [name, value] of Object.entries(escapings(ODD))) {
      expect(error.headers[name]).toBe("[redacted]");
      expect(printed(error)).not.toContain(value);
    }
  });

  it("scrubs a header whose name a server made of the token", async () => {
    server.handle((req, res) =>
      reply(res, 404, seed, { ...HTML, [`x-echo-${req.headers["x-auth-token"]}`]: "1" }),
    );
    const error = await client()
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(Object.keys(error.headers)).toContain("x-echo-[redacted]");
    expect(printed(error)).not.toContain(TOKEN);
  });

  it.each([
    ["with a Content-Length", false],
    ["chunked", true],
  ])(
    "raw: a success body that is not JSON, %s, is a DecodeError that quotes none of the token",
    async (_what, chunked) => {
      const SHORT = "sh0rt-tok";
      server.handle((req, res) => {
        const body = String(req.headers["x-auth-token"]);
        if (!chunked) return reply(res, 200, body, { "content-type": "application/json" });
        res.writeHead(200, { "content-type": "application/json" });
        res.write(body);
        res.end();
      });
      const error = await client({ auth: { getToken: async () => SHORT } })
        .raw.GET("/v2/{tenant_id}/backup", { params: { path: { tenant_id: TENANT } } })
        .catch((e) => e);
      expect(error).toBeInstanceOf(DecodeError);
      expect(error.message).toMatch(
        /^Expected JSON from GET http:\/\/127\.0\.0\.1:\d+\/v2\/\S+\/backup .*invalid JSON/,
      );
      expect(error.status).toBe(200);
      expect(printed(error)).not.toContain(SHORT);
    },
  );

  const ISSUED = "issued-token-0123456789abcdef";
  it.each([
    [
      "a login answer that is not JSON",
      {},
      `{"access":{"token":{"id":"${ISSUED}","expires":"2099-01-01T00:00:00Z"},}}`,
    ],
    ["a login answer too large, with the token in a header", { maxResponseBytes: 1000 }, null],
    [
      "a login answer that breaks the contract",
      { validate: true as const },
      { access: { token: { id: ISSUED, expires: 5 } } },
    ],
  ])("quotes no part of %s, which holds a token not yet known", async (_what, options, body) => {
    server.handle((req, res) => {
      if (req.url !== "/v2.0/tokens") return reply(res, 200, seed, HTML);
      if (body === null) {
        return reply(
          res,
          200,
          { access: { token: { id: ISSUED } }, pad: "x".repeat(5000) },
          {
            "content-type": "application/json",
            "x-subject-token": ISSUED,
            "x-openstack-request-id": ISSUED,
          },
        );
      }
      return reply(res, 200, body, { "content-type": "application/json", "x-openstack-request-id": ISSUED });
    });
    const error = await client({ auth: { username: "api-user", password: "s3cret-password" }, ...options })
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(DecodeError);
    expect(error.message).toMatch(/answered the login with 200, but not in a form that could be used/);
    expect(printed(error)).not.toContain(ISSUED);
  });
});

describe("tokens a header cannot carry", () => {
  it("refuses a given token with a line break inside, naming it, without quoting it", () => {
    expect(() => client({ auth: { token: "tok-0123\n4567" } })).toThrow(
      /^createZcomClient: auth\.token holds a character a header cannot carry$/,
    );
    // Around it, white space is no harm: the header carries the token without it.
    expect(() => client({ auth: { token: "tok-01234567\r\n" } })).not.toThrow();
  });

  it("refuses one from a provider, or from the identity service, before sending it", async () => {
    const provided = await client({ auth: { getToken: async () => "tok-0123\n4567" } })
      .listBackups()
      .catch((e) => e);
    expect(provided).toBeInstanceOf(ConfigurationError);
    expect(provided.message).toMatch(
      /auth\.getToken\(\) returned a token with a character a header cannot carry/,
    );
    server.handle((_req, res) => reply(res, 200, { access: { token: { id: "tok-0123\n4567" } } }));
    const issued = await client({ auth: { username: "api-user", password: "s3cret-password" } })
      .listBackups()
      .catch((e) => e);
    expect(issued).toBeInstanceOf(DecodeError);
    expect(issued.message).toMatch(/answered without a usable access\.token\.id/);
    expect(server.requests.map((r) => r.url)).toEqual(["/v2.0/tokens"]);
  });
});

describe("failures of the token source", () => {
  it.each([
    ["rejects with a TypeError", () => Promise.reject(new TypeError("vault unreachable"))],
    [
      "throws at once",
      () => {
        throw new RangeError("vault unreachable");
      },
    ],
    ["rejects with a string", () => Promise.reject("vault unreachable")],
  ])(
    "a provider that %s fails the call with a BackupKitError that keeps the cause",
    async (_what, getToken) => {
      const error = await client({ auth: { getToken: getToken as never } })
        .listBackups()
        .catch((e) => e);
      expect(error).toBeInstanceOf(BackupKitError);
      expect(error.message).toBe("createZcomClient: auth.getToken() failed: vault unreachable");
      expect(error.cause).toBeDefined();
      expect(server.requests).toHaveLength(0);
    },
  );

  it("a freshly issued token refused too is a 401 with the service's answer as its cause", async () => {
    server.handle((req, res) =>
      req.url === "/v2.0/tokens"
        ? reply(res, 200, { access: { token: { id: "token-x", expires: "2099-01-01T00:00:00Z" } } })
        : reply(res, 401, { unauthorized: { message: "token refused", code: 401 } }),
    );
    const error = await client({ auth: { username: "api-user", password: "s3cret-password" } })
      .listBackups()
      .catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.status).toBe(401);
    expect(error.cause).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/refused a freshly issued token/);
  });

  it("a failed login shared by several calls names the login, whichever method each caller used", async () => {
    server.handle((_req, res) =>
      reply(res, 401, { error: { message: "Invalid user / password", code: 401 } }),
    );
    const zcom = client({ auth: { username: "api-user", password: "wrong" } });
    const [listing, restoring] = await Promise.all([
      zcom.listBackups().catch((e) => e),
      zcom.restoreBackup("b1", "run1").catch((e) => e),
    ]);
    expect(listing).toBeInstanceOf(AuthenticationError);
    expect([listing.operation, restoring.operation]).toEqual(["issueToken", "issueToken"]);
  });
});

describe("arguments and configuration", () => {
  it.each([
    ["getBackup", (z: ReturnType<typeof client>) => z.getBackup("../tokens")],
    ["getBackup", (z: ReturnType<typeof client>) => z.getBackup("")],
    ["cancelBackup", (z: ReturnType<typeof client>) => z.cancelBackup("a/b")],
    ["restoreBackup", (z: ReturnType<typeof client>) => z.restoreBackup("b", "run\n1")],
    ["enableBackup", (z: ReturnType<typeof client>) => z.enableBackup(42 as unknown as string)],
    [
      "createImageFromBackup",
      (z: ReturnType<typeof client>) => z.createImageFromBackup("b", "r", "bad name!"),
    ],
    ["listBackups", (z: ReturnType<typeof client>) => z.listBackups({ timeoutMs: -1 })],
  ])("%s rejects a bad argument before any request", async (operation, call) => {
    const error = await call(client()).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toContain(operation);
    expect(server.requests).toHaveLength(0);
  });

  it.each([
    [{ tenantId: "" }, /tenantId must be your tenant/],
    [{ tenantId: "../x" }, /tenantId must be your tenant/],
    [{ baseUrl: "not a url" }, /baseUrl is not a valid URL/],
    [{ baseUrl: "ftp://x.test" }, /must use http or https/],
    [{ baseUrl: "https://user:pw@x.test" }, /must not contain credentials/],
    [{ auth: undefined }, /auth is required/],
    [{ auth: { token: "" } }, /auth.token must be a non-empty string/],
    [{ auth: { username: "u" } }, /auth.password must be a non-empty string/],
    [{ auth: {} }, /auth needs one of/],
    [{ region: "tokyo" }, /region must look like/],
    [{ timeoutMs: 0 }, /timeoutMs must be a number >= 1/],
    [{ validate: "yes" }, /validate must be true, false or "warn"/],
  ])("refuses configuration %j", (options, message) => {
    expect(() => client(options as Partial<ZcomClientOptions>)).toThrow(ConfigurationError);
    expect(() => client(options as Partial<ZcomClientOptions>)).toThrow(message);
  });

  it("defaults to the Z.com endpoints of the region, and derives identity from a compute host", () => {
    expect(createZcomClient({ tenantId: TENANT, auth: { token: TOKEN } }).baseUrl).toBe(
      "https://compute.tyo1.cloud.z.com",
    );
    expect(createZcomClient({ tenantId: TENANT, region: "sin1", auth: { token: TOKEN } }).baseUrl).toBe(
      "https://compute.sin1.cloud.z.com",
    );
  });

  it.each([
    ["https://compute.tyo1.conoha.io", undefined, "https://identity.tyo1.conoha.io/v2.0/tokens"],
    [undefined, undefined, "https://identity.sjc1.cloud.z.com/v2.0/tokens"],
    ["http://127.0.0.1:4010", undefined, "http://127.0.0.1:4010/v2.0/tokens"],
    ["https://compute.tyo1.conoha.io", "https://id.example.test", "https://id.example.test/v2.0/tokens"],
  ])("with baseUrl %s and identityUrl %s logs in at %s", async (baseUrl, identityUrl, expected) => {
    const seen: string[] = [];
    const fetch = async (input: string | URL | Request) => {
      seen.push(String(input));
      return String(input).endsWith("/v2.0/tokens")
        ? Response.json({ access: { token: { id: "t-123456", expires: "2099-01-01T00:00:00Z" } } })
        : new Response(seed, { headers: HTML });
    };
    const zcom = createZcomClient({
      tenantId: TENANT,
      region: "sjc1",
      baseUrl,
      identityUrl,
      auth: { username: "u", password: "p4ssword" },
      fetch: fetch as typeof globalThis.fetch,
    });
    await zcom.listBackups();
    expect(seen[0]).toBe(expected);
    expect(seen[1]).toBe(`${zcom.baseUrl}/v2/${TENANT}/backup`);
  });

  it("keeps VERSION equal to package.json", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(VERSION).toBe(pkg.version);
  });
});

describe("generated code", () => {
  it("has a validator compiled at build time for every JSON success body in the operation table", () => {
    const { expected, missing } = validatorCoverage(table.operations, validators);
    expect(expected.length).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });

  it("checks date-time values by their RFC 3339 shape (ajv-formats' fast check)", () => {
    const list = (created_at: string) => ({
      backup: [
        {
          instance_id: "i",
          id: "b",
          backupruns: [{ status: "available", created_at, backuprun_id: "r", type: "instance" }],
        },
      ],
    });
    for (const good of ["2026-01-01T00:00:00Z", "2015-02-11T08:00:45.5+09:00", "2026-02-31T00:00:00z"]) {
      expect(validators.listBackups_200(list(good)), good).toBe(true);
    }
    for (const bad of ["yesterday", "2015-02-11 08:00:45Z", "2015-02-11T08:00:45", "2015-02-11"]) {
      expect(validators.listBackups_200(list(bad)), bad).toBe(false);
    }
  });
});

describe("error messages", () => {
  it.each([
    [{ badRequest: { message: "Invalid input", code: 400 } }, "Invalid input"],
    [
      { error: { message: "The request you have made requires authentication.", code: 401 } },
      "The request you have made requires authentication.",
    ],
    ["upstream down", "upstream down"],
    [{ unrelated: 1 }, undefined],
    [{ odd: { message: { toString: 1 } } }, '{"toString":1}'],
    [undefined, undefined],
  ])("reads %j", (body, expected) => {
    expect(errorMessage(body, { isRecord, textOf })).toBe(expected);
  });
});

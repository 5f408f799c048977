/**
 * The fault corpus: every way we know for a server to answer badly, each as a case the fault
 * server plays to every list and get operation of both clients (OnApp in JSON and in XML).
 * Cases that echo credentials plant them in bodies, header values, header names' neighbours
 * and status texts, so the secret search has something to find if redaction misses a path.
 */
import type { ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { goodBody } from "./bodies.js";
import type { ClientName } from "./clients.js";
import { errors } from "./clients.js";
import type { FaultCase } from "./run.js";
import {
  ISSUED_TOKEN,
  ONAPP_AUTHORIZATION,
  ONAPP_BASIC,
  ONAPP_PASSWORD,
  plantedText,
  ZCOM_PASSWORD,
  ZCOM_TOKEN,
} from "./secrets.js";
import { type FaultHandler, type FaultRequest, serveGood } from "./server.js";

const {
  APIError,
  AuthenticationError,
  ConnectionError,
  ContractError,
  DecodeError,
  RateLimitError,
  RedirectRefusedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
} = errors;

type Headers = Record<string, string | string[]>;

function send(res: ServerResponse, status: number, body: string | Buffer = "", headers: Headers = {}): void {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  res.writeHead(status, { "content-length": bytes.byteLength, ...headers });
  res.end(bytes);
}

/** Without Content-Length: the body streams as chunks of unknown total size. */
function sendChunked(
  res: ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Headers = {},
): void {
  res.writeHead(status, headers);
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  for (let at = 0; at < bytes.byteLength; at += 64 * 1024) res.write(bytes.subarray(at, at + 64 * 1024));
  res.end();
}

const formatOf = (req: FaultRequest) => req.route?.format ?? "json";
const typeOf = (req: FaultRequest) => (formatOf(req) === "xml" ? "application/xml" : "application/json");
const good = (req: FaultRequest) => (req.route ? goodBody(req.route) : "{}");

/** Lets Z.com's login through, so the fault hits the operation itself. */
function atOperations(handler: FaultHandler): FaultHandler {
  return (req, res) => (req.route?.operation === "login" ? serveGood(req, res) : handler(req, res));
}

/** Holds the response open until the client goes away. */
function stallUntilClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => res.on("close", () => resolve()));
}

// ---------------------------------------------------------------------------------------------
// Bodies

const DEEP = 100_000;
const deepArrays = `${"[".repeat(DEEP)}${"]".repeat(DEEP)}`;
const deepObjects = `${'{"a":'.repeat(DEEP)}1${"}".repeat(DEEP)}`;
const deepXml = `${"<e>".repeat(DEEP)}x${"</e>".repeat(DEEP)}`;

/** HTML error pages a proxy might send, including 0.7 MB ones of shapes that hurt naive scanners. */
const HUGE = 700 * 1024;
const HTML_PAGES: Record<string, string> = {
  "nginx 502":
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n",
  "doctype, title with secrets": `<!DOCTYPE html><html><head><title>Error ${plantedText()}</title></head><body>${plantedText()}</body></html>`,
  "0.7 MB, title at the end": `<!doctype html><html><head>${" ".repeat(HUGE)}<title>late</title></head></html>`,
  "0.7 MB of unclosed <title": `<html>${"<title".repeat(HUGE / 6)}`,
  "0.7 MB title never closed": `<html><head><title>${"x".repeat(HUGE)}`,
  "0.7 MB of < and whitespace": `<html>${"< \n".repeat(HUGE / 3)}</html>`,
  "0.7 MB of nested tags": `<html>${"<div>".repeat(HUGE / 10)}${"</div>".repeat(HUGE / 10)}</html>`,
  "control characters in title":
    "<html><head><title>\u001b[2J\u001b]0;owned\u0007bad\u0000gateway</title></head></html>",
};

/** A vendor's own error body for the request's API and format. */
function vendorError(req: FaultRequest, status: number): { body: string; type: string } {
  if (req.route?.vendor === "zcom") {
    const body =
      status === 401
        ? {
            error: {
              message: "The request you have made requires authentication.",
              code: 401,
              title: "Unauthorized",
            },
          }
        : { itemNotFound: { message: `Fault ${status} from the fault server`, code: status } };
    return { body: JSON.stringify(body), type: "application/json" };
  }
  if (formatOf(req) === "xml") {
    return {
      body: `<?xml version="1.0" encoding="UTF-8"?>\n<errors>\n  <error>Fault ${status}</error>\n  <error>Second line</error>\n</errors>\n`,
      type: "application/xml; charset=utf-8",
    };
  }
  const body =
    status === 422
      ? { errors: { base: ["Invalid"], label: ["can't be blank"] } }
      : { errors: [`Fault ${status}`] };
  return { body: JSON.stringify(body), type: "application/json; charset=utf-8" };
}

/** Error bodies built to break whoever reads them. */
function hostileErrorBodies(): Record<string, { body: string | Buffer; type: string }> {
  const json = (value: unknown) => ({ body: JSON.stringify(value), type: "application/json" });
  const planted = plantedText();
  const many = Array.from({ length: 50_000 }, (_, i) => `error ${i}`);
  return {
    "toString keys": {
      body: '{"toString":1,"valueOf":2,"message":{"toString":1},"errors":{"toString":1}}',
      type: "application/json",
    },
    "toString in error list": {
      body: '{"errors":[{"toString":1},{"valueOf":"x"},null,[1]]}',
      type: "application/json",
    },
    "toString in error fields": {
      body: '{"errors":{"toString":1,"base":[{"toString":1}],"hasOwnProperty":2}}',
      type: "application/json",
    },
    "fault whose message is an object": {
      body: '{"itemNotFound":{"message":{"toString":1},"code":{"valueOf":1}}}',
      type: "application/json",
    },
    "prototype keys": {
      body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"errors":["x"],"error":{"__proto__":{"polluted":true}}}',
      type: "application/json",
    },
    "arrays nested 100k deep": { body: deepArrays, type: "application/json" },
    "objects nested 100k deep": { body: deepObjects, type: "application/json" },
    "error list nested 100k deep": { body: `{"errors":${deepArrays}}`, type: "application/json" },
    "fault message nested 100k deep": {
      body: `{"badRequest":{"message":${deepObjects}}}`,
      type: "application/json",
    },
    "XML nested 100k deep": { body: deepXml, type: "application/xml" },
    "2 MB message": json({
      errors: ["a".repeat(2 * 1024 * 1024)],
      error: { message: "b".repeat(1024 * 1024) },
    }),
    "50k error entries": json({ errors: many }),
    "secrets echoed everywhere": json({
      errors: [planted, { [ZCOM_TOKEN]: planted }],
      error: { message: planted, title: planted, code: planted },
      itemNotFound: { message: planted },
      [ISSUED_TOKEN]: planted,
      [ONAPP_BASIC]: [planted],
    }),
    "secrets in malformed JSON": {
      body: `{"errors": ["${planted}", ${ONAPP_AUTHORIZATION}`,
      type: "application/json",
    },
    "secrets in XML": {
      body: `<?xml version="1.0"?><errors><error>${planted}</error><error><![CDATA[${planted}]]></error></errors>`,
      type: "application/xml",
    },
    "secrets in plain text": { body: planted, type: "text/plain" },
    "XML entity expansion": {
      body: `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]><errors><error>&e;&e;&e;&e;</error></errors>`,
      type: "application/xml",
    },
    "terminal escapes": {
      body: '{"errors":["\\u001b[2J\\u001b]0;owned\\u0007 \\u0000 bad"]}',
      type: "application/json",
    },
    "binary garbage": {
      body: Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73) % 256)),
      type: "application/octet-stream",
    },
    "not UTF-8": {
      body: Buffer.from([0x7b, 0x22, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
      type: "application/json",
    },
  };
}

/** Response headers that echo what the client sent, under names nobody marks as secret. */
function echoHeaders(req: FaultRequest): Headers {
  const token = String(req.headers["x-auth-token"] ?? "");
  const authorization = String(req.headers.authorization ?? "");
  return {
    "x-echo-token": token || ZCOM_TOKEN,
    "x-echo-authorization": authorization || ONAPP_AUTHORIZATION,
    "x-debug": plantedText(),
    "x-request-id": `req-${token}${authorization}`,
    "x-openstack-request-id": plantedText(),
    "set-cookie": [`session=${ZCOM_TOKEN}`, `basic=${ONAPP_BASIC}`],
    "www-authenticate": `Basic realm="${ONAPP_BASIC}"`,
    warning: `199 - "${ISSUED_TOKEN}"`,
  };
}

// ---------------------------------------------------------------------------------------------
// Cases

const ONLY_JSON: readonly ClientName[] = ["zcom-token", "zcom-password", "onapp-json"];
const ONLY_XML: readonly ClientName[] = ["onapp-xml"];
const ONLY_LOGIN: readonly ClientName[] = ["zcom-password"];

function successCases(): FaultCase[] {
  const cases: FaultCase[] = [];
  for (const [name, page] of Object.entries(HTML_PAGES)) {
    cases.push({
      name: `200 with HTML page (${name})`,
      handler: atOperations((_req, res) => send(res, 200, page, { "content-type": "text/html" })),
      expect: DecodeError,
    });
  }
  const empty: Record<string, FaultHandler> = {
    "empty, Content-Length 0": (_req, res) => send(res, 200, ""),
    "empty, chunked": (_req, res) => sendChunked(res, 200, ""),
    "white space only": (_req, res) => send(res, 200, " \r\n\t "),
    "204 No Content": (_req, res) => res.writeHead(204).end(),
  };
  for (const [name, handler] of Object.entries(empty)) {
    cases.push({ name: `2xx ${name}`, handler: atOperations(handler), expect: DecodeError });
  }
  const cuts: Record<string, (body: string) => string> = {
    "first byte only": (body) => body.slice(0, 1),
    half: (body) => body.slice(0, body.length >> 1),
    "last 12 bytes missing": (body) => body.trimEnd().slice(0, -12),
  };
  for (const [name, cut] of Object.entries(cuts)) {
    cases.push({
      name: `truncated body (${name})`,
      handler: atOperations((req, res) => send(res, 200, cut(good(req)), { "content-type": typeOf(req) })),
      expect: DecodeError,
    });
  }
  cases.push({
    name: "body shorter than its Content-Length, then the connection ends",
    handler: atOperations((req, res) => {
      const body = Buffer.from(good(req));
      res.writeHead(200, { "content-length": body.byteLength + 5000, "content-type": typeOf(req) });
      res.write(body, () => req.socket.end());
    }),
    expect: ConnectionError,
  });
  cases.push({
    name: "102 Processing, then the body",
    handler: atOperations((req, res) => {
      res.writeProcessing();
      serveGood(req, res);
    }),
    expect: "data",
  });
  cases.push({
    name: "206 with the whole body",
    handler: atOperations((req, res) => send(res, 206, good(req), { "content-type": typeOf(req) })),
  });
  cases.push({
    name: "HTTP/1.0 style: no length, the close ends the body",
    handler: atOperations((req, res) => {
      res.writeHead(200, { connection: "close", "content-type": typeOf(req) });
      res.end(good(req));
    }),
    expect: "data",
  });
  cases.push({
    name: "prototype keys inside records",
    handler: atOperations((req, res) => {
      const body = good(req)
        .replace(
          /"id":/g,
          '"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},"id":',
        )
        .replace(/<id /g, "<__proto__>x</__proto__><id ");
      send(res, 200, body, { "content-type": typeOf(req) });
    }),
  });
  return cases;
}

/** 2xx bodies of the wrong shape, with validation off and on. */
function wrongShapeCases(): FaultCase[] {
  const jsonShapes: Record<string, string> = {
    null: "null",
    "{}": "{}",
    "[]": "[]",
    "a string": '"backup"',
    "a number": "42",
    true: "true",
    "2^53 + 1": "9007199254740993",
    "1e400": "1e400",
    "backup: null": '{"backup":null}',
    "backup: a string": '{"backup":"x"}',
    "backup: {}": '{"backup":{}}',
    "backup: [null]": '{"backup":[null]}',
    "backup: [1]": '{"backup":[1,"x"]}',
    "[null]": "[null]",
    "[{backup: null}]": '[{"backup":null},{"virtual_machine":null}]',
    "[{backup: []}]": '[{"backup":[]},{"virtual_machine":[]}]',
    "[1, 2]": "[1,2]",
    "ids past 2^53": '{"backup":[{"id":9007199254740993,"instance_id":"x","backupruns":[]}]}',
    "ids past 2^53 (OnApp)":
      '[{"backup":{"id":9007199254740993,"target_id":18014398509481985}},{"virtual_machine":{"id":9007199254740993}}]',
    "1e400 sizes": '[{"backup":{"id":1,"backup_size":1e400}},{"virtual_machine":{"id":1e400}}]',
    "1e400 in Z.com": '{"backup":[{"id":1e400,"backupruns":1e400}]}',
    "secrets as keys and values": JSON.stringify({
      [ONAPP_BASIC]: ONAPP_PASSWORD,
      [ZCOM_TOKEN]: [ISSUED_TOKEN],
      [ONAPP_PASSWORD]: { [ZCOM_PASSWORD]: 1 },
      [ZCOM_PASSWORD]: null,
      [ISSUED_TOKEN]: 1,
    }),
    "list of records keyed by secrets": JSON.stringify([{ [ONAPP_BASIC]: {} }, { [ZCOM_TOKEN]: {} }]),
    "record nested 100k deep": `{"backup":${deepArrays}}`,
    "list nested 100k deep": `[{"backup":${deepObjects}}]`,
  };
  const xmlShapes: Record<string, string> = {
    "nil-classes": '<?xml version="1.0" encoding="UTF-8"?><nil-classes type="array"/>',
    "empty list": '<?xml version="1.0"?><backups type="array"></backups>',
    "a lone backup": '<backup><id type="integer">1</id></backup>',
    "an empty hash": "<hash></hash>",
    "nil backup": '<backups type="array"><backup nil="true"/></backups>',
    "unknown children": '<virtual_machines type="array"><foo>1</foo><bar/></virtual_machines>',
    "ids past 2^53":
      '<backups type="array"><backup><id type="integer">9007199254740993</id></backup></backups>',
    "1e400": '<backup><id type="integer">1e400</id><backup_size type="float">1e400</backup_size></backup>',
    "bad typed values":
      '<backup><id type="integer">abc</id><built type="boolean">maybe</built><built_at type="datetime">never</built_at></backup>',
    "JSON instead of XML": '[{"backup":{"id":1}}]',
    "the word null": "null",
    "elements nested 100k deep": deepXml,
  };
  const cases: FaultCase[] = [];
  for (const validate of [false, true, "warn"] as const) {
    for (const [name, body] of Object.entries(jsonShapes)) {
      cases.push({
        name: `wrong shape ${name} (validate ${validate})`,
        clients: ONLY_JSON,
        settings: { validate },
        // Deep bodies cost a parse of 100k levels per call; one operation per client shows the point.
        scope: /deep/.test(name) ? "sample" : "every",
        handler: atOperations((_req, res) => send(res, 200, body, { "content-type": "application/json" })),
        expect: ["data", DecodeError, ContractError],
      });
    }
    for (const [name, body] of Object.entries(xmlShapes)) {
      cases.push({
        name: `wrong XML shape ${name} (validate ${validate})`,
        clients: ONLY_XML,
        settings: { validate },
        scope: /deep/.test(name) ? "sample" : "every",
        handler: (_req, res) => send(res, 200, body, { "content-type": "application/xml" }),
        expect: ["data", DecodeError, ContractError],
      });
    }
  }
  return cases;
}

/** Every 4xx and 5xx status, each with a different kind of body; the common ones with every kind. */
function statusCases(): FaultCase[] {
  const hostile = hostileErrorBodies();
  type Kind = (req: FaultRequest, status: number, res: ServerResponse) => void;
  const kinds: Record<string, Kind> = {
    vendor: (req, status, res) => {
      const { body, type } = vendorError(req, status);
      send(res, status, body, { "content-type": type });
    },
    empty: (_req, status, res) => send(res, status, ""),
    "empty chunked": (_req, status, res) =>
      sendChunked(res, status, "", { "content-type": "application/json" }),
    "HTML page": (_req, status, res) =>
      send(res, status, HTML_PAGES["nginx 502"] as string, { "content-type": "text/html" }),
    "secret status text and headers": (req, status, res) => {
      res.writeHead(status, `Failed ${ZCOM_TOKEN} ${ONAPP_BASIC}`, {
        ...echoHeaders(req),
        "content-length": 0,
      });
      res.end();
    },
  };
  for (const [name, { body, type }] of Object.entries(hostile)) {
    kinds[`hostile: ${name}`] = (req, status, res) =>
      send(res, status, body, { "content-type": type, ...echoHeaders(req) });
  }
  for (const [name, page] of Object.entries(HTML_PAGES)) {
    kinds[`HTML: ${name}`] = (_req, status, res) =>
      send(res, status, page, { "content-type": "text/html; charset=utf-8" });
  }
  // Bodies that cost real CPU to read (deep nesting, megabytes) are played once as a 4xx and
  // once as a 5xx; the cheap ones are played to every status and to the common ones in full.
  const heavy = (kind: string) => /nested|MB|entries|0\.7 MB|expansion/.test(kind);
  const light = Object.keys(kinds).filter((kind) => !heavy(kind));
  const cases: FaultCase[] = [];
  const add = (status: number, kind: string, scope: FaultCase["scope"]) =>
    cases.push({
      name: `${status} with ${kind} body`,
      handler: atOperations((req, res) => (kinds[kind] as Kind)(req, status, res)),
      expect: errorClassFor(status),
      scope,
    });
  for (const [i, kind] of Object.keys(kinds).filter(heavy).entries()) add(i % 2 ? 502 : 404, kind, "sample");
  for (let status = 400; status <= 599; status++)
    add(status, light[status % light.length] as string, "sample");
  for (const status of [400, 401, 403, 404, 422, 429, 500, 503]) {
    const scope = status === 404 || status === 500 ? "every" : "sample";
    for (const kind of light)
      if (scope === "every" || light[status % light.length] !== kind) add(status, kind, scope);
  }
  return cases;
}

function errorClassFor(status: number): FaultCase["expect"] {
  const known: Record<number, typeof APIError> = {
    401: AuthenticationError,
    429: RateLimitError,
  };
  return known[status] ?? (status >= 500 ? ServerError : APIError);
}

/** `Retry-After` in every form; the first answer asks for a retry, the second is the body. */
function retryAfterCases(): FaultCase[] {
  const forms: Record<string, Headers> = {
    "0 seconds": { "retry-after": "0" },
    "1 second": { "retry-after": "1" },
    negative: { "retry-after": "-1" },
    fraction: { "retry-after": "0.05" },
    "1e400": { "retry-after": "1e400" },
    NaN: { "retry-after": "NaN" },
    empty: { "retry-after": "" },
    garbage: { "retry-after": "soon, please" },
    "two values": { "retry-after": ["0", "1"] },
    "date in the past": { "retry-after": "Wed, 21 Oct 2015 07:28:00 GMT" },
    "date a second ahead": { "retry-after": new Date(Date.now() + 1000).toUTCString() },
    "date in year 9999 (capped)": { "retry-after": "Fri, 31 Dec 9999 23:59:59 GMT" },
    "a day (capped)": { "retry-after": "86400" },
    "20 digits (capped)": { "retry-after": "99999999999999999999" },
    "retry-after-ms": { "retry-after-ms": "20" },
    "negative retry-after-ms": { "retry-after-ms": "-5", "retry-after": "0" },
    "garbage retry-after-ms": { "retry-after-ms": "x", "retry-after": "0" },
  };
  const cases: FaultCase[] = [];
  for (const [name, headers] of Object.entries(forms)) {
    for (const status of /second|day|date a/.test(name) ? [429, 503] : [429]) {
      cases.push({
        name: `${status} Retry-After ${name}, then the body`,
        settings: { maxRetries: 1 },
        handler: atOperations((req, res) =>
          req.count === 1
            ? send(res, status, "", { ...headers, "content-type": "text/plain" })
            : serveGood(req, res),
        ),
        expect: "data",
      });
    }
  }
  cases.push({
    name: "429 Retry-After 0 every time",
    settings: { maxRetries: 2 },
    handler: atOperations((_req, res) => send(res, 429, "", { "retry-after": "0" })),
    expect: RateLimitError,
  });
  return cases;
}

/** Servers that stop talking: before the headers, inside the body, or one byte at a time. */
function stallCases(): FaultCase[] {
  const timeoutMs = 500;
  const stalls: Record<string, FaultHandler> = {
    "no headers": (_req, res) => stallUntilClosed(res),
    "headers, then nothing": (req, res) => {
      res.writeHead(200, { "content-length": 1000, "content-type": typeOf(req) });
      res.flushHeaders();
      return stallUntilClosed(res);
    },
    "half the body, then nothing": (req, res) => {
      const body = good(req);
      res.writeHead(200, { "content-length": Buffer.byteLength(body), "content-type": typeOf(req) });
      res.write(body.slice(0, body.length >> 1));
      return stallUntilClosed(res);
    },
    "a byte every 50 ms, forever": (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("[");
      const timer = setInterval(() => res.write(" "), 50);
      return stallUntilClosed(res).finally(() => clearInterval(timer));
    },
    "500 headers, then nothing": (_req, res) => {
      res.writeHead(500, { "content-length": 100, "content-type": "application/json" });
      res.flushHeaders();
      return stallUntilClosed(res);
    },
  };
  const cases: FaultCase[] = [];
  for (const [name, handler] of Object.entries(stalls)) {
    cases.push({
      name: `stall: ${name}`,
      settings: { timeoutMs },
      handler: atOperations(handler),
      expect: TimeoutError,
    });
  }
  cases.push({
    name: "stall: no headers, twice (one retry)",
    settings: { timeoutMs, maxRetries: 1 },
    handler: atOperations((_req, res) => stallUntilClosed(res)),
    expect: TimeoutError,
  });
  cases.push({
    name: "stall: no headers once, then the body",
    // The first attempt waits out the whole timeout; the retry's real answer needs room on a
    // loaded 2-core machine (2 s was too little with both cores busy), so the case costs 20 s.
    settings: { timeoutMs: 20_000, maxRetries: 1 },
    handler: atOperations((req, res) => (req.count === 1 ? stallUntilClosed(res) : serveGood(req, res))),
    expect: "data",
  });
  return cases;
}

/** Connections that break: at once, with a TCP reset, mid-headers, mid-body, or speaking nonsense. */
function resetCases(): FaultCase[] {
  const raw =
    (text: string): FaultHandler =>
    (req) => {
      req.socket.end(text);
    };
  const resets: Record<string, FaultHandler> = {
    "socket destroyed at once": (req) => req.socket.destroy(),
    "TCP reset": (req) => req.socket.resetAndDestroy(),
    "reset after the headers": (req, res) => {
      res.writeHead(200, { "content-length": 1000 });
      res.flushHeaders();
      setTimeout(() => req.socket.resetAndDestroy(), 10);
    },
    "reset mid-body": (req, res) => {
      const body = good(req);
      res.writeHead(200, { "content-length": Buffer.byteLength(body) });
      res.write(body.slice(0, 50), () => req.socket.resetAndDestroy());
    },
    "not HTTP at all": raw("HELLO THERE\r\n\r\n"),
    "bad Content-Length": raw("HTTP/1.1 200 OK\r\nContent-Length: abc\r\n\r\n[]"),
    "Content-Length and chunked together": raw(
      "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n[]\r\n0\r\n\r\n",
    ),
    "broken chunk sizes": raw("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n[]\r\n0\r\n\r\n"),
    "status line only": raw("HTTP/1.1 200 OK\r\n"),
    "NUL in a header": raw("HTTP/1.1 200 OK\r\nX-A: a\u0000b\r\nContent-Length: 2\r\n\r\n[]"),
  };
  const cases: FaultCase[] = [];
  for (const [name, handler] of Object.entries(resets)) {
    cases.push({
      name: `reset: ${name}`,
      handler: atOperations(handler),
      expect: [ConnectionError, DecodeError],
    });
  }
  cases.push({
    name: "reset once, then the body (one retry)",
    settings: { maxRetries: 1 },
    handler: atOperations((req, res) =>
      req.count === 1 ? req.socket.resetAndDestroy() : serveGood(req, res),
    ),
    expect: "data",
  });
  return cases;
}

/** Redirects that must be refused (bad URLs, other origins, loops) and ones that may be followed. */
function redirectCases(origin: () => string): FaultCase[] {
  const other = () => origin().replace("127.0.0.1", "127.0.0.2");
  const locations: Record<string, (req: FaultRequest) => string> = {
    "not a URL (unclosed IPv6)": () => "http://[::1",
    "space in the host": () => "http://exa mple.com/",
    "bad port": () => "http://127.0.0.1:99999/",
    "another host": (req) => `${other()}${req.target}`,
    "scheme-relative other host": () => "//evil.example/steal",
    "https on the same host": (req) => `${origin().replace("http:", "https:")}${req.target}`,
    "javascript:": () => "javascript:alert(1)",
    "data:": () => "data:application/json,[]",
    "file:": () => "file:///etc/passwd",
    "user info with a secret": (req) => `${origin().replace("//", `//user:${ZCOM_TOKEN}@`)}${req.target}`,
    "other host with secrets in the query": () =>
      `http://evil.example/?token=${ZCOM_TOKEN}&basic=${ONAPP_BASIC}`,
    "100 kB URL": () => `http://evil.example/${"a".repeat(100_000)}`,
  };
  const cases: FaultCase[] = [];
  for (const [name, location] of Object.entries(locations)) {
    cases.push({
      name: `redirect to ${name}`,
      handler: atOperations((req, res) => send(res, 302, "", { location: location(req) })),
      expect: [RedirectRefusedError, ConnectionError],
    });
  }
  cases.push({
    name: "redirect to itself (a loop)",
    handler: atOperations((req, res) => send(res, 301, "", { location: req.target })),
    expect: RedirectRefusedError,
  });
  cases.push({
    name: "empty Location (a loop)",
    handler: atOperations((_req, res) => send(res, 307, "", { location: "" })),
    expect: RedirectRefusedError,
  });
  cases.push({
    name: "redirect ping-pong",
    handler: atOperations((req, res) =>
      send(res, 302, "", { location: req.path.endsWith("?a") ? "?b" : "?a" }),
    ),
    expect: RedirectRefusedError,
  });
  cases.push({
    name: "3xx without Location",
    handler: atOperations((_req, res) => send(res, 302, "moved somewhere")),
    expect: APIError,
  });
  cases.push({
    name: "same-origin redirect, then the body",
    handler: atOperations((req, res) =>
      req.path.includes("moved=1")
        ? serveGood(req, res)
        : send(res, 307, "", { location: `${req.target}${req.target.includes("?") ? "&" : "?"}moved=1` }),
    ),
    expect: "data",
  });
  return cases;
}

/** Bodies whose encoding is not what the headers say. */
function encodingCases(): FaultCase[] {
  const cases: FaultCase[] = [];
  const declared = (encoding: string): FaultCase => ({
    name: `Content-Encoding ${encoding} declared, not sent`,
    handler: atOperations((req, res) =>
      send(res, 200, good(req), { "content-encoding": encoding, "content-type": typeOf(req) }),
    ),
    expect: DecodeError,
  });
  cases.push(declared("gzip"), declared("br"), declared("deflate"), declared("gzip, br"));
  cases.push({
    name: "gzip, sent",
    handler: atOperations((req, res) =>
      send(res, 200, gzipSync(good(req)), { "content-encoding": "gzip", "content-type": typeOf(req) }),
    ),
    expect: "data",
  });
  cases.push({
    name: "gzip, cut in half",
    handler: atOperations((req, res) => {
      const zipped = gzipSync(good(req));
      send(res, 200, zipped.subarray(0, zipped.byteLength >> 1), { "content-encoding": "gzip" });
    }),
    expect: [DecodeError, ConnectionError],
  });
  cases.push({
    name: "unknown Content-Encoding",
    handler: atOperations((req, res) =>
      send(res, 200, good(req), { "content-encoding": "x-snappy", "content-type": typeOf(req) }),
    ),
    expect: ["data", DecodeError],
  });
  // One bomb per route, built on first use: 8 MB of white space after the real body, about 8 kB gzipped.
  const bombs = new Map<string, Buffer>();
  const bomb = (req: FaultRequest) => {
    const key = `${req.route?.operation}.${formatOf(req)}`;
    let zipped = bombs.get(key);
    if (!zipped) {
      zipped = gzipSync(Buffer.concat([Buffer.from(good(req)), Buffer.alloc(8 << 20, 0x20)]));
      bombs.set(key, zipped);
    }
    return zipped;
  };
  for (const withLength of [true, false]) {
    cases.push({
      name: `gzip bomb: 8 MB of white space ${withLength ? "with" : "without"} Content-Length (limit 1 MB)`,
      settings: { maxResponseBytes: 1024 * 1024 },
      handler: atOperations((req, res) => {
        const headers = { "content-encoding": "gzip", "content-type": typeOf(req) };
        if (withLength) send(res, 200, bomb(req), headers);
        else sendChunked(res, 200, bomb(req), headers);
      }),
      expect: ResponseTooLargeError,
    });
  }
  const charsets: Record<
    string,
    { encode: (text: string) => Buffer; charset: string; expect: FaultCase["expect"] }
  > = {
    "UTF-16LE declared, UTF-8 sent": {
      charset: "utf-16le",
      encode: (t) => Buffer.from(t),
      expect: DecodeError,
    },
    "UTF-16LE declared and sent": {
      charset: "utf-16le",
      encode: (t) => Buffer.from(t, "utf16le"),
      expect: "data",
    },
    "UTF-16 with a byte order mark": {
      charset: "utf-16",
      encode: (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
      expect: "data",
    },
    "Latin-1 declared, UTF-8 sent": { charset: "iso-8859-1", encode: (t) => Buffer.from(t), expect: "data" },
    "unknown charset": { charset: "x-klingon", encode: (t) => Buffer.from(t), expect: "data" },
    "quoted charset": { charset: '"UTF-8"', encode: (t) => Buffer.from(t), expect: "data" },
    "charset 10 kB long": { charset: "u".repeat(10_000), encode: (t) => Buffer.from(t), expect: "data" },
    "UTF-8 with a byte order mark": {
      charset: "utf-8",
      encode: (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)]),
      expect: "data",
    },
    "invalid UTF-8 inside strings": {
      charset: "utf-8",
      encode: (t) => Buffer.from(t.replace(/"linux"|"available"/g, '"\u00ff"'), "latin1"),
      expect: "data",
    },
  };
  for (const [name, { encode, charset, expect }] of Object.entries(charsets)) {
    cases.push({
      name: `charset: ${name}`,
      handler: atOperations((req, res) =>
        send(res, 200, encode(good(req)), { "content-type": `${typeOf(req)}; charset=${charset}` }),
      ),
      expect,
    });
  }
  cases.push({
    name: "Content-Type says HTML, body is the real one",
    handler: atOperations((req, res) => send(res, 200, good(req), { "content-type": "text/html" })),
    expect: "data",
  });
  cases.push({
    name: "no Content-Type",
    handler: atOperations((req, res) => send(res, 200, good(req))),
    expect: "data",
  });
  cases.push({
    name: "secrets in Content-Type of a malformed body",
    handler: atOperations((req, res) =>
      send(res, 200, `{"oops": ${ZCOM_TOKEN}`, {
        "content-type": `text/plain; x=${ZCOM_TOKEN}; y=${ONAPP_BASIC}; z=${ISSUED_TOKEN}`,
        ...echoHeaders(req),
      }),
    ),
    expect: DecodeError,
  });
  cases.push({
    name: "malformed body echoing secrets, headers echoing secrets",
    handler: atOperations((req, res) =>
      send(
        res,
        200,
        `${formatOf(req) === "xml" ? "<backups><" : "{"}${plantedText()} ${req.headers.authorization ?? ""} ${req.headers["x-auth-token"] ?? ""}`,
        {
          "content-type": typeOf(req),
          ...echoHeaders(req),
        },
      ),
    ),
    expect: DecodeError,
  });
  return cases;
}

const MEGABYTE = Buffer.alloc(1 << 20, 0x20);

/** Bodies over a small `maxResponseBytes`. */
function sizeCases(): FaultCase[] {
  const settings = { maxResponseBytes: 4096 };
  const big = "x".repeat(200 * 1024);
  return [
    {
      name: "oversized: Content-Length over the limit",
      settings,
      handler: atOperations((_req, res) =>
        send(res, 200, `["${big}"]`, { "content-type": "application/json" }),
      ),
      expect: ResponseTooLargeError,
    },
    {
      name: "oversized: chunked, 1 MB",
      settings,
      handler: atOperations((_req, res) => sendChunked(res, 200, MEGABYTE)),
      expect: ResponseTooLargeError,
    },
    {
      name: "oversized: endless chunked body",
      settings,
      handler: atOperations((_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        const chunk = Buffer.alloc(16 * 1024, 0x20);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
        };
        res.on("drain", pump);
        pump();
        return stallUntilClosed(res);
      }),
      expect: ResponseTooLargeError,
    },
    {
      name: "oversized: 500 error body",
      settings,
      handler: atOperations((_req, res) =>
        send(res, 500, JSON.stringify({ errors: [big] }), { "content-type": "application/json" }),
      ),
      expect: ResponseTooLargeError,
    },
    {
      name: "oversized: a Content-Length of 2^60",
      settings,
      handler: atOperations((req) => {
        req.socket.end("HTTP/1.1 200 OK\r\nContent-Length: 1152921504606846976\r\n\r\n[]");
      }),
      expect: [ResponseTooLargeError, ConnectionError],
    },
    {
      name: "the real body fits the default limit",
      handler: atOperations(serveGood),
      expect: "data",
    },
  ];
}

/** Z.com's password login failing in each way (only the password client logs in). */
function loginCases(): FaultCase[] {
  const login =
    (handler: FaultHandler): FaultHandler =>
    (req, res) =>
      req.route?.operation === "login" ? handler(req, res) : serveGood(req, res);
  const json = "application/json";
  const cases: Omit<FaultCase, "clients">[] = [
    {
      name: "login: HTML page",
      handler: login((_r, res) =>
        send(res, 200, HTML_PAGES["nginx 502"] as string, { "content-type": "text/html" }),
      ),
      expect: DecodeError,
    },
    {
      name: "login: {}",
      handler: login((_r, res) => send(res, 200, "{}", { "content-type": json })),
      expect: DecodeError,
    },
    {
      name: "login: token id a number",
      handler: login((_r, res) =>
        send(res, 200, '{"access":{"token":{"id":12345678}}}', { "content-type": json }),
      ),
      expect: DecodeError,
    },
    {
      name: "login: token id null",
      handler: login((_r, res) =>
        send(res, 200, '{"access":{"token":{"id":null,"expires":{}}}}', { "content-type": json }),
      ),
      expect: DecodeError,
    },
    {
      name: "login: null",
      handler: login((_r, res) => send(res, 200, "null", { "content-type": json })),
      expect: DecodeError,
    },
    {
      name: "login: 401",
      handler: login((req, res) =>
        // No token was issued yet: the echo is of the login request itself (user name and password).
        send(res, 401, '{"error":{"message":"Invalid user / password","code":401}}', {
          "content-type": json,
          "x-echo": req.body.replace(/[^\x20-\x7e]/g, "?"),
        }),
      ),
      expect: AuthenticationError,
    },
    {
      name: "login: 500 echoing the password",
      handler: login((req, res) =>
        send(res, 500, JSON.stringify({ error: { message: req.body } }), { "content-type": json }),
      ),
      expect: ServerError,
    },
    {
      name: "login: malformed, echoing the request",
      handler: login((req, res) => send(res, 200, `{"access": ${req.body}`, { "content-type": json })),
      expect: DecodeError,
    },
    {
      name: "login: stall",
      settings: { timeoutMs: 300 },
      handler: login((_r, res) => stallUntilClosed(res)),
      expect: TimeoutError,
    },
    { name: "login: reset", handler: login((req) => req.socket.resetAndDestroy()), expect: ConnectionError },
    {
      name: "login: redirect elsewhere",
      handler: login((_r, res) => send(res, 302, "", { location: "http://evil.example/tokens" })),
      expect: RedirectRefusedError,
    },
    {
      name: "login: token expired long ago (used until refused)",
      handler: login((_r, res) =>
        send(
          res,
          200,
          JSON.stringify({ access: { token: { id: ISSUED_TOKEN, expires: "1999-01-01T00:00:00Z" } } }),
          { "content-type": json },
        ),
      ),
      expect: "data",
    },
  ];
  return cases.map((fault) => ({ ...fault, clients: ONLY_LOGIN }));
}

/**
 * The cases that play on the wire itself (stalls, resets, redirects, codings, sizes, bodies cut
 * or framed oddly) once more with the clients sending through fetch, the wire a caller gets by
 * passing `fetch`: both wires must end every fault the same way.
 */
export function fetchWireCorpus(origin: () => string): FaultCase[] {
  return [
    ...stallCases(),
    ...successCases(),
    ...resetCases(),
    ...redirectCases(origin),
    ...encodingCases(),
    ...sizeCases(),
  ].map((fault) => ({
    ...fault,
    name: `fetch wire: ${fault.name}`,
    settings: { ...fault.settings, fetch: globalThis.fetch },
  }));
}

/** Every case of the corpus. `origin` is the fault server's, known once it listens. */
export function faultCorpus(origin: () => string): FaultCase[] {
  // The slowest cases (Retry-After waits, stalls) go first so they overlap with the rest.
  return [
    ...retryAfterCases(),
    ...stallCases(),
    ...successCases(),
    ...wrongShapeCases(),
    ...statusCases(),
    ...resetCases(),
    ...redirectCases(origin),
    ...encodingCases(),
    ...sizeCases(),
    ...loginCases(),
  ];
}

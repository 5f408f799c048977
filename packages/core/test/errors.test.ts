import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  decodeErrorBody,
  errorFromResponse,
  errorUrl,
  excerpt,
  scrubText,
  scrubValue,
  undecodable,
} from "../src/answer-errors.js";
import { integerId, optionalText, stringId } from "../src/arguments.js";
import { type Decoders, decodeBody } from "../src/decode.js";
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  DecodeError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  UnprocessableEntityError,
} from "../src/errors.js";
import { slowPath } from "../src/load-slow-path.js";
import { redactUrl, Secret, SecretRegistry } from "../src/redact.js";

// The answer-error helpers are slow-path code: linked to the start code when it is loaded.
await slowPath();

describe("errorFromResponse", () => {
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
    [418, APIError],
  ])("maps %i to %o, even with no body", (status, ErrorClass) => {
    const error = errorFromResponse(status, { method: "GET", url: "https://h.test/x" });
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error.status).toBe(status);
    expect(error.message).toBe(`${status} from GET https://h.test/x`);
  });

  it("carries the API's message (read by the client) and the parsed body", () => {
    const body = { itemNotFound: { message: "Backup could not be found", code: 404 } };
    const error = errorFromResponse(
      404,
      { method: "GET", url: "https://h.test/b", body, statusText: "Not Found" },
      body.itemNotFound.message,
    );
    expect(error.message).toBe("404 Not Found from GET https://h.test/b: Backup could not be found");
    expect(error.body).toBe(body);
  });
});

/** What the runtime does with a success body: decode it, or report what arrived instead. */
function decode(
  text: string,
  mediaType: string,
  decoders: Decoders,
  context: { method?: string; url?: string; contentType?: string; secrets: SecretRegistry },
): unknown {
  try {
    return decodeBody(text, mediaType, decoders);
  } catch (error) {
    const { secrets, contentType, ...where } = context;
    throw undecodable(text, mediaType, error, where, secrets, contentType ?? null);
  }
}

describe("decoding", () => {
  const secrets = new SecretRegistry();
  const xml = { "application/xml": (text: string) => ({ xml: text.length }) };

  it("decodes JSON whatever it is labelled", () => {
    expect(
      decode('{"backup": []}', "application/json", {}, { contentType: "text/html; charset=UTF-8", secrets }),
    ).toEqual({ backup: [] });
  });

  it("says what was expected and shows a short redacted excerpt", () => {
    const secrets = new SecretRegistry();
    secrets.add("supersecret-token");
    const html = `<!DOCTYPE html><html><title>502 Bad Gateway</title><body>token supersecret-token ${"x".repeat(400)}</body></html>`;
    const error = (() => {
      try {
        decode(
          html,
          "application/json",
          {},
          {
            method: "GET",
            url: "https://h.test/x",
            contentType: "text/html",
            secrets,
          },
        );
      } catch (e) {
        return e as DecodeError;
      }
    })();
    expect(error).toBeInstanceOf(DecodeError);
    expect(error?.message).toMatch(
      /^Expected JSON from GET https:\/\/h\.test\/x \(Content-Type: text\/html\) but got an HTML page/,
    );
    expect(error?.message).not.toContain("supersecret-token");
    expect(error?.message.length).toBeLessThan(400);
  });

  it("reports malformed bodies as DecodeError, through a registered decoder too", () => {
    const failing = { "application/xml": () => JSON.parse("<") };
    expect(() => decode('{"a":', "application/json", {}, { secrets })).toThrow(DecodeError);
    expect(() => decode("<a><b></a>", "application/xml", failing, { secrets })).toThrow(/Expected XML/);
  });

  it("scrubs a known secret from the parser's own reason, not only from the excerpt", () => {
    const secrets = new SecretRegistry();
    secrets.add("tok-SECRET-123456");
    const error = (() => {
      try {
        decode('{"id": tok-SECRET-123456}', "application/json", {}, { secrets });
      } catch (e) {
        return e as DecodeError;
      }
    })();
    expect(error?.message).not.toContain("tok-SECRET-123456");
  });

  it("decodes error bodies in JSON, a registered media type, HTML and plain text", () => {
    expect(decodeErrorBody('{"errors":["x"]}', "application/json", xml)).toEqual({ errors: ["x"] });
    expect(decodeErrorBody("<errors/>", "application/xml; charset=utf-8", xml)).toEqual({ xml: 9 });
    expect(decodeErrorBody("<html><head><title>502 Bad Gateway</title></head></html>", null, xml)).toBe(
      "HTML error page: 502 Bad Gateway",
    );
    expect(decodeErrorBody("oops", "text/plain", xml)).toBe("oops");
    expect(decodeErrorBody("  ", null, xml)).toBeUndefined();
  });
});

describe("redaction", () => {
  it("a Secret never prints its value", () => {
    const secret = new Secret("hunter2-password");
    const holder = { password: secret };
    expect(JSON.stringify(holder)).toBe('{"password":"[redacted]"}');
    expect(inspect(holder)).not.toContain("hunter2");
    expect(`${secret}`).toBe("[redacted]");
    expect(secret.reveal()).toBe("hunter2-password");
  });

  it("removes user info and credential query values from URLs", () => {
    expect(redactUrl("https://me:pw@h.test/x?token=abc&page=2")).toBe(
      "https://h.test/x?token=%5Bredacted%5D&page=2",
    );
  });

  it("errors carry redacted URLs and headers", () => {
    const error = errorFromResponse(401, {
      method: "GET",
      url: "https://u:p@h.test/x?api_key=k",
      headers: new Headers({ "set-cookie": "sid=1", "x-request-id": "req-9" }),
      requestId: "req-9",
    });
    const printed = `${inspect(error)} ${JSON.stringify(error)} ${error.stack}`;
    expect(printed).not.toMatch(/u:p@|api_key=k|sid=1/);
    expect(error.requestId).toBe("req-9");
  });

  it("scrubs known secrets and credential shapes from excerpts", () => {
    const secrets = new SecretRegistry();
    secrets.add("abcdef123456");
    secrets.addHeader("X-Auth-Token");
    expect(excerpt('{"X-Auth-Token": "abcdef123456", "password": "p4ss"}', secrets)).toBe(
      '{"X-Auth-Token": "[redacted]", "password": "[redacted]"}',
    );
    expect(inspect(secrets)).not.toContain("abcdef");
  });

  /** The longest head of `secret` (4 characters or more) that `text` shows, or "". */
  const shownHead = (text: string, secret: string) => {
    for (let n = secret.length; n >= 4; n--) if (text.includes(secret.slice(0, n))) return secret.slice(0, n);
    return "";
  };

  it("scrubs a secret with white space in it before putting the excerpt on one line", () => {
    const password = "correct  horse\tbattery staple";
    const secrets = new SecretRegistry();
    secrets.add(password);
    const text = excerpt(`echo: ${password} and more`, secrets);
    expect(text).toBe("echo: [redacted] and more");
    const title = decodeErrorBody(`<html><title>${password}</title></html>`, null, {}, secrets);
    expect(title).toBe("HTML error page: [redacted]");
  });

  it("shows no head of a secret that the excerpt's cut went through", () => {
    const password = "hunter2-SECRET-password";
    const secrets = new SecretRegistry();
    secrets.add(password);
    // Blank lines shrink to one space, so the secret would sit well inside the excerpt's 160.
    for (let at = 600; at < 680; at += 3) {
      const text = excerpt(`${"\n".repeat(at)}${password} tail`, secrets);
      expect(shownHead(text, password), `secret at ${at}`).toBe("");
    }
  });

  it("quotes no secret of a body that is not JSON, in the parser's reason or across the cut of its Content-Type", () => {
    const secrets = new SecretRegistry();
    secrets.add("alice:hunter2-SECRET");
    const basic = Buffer.from("alice:hunter2-SECRET").toString("base64");
    let message = "";
    // The Content-Type echoes it too, across the point where the message cuts that header.
    const contentType = `application/json; echo=${"a".repeat(72)}${basic}`;
    try {
      decode(`{"echo": ${basic}}`, "application/json", {}, { secrets, contentType });
    } catch (error) {
      expect(error).toBeInstanceOf(DecodeError);
      message = (error as Error).message;
    }
    expect(message).toMatch(/but got invalid JSON/);
    expect(shownHead(message, basic)).toBe("");
  });
});

describe("scrubbing what a server echoes in another form", () => {
  const secrets = new SecretRegistry();
  secrets.add(`s3cr&t<"'>`);

  it.each([
    ["named entities", "s3cr&amp;t&lt;&quot;&apos;&gt;"],
    ["decimal references", "s3cr&#38;t&#60;&#34;&#39;&#62;"],
    ["hex references", "&#x73;3cr&#X26;t&#x3c;&#x22;&#x27;&#x3E;"],
    // Written as a server sends them: `String.raw`, or the compiler would undo them first.
    ["JSON escapes", String.raw`s3cr&t\u003c\"\u0027>`],
    ["percent-encoding", "s3cr%26t%3C%22'%3E"],
    ["JSON escapes, then percent-encoding", "s3cr%26t%5Cu003c%5C%22%5Cu0027%3E"],
    ["entities, then percent-encoding", "s3cr%26amp%3Bt%26lt%3B%26quot%3B'%3E"],
    ["percent-encoding twice", "s3cr%2526t%253C%2522'%253E"],
    ["zero-padded references", "s3cr&#00000038;t&#x00003C;&#0000034;&#39;&gt;"],
    // Split by what does not show: the app that prints a message drops controls, and an eye
    // reads past a zero-width space; neither may join what the scrub did not find.
    ["a control character inside", "s3cr&t\u0001<\"'>"],
    ["a zero-width space and a bidirectional mark inside", "s3\u200bcr&t<\u202e\"'>"],
  ])("finds it written with %s", (_how, written) => {
    const text = `before ${written} after`;
    expect(scrubText(secrets, text)).toBe("before [redacted] after");
    expect(excerpt(text, secrets)).toBe("before [redacted] after");
    expect(scrubValue(secrets, { message: text })).toEqual({ message: "before [redacted] after" });
  });

  it.each([
    ["beside an invalid escape elsewhere", "a=%ff&k=s3cr%26t%3C%22'%3E"],
    ["with an invalid escape in the same run", "k=%ffs3cr%26t%3C%22'%3E%e2%82"],
    ["beside a stray %", "100% of s3cr%26t%3C%22'%3E"],
  ])("finds it percent-encoded %s", (_how, written) => {
    expect(scrubText(secrets, `before ${written} after`)).not.toMatch(/s3cr|%26t%3C/);
  });

  it("finds a secret that holds a percent escape of its own, JSON-escaped beside a stray %", () => {
    const own = new SecretRegistry();
    own.add('Pa%41ss"word9');
    const text = String.raw`login with Pa%41ss\"word9 failed, quota at 100%`;
    expect(scrubText(own, text)).toBe("login with [redacted] failed, quota at 100%");
  });

  it.each([
    [
      "one secret in two forms",
      ['pa"ss&word9'],
      String.raw`{"echo":"pa\"ss&word9","next":"/login?p=pa%22ss%26word9"}`,
    ],
    [
      "two secrets, one JSON-escaped, one percent-encoded",
      ['a"bcdef', "s3cr&t99"],
      String.raw`x a\"bcdef y s3cr%26t99`,
    ],
    [
      "a credential pattern beside a percent-encoded secret",
      ["s3cr&t99"],
      "api_key&#61;zzz url=/x?q=s3cr%26t99",
    ],
    [
      "a long token= value beside a percent-encoded secret",
      ["s3cr&t99"],
      `token=${"x".repeat(5000)} q=s3cr%26t99`,
    ],
  ])("finds every form when a text holds several: %s", (_how, known, text) => {
    const several = new SecretRegistry();
    for (const secret of known) several.add(secret);
    for (const out of [
      scrubText(several, text),
      excerpt(text, several, 10_000),
      JSON.stringify(scrubValue(several, { m: text })),
    ]) {
      expect(out).not.toMatch(/pa%22ss|bcdef|s3cr%26t99|s3cr&t99/);
    }
  });

  it("finds a secret with spaces written with other white space, which a one-line message would make spaces", () => {
    const spaced = new SecretRegistry();
    spaced.add("correct horse battery");
    for (const written of [
      "correct\nhorse\tbattery",
      "correct\r\n  horse   battery",
      "correct\u00a0horse battery",
    ]) {
      const text = `bad key: ${written}.`;
      expect(scrubText(spaced, text)).toBe("bad key: [redacted].");
      expect(excerpt(text, spaced)).toBe("bad key: [redacted].");
    }
  });

  it("finds a secret written with HTML's names for Latin-1 letters, as a proxy's page may", () => {
    const accented = new SecretRegistry();
    accented.add("Mot-de-passé-42©");
    for (const written of ["Mot-de-pass&eacute;-42&copy;", "Mot-de-pass&#233;-42&#xA9;"]) {
      expect(scrubText(accented, `<p>denied ${written}</p>`)).toBe("<p>denied [redacted]</p>");
    }
    // A name outside the table, or one an object has (`valueOf`), is left as it came.
    expect(scrubText(accented, "a &valueOf; b &euro; c")).toBe("a &valueOf; b &euro; c");
  });

  it.each([
    [
      "its own percent escape, split by a zero-width space",
      'Pa%41ss"word9',
      'login with Pa%41ss\u200b"word9 failed',
    ],
    [
      "its own percent escape, JSON-escaped twice",
      'Pa%41ss"word9',
      String.raw`login with Pa%41ss\\\"word9 failed`,
    ],
    [
      "its own percent escape, escaped for JSON and HTML",
      'Pa%41ss"word9',
      "login with Pa%41ss&amp;quot;word9 failed",
    ],
    [
      "a tab and two spaces, split by a zero-width space",
      "correct  horse\tbattery",
      "key: correct\u200b  horse\tbattery.",
    ],
    ["a variation selector inside", "s3cr3t-value", "key s3\ufe0fcr3t-value."],
    ["a tag character inside", "s3cr3t-value", "key s3\u{e0020}cr3t-value."],
    [
      "a line break inside, as a wrapped line",
      "dXNlcjpzM2NyM3QtdmFsdWU",
      "refused dXNlcjpzM2Ny\nM3QtdmFsdWU.",
    ],
  ])("finds a secret with %s", (_how, secret, text) => {
    const own = new SecretRegistry();
    own.add(secret);
    expect(scrubText(own, text)).toContain("[redacted]");
    expect(scrubText(own, text).replace(/\s+/g, " ")).not.toContain(secret.replace(/\s+/g, " "));
  });

  it("finds a secret with spaces in a URL whose redaction writes them as +", () => {
    const spaced = new SecretRegistry();
    spaced.add("correct horse battery");
    const url = errorUrl(spaced, "https://api.example/cb?p=correct%20horse%20battery&sig=1");
    expect(url).not.toMatch(/correct|horse/);
    expect(url).not.toContain("sig=1");
  });

  it("keeps every part of a secret out of an excerpt cut inside its zero-padded references", () => {
    const own = new SecretRegistry();
    own.add("hunter2-SECRET-password");
    // Each character as long a reference as the scrub decodes: 16 characters for one.
    const written = [..."hunter2-SECRET-password"]
      .map((c) => `&#${"0".repeat(10)}${c.charCodeAt(0)};`)
      .join("");
    const decode = (text: string) =>
      text.replace(/&#0*(\d+);/g, (_m, code) => String.fromCharCode(Number(code)));
    for (let before = 300; before < 1300; before += 1) {
      const shown = decode(excerpt(`${"\n".repeat(before)}${written} tail`, own));
      expect(shown).not.toContain("hu");
    }
  });

  it("leaves escaped text that holds no secret as it came", () => {
    expect(scrubText(secrets, "a &amp; b \n &bogus; &#xFFFFFFF;")).toBe("a &amp; b \n &bogus; &#xFFFFFFF;");
  });

  it("scrubs a number whose digits are a secret, and keeps other numbers as numbers", () => {
    const digits = new SecretRegistry();
    digits.add("80351724");
    expect(scrubValue(digits, { code: 80351724, other: 42, big: 80351724n })).toEqual({
      code: "[redacted]",
      other: 42,
      big: "[redacted]",
    });
  });
});

describe("argument checks", () => {
  it.each([
    ["", /must not be empty/],
    ["   ", /must not be empty/],
    ["..", /single path segment/],
    [".", /single path segment/],
    ["a/../b", /single path segment/],
    ["a\\b", /single path segment/],
    ["a\nb", /control character/],
    ["x".repeat(256), /at most 255/],
    [42, /must be a string, got 42/],
    [undefined, /must be a string, got undefined/],
  ])("rejects string id %j", (value, message) => {
    expect(() => stringId("backupId", value, "getBackup")).toThrow(InvalidArgumentError);
    expect(() => stringId("backupId", value, "getBackup")).toThrow(message);
  });

  it("accepts an ordinary id unchanged", () => {
    expect(stringId("backupId", "9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17")).toBe(
      "9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17",
    );
  });

  it.each([0, -1, 1.5, Number.NaN, "12a", "", "1e3", null, 2 ** 60])("rejects integer id %j", (value) => {
    expect(() => integerId("vmId", value)).toThrow(/must be a positive integer/);
  });

  it("accepts integers and digit strings", () => {
    expect(integerId("vmId", 488)).toBe(488);
    expect(integerId("vmId", "488")).toBe(488);
  });

  it("checks optional text", () => {
    expect(optionalText("note", undefined)).toBeUndefined();
    expect(optionalText("note", "nightly\tbackup")).toBe("nightly\tbackup");
    expect(() => optionalText("note", "a\u0000b")).toThrow(/control character/);
    expect(() => optionalText("note", 5)).toThrow(/must be a string/);
  });
});

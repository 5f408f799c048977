/**
 * Redaction: the one place that decides what a secret looks like, so errors, logs and
 * `inspect()` output can never carry a token or a password.
 */

import type { ResponseHeaders } from "./transport.js";

const REDACTED = "[redacted]";

/** Header names that carry credentials in any HTTP API; a client adds its own (`SecretRegistry.addHeader`). */
const SECRET_HEADERS = new Set(["authorization", "proxy-authorization", "cookie", "set-cookie"]);
/** Names that say a value is a credential, in headers, query strings and bodies alike. */
const SECRET_NAME = "authori[sz]ation|[\\w-]{0,32}token|password|passwd|secret|api[-_]?key";

/** Query parameter names whose values are credentials in the wild: those names, and signed URLs' keys. */
const SECRET_QUERY_KEYS = new RegExp(`^(${SECRET_NAME}|key|signature|sig)$`, "i");

/**
 * A credential. It hands its value out only through `reveal()`; every way of printing it
 * (string conversion, `JSON.stringify`, `util.inspect`) shows `[redacted]` instead.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The real value, for the one place that puts it on the wire. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `Secret(${REDACTED})`;
  }
}

/** Returns the URL without user info and with credential-like query values replaced. */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return redactText(String(input));
  }
  if (url.username || url.password) {
    url.username = "";
    url.password = "";
  }
  for (const key of [...url.searchParams.keys()]) {
    if (SECRET_QUERY_KEYS.test(key)) url.searchParams.set(key, REDACTED);
  }
  return url.toString();
}

/**
 * A copy of the headers as a plain object: credential headers replaced, and with a registry,
 * any value that carries one of its secrets (a server may echo one under any name) scrubbed.
 */
export function redactHeaders(
  headers: ResponseHeaders | undefined,
  secrets?: SecretRegistry,
): Record<string, string> {
  const out: Record<string, string> = {};
  headers?.forEach((value, name) => {
    out[name] = redactHeader(name, value, secrets);
  });
  return out;
}

/** One header's value as `redactHeaders` gives it; `name` in lower case. */
export function redactHeader(name: string, value: string, secrets?: SecretRegistry): string {
  const secret = SECRET_HEADERS.has(name) || secrets?.isSecretHeader(name);
  return secret ? REDACTED : secrets ? secrets.scrub(value) : redactText(value);
}

/**
 * Registry of the secret values one client knows (its token, its password), so text that
 * came back from a server (a body excerpt in an error) can be scrubbed of them too.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();
  readonly #headers = new Set<string>();
  #longest = 0;

  /** The length of the longest secret: what a text cut for an excerpt may hold of one at its end. */
  get longest(): number {
    return this.#longest;
  }

  /** Remembers a secret value, and the base64 form it takes inside HTTP Basic credentials. */
  add(value: string | Secret | undefined): void {
    const raw = value instanceof Secret ? value.reveal() : value;
    // Very short values would redact half the alphabet; nobody uses a 3-char token.
    if (!raw || raw.length < 4) return;
    this.#values.add(raw);
    const encoded = Buffer.from(raw, "utf8").toString("base64").replace(/=+$/, "");
    if (encoded.length >= 8) this.#values.add(encoded);
    this.#longest = Math.max(this.#longest, raw.length, encoded.length);
  }

  /** Marks a header name (any case) as one that carries credentials. */
  addHeader(name: string): void {
    this.#headers.add(name.toLowerCase());
  }

  /** Whether a header carries credentials (the common ones, or one this client named). */
  isSecretHeader(name: string): boolean {
    const lower = name.toLowerCase();
    return SECRET_HEADERS.has(lower) || this.#headers.has(lower);
  }

  scrub(text: string): string {
    let out = text;
    for (const value of this.#values) if (out.includes(value)) out = out.split(value).join(REDACTED);
    return redactText(out);
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SecretRegistry(${this.#values.size} ${REDACTED})`;
  }

  toJSON(): string {
    return REDACTED;
  }
}

// Every quantifier below is bounded, so the patterns stay linear on any input.
const NAMED_CREDENTIAL = new RegExp(
  `(${SECRET_NAME})(["']?[ \\t]{0,8}[:=][ \\t]{0,8}["']?)((?:basic|bearer) )?[^\\s"',;&]{1,4096}`,
  "gi",
);
const URL_USERINFO = /(\/\/)[^/@\s:]{1,256}:[^/@\s]{1,256}@/g;

/** Scrubs the credential shapes we can recognise without knowing the value. */
export function redactText(text: string): string {
  return text.replace(NAMED_CREDENTIAL, `$1$2$3${REDACTED}`).replace(URL_USERINFO, `$1${REDACTED}@`);
}

/**
 * Redaction: the one place that decides what a secret looks like, so errors, logs and
 * `inspect()` output can never carry a token or a password.
 */

const REDACTED = "[redacted]";

/** Query parameter names whose values are credentials in the wild. */
const SECRET_QUERY_KEYS =
  /^(x-auth-token|token|access_token|api[-_]?key|key|password|passwd|secret|signature|sig)$/i;

/** Header names that carry credentials, in either direction. */
const SECRET_HEADERS = new Set([
  "authorization",
  "proxy-authorization",
  "x-auth-token",
  "cookie",
  "set-cookie",
]);

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

/** A copy of the headers as a plain object, credential headers replaced. */
export function redactHeaders(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  headers?.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? REDACTED : value;
  });
  return out;
}

/**
 * Registry of the secret values one client knows (its token, its password), so text that
 * came back from a server (a body excerpt in an error) can be scrubbed of them too.
 */
export class SecretRegistry {
  readonly #values = new Set<string>();

  add(value: string | Secret | undefined): void {
    const raw = value instanceof Secret ? value.reveal() : value;
    // Very short values would redact half the alphabet; nobody uses a 3-char token.
    if (raw && raw.length >= 4) this.#values.add(raw);
  }

  scrub(text: string): string {
    let out = redactText(text);
    for (const value of this.#values) out = out.split(value).join(REDACTED);
    return out;
  }

  /** A copy of a parsed body with every string scrubbed (vendors sometimes echo what we sent). */
  scrubValue(value: unknown): unknown {
    if (typeof value === "string") return this.scrub(value);
    if (Array.isArray(value)) return value.map((item) => this.scrubValue(item));
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) {
        Object.defineProperty(out, key, {
          value: this.scrubValue(inner),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return value;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SecretRegistry(${this.#values.size} ${REDACTED})`;
  }

  toJSON(): string {
    return REDACTED;
  }
}

/** Scrubs the credential shapes we can recognise without knowing the value. */
export function redactText(text: string): string {
  return text
    .replace(
      /(authorization|x-auth-token)(["']?\s*[:=]\s*["']?)(basic |bearer )?[^\s"',;]+/gi,
      `$1$2$3${REDACTED}`,
    )
    .replace(/("password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`)
    .replace(/(\/\/)[^/@\s:]+:[^/@\s]+@/g, `$1${REDACTED}@`);
}

/** A short, single-line, redacted excerpt of a body, for error messages. */
export function excerpt(text: string, secrets?: SecretRegistry, max = 160): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const clean = secrets ? secrets.scrub(flat) : redactText(flat);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

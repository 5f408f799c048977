/**
 * How a Z.com client gets the token it sends as `X-Auth-Token`: a fixed token, a callback,
 * or a login with user name and password against the identity API (cached until shortly
 * before it expires, and renewed once when the service refuses it).
 */
import {
  BackupKitError,
  ConfigurationError,
  cacheTokens,
  DecodeError,
  type IssuedToken,
  Secret,
  type SecretRegistry,
  untilAborted,
} from "@backupkit/core";
import type { LoginKit } from "./login.js";

/** A character that Node refuses in a header value (a line break, say). */
export const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/** Core's parts that login.ts uses, handed to it (login.ts says why). */
export const LOGIN_KIT: LoginKit = {
  BackupKitError,
  ConfigurationError,
  DecodeError,
  Secret,
  untilAborted,
  notInHeader: NOT_IN_HEADER,
};

/** A token you already have. It is never renewed. */
export interface ZcomTokenAuth {
  token: string;
}
/** API user credentials: the client logs in through the identity API and renews as needed. */
export interface ZcomPasswordAuth {
  username: string;
  password: string;
}
/** Your own token source, called before each request; return the same token while it is valid. */
export interface ZcomTokenProviderAuth {
  getToken: (signal?: AbortSignal) => Promise<string>;
}
export type ZcomAuth = ZcomTokenAuth | ZcomPasswordAuth | ZcomTokenProviderAuth;

/** The token source a client uses, whatever `auth` the user gave. */
export interface TokenSource {
  /** The token, when it is one that never changes (`{ token }`): a call then waits for nothing. */
  fixed?: Secret | undefined;
  get(signal?: AbortSignal): Promise<Secret>;
  /** Drops a refused token; true when a fresh one can be had by asking again. */
  refused(token: Secret): boolean;
}

export function tokenSource(
  auth: unknown,
  login: (username: string, password: Secret) => Promise<IssuedToken>,
  secrets: SecretRegistry,
): TokenSource {
  const where = "createZcomClient";
  if (typeof auth !== "object" || auth === null) {
    throw new ConfigurationError(
      `${where}: auth is required: { token }, { username, password } or { getToken }`,
    );
  }
  const given = auth as Partial<ZcomTokenAuth & ZcomPasswordAuth & ZcomTokenProviderAuth>;
  if (given.token !== undefined) {
    if (typeof given.token !== "string" || given.token.trim() === "") {
      throw new ConfigurationError(`${where}: auth.token must be a non-empty string`);
    }
    // The header carries it without the white space around it, and a server echoes that.
    const token = new Secret(given.token.trim());
    // Node would refuse it in every request, which reads as a connection failure.
    if (NOT_IN_HEADER.test(token.reveal()))
      throw new ConfigurationError(`${where}: auth.token holds a character a header cannot carry`);
    secrets.add(token);
    return { fixed: token, get: async () => token, refused: () => false };
  }
  if (given.getToken !== undefined) {
    const getToken = given.getToken;
    if (typeof getToken !== "function")
      throw new ConfigurationError(`${where}: auth.getToken must be a function`);
    return {
      get: async (signal) => (await import("./login.js")).provided(LOGIN_KIT, getToken, signal, secrets),
      refused: () => false,
    };
  }
  if (given.username !== undefined || given.password !== undefined) {
    if (typeof given.username !== "string" || given.username.trim() === "") {
      throw new ConfigurationError(`${where}: auth.username must be a non-empty string`);
    }
    if (typeof given.password !== "string" || given.password === "") {
      throw new ConfigurationError(`${where}: auth.password must be a non-empty string`);
    }
    const username = given.username;
    const password = new Secret(given.password);
    secrets.add(password);
    // The login registers the token it gets as a secret (login.ts).
    const cache = cacheTokens(() => login(username, password));
    return {
      get: (signal) => cache.get(signal),
      refused(token) {
        cache.invalidate(token);
        return true;
      },
    };
  }
  throw new ConfigurationError(
    `${where}: auth needs one of { token }, { username, password } or { getToken }`,
  );
}

/**
 * The ways to a token that only some clients use, loaded on the first one: a password login
 * against the identity API, and a `getToken` provider's answer. A client with a fixed token never
 * loads this. Like error-reading.ts it imports nothing from core at run time: what it needs comes
 * in a `LoginKit` from the start code, or a bundler would split core into a chunk of its own that
 * every client then loads at start.
 */
import type {
  BackupKitError,
  ClientRuntime,
  ConfigurationError,
  DecodeError,
  IssuedToken,
  Secret,
  SecretRegistry,
  untilAborted,
} from "@backupkit/core";
import type * as ops from "./generated/operations.js";

/** What this module uses of core. */
export interface LoginKit {
  BackupKitError: typeof BackupKitError;
  ConfigurationError: typeof ConfigurationError;
  DecodeError: typeof DecodeError;
  Secret: typeof Secret;
  untilAborted: typeof untilAborted;
  /** A character Node refuses in a header value. */
  notInHeader: RegExp;
}

const WHERE = "createZcomClient";

/**
 * Logs in with the API user's credentials. Shared by every call waiting for a token: the client's
 * timeout applies, no caller's signal. The token is a secret from the moment it is read.
 */
export async function logIn(
  { BackupKitError, DecodeError, Secret, notInHeader }: LoginKit,
  runtime: ClientRuntime,
  // Passed in rather than imported: the operations table is start-up code, and an import here
  // would split it into a chunk of its own that every client loads.
  issueToken: typeof ops.issueToken,
  identityUrl: string,
  tenantId: string,
  username: string,
  password: Secret,
): Promise<IssuedToken> {
  const body = await runtime
    .call(issueToken, {
      baseUrl: identityUrl,
      body: { auth: { passwordCredentials: { username, password: password.reveal() }, tenantId } },
    })
    .catch((error: unknown) => {
      // A success status means the answer holds a token that is not known yet, so nothing may
      // quote it: not its body (an excerpt), its headers (X-Subject-Token), nor its request id.
      if (error instanceof BackupKitError && error.status !== undefined && error.status < 300) {
        throw new DecodeError(
          `The identity service at ${identityUrl} answered the login with ${error.status}, but not in a form that could be used (${error.name}); the answer is not quoted, as it holds a token`,
          { status: error.status, method: "POST", operation: "issueToken" },
        );
      }
      throw error;
    });
  const token = body?.access?.token;
  // The header carries the token without the white space around it, and a server echoes that.
  const id = typeof token?.id === "string" ? token.id.trim() : "";
  // One that a header cannot carry would fail every call as a connection error.
  if (id === "" || notInHeader.test(id)) {
    throw new DecodeError(
      `The identity service at ${identityUrl} answered without a usable access.token.id`,
      {
        method: "POST",
        operation: "issueToken",
      },
    );
  }
  runtime.secrets.add(id);
  const expires = Date.parse(token?.expires ?? "");
  return { token: new Secret(id), expiresAt: Number.isNaN(expires) ? undefined : new Date(expires) };
}

/** What a `getToken` provider gave, as a registered secret; a provider's failure as a typed error. */
export async function provided(
  { BackupKitError, ConfigurationError, Secret, untilAborted, notInHeader }: LoginKit,
  getToken: (signal?: AbortSignal) => Promise<string>,
  signal: AbortSignal | undefined,
  secrets: SecretRegistry,
): Promise<Secret> {
  let value: unknown;
  try {
    // The provider is the caller's own code: it may not watch the signal it is given.
    value = await untilAborted(() => getToken(signal), signal, "Waiting for auth.getToken()");
  } catch (error) {
    if (error instanceof BackupKitError) throw error;
    // Neither an answer from the service nor a mistake in the options: the base class, with the
    // provider's own error as its cause.
    const reason = error instanceof Error ? error.message : String(error);
    throw new BackupKitError(`${WHERE}: auth.getToken() failed: ${secrets.scrub(reason)}`, { cause: error });
  }
  const token = typeof value === "string" ? value.trim() : "";
  if (token === "") throw new ConfigurationError(`${WHERE}: auth.getToken() returned no token`);
  secrets.add(token);
  if (notInHeader.test(token))
    throw new ConfigurationError(
      `${WHERE}: auth.getToken() returned a token with a character a header cannot carry`,
    );
  return new Secret(token);
}

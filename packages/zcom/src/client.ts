/**
 * The Z.com Cloud Compute (ConoHa) backup client: each method checks its arguments and makes
 * one call of the generated operation table through core's typed runtime.
 */
import {
  APIPromise,
  AuthenticationError,
  BackupKitError,
  type CallExtras,
  type CallInput,
  ClientRuntime,
  type CommonClientOptions,
  ConfigurationError,
  DecodeError,
  InvalidArgumentError,
  type IssuedToken,
  isRecord,
  mapData,
  type Operation,
  parseOrigin,
  type RequestOptions,
  type Secret,
  type SuccessBody,
  stringId,
  type WithResponse,
} from "@backupkit/core";
import type { Client } from "openapi-fetch";
import { LOGIN_KIT, type TokenSource, tokenSource, type ZcomAuth } from "./auth.js";
import * as ops from "./generated/operations.js";
import type { paths, operations as Spec } from "./generated/schema.js";
import { TOKEN_HEADER, zcomProfile } from "./profile.js";
import type { ZcomBackup, ZcomEnabledBackup, ZcomRegion } from "./types.js";
import { VERSION } from "./version.js";

export interface ZcomClientOptions extends CommonClientOptions {
  /** The tenant (project) id: the `{tenant_id}` of every compute path. Required. */
  tenantId: string;
  /** Region of the default endpoints. Default: `"tyo1"`. */
  region?: ZcomRegion | undefined;
  /**
   * Compute origin, such as `"https://compute.tyo1.conoha.io"` or a mock's URL.
   * Default: `https://compute.{region}.cloud.z.com`.
   */
  baseUrl?: string | undefined;
  /**
   * Identity origin for `{ username, password }` logins. Default: `baseUrl` with `compute.`
   * replaced by `identity.`, or `https://identity.{region}.cloud.z.com`; a `baseUrl` that is
   * not a `compute.` host (a mock) serves identity too.
   */
  identityUrl?: string | undefined;
  /** `{ token }`, `{ username, password }` or `{ getToken }`. Required. */
  auth: ZcomAuth;
}

/** Per-call options: an `AbortSignal`, headers, and overrides of the client's `timeoutMs` and `maxRetries`. */
export type ZcomRequestOptions = RequestOptions;

/** A Z.com backup client. Create one with `createZcomClient()`. */
export interface ZcomClient {
  /** The tenant every call is made for. */
  readonly tenantId: string;
  /** The compute origin calls go to. */
  readonly baseUrl: string;
  /** Lists every backup subscription of the tenant, each with its runs. */
  listBackups(options?: ZcomRequestOptions): APIPromise<ZcomBackup[]>;
  /** Gets one backup subscription (the service may wrap it in a one-element array; you get the object). */
  getBackup(backupId: string, options?: ZcomRequestOptions): APIPromise<ZcomBackup>;
  /** Applies for automatic backup of a virtual machine; returns the new subscription. */
  enableBackup(instanceId: string, options?: ZcomRequestOptions): APIPromise<ZcomEnabledBackup>;
  /** Cancels a backup subscription (automatic backup stops for that virtual machine). */
  cancelBackup(backupId: string, options?: ZcomRequestOptions): APIPromise<void>;
  /** Restores a backup run onto its virtual machine, which must be stopped. Accepted, not finished, on return. */
  restoreBackup(backupId: string, backuprunId: string, options?: ZcomRequestOptions): APIPromise<void>;
  /** Saves a backup run as a private image named `imageName` (1–255 of `A-Z a-z 0-9 - _`). */
  createImageFromBackup(
    backupId: string,
    backuprunId: string,
    imageName: string,
    options?: ZcomRequestOptions,
  ): APIPromise<void>;
  /** The typed openapi-fetch client, result-style (`{ data, error, response }`), with auth applied. */
  readonly raw: Client<paths>;
}

const REGION = /^[a-z]{2,6}\d{1,2}$/;
const IMAGE_NAME = /^[A-Za-z0-9_-]{1,255}$/;
const WHERE = "createZcomClient";

/** Creates a Z.com backup client. Throws ConfigurationError for options that cannot work. */
export function createZcomClient(options: ZcomClientOptions): ZcomClient {
  return new ZcomClientImpl(options);
}

class ZcomClientImpl implements ZcomClient {
  readonly tenantId: string;
  readonly baseUrl: string;
  readonly raw: Client<paths>;
  readonly #identityUrl: string;
  readonly #runtime: ClientRuntime;
  readonly #tokens: TokenSource;
  readonly #tenant: { tenant_id: string };

  constructor(options: ZcomClientOptions) {
    if (typeof options !== "object" || options === null)
      throw new ConfigurationError(`${WHERE}: options are required`);
    const region = options.region ?? "tyo1";
    if (typeof region !== "string" || !REGION.test(region)) {
      throw new ConfigurationError(
        `${WHERE}: region must look like "tyo1", "sin1" or "sjc1", got ${JSON.stringify(region)}`,
      );
    }
    if (typeof options.tenantId !== "string" || !/^[A-Za-z0-9_-]{1,64}$/.test(options.tenantId)) {
      throw new ConfigurationError(
        `${WHERE}: tenantId must be your tenant (project) id, 1–64 letters, digits, "-" or "_"; got ${JSON.stringify(options.tenantId)}`,
      );
    }
    this.tenantId = options.tenantId;
    this.#tenant = { tenant_id: options.tenantId };
    this.baseUrl = parseOrigin(options.baseUrl ?? `https://compute.${region}.cloud.z.com`, "baseUrl", WHERE);
    this.#identityUrl = parseOrigin(
      options.identityUrl ?? defaultIdentityUrl(this.baseUrl, region, options.baseUrl),
      "identityUrl",
      WHERE,
    );
    this.#runtime = new ClientRuntime({
      ...options,
      profile: zcomProfile,
      baseUrl: this.baseUrl,
      allowedOrigins: [this.baseUrl, this.#identityUrl],
      defaultUserAgent: `backupkit-zcom/${VERSION} node/${process.version}`,
      where: WHERE,
    });
    this.#tokens = tokenSource(
      options.auth,
      (username, password) => this.#login(username, password),
      this.#runtime.secrets,
    );
    const baseUrl = this.baseUrl;
    const tokens = this.#tokens;
    // openapi-fetch loads on the raw client's first call: the typed methods do not need it.
    // Result-style calls through `raw` get the same token as the typed methods, added below any
    // middleware, which never sees it, and renewed the same way when refused; a login, or a call
    // that brings its own token, gets none.
    this.raw = this.#runtime.rawClient(
      async (fetch) => {
        const { default: createClient } = await import("openapi-fetch");
        return createClient<paths>({ baseUrl, fetch });
      },
      {},
      async (request) => {
        const login = new URL(request.url).pathname.endsWith("/v2.0/tokens");
        if (login || request.headers.has(TOKEN_HEADER)) return undefined;
        const token = await tokens.get(request.signal);
        return { headers: { [TOKEN_HEADER]: token.reveal() }, refused: () => tokens.refused(token) };
      },
    );
  }

  listBackups(options?: ZcomRequestOptions): APIPromise<ZcomBackup[]> {
    return this.#respond(
      ops.listBackups,
      () => ({ path: this.#tenant }),
      options,
      (body) => listOf(body?.backup, "listBackups", "backup"),
    );
  }

  getBackup(backupId: string, options?: ZcomRequestOptions): APIPromise<ZcomBackup> {
    return this.#respond(
      ops.getBackup,
      () => ({ path: { ...this.#tenant, backup_id: stringId("backupId", backupId, "getBackup") } }),
      options,
      (body) => {
        // The vendor's example wraps the one backup in an array; client libraries read an object.
        const backup = Array.isArray(body?.backup) ? body.backup[0] : body?.backup;
        if (!isRecord(backup)) {
          throw new DecodeError("getBackup: the response holds no backup object", { operation: "getBackup" });
        }
        return backup;
      },
    );
  }

  enableBackup(instanceId: string, options?: ZcomRequestOptions): APIPromise<ZcomEnabledBackup> {
    return this.#respond(
      ops.enableBackup,
      () => ({
        path: this.#tenant,
        body: { backup: { instance_id: stringId("instanceId", instanceId, "enableBackup") } },
      }),
      options,
      (body) => {
        if (!isRecord(body?.backup)) {
          throw new DecodeError("enableBackup: the response holds no backup object", {
            operation: "enableBackup",
          });
        }
        return body.backup;
      },
    );
  }

  cancelBackup(backupId: string, options?: ZcomRequestOptions): APIPromise<void> {
    return this.#respond(
      ops.cancelBackup,
      () => ({ path: { ...this.#tenant, backup_id: stringId("backupId", backupId, "cancelBackup") } }),
      options,
      () => undefined,
    );
  }

  restoreBackup(backupId: string, backuprunId: string, options?: ZcomRequestOptions): APIPromise<void> {
    return this.#action(
      "restoreBackup",
      () => ({
        backup_id: stringId("backupId", backupId, "restoreBackup"),
        body: { restore: { backuprun_id: stringId("backuprunId", backuprunId, "restoreBackup") } },
      }),
      options,
    );
  }

  createImageFromBackup(
    backupId: string,
    backuprunId: string,
    imageName: string,
    options?: ZcomRequestOptions,
  ): APIPromise<void> {
    const operation = "createImageFromBackup";
    return this.#action(
      operation,
      () => {
        const backup_id = stringId("backupId", backupId, operation);
        const backuprun_id = stringId("backuprunId", backuprunId, operation);
        if (typeof imageName !== "string" || !IMAGE_NAME.test(imageName)) {
          throw new InvalidArgumentError(
            `${operation}: imageName must be 1–255 characters of A-Z, a-z, 0-9, "-" and "_", got ${JSON.stringify(String(imageName).slice(0, 40))}`,
            { operation },
          );
        }
        return { backup_id, body: { createImage: { backuprun_id, image_name: imageName } } };
      },
      options,
    );
  }

  /** One spec operation (`runBackupAction`) behind two methods; errors name the method called. */
  #action(
    method: string,
    input: () => { backup_id: string; body: NonNullable<CallInput<Spec["runBackupAction"]>["body"]> },
    options: ZcomRequestOptions | undefined,
  ): APIPromise<void> {
    const response = (async () => {
      try {
        const { backup_id, body } = input();
        const sent = await this.#request(
          ops.runBackupAction,
          { path: { ...this.#tenant, backup_id }, body },
          options,
        );
        return mapData(sent, () => undefined);
      } catch (error) {
        // Only its own errors: a login's failure is one object shared by every call that waited.
        if (error instanceof BackupKitError && error.operation === ops.runBackupAction.operationId)
          Object.defineProperty(error, "operation", { value: method });
        throw error;
      }
    })();
    return new APIPromise(response);
  }

  /** One method's call: `input` checks the arguments, `read` makes the method's result of the body. */
  #respond<S, T>(
    operation: Operation<S>,
    input: () => CallInput<S>,
    options: ZcomRequestOptions | undefined,
    read: (body: SuccessBody<S>) => T,
  ): APIPromise<T> {
    return APIPromise.from(() => this.#request(operation, input(), options), read);
  }

  /** Runs an authenticated operation. */
  #request<S>(
    operation: Operation<S>,
    input: CallInput<S> & CallExtras,
    options: ZcomRequestOptions | undefined,
  ): Promise<WithResponse<SuccessBody<S>>> {
    const fixed = this.#tokens.fixed;
    if (fixed === undefined) return this.#requestWithToken(operation, input, options);
    // A fixed token is never renewed: nothing to wait for, nothing to try again.
    input.credentials = { [TOKEN_HEADER]: fixed.reveal() };
    return this.#runtime.request(operation, input, options);
  }

  /** With a token that is fetched or logged in for; a 401 on a password login gets one fresh login and one more try. */
  async #requestWithToken<S>(
    operation: Operation<S>,
    input: CallInput<S> & CallExtras,
    options: ZcomRequestOptions | undefined,
  ): Promise<WithResponse<SuccessBody<S>>> {
    for (let login = 1; ; login++) {
      const token = await this.#tokens.get(options?.signal);
      input.credentials = { [TOKEN_HEADER]: token.reveal() };
      try {
        return await this.#runtime.request(operation, input, options);
      } catch (error) {
        if (!(error instanceof AuthenticationError && this.#tokens.refused(token))) throw error;
        if (login === 2) {
          throw new AuthenticationError(
            `${operation.operationId}: the service refused a freshly issued token`,
            {
              ...error,
              status: 401,
              cause: error,
            },
          );
        }
      }
    }
  }

  /** A password login (login.ts, loaded with the first one). */
  async #login(username: string, password: Secret): Promise<IssuedToken> {
    const { logIn } = await import("./login.js");
    return logIn(
      LOGIN_KIT,
      this.#runtime,
      ops.issueToken,
      this.#identityUrl,
      this.tenantId,
      username,
      password,
    );
  }

  toJSON(): Record<string, string> {
    return { client: "zcom", baseUrl: this.baseUrl, tenantId: this.tenantId };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ZcomClient { baseUrl: '${this.baseUrl}', tenantId: '${this.tenantId}' }`;
  }
}

/** The list under `key`, or a DecodeError: a body of the wrong shape never passes as data. */
function listOf<T>(value: T[] | undefined, operation: string, key: string): T[] {
  if (!Array.isArray(value)) {
    throw new DecodeError(`${operation}: expected a list under "${key}" in the response`, { operation });
  }
  // With validation off nothing else looks inside: a `null` or a number is not a backup.
  const at = value.findIndex((item) => !isRecord(item));
  if (at >= 0) {
    throw new DecodeError(`${operation}: item ${at} under "${key}" in the response is not an object`, {
      operation,
    });
  }
  return value;
}

function defaultIdentityUrl(baseUrl: string, region: string, given: string | undefined): string {
  if (given === undefined) return `https://identity.${region}.cloud.z.com`;
  const url = new URL(baseUrl);
  if (url.hostname.startsWith("compute.")) {
    url.hostname = `identity.${url.hostname.slice("compute.".length)}`;
    return url.origin;
  }
  return baseUrl;
}

/**
 * The Z.com Cloud Compute (ConoHa) backup client: typed calls that return plain data and
 * throw typed errors, over openapi-fetch and the shared runtime in @backupkit/core.
 */
import {
  AuthenticationError,
  type CallOptions,
  ClientRuntime,
  type CommonClientOptions,
  ConfigurationError,
  DecodeError,
  InvalidArgumentError,
  type IssuedToken,
  isRecord,
  parseOrigin,
  type RawResult,
  type RunInfo,
  Secret,
  stringId,
} from "@backupkit/core";
import createClient, { type Client } from "openapi-fetch";
import { type TokenSource, tokenSource, type ZcomAuth } from "./auth.js";
import type { paths } from "./generated/schema.js";
import { specSchemas } from "./generated/schemas.js";
import type { ZcomBackup, ZcomEnabledBackup, ZcomRegion, ZcomTokenResponse } from "./types.js";
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

/** Per-call options: an `AbortSignal`, and overrides of the client's `timeoutMs` and `maxRetries`. */
export type ZcomRequestOptions = CallOptions;

/** A Z.com backup client. Create one with `createZcomClient()`. */
export interface ZcomClient {
  /** The tenant every call is made for. */
  readonly tenantId: string;
  /** The compute origin calls go to. */
  readonly baseUrl: string;
  /** Lists every backup subscription of the tenant, each with its runs. */
  listBackups(options?: ZcomRequestOptions): Promise<ZcomBackup[]>;
  /** Gets one backup subscription (the service may wrap it in a one-element array; you get the object). */
  getBackup(backupId: string, options?: ZcomRequestOptions): Promise<ZcomBackup>;
  /** Applies for automatic backup of a virtual machine; returns the new subscription. */
  enableBackup(instanceId: string, options?: ZcomRequestOptions): Promise<ZcomEnabledBackup>;
  /** Cancels a backup subscription (automatic backup stops for that virtual machine). */
  cancelBackup(backupId: string, options?: ZcomRequestOptions): Promise<void>;
  /** Restores a backup run onto its virtual machine, which must be stopped. Accepted, not finished, on return. */
  restoreBackup(backupId: string, backuprunId: string, options?: ZcomRequestOptions): Promise<void>;
  /** Saves a backup run as a private image named `imageName` (1–255 of `A-Z a-z 0-9 - _`). */
  createImageFromBackup(
    backupId: string,
    backuprunId: string,
    imageName: string,
    options?: ZcomRequestOptions,
  ): Promise<void>;
  /** The typed openapi-fetch client, result-style (`{ data, error, response }`), with auth applied. */
  readonly raw: Client<paths>;
}

const LOGIN_AGAIN = Symbol("login again");
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
    this.baseUrl = parseOrigin(options.baseUrl ?? `https://compute.${region}.cloud.z.com`, "baseUrl", WHERE);
    this.#identityUrl = parseOrigin(
      options.identityUrl ?? defaultIdentityUrl(this.baseUrl, region, options.baseUrl),
      "identityUrl",
      WHERE,
    );
    this.#runtime = new ClientRuntime({
      ...options,
      schemas: specSchemas,
      allowedOrigins: [this.baseUrl, this.#identityUrl],
      defaultUserAgent: `backupkit-zcom/${VERSION} node/${process.version}`,
      where: WHERE,
    });
    this.#tokens = tokenSource(
      options.auth,
      (username, password) => this.#login(username, password),
      this.#runtime.secrets,
    );
    this.raw = createClient<paths>({ baseUrl: this.baseUrl, fetch: this.#runtime.fetchFor() });
    const tokens = this.#tokens;
    this.raw.use({
      // Result-style calls through `raw` get the same token as the typed methods.
      async onRequest({ request, schemaPath }) {
        if (schemaPath === "/v2.0/tokens" || request.headers.has("x-auth-token")) return undefined;
        request.headers.set("X-Auth-Token", (await tokens.get(request.signal)).reveal());
        return request;
      },
    });
  }

  async listBackups(options?: ZcomRequestOptions): Promise<ZcomBackup[]> {
    const path = { tenant_id: this.tenantId };
    return this.#call<{ backup: ZcomBackup[] }>(
      this.#info("listBackups", "GET", `/v2/${this.tenantId}/backup`),
      options,
      (fetch, headers) =>
        this.raw.GET("/v2/{tenant_id}/backup", { params: { path }, headers, fetch, parseAs: "stream" }),
    ).then((body) => body.backup);
  }

  async getBackup(backupId: string, options?: ZcomRequestOptions): Promise<ZcomBackup> {
    const id = stringId("backupId", backupId, "getBackup");
    const path = { tenant_id: this.tenantId, backup_id: id };
    const info = this.#info("getBackup", "GET", `/v2/${this.tenantId}/backup/${encodeURIComponent(id)}`);
    const body = await this.#call<{ backup: ZcomBackup | ZcomBackup[] }>(info, options, (fetch, headers) =>
      this.raw.GET("/v2/{tenant_id}/backup/{backup_id}", {
        params: { path },
        headers,
        fetch,
        parseAs: "stream",
      }),
    );
    // The vendor's example wraps the one backup in an array; client libraries read an object.
    const backup = Array.isArray(body?.backup) ? body.backup[0] : body?.backup;
    if (!isRecord(backup)) {
      throw new DecodeError(`getBackup: the response from ${info.url} holds no backup object`, info);
    }
    return backup as ZcomBackup;
  }

  async enableBackup(instanceId: string, options?: ZcomRequestOptions): Promise<ZcomEnabledBackup> {
    const instance_id = stringId("instanceId", instanceId, "enableBackup");
    const path = { tenant_id: this.tenantId };
    const body = await this.#call<{ backup: ZcomEnabledBackup }>(
      this.#info("enableBackup", "POST", `/v2/${this.tenantId}/backup`),
      options,
      (fetch, headers) =>
        this.raw.POST("/v2/{tenant_id}/backup", {
          params: { path },
          body: { backup: { instance_id } },
          headers,
          fetch,
          parseAs: "stream",
        }),
    );
    return body.backup;
  }

  async cancelBackup(backupId: string, options?: ZcomRequestOptions): Promise<void> {
    const id = stringId("backupId", backupId, "cancelBackup");
    const path = { tenant_id: this.tenantId, backup_id: id };
    await this.#call(
      {
        ...this.#info("cancelBackup", "DELETE", `/v2/${this.tenantId}/backup/${encodeURIComponent(id)}`),
        emptyOk: true,
      },
      options,
      (fetch, headers) =>
        this.raw.DELETE("/v2/{tenant_id}/backup/{backup_id}", {
          params: { path },
          headers,
          fetch,
          parseAs: "stream",
        }),
    );
  }

  async restoreBackup(backupId: string, backuprunId: string, options?: ZcomRequestOptions): Promise<void> {
    const id = stringId("backupId", backupId, "restoreBackup");
    const backuprun_id = stringId("backuprunId", backuprunId, "restoreBackup");
    await this.#action("restoreBackup", id, { restore: { backuprun_id } }, options);
  }

  async createImageFromBackup(
    backupId: string,
    backuprunId: string,
    imageName: string,
    options?: ZcomRequestOptions,
  ): Promise<void> {
    const operation = "createImageFromBackup";
    const id = stringId("backupId", backupId, operation);
    const backuprun_id = stringId("backuprunId", backuprunId, operation);
    if (typeof imageName !== "string" || !IMAGE_NAME.test(imageName)) {
      throw new InvalidArgumentError(
        `${operation}: imageName must be 1–255 characters of A-Z, a-z, 0-9, "-" and "_", got ${JSON.stringify(String(imageName).slice(0, 40))}`,
        { operation },
      );
    }
    await this.#action(operation, id, { createImage: { backuprun_id, image_name: imageName } }, options);
  }

  #action(
    operation: string,
    backupId: string,
    body: paths["/v2/{tenant_id}/backup/{backup_id}/action"]["post"]["requestBody"]["content"]["application/json"],
    options: ZcomRequestOptions | undefined,
  ): Promise<unknown> {
    const path = { tenant_id: this.tenantId, backup_id: backupId };
    const info = this.#info(
      "runBackupAction",
      "POST",
      `/v2/${this.tenantId}/backup/${encodeURIComponent(backupId)}/action`,
    );
    return this.#call({ ...info, emptyOk: true }, options, (fetch, headers) =>
      this.raw.POST("/v2/{tenant_id}/backup/{backup_id}/action", {
        params: { path },
        body,
        headers,
        fetch,
        parseAs: "stream",
      }),
    ).catch((error: unknown) => {
      // Report the method the user called, not the shared spec operation behind it.
      if (error instanceof Error && "operation" in error)
        Object.defineProperty(error, "operation", { value: operation });
      throw error;
    });
  }

  #info(operationId: string, method: string, path: string): RunInfo {
    return { operationId, method, url: `${this.baseUrl}${path}`, format: "json" };
  }

  /** Runs an authenticated operation; a 401 on a password login gets one fresh login and one more try. */
  async #call<T>(
    info: RunInfo,
    options: ZcomRequestOptions | undefined,
    send: (
      fetch: (request: Request) => Promise<Response>,
      headers: Record<string, string>,
    ) => Promise<RawResult>,
  ): Promise<T> {
    const attempt = async (): Promise<T | typeof LOGIN_AGAIN> => {
      const token = await this.#tokens.get(options?.signal);
      try {
        return await this.#runtime.run<T>(info, options, (fetch) =>
          send(fetch, { "X-Auth-Token": token.reveal() }),
        );
      } catch (error) {
        if (error instanceof AuthenticationError && this.#tokens.refused(token)) return LOGIN_AGAIN;
        throw error;
      }
    };
    const first = await attempt();
    if (first !== LOGIN_AGAIN) return first;
    const second = await attempt();
    if (second === LOGIN_AGAIN) {
      throw new AuthenticationError(`${info.operationId}: the service refused a freshly issued token`, info);
    }
    return second;
  }

  async #login(username: string, password: Secret): Promise<IssuedToken> {
    const url = `${this.#identityUrl}/v2.0/tokens`;
    const body = await this.#runtime.run<ZcomTokenResponse>(
      { operationId: "issueToken", method: "POST", url, format: "json" },
      // Shared by every call waiting for a token: the client's timeout applies, no caller's signal.
      undefined,
      (fetch) =>
        this.raw.POST("/v2.0/tokens", {
          baseUrl: this.#identityUrl,
          body: {
            auth: { passwordCredentials: { username, password: password.reveal() }, tenantId: this.tenantId },
          },
          fetch,
          parseAs: "stream",
        }),
    );
    const token = body?.access?.token;
    if (typeof token?.id !== "string" || token.id === "") {
      throw new DecodeError(`The identity service at ${url} answered without access.token.id`, {
        method: "POST",
        url,
      });
    }
    const expires = Date.parse(token.expires);
    return { token: new Secret(token.id), expiresAt: Number.isNaN(expires) ? undefined : new Date(expires) };
  }

  toJSON(): Record<string, string> {
    return { client: "zcom", baseUrl: this.baseUrl, tenantId: this.tenantId };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `ZcomClient { baseUrl: '${this.baseUrl}', tenantId: '${this.tenantId}' }`;
  }
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

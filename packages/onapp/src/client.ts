/**
 * The OnApp Cloud backup client: the same typed results whether the wire speaks JSON or
 * Rails XML, over openapi-fetch and the shared runtime in @backupkit/core.
 */
import {
  basicAuthorization,
  type CallOptions,
  ClientRuntime,
  type CommonClientOptions,
  ConfigurationError,
  encodeRailsXml,
  integerId,
  optionalText,
  parseOrigin,
  type RawResult,
  type RunInfo,
  Secret,
} from "@backupkit/core";
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./generated/schema.js";
import { specSchemas } from "./generated/schemas.js";
import { normalizeBackup, unwrap, unwrapList } from "./normalize.js";
import type {
  CreateBackupOptions,
  CreateDiskBackupOptions,
  OnAppBackup,
  OnAppFormat,
  OnAppVirtualServer,
} from "./types.js";
import { VERSION } from "./version.js";

/** HTTP Basic credentials: your account e-mail and API key, or a user name and password. */
export interface OnAppAuth {
  username: string;
  password: string;
}

export interface OnAppClientOptions extends CommonClientOptions {
  /** Your OnApp control panel's origin, e.g. `"https://onapp.example.com"` (OnApp is self-hosted). Required. */
  baseUrl: string;
  /** HTTP Basic credentials. Required. */
  auth: OnAppAuth;
  /** Wire format of every call: `"json"` or `"xml"`; results are identical. Default: `"json"`. */
  format?: OnAppFormat | undefined;
}

/** Per-call options: an `AbortSignal`, and overrides of the client's `timeoutMs` and `maxRetries`. */
export type OnAppRequestOptions = CallOptions;

/** An OnApp backup client. Create one with `createOnAppClient()`. */
export interface OnAppClient {
  /** The control panel origin calls go to. */
  readonly baseUrl: string;
  /** The wire format in use. */
  readonly format: OnAppFormat;
  /** Lists the virtual servers the credentials can see. */
  listVirtualServers(options?: OnAppRequestOptions): Promise<OnAppVirtualServer[]>;
  /** Lists every backup of a virtual server (normal and incremental). */
  listBackups(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]>;
  /** Lists a virtual server's normal (disk image) backups. */
  listBackupImages(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]>;
  /** Lists a virtual server's incremental (file) backups. */
  listBackupFiles(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]>;
  /** Lists the backups of one disk. */
  listDiskBackups(diskId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]>;
  /** Gets one backup. */
  getBackup(backupId: number, options?: OnAppRequestOptions): Promise<OnAppBackup>;
  /** Schedules a normal backup of a disk; returns the backup record (not yet built). */
  createDiskBackup(
    diskId: number,
    backup?: CreateDiskBackupOptions,
    options?: OnAppRequestOptions,
  ): Promise<OnAppBackup>;
  /** Schedules an incremental backup of a virtual server; returns the backup record (not yet built). */
  createIncrementalBackup(
    virtualServerId: number,
    backup?: CreateBackupOptions,
    options?: OnAppRequestOptions,
  ): Promise<OnAppBackup>;
  /** Schedules a restore of a backup; returns the backup when the server sends it back. */
  restoreBackup(backupId: number, options?: OnAppRequestOptions): Promise<OnAppBackup | undefined>;
  /** Deletes a backup (an empty body, `{}` or a single space all mean success). */
  deleteBackup(backupId: number, options?: OnAppRequestOptions): Promise<void>;
  /** The typed openapi-fetch client, result-style (`{ data, error, response }`), with auth applied. */
  readonly raw: Client<paths>;
}

type CreateBackupBody = components["schemas"]["CreateBackupRequest"];

/** What every openapi-fetch call of this client passes besides its params and body. */
interface CallInit {
  fetch: (request: Request) => Promise<Response>;
  parseAs: "stream";
  headers: Record<string, string>;
}

const WHERE = "createOnAppClient";
const MEDIA_TYPES: Record<OnAppFormat, string> = { json: "application/json", xml: "application/xml" };
const NOTE_MAX = 1024;

/** Creates an OnApp backup client. Throws ConfigurationError for options that cannot work. */
export function createOnAppClient(options: OnAppClientOptions): OnAppClient {
  return new OnAppClientImpl(options);
}

class OnAppClientImpl implements OnAppClient {
  readonly baseUrl: string;
  readonly format: OnAppFormat;
  readonly raw: Client<paths>;
  readonly #runtime: ClientRuntime;
  readonly #authorization: Secret;

  constructor(options: OnAppClientOptions) {
    if (typeof options !== "object" || options === null)
      throw new ConfigurationError(`${WHERE}: options are required`);
    const format = options.format ?? "json";
    if (format !== "json" && format !== "xml") {
      throw new ConfigurationError(`${WHERE}: format must be "json" or "xml", got ${JSON.stringify(format)}`);
    }
    this.format = format;
    if (options.baseUrl === undefined) {
      throw new ConfigurationError(
        `${WHERE}: baseUrl is required (your control panel, e.g. "https://onapp.example.com")`,
      );
    }
    this.baseUrl = parseOrigin(options.baseUrl, "baseUrl", WHERE);
    this.#runtime = new ClientRuntime({
      ...options,
      schemas: specSchemas,
      allowedOrigins: [this.baseUrl],
      defaultUserAgent: `backupkit-onapp/${VERSION} node/${process.version}`,
      where: WHERE,
    });
    this.#authorization = basicCredentials(options.auth);
    this.#runtime.secrets.add(this.#authorization);
    this.#runtime.secrets.add((options.auth as OnAppAuth).password);

    const headers = this.#headers();
    this.raw = createClient<paths>({ baseUrl: this.baseUrl, fetch: this.#runtime.fetchFor() });
    // Result-style calls through `raw` carry the same credentials and Accept header.
    this.raw.use({
      onRequest({ request }) {
        for (const [name, value] of Object.entries(headers)) {
          if (!request.headers.has(name)) request.headers.set(name, value);
        }
        return request;
      },
    });
  }

  async listVirtualServers(options?: OnAppRequestOptions): Promise<OnAppVirtualServer[]> {
    const body = await this.#run("listVirtualServers", "GET", "/virtual_machines", options, (init) =>
      this.raw.GET("/virtual_machines.{format}", { ...init, params: { path: { format: this.format } } }),
    );
    return unwrapList(body, "virtual_machine", "listVirtualServers") as OnAppVirtualServer[];
  }

  async listBackups(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const id = integerId("virtualServerId", virtualServerId, "listBackups");
    return await this.#list("listBackups", `/virtual_machines/${id}/backups`, options, (init) =>
      this.raw.GET("/virtual_machines/{virtual_machine_id}/backups.{format}", {
        ...init,
        params: { path: { virtual_machine_id: id, format: this.format } },
      }),
    );
  }

  async listBackupImages(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const id = integerId("virtualServerId", virtualServerId, "listBackupImages");
    return await this.#list("listBackupImages", `/virtual_machines/${id}/backups/images`, options, (init) =>
      this.raw.GET("/virtual_machines/{virtual_machine_id}/backups/images.{format}", {
        ...init,
        params: { path: { virtual_machine_id: id, format: this.format } },
      }),
    );
  }

  async listBackupFiles(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const id = integerId("virtualServerId", virtualServerId, "listBackupFiles");
    return await this.#list("listBackupFiles", `/virtual_machines/${id}/backups/files`, options, (init) =>
      this.raw.GET("/virtual_machines/{virtual_machine_id}/backups/files.{format}", {
        ...init,
        params: { path: { virtual_machine_id: id, format: this.format } },
      }),
    );
  }

  async listDiskBackups(diskId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const id = integerId("diskId", diskId, "listDiskBackups");
    return await this.#list("listDiskBackups", `/settings/disks/${id}/backups`, options, (init) =>
      this.raw.GET("/settings/disks/{disk_id}/backups.{format}", {
        ...init,
        params: { path: { disk_id: id, format: this.format } },
      }),
    );
  }

  async getBackup(backupId: number, options?: OnAppRequestOptions): Promise<OnAppBackup> {
    const id = integerId("backupId", backupId, "getBackup");
    const body = await this.#run("getBackup", "GET", `/backups/${id}`, options, (init) =>
      this.raw.GET("/backups/{backup_id}.{format}", {
        ...init,
        params: { path: { backup_id: id, format: this.format } },
      }),
    );
    return normalizeBackup(unwrap(body, "backup", "getBackup"));
  }

  async createDiskBackup(
    diskId: number,
    backup: CreateDiskBackupOptions = {},
    options?: OnAppRequestOptions,
  ): Promise<OnAppBackup> {
    const operation = "createDiskBackup";
    const id = integerId("diskId", diskId, operation);
    const note = optionalText("note", backup?.note, operation, NOTE_MAX);
    const force = backup?.forceWindowsBackup;
    const body: CreateBackupBody = {
      backup: {
        ...(note === undefined ? {} : { note }),
        ...(force === undefined ? {} : { force_windows_backup: force ? (1 as const) : (0 as const) }),
      },
    };
    const result = await this.#run(operation, "POST", `/settings/disks/${id}/backups`, options, (init) =>
      this.raw.POST("/settings/disks/{disk_id}/backups.{format}", {
        ...init,
        ...this.#body(body),
        params: { path: { disk_id: id, format: this.format } },
      }),
    );
    return normalizeBackup(unwrap(result, "backup", operation));
  }

  async createIncrementalBackup(
    virtualServerId: number,
    backup: CreateBackupOptions = {},
    options?: OnAppRequestOptions,
  ): Promise<OnAppBackup> {
    const operation = "createIncrementalBackup";
    const id = integerId("virtualServerId", virtualServerId, operation);
    const note = optionalText("note", backup?.note, operation, NOTE_MAX);
    const result = await this.#run(operation, "POST", `/virtual_machines/${id}/backups`, options, (init) =>
      this.raw.POST("/virtual_machines/{virtual_machine_id}/backups.{format}", {
        ...init,
        ...(note === undefined ? {} : this.#body({ backup: { note } })),
        params: { path: { virtual_machine_id: id, format: this.format } },
      }),
    );
    return normalizeBackup(unwrap(result, "backup", operation));
  }

  async restoreBackup(backupId: number, options?: OnAppRequestOptions): Promise<OnAppBackup | undefined> {
    const id = integerId("backupId", backupId, "restoreBackup");
    const result = await this.#run(
      "restoreBackup",
      "POST",
      `/backups/${id}/restore`,
      options,
      (init) =>
        this.raw.POST("/backups/{backup_id}/restore.{format}", {
          ...init,
          params: { path: { backup_id: id, format: this.format } },
        }),
      true,
    );
    const hasBackup = typeof result === "object" && result !== null && "backup" in result;
    return hasBackup ? normalizeBackup(unwrap(result, "backup", "restoreBackup")) : undefined;
  }

  async deleteBackup(backupId: number, options?: OnAppRequestOptions): Promise<void> {
    const id = integerId("backupId", backupId, "deleteBackup");
    await this.#run(
      "deleteBackup",
      "DELETE",
      `/backups/${id}`,
      options,
      (init) =>
        this.raw.DELETE("/backups/{backup_id}.{format}", {
          ...init,
          params: { path: { backup_id: id, format: this.format } },
        }),
      true,
    );
  }

  async #list(
    operationId: string,
    path: string,
    options: OnAppRequestOptions | undefined,
    send: (init: CallInit) => Promise<RawResult>,
  ): Promise<OnAppBackup[]> {
    const body = await this.#run(operationId, "GET", path, options, send);
    return unwrapList(body, "backup", operationId).map(normalizeBackup);
  }

  #run(
    operationId: string,
    method: string,
    path: string,
    options: OnAppRequestOptions | undefined,
    send: (init: CallInit) => Promise<RawResult>,
    emptyOk = false,
  ): Promise<unknown> {
    const info: RunInfo = {
      operationId,
      method,
      url: `${this.baseUrl}${path}.${this.format}`,
      format: this.format,
      emptyOk,
    };
    return this.#runtime.run(info, options, (fetch) =>
      send({ fetch, parseAs: "stream", headers: this.#headers() }),
    );
  }

  /** A request body in the client's format: JSON as is, XML written the way Rails reads it. */
  #body(body: CreateBackupBody): {
    body: CreateBackupBody | string;
    bodySerializer?: (b: unknown) => string;
    headers: Record<string, string>;
  } {
    if (this.format === "json") return { body, headers: this.#headers() };
    return {
      body: encodeRailsXml(body),
      // The XML text is the body already; openapi-fetch would JSON-encode it otherwise.
      bodySerializer: (text) => text as string,
      headers: { ...this.#headers(), "Content-Type": MEDIA_TYPES.xml },
    };
  }

  #headers(): Record<string, string> {
    return { Authorization: this.#authorization.reveal(), Accept: MEDIA_TYPES[this.format] };
  }

  toJSON(): Record<string, string> {
    return { client: "onapp", baseUrl: this.baseUrl, format: this.format };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `OnAppClient { baseUrl: '${this.baseUrl}', format: '${this.format}' }`;
  }
}

function basicCredentials(auth: unknown): Secret {
  if (typeof auth !== "object" || auth === null) {
    throw new ConfigurationError(
      `${WHERE}: auth is required: { username, password } (e-mail and API key, or user and password)`,
    );
  }
  const { username, password } = auth as Partial<OnAppAuth>;
  if (typeof username !== "string" || username.trim() === "") {
    throw new ConfigurationError(`${WHERE}: auth.username must be a non-empty string`);
  }
  if (username.includes(":"))
    throw new ConfigurationError(`${WHERE}: auth.username must not contain ":" (HTTP Basic)`);
  if (typeof password !== "string" || password === "") {
    throw new ConfigurationError(`${WHERE}: auth.password must be a non-empty string`);
  }
  return new Secret(basicAuthorization(username, new Secret(password)));
}

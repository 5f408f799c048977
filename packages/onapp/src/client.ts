/**
 * The OnApp Cloud backup client: the same typed results whether the wire speaks JSON or Rails
 * XML. Each method checks its arguments and makes one call of the generated operation table
 * through core's typed runtime.
 */
import {
  basicAuthorization,
  type CallInput,
  ClientRuntime,
  type CommonClientOptions,
  ConfigurationError,
  integerId,
  isRecord,
  JSON_MEDIA_TYPE,
  type Operation,
  optionalText,
  parseOrigin,
  type RequestOptions,
  Secret,
  type SuccessBody,
} from "@backupkit/core";
import createClient, { type Client } from "openapi-fetch";
import * as ops from "./generated/operations.js";
import type { components, paths } from "./generated/schema.js";
import { normalizeBackup, records, type Scrub, unwrap } from "./normalize.js";
import { loadXmlCodec, onappProfile, XML_MEDIA_TYPE } from "./profile.js";
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

/** Per-call options: an `AbortSignal`, headers, and overrides of the client's `timeoutMs` and `maxRetries`. */
export type OnAppRequestOptions = RequestOptions;

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

const WHERE = "createOnAppClient";
const MEDIA_TYPES: Record<OnAppFormat, string> = { json: JSON_MEDIA_TYPE, xml: XML_MEDIA_TYPE };
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
  readonly #mediaType: string;
  readonly #scrub: Scrub = (text) => this.#runtime.secrets.scrub(text);

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
    this.#authorization = basicCredentials(options.auth);
    this.#runtime = new ClientRuntime({
      ...options,
      profile: onappProfile,
      baseUrl: this.baseUrl,
      allowedOrigins: [this.baseUrl],
      defaultUserAgent: `backupkit-onapp/${VERSION} node/${process.version}`,
      where: WHERE,
    });
    this.#runtime.secrets.add(this.#authorization);
    // A server may echo just the credentials part of the header (`user:password` in base64).
    this.#runtime.secrets.add(this.#authorization.reveal().slice("Basic ".length));
    this.#runtime.secrets.add((options.auth as OnAppAuth).password);
    this.#mediaType = MEDIA_TYPES[format];

    const headers = { Authorization: this.#authorization.reveal(), Accept: this.#mediaType };
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
    const body = await this.#call(ops.listVirtualServers, {}, options);
    return records(body, "virtual_machine", "listVirtualServers", this.#scrub);
  }

  async listBackups(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const virtual_machine_id = integerId("virtualServerId", virtualServerId, "listBackups");
    const body = await this.#call(ops.listBackups, { path: { virtual_machine_id } }, options);
    return records(body, "backup", "listBackups", this.#scrub).map(normalizeBackup);
  }

  async listBackupImages(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const virtual_machine_id = integerId("virtualServerId", virtualServerId, "listBackupImages");
    const body = await this.#call(ops.listBackupImages, { path: { virtual_machine_id } }, options);
    return records(body, "backup", "listBackupImages", this.#scrub).map(normalizeBackup);
  }

  async listBackupFiles(virtualServerId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const virtual_machine_id = integerId("virtualServerId", virtualServerId, "listBackupFiles");
    const body = await this.#call(ops.listBackupFiles, { path: { virtual_machine_id } }, options);
    return records(body, "backup", "listBackupFiles", this.#scrub).map(normalizeBackup);
  }

  async listDiskBackups(diskId: number, options?: OnAppRequestOptions): Promise<OnAppBackup[]> {
    const disk_id = integerId("diskId", diskId, "listDiskBackups");
    const body = await this.#call(ops.listDiskBackups, { path: { disk_id } }, options);
    return records(body, "backup", "listDiskBackups", this.#scrub).map(normalizeBackup);
  }

  async getBackup(backupId: number, options?: OnAppRequestOptions): Promise<OnAppBackup> {
    const backup_id = integerId("backupId", backupId, "getBackup");
    const body = await this.#call(ops.getBackup, { path: { backup_id } }, options);
    return normalizeBackup(unwrap(body, "backup", "getBackup", this.#scrub));
  }

  async createDiskBackup(
    diskId: number,
    backup: CreateDiskBackupOptions = {},
    options?: OnAppRequestOptions,
  ): Promise<OnAppBackup> {
    const operation = "createDiskBackup";
    const disk_id = integerId("diskId", diskId, operation);
    const note = optionalText("note", backup?.note, operation, NOTE_MAX);
    const force = backup?.forceWindowsBackup;
    const body: CreateBackupBody = {
      backup: {
        ...(note === undefined ? {} : { note }),
        ...(force === undefined ? {} : { force_windows_backup: force ? (1 as const) : (0 as const) }),
      },
    };
    const result = await this.#call(ops.createDiskBackup, { path: { disk_id }, body }, options);
    return normalizeBackup(unwrap(result, "backup", operation, this.#scrub));
  }

  async createIncrementalBackup(
    virtualServerId: number,
    backup: CreateBackupOptions = {},
    options?: OnAppRequestOptions,
  ): Promise<OnAppBackup> {
    const operation = "createIncrementalBackup";
    const virtual_machine_id = integerId("virtualServerId", virtualServerId, operation);
    const note = optionalText("note", backup?.note, operation, NOTE_MAX);
    const body: CreateBackupBody | undefined = note === undefined ? undefined : { backup: { note } };
    const result = await this.#call(
      ops.createIncrementalBackup,
      { path: { virtual_machine_id }, body },
      options,
    );
    return normalizeBackup(unwrap(result, "backup", operation, this.#scrub));
  }

  async restoreBackup(backupId: number, options?: OnAppRequestOptions): Promise<OnAppBackup | undefined> {
    const backup_id = integerId("backupId", backupId, "restoreBackup");
    const result = await this.#call(ops.restoreBackup, { path: { backup_id } }, options);
    // Servers answer with the backup (201), or with a blank body or `{}` that means "scheduled".
    if (!isRecord(result) || !("backup" in result)) return undefined;
    return normalizeBackup(
      unwrap(result as Extract<typeof result, { backup: unknown }>, "backup", "restoreBackup", this.#scrub),
    );
  }

  async deleteBackup(backupId: number, options?: OnAppRequestOptions): Promise<void> {
    const backup_id = integerId("backupId", backupId, "deleteBackup");
    await this.#call(ops.deleteBackup, { path: { backup_id } }, options);
  }

  /** One operation in the client's format, with its credentials. */
  async #call<S>(
    operation: Operation<S>,
    input: Omit<CallInput<S>, "path"> & { path?: Omit<NonNullable<CallInput<S>["path"]>, "format"> },
    options: OnAppRequestOptions | undefined,
  ): Promise<SuccessBody<S>> {
    if (this.format === "xml") await loadXmlCodec();
    return this.#runtime.call(
      operation,
      {
        ...(input as CallInput<S>),
        path: { ...input.path, format: this.format } as CallInput<S>["path"],
        mediaType: this.#mediaType,
        credentials: { Authorization: this.#authorization.reveal() },
      },
      options,
    );
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

/**
 * The OnApp Cloud backup client: the same typed results whether the wire speaks JSON or Rails
 * XML. Each method checks its arguments and makes one call of the generated operation table
 * through core's typed runtime.
 */
import {
  APIPromise,
  basicAuthorization,
  type CallInput,
  ClientRuntime,
  type CommonClientOptions,
  ConfigurationError,
  InvalidArgumentError,
  integerId,
  iteratePages,
  JSON_MEDIA_TYPE,
  type Operation,
  optionalText,
  type Page,
  type PageParams,
  pagingHeader,
  parseOrigin,
  type RequestOptions,
  Secret,
  type SuccessBody,
  type WithResponse,
} from "@backupkit/core";
import type { Client } from "openapi-fetch";
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
  OnAppWireBackup,
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
  listVirtualServers(options?: OnAppRequestOptions): APIPromise<OnAppVirtualServer[]>;
  /** Lists every backup of a virtual server (normal and incremental) that the server sends in one answer. */
  listBackups(virtualServerId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]>;
  /**
   * One page of a virtual server's backups, with `page`, `perPage` and `total` as the server
   * reports them (`X-Page`, `X-Limit`, `X-Total`; `total` is undefined when it sends none).
   */
  listBackupsPage(
    virtualServerId: number,
    params?: PageParams,
    options?: OnAppRequestOptions,
  ): APIPromise<Page<OnAppBackup>>;
  /**
   * Every backup of a virtual server over all pages, fetched one page at a time as you iterate
   * (`for await (const backup of onapp.iterateBackups(488))`). Stops on the last page, and on a
   * repeated page from a server that ignores paging (with a warning to the logger).
   */
  iterateBackups(
    virtualServerId: number,
    params?: Omit<PageParams, "page">,
    options?: OnAppRequestOptions,
  ): AsyncGenerator<OnAppBackup, void, undefined>;
  /** One page of the virtual servers (paging as for `listBackupsPage`). */
  listVirtualServersPage(
    params?: PageParams,
    options?: OnAppRequestOptions,
  ): APIPromise<Page<OnAppVirtualServer>>;
  /** Every virtual server over all pages, one page at a time. */
  iterateVirtualServers(
    params?: Omit<PageParams, "page">,
    options?: OnAppRequestOptions,
  ): AsyncGenerator<OnAppVirtualServer, void, undefined>;
  /** One page of a virtual server's image backups (the spec infers paging for this call). */
  listBackupImagesPage(
    virtualServerId: number,
    params?: PageParams,
    options?: OnAppRequestOptions,
  ): APIPromise<Page<OnAppBackup>>;
  /** Every image backup of a virtual server over all pages. */
  iterateBackupImages(
    virtualServerId: number,
    params?: Omit<PageParams, "page">,
    options?: OnAppRequestOptions,
  ): AsyncGenerator<OnAppBackup, void, undefined>;
  /** One page of a virtual server's incremental backups (the spec infers paging for this call). */
  listBackupFilesPage(
    virtualServerId: number,
    params?: PageParams,
    options?: OnAppRequestOptions,
  ): APIPromise<Page<OnAppBackup>>;
  /** Every incremental backup of a virtual server over all pages. */
  iterateBackupFiles(
    virtualServerId: number,
    params?: Omit<PageParams, "page">,
    options?: OnAppRequestOptions,
  ): AsyncGenerator<OnAppBackup, void, undefined>;
  /** Lists a virtual server's normal (disk image) backups. */
  listBackupImages(virtualServerId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]>;
  /** Lists a virtual server's incremental (file) backups. */
  listBackupFiles(virtualServerId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]>;
  /** Lists the backups of one disk. */
  listDiskBackups(diskId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]>;
  /** Gets one backup. */
  getBackup(backupId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup>;
  /** Schedules a normal backup of a disk; returns the backup record (not yet built). */
  createDiskBackup(
    diskId: number,
    backup?: CreateDiskBackupOptions,
    options?: OnAppRequestOptions,
  ): APIPromise<OnAppBackup>;
  /** Schedules an incremental backup of a virtual server; returns the backup record (not yet built). */
  createIncrementalBackup(
    virtualServerId: number,
    backup?: CreateBackupOptions,
    options?: OnAppRequestOptions,
  ): APIPromise<OnAppBackup>;
  /** Schedules a restore of a backup; returns the backup when the server sends it back. */
  restoreBackup(backupId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup | undefined>;
  /** Deletes a backup (an empty body, `{}` or a single space all mean success). */
  deleteBackup(backupId: number, options?: OnAppRequestOptions): APIPromise<void>;
  /** The typed openapi-fetch client, result-style (`{ data, error, response }`), with auth applied. */
  readonly raw: Client<paths>;
}

type CreateBackupBody = components["schemas"]["CreateBackupRequest"];

const WHERE = "createOnAppClient";
const MEDIA_TYPES: Record<OnAppFormat, string> = { json: JSON_MEDIA_TYPE, xml: XML_MEDIA_TYPE };
const NOTE_MAX = 1024;
/** Page size `iterateBackups` asks for when the caller names none. */
const DEFAULT_PER_PAGE = 100;

/** Paging options of an iterator: the page size only (it walks the pages itself). */
type PerPage = Omit<PageParams, "page">;

/** A call's input without the `format` path parameter, which the client fills in. */
type InputOf<S> = Omit<CallInput<S>, "path"> & { path?: Omit<NonNullable<CallInput<S>["path"]>, "format"> };

function vmId(value: unknown, operation: string): number {
  return integerId("virtualServerId", value, operation);
}

/** An optional positive integer paging parameter. */
function positive(name: string, value: unknown, operation: string): number | undefined {
  return value === undefined ? undefined : integerId(name, value, operation);
}

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
  /** Scrubs this client's secrets from text a server sent (key names quoted in a DecodeError). */
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
    // The bare base64 of `user:password` too, without its padding, which holds no secret: a
    // server may echo it without the "Basic " prefix, or without the padding.
    this.#runtime.secrets.add(this.#authorization.reveal().replace(/^Basic |=+$/g, ""));
    this.#runtime.secrets.add((options.auth as OnAppAuth).password);
    this.#mediaType = MEDIA_TYPES[format];

    const baseUrl = this.baseUrl;
    // openapi-fetch loads on the raw client's first call: the typed methods do not need it.
    // Result-style calls through `raw` carry the same credentials, and ask for JSON (what raw
    // parses, whatever the client's format) unless the call sets its own Accept; both are added
    // below any middleware, which never sees the credentials.
    this.raw = this.#runtime.rawClient(
      async (fetch) => {
        const { default: createClient } = await import("openapi-fetch");
        return createClient<paths>({ baseUrl, fetch });
      },
      { authorization: this.#authorization.reveal(), accept: JSON_MEDIA_TYPE },
    );
  }

  listVirtualServers(options?: OnAppRequestOptions): APIPromise<OnAppVirtualServer[]> {
    return this.#respond(
      ops.listVirtualServers,
      () => ({}),
      options,
      (body) => records(body, "virtual_machine", "listVirtualServers", this.#scrub),
    );
  }

  listBackups(virtualServerId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]> {
    return this.#respond(
      ops.listBackups,
      () => ({ path: { virtual_machine_id: vmId(virtualServerId, "listBackups") } }),
      options,
      (body) => this.#backups(body, "listBackups"),
    );
  }

  listBackupsPage(virtualServerId: number, params: PageParams = {}, options?: OnAppRequestOptions) {
    return this.#page(
      ops.listBackups,
      () => ({ virtual_machine_id: vmId(virtualServerId, "listBackupsPage") }),
      params,
      options,
      (body) => this.#backups(body, "listBackupsPage"),
    );
  }

  iterateBackups(virtualServerId: number, params: PerPage = {}, options?: OnAppRequestOptions) {
    return this.#iterate("iterateBackups", params, options, (page) =>
      this.listBackupsPage(virtualServerId, page, options),
    );
  }

  listVirtualServersPage(params: PageParams = {}, options?: OnAppRequestOptions) {
    return this.#page(
      ops.listVirtualServers,
      () => ({}),
      params,
      options,
      (body) => records(body, "virtual_machine", "listVirtualServersPage", this.#scrub),
    );
  }

  iterateVirtualServers(params: PerPage = {}, options?: OnAppRequestOptions) {
    return this.#iterate("iterateVirtualServers", params, options, (page) =>
      this.listVirtualServersPage(page, options),
    );
  }

  listBackupImagesPage(virtualServerId: number, params: PageParams = {}, options?: OnAppRequestOptions) {
    return this.#page(
      ops.listBackupImages,
      () => ({ virtual_machine_id: vmId(virtualServerId, "listBackupImagesPage") }),
      params,
      options,
      (body) => this.#backups(body, "listBackupImagesPage"),
    );
  }

  iterateBackupImages(virtualServerId: number, params: PerPage = {}, options?: OnAppRequestOptions) {
    return this.#iterate("iterateBackupImages", params, options, (page) =>
      this.listBackupImagesPage(virtualServerId, page, options),
    );
  }

  listBackupFilesPage(virtualServerId: number, params: PageParams = {}, options?: OnAppRequestOptions) {
    return this.#page(
      ops.listBackupFiles,
      () => ({ virtual_machine_id: vmId(virtualServerId, "listBackupFilesPage") }),
      params,
      options,
      (body) => this.#backups(body, "listBackupFilesPage"),
    );
  }

  iterateBackupFiles(virtualServerId: number, params: PerPage = {}, options?: OnAppRequestOptions) {
    return this.#iterate("iterateBackupFiles", params, options, (page) =>
      this.listBackupFilesPage(virtualServerId, page, options),
    );
  }

  listBackupImages(virtualServerId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]> {
    return this.#respond(
      ops.listBackupImages,
      () => ({ path: { virtual_machine_id: vmId(virtualServerId, "listBackupImages") } }),
      options,
      (body) => this.#backups(body, "listBackupImages"),
    );
  }

  listBackupFiles(virtualServerId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]> {
    return this.#respond(
      ops.listBackupFiles,
      () => ({ path: { virtual_machine_id: vmId(virtualServerId, "listBackupFiles") } }),
      options,
      (body) => this.#backups(body, "listBackupFiles"),
    );
  }

  listDiskBackups(diskId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup[]> {
    return this.#respond(
      ops.listDiskBackups,
      () => ({ path: { disk_id: integerId("diskId", diskId, "listDiskBackups") } }),
      options,
      (body) => this.#backups(body, "listDiskBackups"),
    );
  }

  getBackup(backupId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup> {
    return this.#respond(
      ops.getBackup,
      () => ({ path: { backup_id: integerId("backupId", backupId, "getBackup") } }),
      options,
      (body) => normalizeBackup(unwrap(body, "backup", "getBackup", this.#scrub)),
    );
  }

  createDiskBackup(
    diskId: number,
    backup: CreateDiskBackupOptions = {},
    options?: OnAppRequestOptions,
  ): APIPromise<OnAppBackup> {
    const operation = "createDiskBackup";
    return this.#respond(
      ops.createDiskBackup,
      () => {
        const disk_id = integerId("diskId", diskId, operation);
        const note = optionalText("note", backup?.note, operation, NOTE_MAX);
        const force = backup?.forceWindowsBackup;
        const body: CreateBackupBody = { backup: note === undefined ? {} : { note } };
        if (typeof force === "boolean") body.backup.force_windows_backup = force ? 1 : 0;
        else if (force !== undefined) {
          // Anything else is a mistake ("false" is truthy), and a forced backup is not undone.
          throw new InvalidArgumentError(`${operation}: forceWindowsBackup must be a boolean`, { operation });
        }
        return { path: { disk_id }, body };
      },
      options,
      (result) => normalizeBackup(unwrap(result, "backup", operation, this.#scrub)),
    );
  }

  createIncrementalBackup(
    virtualServerId: number,
    backup: CreateBackupOptions = {},
    options?: OnAppRequestOptions,
  ): APIPromise<OnAppBackup> {
    const operation = "createIncrementalBackup";
    return this.#respond(
      ops.createIncrementalBackup,
      () => {
        const virtual_machine_id = vmId(virtualServerId, operation);
        const note = optionalText("note", backup?.note, operation, NOTE_MAX);
        const body: CreateBackupBody | undefined = note === undefined ? undefined : { backup: { note } };
        return { path: { virtual_machine_id }, body };
      },
      options,
      (result) => normalizeBackup(unwrap(result, "backup", operation, this.#scrub)),
    );
  }

  restoreBackup(backupId: number, options?: OnAppRequestOptions): APIPromise<OnAppBackup | undefined> {
    return this.#respond(
      ops.restoreBackup,
      () => ({ path: { backup_id: integerId("backupId", backupId, "restoreBackup") } }),
      options,
      // The backup (201), or a blank body or `{}` that means "scheduled", which the profile reads
      // as no data. Anything else is not an answer to a restore: a DecodeError, not success.
      (result) =>
        result === undefined
          ? undefined
          : normalizeBackup(
              unwrap(
                result as Extract<typeof result, { backup: unknown }>,
                "backup",
                "restoreBackup",
                this.#scrub,
              ),
            ),
    );
  }

  deleteBackup(backupId: number, options?: OnAppRequestOptions): APIPromise<void> {
    return this.#respond(
      ops.deleteBackup,
      () => ({ path: { backup_id: integerId("backupId", backupId, "deleteBackup") } }),
      options,
      () => undefined,
    );
  }

  /** The backups of a list answer (`[{ "backup": {...} }, ...]`), each normalised. */
  #backups(body: readonly { backup: OnAppWireBackup }[] | undefined, operation: string): OnAppBackup[] {
    return records(body, "backup", operation, this.#scrub).map(normalizeBackup);
  }

  /**
   * One page of a paged list: `page`/`per_page` sent, `X-Page`/`X-Limit`/`X-Total` read back
   * (what was asked stands in for a header the server does not send).
   */
  #page<S, T>(
    operation: Operation<S>,
    path: () => InputOf<S>["path"],
    params: PageParams,
    options: OnAppRequestOptions | undefined,
    read: (body: SuccessBody<S>) => T[],
  ): APIPromise<Page<T>> {
    const operationId = operation.operationId;
    let page = 1;
    let perPage: number | undefined;
    return APIPromise.from(
      () => {
        page = positive("page", params?.page, operationId) ?? 1;
        perPage = positive("perPage", params?.perPage, operationId);
        const query = { page, per_page: perPage } as CallInput<S>["query"];
        return this.#request(operation, { path: path(), query } as InputOf<S>, options);
      },
      (body, response) => ({
        items: read(body),
        page: pagingHeader(response, "X-Page") ?? page,
        perPage: pagingHeader(response, "X-Limit") ?? perPage,
        total: pagingHeader(response, "X-Total"),
      }),
    );
  }

  /** Every item of a paged list, one page fetched at a time as the caller iterates. */
  #iterate<T>(
    what: string,
    params: PerPage,
    options: OnAppRequestOptions | undefined,
    fetchPage: (params: PageParams) => APIPromise<Page<T>>,
  ): AsyncGenerator<T, void, undefined> {
    const perPage = params?.perPage ?? DEFAULT_PER_PAGE;
    return iteratePages((page) => fetchPage({ page, perPage }), {
      signal: options?.signal,
      logger: this.#runtime.logger,
      what,
    });
  }

  /** One method's call: `input` checks the arguments, `read` makes the method's result of the body. */
  #respond<S, T>(
    operation: Operation<S>,
    input: () => InputOf<S>,
    options: OnAppRequestOptions | undefined,
    read: (body: SuccessBody<S>) => T,
  ): APIPromise<T> {
    return APIPromise.from(() => this.#request(operation, input(), options), read);
  }

  /** One operation in the client's format, with its credentials. */
  async #request<S>(
    operation: Operation<S>,
    input: InputOf<S>,
    options: OnAppRequestOptions | undefined,
  ): Promise<WithResponse<SuccessBody<S>>> {
    if (this.format === "xml") await loadXmlCodec();
    return this.#runtime.request(
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

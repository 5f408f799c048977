/**
 * Both clients as a user builds them (public API only), and every list and get operation of
 * each, with what a successful result must look like. Everything a client reports on the side
 * (log lines, hook arguments) is collected so the suites can search it for secrets too.
 */
import { inspect } from "node:util";
import * as onapp from "@backupkit/onapp";
import * as zcom from "@backupkit/zcom";
import {
  ONAPP_PASSWORD,
  ONAPP_USERNAME,
  SECRETS_OF,
  ZCOM_PASSWORD,
  ZCOM_TOKEN,
  ZCOM_USERNAME,
} from "./secrets.js";

export const TENANT = "1864e71d2deb46f6b47526b69c65a45d";

export interface ClientSettings {
  timeoutMs?: number;
  maxRetries?: number;
  validate?: boolean | "warn";
  maxResponseBytes?: number;
  /** Send through this fetch instead of node:http. */
  fetch?: typeof globalThis.fetch;
}

/** One operation of one client, ready to call. */
export interface Target {
  /** e.g. `onapp-xml.listBackups`. */
  name: string;
  kind: "list" | "get";
  /** The secrets this client knows, in every form; none may appear in what it reports. */
  secrets: readonly string[];
  /** Where this operation's client logs and reports hooks. */
  side: SideChannel;
  call: () => Promise<unknown>;
}

/** What clients said besides their results: log lines and hook arguments, as text. */
export class SideChannel {
  readonly lines: string[] = [];
  readonly logger = {
    warn: (message: string) => this.lines.push(`warn ${message}`),
    debug: (message: string) => this.lines.push(`debug ${message}`),
  };
  readonly hooks = {
    onRequest: (info: unknown) => this.lines.push(`onRequest ${inspect(info)}`),
    onResponse: (info: unknown) => this.lines.push(`onResponse ${inspect(info)}`),
    onRetry: (info: unknown) => this.lines.push(`onRetry ${inspect(info)}`),
  };
}

export type ClientName = "zcom-token" | "zcom-password" | "onapp-json" | "onapp-xml";
export const CLIENT_NAMES: readonly ClientName[] = ["zcom-token", "zcom-password", "onapp-json", "onapp-xml"];

/** Every list and get operation of the named clients, against `baseUrl`. */
export function targets(
  baseUrl: string,
  settings: ClientSettings,
  only: readonly ClientName[] = CLIENT_NAMES,
): Target[] {
  const out: Target[] = [];
  for (const name of only) {
    const secrets = SECRETS_OF[name];
    const side = new SideChannel();
    const common = { ...settings, baseUrl, logger: side.logger, ...side.hooks };
    if (name === "zcom-token" || name === "zcom-password") {
      const client = zcom.createZcomClient({
        ...common,
        tenantId: TENANT,
        auth:
          name === "zcom-token"
            ? { token: ZCOM_TOKEN }
            : { username: ZCOM_USERNAME, password: ZCOM_PASSWORD },
      });
      out.push(
        { name: `${name}.listBackups`, kind: "list", secrets, side, call: () => client.listBackups() },
        {
          name: `${name}.getBackup`,
          kind: "get",
          secrets,
          side,
          call: () => client.getBackup("1df1d401-0e64-4f43-8a96-475b4eb55029"),
        },
      );
    } else {
      const client = onapp.createOnAppClient({
        ...common,
        format: name === "onapp-xml" ? "xml" : "json",
        auth: { username: ONAPP_USERNAME, password: ONAPP_PASSWORD },
      });
      out.push(
        {
          name: `${name}.listVirtualServers`,
          kind: "list",
          secrets,
          side,
          call: () => client.listVirtualServers(),
        },
        { name: `${name}.listBackups`, kind: "list", secrets, side, call: () => client.listBackups(488) },
        {
          name: `${name}.listBackupImages`,
          kind: "list",
          secrets,
          side,
          call: () => client.listBackupImages(488),
        },
        {
          name: `${name}.listBackupFiles`,
          kind: "list",
          secrets,
          side,
          call: () => client.listBackupFiles(488),
        },
        {
          name: `${name}.listDiskBackups`,
          kind: "list",
          secrets,
          side,
          call: () => client.listDiskBackups(1032),
        },
        { name: `${name}.getBackup`, kind: "get", secrets, side, call: () => client.getBackup(6117) },
      );
    }
  }
  return out;
}

/** True for the base class of every error either client throws. */
export function isTyped(error: unknown): boolean {
  return error instanceof zcom.BackupKitError || error instanceof onapp.BackupKitError;
}

export const errors = zcom;

/**
 * Whether a resolved value is data of the operation's kind: a list of records, or one record.
 * `undefined`, `null`, a string or a bare number passed off as a result is a failure.
 */
export function isData(kind: Target["kind"], value: unknown): boolean {
  const isRecord = (item: unknown) => typeof item === "object" && item !== null && !Array.isArray(item);
  return kind === "list" ? Array.isArray(value) && value.every(isRecord) : isRecord(value);
}

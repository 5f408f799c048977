/**
 * Real response bodies, read from the specs' recorded examples and fixtures, keyed by the
 * request path they answer. The fault server falls back to these when a case lets a request
 * through, and the fuzzers mutate them.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { ISSUED_TOKEN } from "./secrets.js";

const specs = fileURLToPath(new URL("../../../specs/", import.meta.url));

function example(vendor: string, name: string): unknown {
  const text = readFileSync(`${specs}${vendor}/examples/${name}.yaml`, "utf8");
  return (parse(text) as { value: unknown }).value;
}

function json(vendor: string, name: string): string {
  return JSON.stringify(example(vendor, name));
}

function xml(name: string): string {
  return example("onapp", name) as string;
}

/** The recorded token response, issuing the token the suites search for. */
function tokenResponse(): unknown {
  const body = example("zcom", "token-response") as { access: { token: { id: string; expires: string } } };
  body.access.token.id = ISSUED_TOKEN;
  body.access.token.expires = new Date(Date.now() + 86_400_000).toISOString();
  return body;
}

/** The body of every list and get operation's success, by what the path ends with. */
export const GOOD_BODIES = {
  zcomList: readFileSync(`${specs}zcom/fixtures/list-backups.seed.json`, "utf8"),
  zcomGet: json("zcom", "get-backup-object"),
  zcomToken: JSON.stringify(tokenResponse()),
  onapp: {
    json: {
      listVirtualServers: json("onapp", "list-virtual-servers-json"),
      listBackups: json("onapp", "list-backups-json"),
      listBackupImages: json("onapp", "backup-images-seed-json"),
      listBackupFiles: json("onapp", "list-backup-files-json"),
      listDiskBackups: json("onapp", "list-disk-backups-json"),
      getBackup: json("onapp", "get-backup-json"),
    },
    xml: {
      listVirtualServers: xml("list-virtual-servers-xml"),
      listBackups: xml("list-backups-xml"),
      listBackupImages: xml("backup-images-seed-xml"),
      listBackupFiles: xml("list-backup-files-xml"),
      listDiskBackups: xml("list-disk-backups-xml"),
      getBackup: xml("get-backup-xml"),
    },
  },
} as const;

export type OnAppOperation = keyof (typeof GOOD_BODIES)["onapp"]["json"];

/** What a request path (after the case prefix) asks for. */
export interface Route {
  vendor: "zcom" | "onapp";
  /** `login` for Z.com's token request. */
  operation: string;
  format: "json" | "xml";
}

export function route(path: string): Route | undefined {
  const bare = path.split("?")[0] ?? "";
  if (bare === "/v2.0/tokens") return { vendor: "zcom", operation: "login", format: "json" };
  if (/^\/v2\/[^/]+\/backup$/.test(bare)) return { vendor: "zcom", operation: "listBackups", format: "json" };
  if (/^\/v2\/[^/]+\/backup\/[^/]+$/.test(bare))
    return { vendor: "zcom", operation: "getBackup", format: "json" };
  const dot = bare.lastIndexOf(".");
  const format = bare.slice(dot + 1);
  if (dot < 0 || (format !== "json" && format !== "xml")) return undefined;
  const stem = bare.slice(0, dot);
  const operation =
    stem === "/virtual_machines"
      ? "listVirtualServers"
      : /^\/virtual_machines\/[^/]+\/backups$/.test(stem)
        ? "listBackups"
        : /^\/virtual_machines\/[^/]+\/backups\/images$/.test(stem)
          ? "listBackupImages"
          : /^\/virtual_machines\/[^/]+\/backups\/files$/.test(stem)
            ? "listBackupFiles"
            : /^\/settings\/disks\/[^/]+\/backups$/.test(stem)
              ? "listDiskBackups"
              : /^\/backups\/[^/]+$/.test(stem)
                ? "getBackup"
                : undefined;
  return operation ? { vendor: "onapp", operation, format } : undefined;
}

/** The real success body for a route. */
export function goodBody(where: Route): string {
  if (where.vendor === "zcom") {
    if (where.operation === "login") return GOOD_BODIES.zcomToken;
    return where.operation === "listBackups" ? GOOD_BODIES.zcomList : GOOD_BODIES.zcomGet;
  }
  return GOOD_BODIES.onapp[where.format][where.operation as OnAppOperation];
}

/** Every JSON body the fuzzers start from. */
export function jsonSeeds(): string[] {
  return [GOOD_BODIES.zcomList, GOOD_BODIES.zcomGet, ...Object.values(GOOD_BODIES.onapp.json)];
}

/** Names for the spec's types that application code uses, normalised where the wire varies. */
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/**
 * One backup as the client returns it: the spec's `Backup` with `backup_size` always a number
 * of kB (older servers send a string) and `allow_resize_without_reboot` under its wire name
 * (the docs' `allowed_resize_without_reboot` is accepted and renamed).
 */
export type OnAppBackup = Omit<Schemas["Backup"], "backup_size"> & {
  /** Disk space the backup takes, in kB. */
  backup_size?: number;
};
/** A virtual server, reduced to what a backup tool needs (the rest of the wire fields pass through). */
export type OnAppVirtualServer = Schemas["VirtualServer"];
/** The spec's `Backup` exactly as the wire may carry it (before normalisation). */
export type OnAppWireBackup = Schemas["Backup"];
/** An OnApp error body (`errors` list or hash, or `error` string), as carried by errors' `body`. */
export type OnAppErrorBody = Schemas["ErrorBody"];
/** Wire format of every call: both give the same typed results. */
export type OnAppFormat = "json" | "xml";

/** Options of a new backup. */
export interface CreateBackupOptions {
  /** Free-text note stored with the backup. */
  note?: string;
}
/** Options of a new disk backup. */
export interface CreateDiskBackupOptions extends CreateBackupOptions {
  /** Back up a Windows disk even while the server runs (OnApp's `force_windows_backup`). Default: false. */
  forceWindowsBackup?: boolean;
}

/** Names for the spec's types that application code uses. */
import type { components } from "./generated/schema.js";

type Schemas = components["schemas"];

/** One virtual machine's backup subscription with its runs (the spec's `Backup`). */
export type ZcomBackup = Schemas["Backup"];
/** One backup run: an instance (whole server) or a volume run (the spec's `BackupRun`). */
export type ZcomBackupRun = Schemas["BackupRun"];
/** The subscription `enableBackup` creates (no runs yet). */
export type ZcomEnabledBackup = Schemas["EnableBackupResult"]["backup"];
/** A Keystone v2.0 token response (`issueToken`). */
export type ZcomTokenResponse = Schemas["TokenResponse"];
/** An OpenStack fault or Keystone error body, as carried by errors' `body`. */
export type ZcomErrorBody = Schemas["ErrorBody"];
/** Regions the spec knows; other names are accepted for regions added later. */
export type ZcomRegion = "tyo1" | "sin1" | "sjc1" | (string & {});

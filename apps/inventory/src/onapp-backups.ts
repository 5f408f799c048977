/**
 * How the inventory reads one OnApp virtual server's backups: the disk-image backups through
 * `listBackupImages` (the operation the vendor's seed documents) and the incremental ones
 * through `listBackupFiles`, where the panel has them, every page of each. Each result says
 * which listing it came from, which is the record's kind.
 */
import { NotFoundError, type OnAppBackup, type OnAppClient } from "@backupkit/onapp";
import type { OnAppListing } from "./records.js";

type Iterator<T> = (
  id: number,
  params?: { perPage?: number | undefined },
  options?: { signal?: AbortSignal | undefined },
) => AsyncIterable<T>;

/** The client methods the inventory uses: the public API's paged iterators. */
export interface OnAppBackupSource {
  iterateVirtualServers: (
    params?: { perPage?: number | undefined },
    options?: { signal?: AbortSignal | undefined },
  ) => AsyncIterable<Awaited<ReturnType<OnAppClient["listVirtualServers"]>>[number]>;
  iterateBackupImages: Iterator<OnAppBackup>;
  iterateBackupFiles: Iterator<OnAppBackup>;
}

/** Every item an iterator yields, read to the end. */
export async function readAll<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export interface ListedBackup {
  backup: OnAppBackup;
  listing: OnAppListing;
}

/** One listing that failed; the other's backups are still returned. */
export class ListingError extends Error {
  override name = "ListingError";
  constructor(
    readonly operation: "listBackupImages" | "listBackupFiles",
    override readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

export interface VmBackups {
  backups: ListedBackup[];
  failures: ListingError[];
}

/** Runs one listing (all its pages) within the caller's concurrency limits. */
export type Limit = <T>(task: () => Promise<T>) => Promise<T>;

/**
 * Every backup of one virtual server, over every page of both listings. Each listing holds one
 * slot of `limit` while it runs, so the limit counts calls in flight, not machines.
 */
export async function listVmBackups(
  client: OnAppBackupSource,
  vmId: number,
  call: { signal?: AbortSignal | undefined },
  limit: Limit = (task) => task(),
): Promise<VmBackups> {
  const [images, files] = await Promise.allSettled([
    limit(() => readAll(client.iterateBackupImages(vmId, {}, call))),
    limit(() => readAll(client.iterateBackupFiles(vmId, {}, call))),
  ]);
  const backups: ListedBackup[] = [];
  const failures: ListingError[] = [];
  if (images.status === "fulfilled") {
    for (const backup of images.value) backups.push({ backup, listing: "image" });
  } else failures.push(new ListingError("listBackupImages", images.reason));
  if (files.status === "fulfilled") {
    for (const backup of files.value) backups.push({ backup, listing: "incremental" });
  } else if (!(files.reason instanceof NotFoundError)) {
    // A panel without incremental backups answers 404 here: that is "none", not a failure.
    failures.push(new ListingError("listBackupFiles", files.reason));
  }
  return { backups, failures };
}

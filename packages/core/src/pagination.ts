/**
 * Paging that cannot run away: a page-at-a-time result, and an iterator over every item of
 * every page that fetches one page at a time and stops on the last page, on a short or empty
 * page, when the total is reached, or when a server that ignores `page` sends the same page
 * again (with a warning, not an endless loop).
 */
import { AbortedError } from "./errors.js";
import type { Logger } from "./options.js";

/** One page of a list. `page`, `perPage` and `total` are what the server said, or what was asked. */
export interface Page<T> {
  items: T[];
  /** The page number, starting at 1. */
  page: number;
  /** The page size in force. */
  perPage: number | undefined;
  /** The number of items over all pages, when the server says. */
  total: number | undefined;
}

/** Which page to ask for. */
export interface PageParams {
  /** Page number, starting at 1. Default: 1. */
  page?: number | undefined;
  /** Items per page. Default: the server's. */
  perPage?: number | undefined;
}

/** A number from a paging header, or undefined when absent or not a non-negative integer. */
export function pagingHeader(headers: Readonly<Record<string, string>>, name: string): number | undefined {
  const text = headers[name.toLowerCase()];
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text);
}

/**
 * Every item of every page, one page fetched at a time. `fetchPage` gets the page number and
 * the caller's signal is checked between pages.
 */
export async function* iteratePages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: { signal?: AbortSignal | undefined; logger?: Logger | undefined; what: string },
): AsyncGenerator<T, void, undefined> {
  let previous: string | undefined;
  let seen = 0;
  for (let page = 1; ; page++) {
    if (options.signal?.aborted) {
      throw new AbortedError(`${options.what}: paging was aborted by the caller`, {
        cause: options.signal.reason,
      });
    }
    const result = await fetchPage(page);
    if (result.items.length === 0) return;
    // A server that ignores `page` answers every request with the first page again.
    const fingerprint = JSON.stringify([result.items[0], result.items.at(-1), result.items.length]);
    if (fingerprint === previous) {
      options.logger?.warn(
        `backupkit: ${options.what}: page ${page} repeats page ${page - 1}; the server seems to ignore paging, so iteration stops here`,
      );
      return;
    }
    previous = fingerprint;
    yield* result.items;
    seen += result.items.length;
    if (result.total !== undefined && seen >= result.total) return;
    if (result.perPage !== undefined && result.items.length < result.perPage) return;
    if (result.perPage === undefined && result.total === undefined) return; // nothing says there is more
  }
}

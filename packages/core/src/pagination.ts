/**
 * Paging that cannot run away: a page-at-a-time result, and an iterator over every item of
 * every page that fetches one page at a time and stops on an empty page, when the total the
 * server gave is reached (else on a short page), or when a server that ignores `page` sends the
 * same page again (with a warning, not an endless loop). The walk itself (page-walk.ts) loads with the
 * slow path on the first iteration: only clients of paged APIs use it.
 */
import { slowPath } from "./load-slow-path.js";
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

/** A number from a paging header of a response, or undefined when absent or not a non-negative integer. */
export function pagingHeader(
  response: { header(name: string): string | undefined },
  name: string,
): number | undefined {
  const text = response.header(name);
  if (text === undefined || !/^\d{1,15}$/.test(text.trim())) return undefined;
  return Number(text);
}

/** What the page iterator needs besides the pages: the caller's signal, a logger, a name for messages. */
export interface PagingOptions {
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
  what: string;
}

/**
 * Every item of every page, one page fetched at a time. `fetchPage` gets the page number and
 * the caller's signal is checked between pages.
 */
export async function* iteratePages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: PagingOptions,
): AsyncGenerator<T, void, undefined> {
  yield* (await slowPath()).walkPages(fetchPage, options);
}

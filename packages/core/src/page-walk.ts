/**
 * The page iterator's loop: stops on the last page, on a short or empty page, when the total is
 * reached, or when the same page comes back (a server that ignores paging).
 */
import type { Page, PagingOptions } from "./pagination.js";
import { shared } from "./slow-path-link.js";

/** `iteratePages` (pagination.ts), loaded with the slow path on the first iteration. */
export async function* walkPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: PagingOptions,
): AsyncGenerator<T, void, undefined> {
  let previous: string | undefined;
  let seen = 0;
  for (let page = 1; ; page++) {
    if (options.signal?.aborted) {
      throw new shared.AbortedError(`${options.what}: paging was aborted by the caller`, {
        cause: options.signal.reason,
      });
    }
    const result = await fetchPage(page);
    if (result.items.length === 0) return;
    // A server that ignores `page` answers every request with the first page again.
    if (previous !== undefined && fingerprint(result.items) === previous) {
      options.logger?.warn(
        `backupkit: ${options.what}: page ${page} repeats page ${page - 1}; the server seems to ignore paging, so iteration stops here`,
      );
      return;
    }
    yield* result.items;
    seen += result.items.length;
    if (result.total !== undefined && seen >= result.total) return;
    if (result.perPage !== undefined && result.items.length < result.perPage) return;
    if (result.perPage === undefined && result.total === undefined) return; // nothing says there is more
    // Only when another page is asked for: most lists are one page, and this costs a serialisation.
    previous = fingerprint(result.items);
  }
}

/** What tells one page from another well enough to see the same page twice. */
function fingerprint(items: readonly unknown[]): string {
  return JSON.stringify([items[0], items.at(-1), items.length]);
}

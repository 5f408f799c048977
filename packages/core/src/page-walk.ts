/**
 * The page iterator's loop: stops on an empty page, when the total the server gave is reached,
 * on a short page when it gave none, or when a page comes back (a server that ignores paging).
 */
import type { Page, PagingOptions } from "./pagination.js";
import { shared } from "./slow-path-link.js";

/** `iteratePages` (pagination.ts), loaded with the slow path on the first iteration. */
export async function* walkPages<T>(
  fetchPage: (page: number) => Promise<Page<T>>,
  options: PagingOptions,
): AsyncGenerator<T, void, undefined> {
  let previous: string | undefined;
  // A server that ignores `page` may also shuffle its answer (A, B, A, B, ...), which the page
  // before never repeats. Such a server's answers come back to its first page, which is kept;
  // so is the page at each power of two, which any later cycle comes back to within about twice
  // its length (Brent's cycle detection), having handed out some items twice by then. All of it
  // in constant memory, however many pages a list has.
  let first: string | undefined;
  let kept: { page: number; print: string } | undefined;
  let seen = 0;
  for (let page = 1; ; page++) {
    if (options.signal?.aborted) {
      throw new shared.AbortedError(`${options.what}: paging was aborted by the caller`, {
        cause: options.signal.reason,
      });
    }
    const result = await fetchPage(page);
    if (result.items.length === 0) return;
    // Only from the second page on: most lists are one page, and this costs a serialisation.
    const print = page > 1 ? fingerprint(result.items) : undefined;
    const repeats =
      print === previous ? page - 1 : print === first ? 1 : print === kept?.print ? kept?.page : undefined;
    if (print !== undefined && repeats !== undefined) {
      options.logger?.warn(
        `backupkit: ${options.what}: page ${page} repeats page ${repeats}; the server seems to ignore paging, so iteration stops here`,
      );
      return;
    }
    yield* result.items;
    seen += result.items.length;
    // A total decides alone: a server may page by a smaller size than was asked without saying
    // so, and only a page size it did not say makes a page look short. An empty page still ends.
    if (result.total !== undefined) {
      if (seen >= result.total) return;
    } else if (result.perPage === undefined || result.items.length < result.perPage) return;
    previous = print ?? fingerprint(result.items);
    first ??= previous;
    if ((page & (page - 1)) === 0) kept = { page, print: previous };
  }
}

/**
 * What tells one page from another well enough to see the same page twice. Items nested too
 * deep to serialise (JSON.parse takes any depth, JSON.stringify does not) are told apart by their
 * first level alone.
 */
function fingerprint(items: readonly unknown[]): string {
  const sample = [items[0], items.at(-1), items.length];
  try {
    return JSON.stringify(sample);
  } catch {
    return JSON.stringify(sample.map(firstLevel));
  }
}

/** An item's own keys and values, nested ones only by their kind. */
function firstLevel(item: unknown): unknown {
  if (item === null || typeof item !== "object") return item;
  return Object.entries(item).map(([key, value]) => [key, typeof value === "object" ? typeof value : value]);
}

/**
 * The slow path's view of the code loaded at start: set by `link` when load-slow-path.ts
 * imports the slow path, before any of its functions runs. Read it inside functions, never at
 * module level (modules are evaluated before the link).
 */
import type { Shared } from "./load-slow-path.js";

export let shared: Shared;

export function link(start: Shared): void {
  shared = start;
}

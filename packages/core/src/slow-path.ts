/**
 * Everything a call needs besides the path of a plain success, in one module that the hot path
 * imports the first time it is needed: what a failed attempt becomes, redirects, retries, error
 * answers, validation, the token cache of a password login, the page iterator and the raw
 * client's `fetch`. By then the caller is waiting on a failure, a retry or a first use anyway.
 * It is one module, so that a bundler splits the client into what loads at start and one more
 * chunk, not many small ones. load-slow-path.ts imports it and links it to the start code it
 * uses.
 */
export { answerContext, emptyBody, errorForStatus, undecodable } from "./answer-errors.js";
export { hookEvents } from "./hooks.js";
export { attemptFailure, refused, retryable, tooLarge } from "./network-failures.js";
export { walkPages } from "./page-walk.js";
export { createCallFetch } from "./raw-fetch.js";
export { followRedirects } from "./redirects.js";
export { backoff, retryAfterMs, waitToRetry } from "./retries.js";
export { link } from "./slow-path-link.js";
export { TokenCache, untilAborted } from "./token-cache.js";
export { checkResponse } from "./validation.js";

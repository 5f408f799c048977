/**
 * Loads the slow path (slow-path.ts) the first time a call needs it, and hands it what it uses
 * of the code loaded at start.
 *
 * Why hand it over instead of letting the slow path import it: a bundler with code splitting
 * puts every module that both the start code and a lazily loaded chunk import into a chunk of
 * its own, so a user would load the start code as two files, which gzip to about 0.5 kB more
 * than one. Slow-path modules therefore import only types from the start modules, and read
 * the values below through `shared` (slow-path-link.ts).
 */
import { firstNonBlank, JSON_MEDIA_TYPE } from "./decode.js";
import {
  AbortedError,
  APIError,
  AuthenticationError,
  BackupKitError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  ContractError,
  DecodeError,
  isRecord,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  RedirectRefusedError,
  ResponseTooLargeError,
  ServerError,
  TimeoutError,
  textOf,
  UnprocessableEntityError,
} from "./errors.js";
import { redactHeaders, redactText, redactUrl } from "./redact.js";
import { requestIdOf } from "./runtime.js";
import { abortedError, attemptOnce, MAX_REDIRECTS, NULL_BODY_STATUSES, safeUrl, send } from "./transport.js";

/**
 * The start code's values the slow path uses, gathered when the slow path loads rather than when
 * this module runs: some of the modules they come from import this one, so they may not have run
 * yet at that point.
 */
function startValues() {
  return {
    AbortedError,
    APIError,
    AuthenticationError,
    BackupKitError,
    BadRequestError,
    ConflictError,
    ConnectionError,
    ContractError,
    DecodeError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    RedirectRefusedError,
    ResponseTooLargeError,
    ServerError,
    TimeoutError,
    UnprocessableEntityError,
    abortedError,
    attemptOnce,
    firstNonBlank,
    isRecord,
    JSON_MEDIA_TYPE,
    MAX_REDIRECTS,
    NULL_BODY_STATUSES,
    redactHeaders,
    redactText,
    redactUrl,
    requestIdOf,
    safeUrl,
    send,
    textOf,
  };
}

export type Shared = ReturnType<typeof startValues>;

type SlowPath = typeof import("./slow-path.js");
let loading: Promise<SlowPath> | undefined;
/** The slow path once it has loaded, for code that should not wait a turn when it need not. */
export let loadedSlowPath: SlowPath | undefined;

/**
 * The slow path, imported once and linked to the start code before first use. An import that
 * failed (a file missing from a broken install) is tried again by the next caller.
 */
export function slowPath(): Promise<SlowPath> {
  loading ??= import("./slow-path.js").then(
    (module) => {
      module.link(startValues());
      loadedSlowPath = module;
      return module;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

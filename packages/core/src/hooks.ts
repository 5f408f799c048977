/**
 * A client's hooks as the transport's events for one operation: each told the operation's name,
 * and none able to break the call it observes. In the slow path: most clients have no hooks, and
 * one that has them loads this with its first call, which is waiting on the network anyway.
 */
import type { CommonClientOptions, Logger } from "./options.js";
import type { SecretRegistry } from "./redact.js";
import type { TransportEvents } from "./transport.js";

export type Hooks = Pick<CommonClientOptions, "onRequest" | "onResponse" | "onRetry">;

export function hookEvents(
  { onRequest, onResponse, onRetry }: Hooks,
  operationId: string,
  logger: Logger,
  secrets: SecretRegistry,
): TransportEvents {
  const guard = <T>(hook: ((info: T) => void) | undefined) =>
    hook &&
    ((info: T) => {
      try {
        hook(info);
      } catch (error) {
        logger.warn(`backupkit: a hook threw: ${error instanceof Error ? error.message : "error"}`);
      }
    });
  return {
    onRequest: guard(onRequest && ((info) => onRequest({ operationId, ...info }))),
    onResponse: guard(onResponse && ((info) => onResponse({ operationId, ...info }))),
    onRetry: guard(onRetry && ((info) => onRetry({ operationId, ...info }))),
    logger,
    secrets,
  };
}

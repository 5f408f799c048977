/**
 * What core needs to know about the Z.com (OpenStack) API: its credential header, where its
 * request id comes back, how its errors read, and where its validators live.
 */
import type { ApiProfile, Validators } from "@backupkit/core";

export const TOKEN_HEADER = "X-Auth-Token";

export const zcomProfile: ApiProfile = {
  errorReading: () => import("./error-reading.js"),
  credentialHeaders: [TOKEN_HEADER],
  requestIdHeaders: ["x-openstack-request-id", "x-compute-request-id", "x-request-id"],
  validators: async () => (await import("./generated/validators.js")) as unknown as Validators,
};

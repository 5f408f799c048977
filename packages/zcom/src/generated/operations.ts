// Generated from specs/zcom by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.

/** Every operation of the zcom spec. */
export const operations = [
  {
    "operationId": "listBackups",
    "method": "GET",
    "path": "/v2/{tenant_id}/backup",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "enableBackup",
    "method": "POST",
    "path": "/v2/{tenant_id}/backup",
    "successStatuses": [
      201
    ]
  },
  {
    "operationId": "getBackup",
    "method": "GET",
    "path": "/v2/{tenant_id}/backup/{backup_id}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "cancelBackup",
    "method": "DELETE",
    "path": "/v2/{tenant_id}/backup/{backup_id}",
    "successStatuses": [
      204
    ]
  },
  {
    "operationId": "runBackupAction",
    "method": "POST",
    "path": "/v2/{tenant_id}/backup/{backup_id}/action",
    "successStatuses": [
      202
    ]
  },
  {
    "operationId": "issueToken",
    "method": "POST",
    "path": "/v2.0/tokens",
    "successStatuses": [
      200
    ]
  }
] as const;

export type OperationId = (typeof operations)[number]["operationId"];

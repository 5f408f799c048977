// Generated from specs/onapp by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.

/** Every operation of the onapp spec. */
export const operations = [
  {
    "operationId": "listVirtualServers",
    "method": "GET",
    "path": "/virtual_machines.{format}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "listBackups",
    "method": "GET",
    "path": "/virtual_machines/{virtual_machine_id}/backups.{format}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "createIncrementalBackup",
    "method": "POST",
    "path": "/virtual_machines/{virtual_machine_id}/backups.{format}",
    "successStatuses": [
      201
    ]
  },
  {
    "operationId": "listBackupImages",
    "method": "GET",
    "path": "/virtual_machines/{virtual_machine_id}/backups/images.{format}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "listBackupFiles",
    "method": "GET",
    "path": "/virtual_machines/{virtual_machine_id}/backups/files.{format}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "listDiskBackups",
    "method": "GET",
    "path": "/settings/disks/{disk_id}/backups.{format}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "createDiskBackup",
    "method": "POST",
    "path": "/settings/disks/{disk_id}/backups.{format}",
    "successStatuses": [
      201
    ]
  },
  {
    "operationId": "getBackup",
    "method": "GET",
    "path": "/backups/{backup_id}.{format}",
    "successStatuses": [
      200
    ]
  },
  {
    "operationId": "deleteBackup",
    "method": "DELETE",
    "path": "/backups/{backup_id}.{format}",
    "successStatuses": [
      200,
      204
    ]
  },
  {
    "operationId": "restoreBackup",
    "method": "POST",
    "path": "/backups/{backup_id}/restore.{format}",
    "successStatuses": [
      200,
      201
    ]
  }
] as const;

export type OperationId = (typeof operations)[number]["operationId"];

// Generated from specs/onapp by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.
import type { Operation } from "@backupkit/core";
import type { operations as Spec } from "./schema.js";

/** List virtual servers: `GET /virtual_machines.{format}`. */
export const listVirtualServers: Operation<Spec["listVirtualServers"]> = {
  "operationId": "listVirtualServers",
  "method": "GET",
  "path": "/virtual_machines.{format}",
  "pathParams": [
    "format"
  ],
  "queryParams": [
    "page",
    "per_page"
  ],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** List a virtual server's backups: `GET /virtual_machines/{virtual_machine_id}/backups.{format}`. */
export const listBackups: Operation<Spec["listBackups"]> = {
  "operationId": "listBackups",
  "method": "GET",
  "path": "/virtual_machines/{virtual_machine_id}/backups.{format}",
  "pathParams": [
    "virtual_machine_id",
    "format"
  ],
  "queryParams": [
    "page",
    "per_page"
  ],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Create an incremental backup: `POST /virtual_machines/{virtual_machine_id}/backups.{format}`. */
export const createIncrementalBackup: Operation<Spec["createIncrementalBackup"]> = {
  "operationId": "createIncrementalBackup",
  "method": "POST",
  "path": "/virtual_machines/{virtual_machine_id}/backups.{format}",
  "pathParams": [
    "virtual_machine_id",
    "format"
  ],
  "queryParams": [],
  "requestMediaTypes": [
    "application/json",
    "application/xml"
  ],
  "responses": {
    "201": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** List a virtual server's backup images: `GET /virtual_machines/{virtual_machine_id}/backups/images.{format}`. */
export const listBackupImages: Operation<Spec["listBackupImages"]> = {
  "operationId": "listBackupImages",
  "method": "GET",
  "path": "/virtual_machines/{virtual_machine_id}/backups/images.{format}",
  "pathParams": [
    "virtual_machine_id",
    "format"
  ],
  "queryParams": [
    "page",
    "per_page"
  ],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** List a virtual server's incremental backups: `GET /virtual_machines/{virtual_machine_id}/backups/files.{format}`. */
export const listBackupFiles: Operation<Spec["listBackupFiles"]> = {
  "operationId": "listBackupFiles",
  "method": "GET",
  "path": "/virtual_machines/{virtual_machine_id}/backups/files.{format}",
  "pathParams": [
    "virtual_machine_id",
    "format"
  ],
  "queryParams": [
    "page",
    "per_page"
  ],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** List backups of a disk: `GET /settings/disks/{disk_id}/backups.{format}`. */
export const listDiskBackups: Operation<Spec["listDiskBackups"]> = {
  "operationId": "listDiskBackups",
  "method": "GET",
  "path": "/settings/disks/{disk_id}/backups.{format}",
  "pathParams": [
    "disk_id",
    "format"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Create a backup of a disk: `POST /settings/disks/{disk_id}/backups.{format}`. */
export const createDiskBackup: Operation<Spec["createDiskBackup"]> = {
  "operationId": "createDiskBackup",
  "method": "POST",
  "path": "/settings/disks/{disk_id}/backups.{format}",
  "pathParams": [
    "disk_id",
    "format"
  ],
  "queryParams": [],
  "requestMediaTypes": [
    "application/json",
    "application/xml"
  ],
  "responses": {
    "201": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Get a backup: `GET /backups/{backup_id}.{format}`. */
export const getBackup: Operation<Spec["getBackup"]> = {
  "operationId": "getBackup",
  "method": "GET",
  "path": "/backups/{backup_id}.{format}",
  "pathParams": [
    "backup_id",
    "format"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Delete a backup: `DELETE /backups/{backup_id}.{format}`. */
export const deleteBackup: Operation<Spec["deleteBackup"]> = {
  "operationId": "deleteBackup",
  "method": "DELETE",
  "path": "/backups/{backup_id}.{format}",
  "pathParams": [
    "backup_id",
    "format"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": true
    },
    "204": {
      "mediaTypes": [],
      "mayBeEmpty": true
    }
  }
};

/** Restore a backup: `POST /backups/{backup_id}/restore.{format}`. */
export const restoreBackup: Operation<Spec["restoreBackup"]> = {
  "operationId": "restoreBackup",
  "method": "POST",
  "path": "/backups/{backup_id}/restore.{format}",
  "pathParams": [
    "backup_id",
    "format"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": true
    },
    "201": {
      "mediaTypes": [
        "application/json",
        "application/xml"
      ],
      "mayBeEmpty": true
    }
  }
};

/** Every operation of the onapp spec, in the spec's order. */
export const operations = [listVirtualServers, listBackups, createIncrementalBackup, listBackupImages, listBackupFiles, listDiskBackups, createDiskBackup, getBackup, deleteBackup, restoreBackup] as const;

/** The operationId of every operation of the onapp spec. */
export type OperationId = keyof Spec;

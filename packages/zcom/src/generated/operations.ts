// Generated from specs/zcom by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.
import type { Operation } from "@backupkit/core";
import type { operations as Spec } from "./schema.js";

/** List backups: `GET /v2/{tenant_id}/backup`. */
export const listBackups: Operation<Spec["listBackups"]> = {
  "operationId": "listBackups",
  "method": "GET",
  "path": "/v2/{tenant_id}/backup",
  "pathParams": [
    "tenant_id"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Apply for backup: `POST /v2/{tenant_id}/backup`. */
export const enableBackup: Operation<Spec["enableBackup"]> = {
  "operationId": "enableBackup",
  "method": "POST",
  "path": "/v2/{tenant_id}/backup",
  "pathParams": [
    "tenant_id"
  ],
  "queryParams": [],
  "requestMediaTypes": [
    "application/json"
  ],
  "responses": {
    "201": {
      "mediaTypes": [
        "application/json"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Get one backup: `GET /v2/{tenant_id}/backup/{backup_id}`. */
export const getBackup: Operation<Spec["getBackup"]> = {
  "operationId": "getBackup",
  "method": "GET",
  "path": "/v2/{tenant_id}/backup/{backup_id}",
  "pathParams": [
    "tenant_id",
    "backup_id"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Cancel backup: `DELETE /v2/{tenant_id}/backup/{backup_id}`. */
export const cancelBackup: Operation<Spec["cancelBackup"]> = {
  "operationId": "cancelBackup",
  "method": "DELETE",
  "path": "/v2/{tenant_id}/backup/{backup_id}",
  "pathParams": [
    "tenant_id",
    "backup_id"
  ],
  "queryParams": [],
  "requestMediaTypes": [],
  "responses": {
    "200": {
      "mediaTypes": [],
      "mayBeEmpty": true
    },
    "202": {
      "mediaTypes": [],
      "mayBeEmpty": true
    },
    "204": {
      "mediaTypes": [],
      "mayBeEmpty": true
    }
  }
};

/** Restore or save a backup run: `POST /v2/{tenant_id}/backup/{backup_id}/action`. */
export const runBackupAction: Operation<Spec["runBackupAction"]> = {
  "operationId": "runBackupAction",
  "method": "POST",
  "path": "/v2/{tenant_id}/backup/{backup_id}/action",
  "pathParams": [
    "tenant_id",
    "backup_id"
  ],
  "queryParams": [],
  "requestMediaTypes": [
    "application/json"
  ],
  "responses": {
    "200": {
      "mediaTypes": [],
      "mayBeEmpty": true
    },
    "202": {
      "mediaTypes": [],
      "mayBeEmpty": true
    },
    "204": {
      "mediaTypes": [],
      "mayBeEmpty": true
    }
  }
};

/** Issue a token: `POST /v2.0/tokens`. */
export const issueToken: Operation<Spec["issueToken"]> = {
  "operationId": "issueToken",
  "method": "POST",
  "path": "/v2.0/tokens",
  "pathParams": [],
  "queryParams": [],
  "requestMediaTypes": [
    "application/json"
  ],
  "responses": {
    "200": {
      "mediaTypes": [
        "application/json"
      ],
      "mayBeEmpty": false
    }
  }
};

/** Every operation of the zcom spec, in the spec's order. */
export const operations = [listBackups, enableBackup, getBackup, cancelBackup, runBackupAction, issueToken] as const;

/** The operationId of every operation of the zcom spec. */
export type OperationId = keyof Spec;

// Generated from specs/onapp by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.
import type { SpecSchemas } from "@backupkit/core";
import * as validators from "./validators.js";

/** The JSON Schemas of the onapp spec and their precompiled validators, for `validate: true | "warn"`. */
export const specSchemas: SpecSchemas = {
  ...{
    "id": "backupkit:onapp",
    "components": {
      "VirtualServer": {
        "title": "VirtualServer",
        "type": "object",
        "description": "A virtual server, reduced to the fields a backup client needs to pick one. The service sends many more (CPU, memory, network and billing details, which vary by release and hypervisor); they are allowed and passed through.",
        "required": [
          "id",
          "identifier",
          "label"
        ],
        "additionalProperties": true,
        "properties": {
          "id": {
            "type": "integer",
            "minimum": 1,
            "description": "The virtual server's ID: the `virtual_machine_id` of the backup calls, and the `target_id` of its incremental backups."
          },
          "identifier": {
            "type": "string",
            "description": "The virtual server's string identifier (for example `p1sd837fuofl73`)."
          },
          "label": {
            "type": "string",
            "description": "Human-readable name given to the virtual server."
          },
          "hostname": {
            "type": "string",
            "description": "Host name configured inside the virtual server."
          },
          "booted": {
            "type": "boolean",
            "description": "Whether the virtual server is running."
          },
          "locked": {
            "type": "boolean",
            "description": "Whether the virtual server is locked while a transaction runs on it."
          },
          "built": {
            "type": "boolean",
            "description": "Whether the virtual server has been built."
          },
          "operating_system": {
            "type": [
              "string",
              "null"
            ],
            "description": "Operating system family, for example `linux` or `windows`; null for a virtual server built without a template. A real server sent null (OnApp, 2011): recordings `specs/recordings/onapp/squall-get-virtual-server-2011.yaml` and `squall-create-virtual-server-2011.yaml` (the squall gem's `virtual_machine/show.yml` and `virtual_machine/create.yml` cassettes)."
          },
          "created_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the virtual server's record was created, with a zone offset."
          },
          "updated_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the virtual server's record was last changed, with a zone offset."
          }
        }
      },
      "VirtualServerEnvelope": {
        "title": "VirtualServerEnvelope",
        "type": "object",
        "description": "One virtual server wrapped in a `virtual_machine` key (OnApp's code still calls virtual servers \"virtual machines\"). In XML it is a `<virtual_machine>` element.",
        "required": [
          "virtual_machine"
        ],
        "properties": {
          "virtual_machine": {
            "$ref": "backupkit:onapp#/$defs/VirtualServer"
          }
        }
      },
      "VirtualServerList": {
        "title": "VirtualServerList",
        "type": "array",
        "description": "A bare JSON array of `{\"virtual_machine\": {...}}` objects, empty (`[]`) when the user has no virtual servers. In XML, a `<virtual_machines type=\"array\">` root with one `<virtual_machine>` element per item.",
        "items": {
          "$ref": "backupkit:onapp#/$defs/VirtualServerEnvelope"
        }
      },
      "ErrorBody": {
        "title": "ErrorBody",
        "description": "Why a request failed. Three shapes exist: a list of messages (what most recorded responses contain), a map from field name to that field's messages (a Rails errors hash, which the official Go SDK decodes), and a single `error` string (which the official PHP wrapper also accepts, and which a 2011 server sent with a 404). A 500 may not be JSON at all; read such a body as text.",
        "anyOf": [
          {
            "title": "ErrorList",
            "type": "object",
            "description": "`{\"errors\": [\"Resource not found\"]}`: messages meant for people.",
            "required": [
              "errors"
            ],
            "properties": {
              "errors": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              }
            }
          },
          {
            "title": "FieldErrors",
            "type": "object",
            "description": "`{\"errors\": {\"note\": [\"is too long\"]}}`: messages grouped by the request field they are about.",
            "required": [
              "errors"
            ],
            "properties": {
              "errors": {
                "type": "object",
                "additionalProperties": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          {
            "title": "SingleError",
            "type": "object",
            "description": "`{\"error\": \"...\"}`: one message. Read by the PHP wrapper, and sent by a real server: a 2011 control panel answered a missing virtual server with a 404 and `{\"error\":\"Resource not found\"}` (recording `specs/recordings/onapp/squall-get-virtual-server-404-2011.yaml`, from the squall gem's `virtual_machine/show.yml` cassette).",
            "required": [
              "error"
            ],
            "properties": {
              "error": {
                "type": "string"
              }
            }
          }
        ]
      },
      "Backup": {
        "title": "Backup",
        "type": "object",
        "description": "A backup of a virtual server's disk (a \"normal\" or image backup) or of a whole virtual server\n(an \"incremental\" or file backup). `target_type` tells the two apart.\n\nEvery field except `id` is optional, because OnApp has added fields release by release and an\nolder server omits the later ones. The history, as recorded in the official PHP wrapper:\n\n| release | fields added |\n| --- | --- |\n| 2.0 | `allowed_swap`, `backup_type`, `backup_size`, `identifier`, `built`, `locked`, `disk_id`, `template_id`, `operating_system`, `operating_system_distro` |\n| 2.1 | `allowed_hot_migrate` |\n| 2.2 | `backup_server_id` |\n| 4.2 | `data_store_type`, `initiated`, `iqn`, `marked_for_delete`, `min_memory_size`, `note`, `target_id`, `target_type`, `user_id`, `volume_id` |\n| 6.2 | `compatible` |\n\nFields not listed there (`allow_resize_without_reboot`, `built_at`, `created_at`,\n`updated_at`, `image_type`, `min_disk_size`) appear in the vendor's examples; the release\nthat introduced them is not recorded. Unknown extra fields may appear and should be kept or\nignored, never rejected.\n",
        "required": [
          "id"
        ],
        "properties": {
          "id": {
            "type": "integer",
            "minimum": 1,
            "description": "The backup's ID; use it in `/backups/{backup_id}` calls."
          },
          "allow_resize_without_reboot": {
            "type": "boolean",
            "description": "Whether the CPU and memory of the backed-up server could be changed without a reboot. This is the name servers send (the vendor's JSON and XML examples, a recorded 2013 response, the PHP wrapper and the Go SDK all agree). The field list on the vendor page calls it `allowed_resize_without_reboot`, which no server sends."
          },
          "allowed_hot_migrate": {
            "type": "boolean",
            "description": "Whether hot migration was allowed for the backed-up server. Added in 2.1."
          },
          "allowed_swap": {
            "type": "boolean",
            "description": "Whether the backed-up server was allowed a swap disk."
          },
          "backup_server_id": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "description": "ID of the backup server that holds the backup, or null when none is recorded (the vendor's incremental-backup example shows null). Added in 2.2."
          },
          "backup_size": {
            "description": "Disk space the backup takes, in kB. Current servers send an integer; a server of the 2.x era was recorded sending the number as a string (`\"8\"`), so a client should accept both and convert the string.",
            "anyOf": [
              {
                "type": "integer",
                "minimum": 0,
                "description": "What current servers send."
              },
              {
                "type": "string",
                "pattern": "^[0-9]+$",
                "description": "What older servers sent, a decimal number in a string."
              }
            ]
          },
          "backup_type": {
            "description": "Kind of backup. Current documentation lists `normal` (a disk image) and `incremental` (a file-level backup of the whole server). Older servers named automatic backups by their schedule instead: `days-autobackup`, `weeks-autobackup`, `months-autobackup`, `years-autobackup`. Treat any other value as an unknown kind rather than an error.",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "normal",
                  "incremental"
                ]
              },
              {
                "type": "string"
              }
            ]
          },
          "built": {
            "type": "boolean",
            "description": "Whether the backup has been built. The documentation words it as \"the backed-up server has been built\"; our reading is that it turns true when the backup's transaction completes, so a backup that was only just scheduled reports false."
          },
          "built_at": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time",
            "description": "When the backup finished building, with a zone offset. Null until the backup is built (the null case is our reading; the examples only show built backups)."
          },
          "compatible": {
            "type": "boolean",
            "description": "A flag the PHP wrapper lists from 6.2 on. No vendor page we read explains it; the name suggests whether the backup is compatible with (can be restored onto) its server."
          },
          "created_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the backup's record was created, with a zone offset."
          },
          "data_store_type": {
            "description": "Type of the data store the backed-up disk lived on. The documentation lists `lvm`, `vmware` and `solidfire`; other storage back ends may report other names. Added in 4.2.",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "lvm",
                  "vmware",
                  "solidfire"
                ]
              },
              {
                "type": "string"
              }
            ]
          },
          "disk_id": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "description": "ID of the disk backed up, for a normal backup. Null for an incremental backup, which covers the whole virtual server rather than one disk."
          },
          "identifier": {
            "type": "string",
            "description": "The backup's own string identifier (for example `uml64qyvbzv1kb`)."
          },
          "image_type": {
            "type": [
              "string",
              "null"
            ],
            "description": "Archive format of the backup. The documentation says only `tar` exists; the examples show null."
          },
          "initiated": {
            "description": "What started the backup. The documentation lists the automatic-backup schedules `days`, `weeks`, `months` and `years`, but its own example shows `manual` for a backup a user asked for. Treat other values as unknown, not as errors. Added in 4.2.",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "days",
                  "weeks",
                  "months",
                  "years",
                  "manual"
                ]
              },
              {
                "type": "string"
              }
            ]
          },
          "iqn": {
            "type": [
              "string",
              "null"
            ],
            "description": "An iSCSI qualified name, by its name for storage reached over iSCSI; the examples only show null and the documentation does not describe it. Added in 4.2."
          },
          "locked": {
            "type": "boolean",
            "description": "Whether the backup is locked. The documentation words it as \"the backed-up server has been locked\"; OnApp locks an object while a transaction works on it."
          },
          "marked_for_delete": {
            "type": "boolean",
            "description": "Whether the backup is queued for deletion (automatic backups past their retention). Added in 4.2."
          },
          "min_disk_size": {
            "type": "integer",
            "minimum": 0,
            "description": "Smallest disk the backup can be restored onto. The documentation gives no unit; OnApp sizes disks in GB elsewhere, so GB is our reading."
          },
          "min_memory_size": {
            "type": "integer",
            "minimum": 0,
            "description": "Smallest amount of memory, in MB by our reading, that a server restored from this backup needs. Present in the examples though missing from the documented field list. Added in 4.2."
          },
          "note": {
            "type": [
              "string",
              "null"
            ],
            "description": "Free-text note given when the backup was taken, or null. Added in 4.2."
          },
          "operating_system": {
            "type": "string",
            "description": "Operating system family of the backed-up server, for example `linux` or `windows`."
          },
          "operating_system_distro": {
            "type": "string",
            "description": "Distribution of the backed-up server's operating system, for example `ubuntu` or `rhel`."
          },
          "target_id": {
            "type": "integer",
            "minimum": 1,
            "description": "ID of what was backed up: a disk ID when `target_type` is `Disk`, a virtual server ID when it is `VirtualMachine`. Added in 4.2."
          },
          "target_type": {
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "Disk",
                  "VirtualMachine"
                ]
              },
              {
                "type": "string"
              }
            ],
            "description": "What was backed up: `Disk` for a normal (image) backup, `VirtualMachine` for an incremental backup of the whole server. Added in 4.2. Kept open, as no document promises that these two are the only kinds."
          },
          "template_id": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "description": "ID of the template the backed-up server was built from. Null is our reading for a server that was not built from a template (for example, one built from an ISO)."
          },
          "updated_at": {
            "type": "string",
            "format": "date-time",
            "description": "When the backup's record was last changed, with a zone offset."
          },
          "user_id": {
            "type": "integer",
            "minimum": 1,
            "description": "ID of the user who owns the backed-up server. Added in 4.2."
          },
          "volume_id": {
            "type": [
              "integer",
              "null"
            ],
            "minimum": 1,
            "description": "ID of the data store volume holding the backup (the documentation calls it the \"data store ID\"), or null. Added in 4.2."
          }
        }
      },
      "BackupEnvelope": {
        "title": "BackupEnvelope",
        "type": "object",
        "description": "One backup wrapped in a `backup` key, the way the service writes a single record (`{\"backup\": {...}}`). In XML the same record is a `<backup>` root element.",
        "required": [
          "backup"
        ],
        "properties": {
          "backup": {
            "$ref": "backupkit:onapp#/$defs/Backup"
          }
        }
      },
      "BackupList": {
        "title": "BackupList",
        "type": "array",
        "description": "A list of backups: a bare JSON array whose items are each a one-key object `{\"backup\": {...}}`. When there is nothing to list the body is an empty array `[]`, never an error and never null. In XML the list is a `type=\"array\"` root element holding one `<backup>` element per item.",
        "items": {
          "$ref": "backupkit:onapp#/$defs/BackupEnvelope"
        }
      },
      "CreateBackupRequest": {
        "title": "CreateBackupRequest",
        "type": "object",
        "description": "Options for a new backup, wrapped in a `backup` key. The whole body is optional; without it the server takes a backup with no note.",
        "required": [
          "backup"
        ],
        "properties": {
          "backup": {
            "type": "object",
            "description": "The options of the backup to take; every one is optional.",
            "properties": {
              "note": {
                "type": "string",
                "description": "Free-text note stored with the backup and returned in its `note` field."
              },
              "force_windows_backup": {
                "type": "integer",
                "enum": [
                  0,
                  1
                ],
                "description": "Disk backups only: 1 asks the server to back up the disk of a Windows server even where it would otherwise decline. It is a 0/1 number, not a JSON boolean. Known from the client libraries only; the incremental-backup call has no use for it."
              }
            }
          }
        }
      },
      "BlankBody": {
        "title": "BlankBody",
        "description": "A body that carries nothing: an empty JSON object (`{}`), or blank text (a single space, or nothing at all), which is not JSON and must not be parsed as such. Both mean success.",
        "anyOf": [
          {
            "title": "EmptyObject",
            "type": "object",
            "maxProperties": 0,
            "additionalProperties": false,
            "description": "`{}`, as a 2012 server answered a DELETE."
          },
          {
            "title": "BlankText",
            "type": "string",
            "pattern": "^[ \\t\\r\\n]*$",
            "description": "Whitespace only, typically one space, as a 2012 server answered a DELETE; read it as text, not as JSON."
          }
        ]
      }
    },
    "responses": {
      "listVirtualServers": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/VirtualServerList"
        }
      },
      "listBackups": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BackupList"
        }
      },
      "createIncrementalBackup": {
        "201": {
          "$ref": "backupkit:onapp#/$defs/BackupEnvelope"
        }
      },
      "listBackupImages": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BackupList"
        }
      },
      "listBackupFiles": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BackupList"
        }
      },
      "listDiskBackups": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BackupList"
        }
      },
      "createDiskBackup": {
        "201": {
          "$ref": "backupkit:onapp#/$defs/BackupEnvelope"
        }
      },
      "getBackup": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BackupEnvelope"
        }
      },
      "deleteBackup": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BlankBody"
        }
      },
      "restoreBackup": {
        "200": {
          "$ref": "backupkit:onapp#/$defs/BlankBody"
        },
        "201": {
          "$ref": "backupkit:onapp#/$defs/BackupEnvelope"
        }
      }
    }
  },
  validators: validators as unknown as SpecSchemas["validators"],
};

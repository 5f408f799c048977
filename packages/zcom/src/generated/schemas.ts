// Generated from specs/zcom by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.
import type { SpecSchemas } from "@backupkit/core";
import * as validators from "./validators.js";

/** The JSON Schemas of the zcom spec and their precompiled validators, for `validate: true | "warn"`. */
export const specSchemas: SpecSchemas = {
  ...{
    "id": "backupkit:zcom",
    "components": {
      "Backup": {
        "type": "object",
        "description": "One virtual machine's backup subscription, from applying for backup until cancelling it, with the runs taken so far.",
        "required": [
          "instance_id",
          "id",
          "backupruns"
        ],
        "properties": {
          "instance_id": {
            "description": "The virtual machine (Nova server) being backed up: a UUID in real responses.",
            "type": "string",
            "examples": [
              "5da9552d-93fa-4b86-8fe5-2968556017f7"
            ]
          },
          "id": {
            "description": "The backup id (`backup_id` in paths): one per subscription. A UUID in real responses; the vendor's detail example uses a placeholder, so the format is not enforced.",
            "type": "string",
            "examples": [
              "9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17"
            ]
          },
          "backupruns": {
            "description": "The runs taken so far, instance and volume runs mixed, in the order the service sends them.",
            "type": "array",
            "items": {
              "$ref": "backupkit:zcom#/$defs/BackupRun"
            }
          },
          "created_at": {
            "description": "When the subscription was created. Only the vendor's detail example has it at this level, and there it is an empty string; list responses do not send it.",
            "anyOf": [
              {
                "type": "string",
                "format": "date-time"
              },
              {
                "type": "string",
                "maxLength": 0
              }
            ]
          },
          "volume_id": {
            "description": "A volume id at the backup level. Only the vendor's detail example has it here (with a placeholder value); in list responses the volume id sits on each `volume` run instead. Prefer `backupruns[].volume_id`.",
            "type": "string"
          }
        }
      },
      "BackupRun": {
        "type": "object",
        "description": "One run of a virtual machine's automatic backup: a snapshot of the boot disk (`instance`) or of an attached volume (`volume`). Runs are what a restore or an image is made from.",
        "required": [
          "status",
          "created_at",
          "backuprun_id",
          "type"
        ],
        "properties": {
          "status": {
            "description": "State of the run. The vendor publishes no list of states; `available` and `restoring` appear in its examples, so those are named and any other string is accepted too. The detail example shows an empty string.",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "available",
                  "restoring"
                ]
              },
              {
                "type": "string"
              }
            ],
            "examples": [
              "available"
            ]
          },
          "created_at": {
            "description": "When the run was taken, in UTC (ISO 8601 with a `Z`, for example `2015-02-28T12:56:29Z`). The vendor's detail example leaves it as an empty string, which is accepted here; treat `\"\"` as \"unknown\".",
            "anyOf": [
              {
                "type": "string",
                "format": "date-time"
              },
              {
                "type": "string",
                "maxLength": 0
              }
            ],
            "examples": [
              "2015-02-28T12:56:29Z"
            ]
          },
          "backuprun_id": {
            "description": "Identifier of this run, used by the restore and createImage actions. 32 hexadecimal characters without dashes in the list example; the format is not enforced. The vendor's detail example gives both of its runs the same placeholder id (specs/recordings/zcom/vendor-get-backup-2015.yaml), so do not assume it is unique within a backup's runs.",
            "type": "string",
            "examples": [
              "58ad1951017444acacc13cee1067f1d0"
            ]
          },
          "type": {
            "description": "What the run copied: `instance` (the boot disk) or `volume` (an attached volume, see `volume_id`). The vendor's detail example says `server` where the list says `instance`, probably for the same thing; any other string is accepted too.",
            "anyOf": [
              {
                "type": "string",
                "enum": [
                  "instance",
                  "volume",
                  "server"
                ]
              },
              {
                "type": "string"
              }
            ],
            "examples": [
              "instance"
            ]
          },
          "volume_id": {
            "description": "The volume this run copied (a UUID). Sent only on `volume` runs; absent on instance runs.",
            "type": "string",
            "format": "uuid",
            "examples": [
              "5026a03f-01e3-4188-899b-8738538f47db"
            ]
          }
        }
      },
      "BackupList": {
        "type": "object",
        "description": "Every backup subscription of the tenant, each with its runs.",
        "required": [
          "backup"
        ],
        "properties": {
          "backup": {
            "description": "The tenant's backups, one per virtual machine with automatic backup. The key is singular although the value is a list; an empty list means no virtual machine has backup.",
            "type": "array",
            "items": {
              "$ref": "backupkit:zcom#/$defs/Backup"
            }
          }
        }
      },
      "BackupDetail": {
        "type": "object",
        "description": "One backup subscription. Client code should normalise `backup` to a single object: take the first element when it is an array.",
        "required": [
          "backup"
        ],
        "properties": {
          "backup": {
            "description": "The backup. The vendor's example shows it as an array holding exactly one backup; the client libraries (Nocoah, ConoHaNet) read it as a plain object. Both shapes are valid here.",
            "oneOf": [
              {
                "$ref": "backupkit:zcom#/$defs/Backup"
              },
              {
                "type": "array",
                "description": "The vendor doc's shape, a one-element array.",
                "minItems": 1,
                "maxItems": 1,
                "items": {
                  "$ref": "backupkit:zcom#/$defs/Backup"
                }
              }
            ]
          }
        }
      },
      "EnableBackupRequest": {
        "type": "object",
        "description": "Applies for automatic backup of one virtual machine.",
        "required": [
          "backup"
        ],
        "properties": {
          "backup": {
            "description": "The subscription to create.",
            "type": "object",
            "required": [
              "instance_id"
            ],
            "properties": {
              "instance_id": {
                "description": "UUID of the virtual machine (Nova server) to back up. It must belong to the tenant in the path; on ConoHa the option is paid and, per the Nocoah client, not offered on the smallest (512 MB) plan.",
                "type": "string",
                "format": "uuid",
                "examples": [
                  "5da9552d-93fa-4b86-8fe5-2968556017f7"
                ]
              }
            }
          }
        }
      },
      "EnableBackupResult": {
        "type": "object",
        "description": "The subscription that applying for backup created. It has no runs yet.",
        "required": [
          "backup"
        ],
        "properties": {
          "backup": {
            "description": "The new backup subscription.",
            "type": "object",
            "required": [
              "instance_id",
              "id"
            ],
            "properties": {
              "instance_id": {
                "description": "The virtual machine the subscription covers, as sent in the request.",
                "type": "string",
                "examples": [
                  "efbc4dea-e7e3-4890-883c-9a7a5ca9e105"
                ]
              },
              "created_at": {
                "description": "When the subscription was created. The vendor's apply-for-backup page shows it, as an RFC 3339 UTC time (`\"2015-05-08T08:52:28Z\"`; recording `specs/recordings/zcom/vendor-enable-backup-2015.yaml`). It stays a plain string without `format: date-time` because that one example is all there is, and the same API sends `\"\"` for `created_at` elsewhere.",
                "type": "string",
                "examples": [
                  "2015-05-08T08:52:28Z"
                ]
              },
              "id": {
                "description": "The new backup id: the `backup_id` to use when reading, cancelling or acting on this subscription.",
                "type": "string",
                "examples": [
                  "3166c62f-88d5-4807-b7e2-d92c95e2863b"
                ]
              }
            }
          }
        }
      },
      "BackupActionRequest": {
        "description": "An action on a backup. Send exactly one of the shapes: `restore` or `createImage`.",
        "oneOf": [
          {
            "$ref": "backupkit:zcom#/$defs/RestoreBackupAction"
          },
          {
            "$ref": "backupkit:zcom#/$defs/CreateImageAction"
          }
        ]
      },
      "RestoreBackupAction": {
        "type": "object",
        "description": "Restores a run onto the virtual machine it was taken from, overwriting its disk. The virtual machine has to be stopped first (a comment in the Nocoah client). The docs link a page for this action, but we have not seen its content, so the shape comes from two client libraries.",
        "required": [
          "restore"
        ],
        "properties": {
          "restore": {
            "description": "Which run to restore.",
            "type": "object",
            "required": [
              "backuprun_id"
            ],
            "properties": {
              "backuprun_id": {
                "description": "The `backuprun_id` of one of this backup's runs.",
                "type": "string",
                "examples": [
                  "58ad1951017444acacc13cee1067f1d0"
                ]
              }
            }
          }
        }
      },
      "CreateImageAction": {
        "type": "object",
        "description": "Saves a run as a private image, so it outlives the rotation that deletes old runs. The Nocoah client marks this call as unavailable in its version of the service and ConoHaNet as possibly unsupported; expect an error status on services that have switched it off.",
        "required": [
          "createImage"
        ],
        "properties": {
          "createImage": {
            "description": "Which run to save, and the name of the image to create.",
            "type": "object",
            "required": [
              "backuprun_id",
              "image_name"
            ],
            "properties": {
              "backuprun_id": {
                "description": "The `backuprun_id` of one of this backup's runs.",
                "type": "string",
                "examples": [
                  "58ad1951017444acacc13cee1067f1d0"
                ]
              },
              "image_name": {
                "description": "Name for the new image: 1 to 255 half-width letters, digits, hyphens and underscores.",
                "type": "string",
                "minLength": 1,
                "maxLength": 255,
                "pattern": "^[A-Za-z0-9_-]+$",
                "examples": [
                  "web01-backup_20150228"
                ]
              }
            }
          }
        }
      },
      "TokenRequest": {
        "type": "object",
        "description": "Keystone v2.0 password authentication.",
        "required": [
          "auth"
        ],
        "properties": {
          "auth": {
            "description": "The credentials, and optionally the tenant to scope the token to.",
            "type": "object",
            "required": [
              "passwordCredentials"
            ],
            "properties": {
              "passwordCredentials": {
                "description": "The API user's name and password (from the control panel's API settings).",
                "type": "object",
                "required": [
                  "username",
                  "password"
                ],
                "properties": {
                  "username": {
                    "description": "The API user name.",
                    "type": "string",
                    "minLength": 1,
                    "examples": [
                      "gncu12345678"
                    ]
                  },
                  "password": {
                    "description": "The API user's password. Never returned by the service.",
                    "type": "string",
                    "format": "password",
                    "writeOnly": true,
                    "minLength": 1
                  }
                }
              },
              "tenantId": {
                "description": "Tenant to scope the token to. Z.com marks it optional; ConoHa's current v2 page shows it as a normal field. Send it: compute calls need a token scoped to the tenant in their path.",
                "type": "string",
                "examples": [
                  "1864e71d2deb46f6b47526b69c65a45d"
                ]
              }
            }
          }
        }
      },
      "TokenResponse": {
        "type": "object",
        "description": "A Keystone v2.0 token. The identity API sends this with a real `Content-Type: application/json`. Besides `access.token` the body carries `access.serviceCatalog` (the endpoints per region) and `access.user`, which this schema allows without describing.",
        "required": [
          "access"
        ],
        "additionalProperties": true,
        "properties": {
          "access": {
            "description": "The token and what comes with it.",
            "type": "object",
            "required": [
              "token"
            ],
            "additionalProperties": true,
            "properties": {
              "token": {
                "description": "The token itself.",
                "type": "object",
                "required": [
                  "id",
                  "expires"
                ],
                "additionalProperties": true,
                "properties": {
                  "id": {
                    "description": "The token to send as `X-Auth-Token` on compute calls.",
                    "type": "string",
                    "examples": [
                      "35941e7df872405d84e5b026dba8323c"
                    ]
                  },
                  "expires": {
                    "description": "When the token stops working, in UTC with a `Z`. Published lifetimes differ between sources, so renew by this time rather than after a fixed period.",
                    "type": "string",
                    "format": "date-time",
                    "examples": [
                      "2015-02-11T08:00:45Z"
                    ]
                  },
                  "issued_at": {
                    "description": "When the token was issued. The vendor example has microseconds and no zone (`2015-02-10T08:00:45.123456`), which is not RFC 3339, so no format is asserted; read it as UTC.",
                    "type": "string",
                    "examples": [
                      "2015-02-10T08:00:45.123456"
                    ]
                  },
                  "tenant": {
                    "description": "The tenant the token is scoped to; its `id` is the `tenant_id` of compute paths. Not required here because Keystone v2.0 leaves it out of tokens requested without a tenant (inferred).",
                    "type": "object",
                    "required": [
                      "id"
                    ],
                    "additionalProperties": true,
                    "properties": {
                      "id": {
                        "description": "The tenant id.",
                        "type": "string",
                        "examples": [
                          "1864e71d2deb46f6b47526b69c65a45d"
                        ]
                      },
                      "name": {
                        "description": "The tenant name.",
                        "type": "string",
                        "examples": [
                          "gnct12345678"
                        ]
                      }
                    }
                  }
                }
              }
            }
          }
        }
      },
      "ErrorBody": {
        "description": "The body of an error response: a Nova fault (`{\"itemNotFound\": {\"message\": …, \"code\": 404}}`) or a Keystone error (`{\"error\": {\"message\": …, \"code\": 401, \"title\": …}}`). Neither shape is documented by the vendor. Note that a Keystone error also matches the Nova shape, since `error` could be a fault name; check for `error` first.",
        "anyOf": [
          {
            "$ref": "backupkit:zcom#/$defs/KeystoneError"
          },
          {
            "$ref": "backupkit:zcom#/$defs/ComputeFault"
          }
        ]
      },
      "ComputeFault": {
        "type": "object",
        "description": "An OpenStack Nova style fault: an object with one property, named after the fault (for example `itemNotFound`), whose value holds the message and status code.",
        "minProperties": 1,
        "additionalProperties": {
          "$ref": "backupkit:zcom#/$defs/FaultDetail"
        }
      },
      "FaultDetail": {
        "type": "object",
        "description": "The inside of an OpenStack Nova fault.",
        "required": [
          "message",
          "code"
        ],
        "properties": {
          "message": {
            "description": "Human-readable explanation of the failure.",
            "type": "string",
            "examples": [
              "Instance could not be found"
            ]
          },
          "code": {
            "description": "The HTTP status code again, as a number.",
            "type": "integer",
            "examples": [
              404
            ]
          },
          "details": {
            "description": "Extra information some faults add (for example a stack trace on 500s).",
            "type": "string"
          }
        }
      },
      "KeystoneError": {
        "type": "object",
        "description": "A Keystone style error, as sent by the identity API and by the token check in front of the compute API (for a missing or invalid `X-Auth-Token`).",
        "required": [
          "error"
        ],
        "properties": {
          "error": {
            "description": "What went wrong.",
            "type": "object",
            "required": [
              "message",
              "code"
            ],
            "properties": {
              "message": {
                "description": "Human-readable explanation of the failure.",
                "type": "string",
                "examples": [
                  "The request you have made requires authentication."
                ]
              },
              "code": {
                "description": "The HTTP status code again, as a number.",
                "type": "integer",
                "examples": [
                  401
                ]
              },
              "title": {
                "description": "The status text, for example `Unauthorized`.",
                "type": "string",
                "examples": [
                  "Unauthorized"
                ]
              }
            }
          }
        }
      }
    },
    "responses": {
      "listBackups": {
        "200": {
          "$ref": "backupkit:zcom#/$defs/BackupList"
        }
      },
      "enableBackup": {
        "201": {
          "$ref": "backupkit:zcom#/$defs/EnableBackupResult"
        }
      },
      "getBackup": {
        "200": {
          "$ref": "backupkit:zcom#/$defs/BackupDetail"
        }
      },
      "cancelBackup": {},
      "runBackupAction": {},
      "issueToken": {
        "200": {
          "$ref": "backupkit:zcom#/$defs/TokenResponse"
        }
      }
    }
  },
  validators: validators as unknown as SpecSchemas["validators"],
};

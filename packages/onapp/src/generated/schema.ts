// Generated from specs/onapp by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.
/* eslint-disable */
export interface paths {
    "/virtual_machines.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * List virtual servers
         * @description Lists the virtual servers the user can see, as a bare array of
         *     `{"virtual_machine": {...}}` objects (`[]` when there are none). Each item carries far
         *     more fields than this spec models; they are passed through untyped.
         *
         *     The path and the envelope are the ones the official Go SDK uses; the field names match
         *     the vendor's virtual-server pages. The Go SDK sends the same `page`/`per_page` options
         *     here as for backups and reads the same `X-Page`, `X-Limit` and `X-Total` headers; servers
         *     that do not paginate ignore them.
         */
        get: operations["listVirtualServers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/virtual_machines/{virtual_machine_id}/backups.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * List a virtual server's backups
         * @description Lists every backup of a virtual server, of both kinds: normal backups of its disks
         *     (`target_type` `Disk`) and incremental backups of the whole server (`target_type`
         *     `VirtualMachine`, with `disk_id` null).
         *
         *     The body is a bare array of `{"backup": {...}}` objects, and `[]` when there are none.
         *     Servers of different releases fill in different fields; see the Backup schema for the
         *     history, and the "older server" example for a body from the 2.x era.
         *
         *     The official Go SDK also sends `page` and `per_page` and reads `X-Page`, `X-Limit` and
         *     `X-Total` from the answer. No vendor page we read documents paging for this call, so
         *     treat the parameters and headers as optional extras.
         */
        get: operations["listBackups"];
        put?: never;
        /**
         * Create an incremental backup
         * @description Queues an incremental (file-level) backup of the whole virtual server. No vendor page we
         *     read documents this call; the path and the `{"backup": {...}}` answer come from the
         *     vendor's burn-in script and the PHP wrapper's route list.
         *
         *     A 201 means "scheduled", not "created": the backup record exists, but the backup itself is
         *     taken later by a transaction. Poll `getBackup` until `built` is true.
         */
        post: operations["createIncrementalBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/virtual_machines/{virtual_machine_id}/backups/images.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * List a virtual server's backup images
         * @description Lists the normal backups of a virtual server: the image backups taken of its disks
         *     one by one (`backup_type` `normal`, `target_type` `Disk`). Incremental backups of the
         *     whole server are listed by `listBackupFiles`; `listBackups` returns both kinds.
         *
         *     The body is a bare array of `{"backup": {...}}` objects, and `[]` when the server has no
         *     image backups.
         *
         *     The vendor page's JSON and XML examples are reproduced unchanged. They describe two
         *     different backups, and the JSON one is an incremental backup although this call lists
         *     image backups; read them as examples of the shape, not of what this call filters on.
         *
         *     Paging is inferred, not documented: the Go SDK pages `listBackups` and
         *     `listVirtualServers` with `page`/`per_page` and the `X-Page`, `X-Limit` and `X-Total`
         *     headers, and this call is an index of the same kind on the same panel. A server that
         *     does not paginate ignores the parameters and sends no headers.
         */
        get: operations["listBackupImages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/virtual_machines/{virtual_machine_id}/backups/files.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * List a virtual server's incremental backups
         * @description Lists the incremental (file-level) backups of a virtual server. They cover the whole
         *     server, so `target_type` is `VirtualMachine`, `target_id` is the server's ID and `disk_id`
         *     is null.
         *
         *     The body is a bare array of `{"backup": {...}}` objects, and `[]` when there are none.
         *
         *     Paging is inferred, not documented: the Go SDK pages `listBackups` and
         *     `listVirtualServers` with `page`/`per_page` and the `X-Page`, `X-Limit` and `X-Total`
         *     headers, and this call is an index of the same kind on the same panel. A server that
         *     does not paginate ignores the parameters and sends no headers.
         */
        get: operations["listBackupFiles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/settings/disks/{disk_id}/backups.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the disk. A backup of a disk reports it in `disk_id` (and in `target_id`, with `target_type` set to `Disk`).
                 * @example 11860
                 */
                disk_id: components["parameters"]["DiskId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * List backups of a disk
         * @description Lists the normal (image) backups taken of one disk; each has `target_type` `Disk` and
         *     `disk_id` equal to the disk's ID.
         *
         *     The same list is also served at
         *     `/virtual_machines/{virtual_machine_id}/disks/{disk_id}/backups.{format}` (the form the
         *     4.1 documentation and the Go SDK use). This spec models only the `/settings/disks/` form,
         *     which needs no virtual server ID and matches the create call.
         *
         *     The body is a bare array of `{"backup": {...}}` objects, and `[]` when there are none.
         *     A 2013 server's answer to this call is recorded (the `olderServer` example,
         *     specs/recordings/onapp/squall-list-disk-backups-2013.yaml).
         */
        get: operations["listDiskBackups"];
        put?: never;
        /**
         * Create a backup of a disk
         * @description Queues a normal (image) backup of one disk. The path, the body and the `{"backup": {...}}`
         *     answer come from the official Go SDK, the PHP wrapper and the vendor's burn-in script; no
         *     vendor page we read documents this call, and the 201 status follows the documented
         *     general meaning of 201 rather than a page for this call.
         *
         *     A 201 means "scheduled", not "created": the backup record exists, but the image is taken
         *     later by a transaction. Poll `getBackup` until `built` is true.
         */
        post: operations["createDiskBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{backup_id}.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the backup, as listed in its `id` field.
                 * @example 6117
                 */
                backup_id: components["parameters"]["BackupId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /**
         * Get a backup
         * @description Returns one backup, of either kind, wrapped in a `backup` key. Known from the PHP
         *     wrapper's route list and the vendor's burn-in script; no vendor page we read documents it.
         *     Use it to follow a scheduled backup until `built` is true.
         */
        get: operations["getBackup"];
        put?: never;
        post?: never;
        /**
         * Delete a backup
         * @description Deletes a backup. The path comes from the client libraries; the statuses follow the
         *     vendor's general rules and recorded responses of other delete calls.
         *
         *     The documented answer is 204 with no body, but servers have been seen answering a delete
         *     with 200 and a body of `{}` or of a single space. Treat 200 and 204 alike as success and
         *     do not parse the body. The Go SDK passes extra query options (such as `force`)
         *     through to this call; they are not documented and not modelled here.
         */
        delete: operations["deleteBackup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/backups/{backup_id}/restore.{format}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the backup, as listed in its `id` field.
                 * @example 6117
                 */
                backup_id: components["parameters"]["BackupId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a backup
         * @description Queues the restore of a backup onto the virtual server or disk it was taken from. It
         *     takes no body. The path comes from the PHP wrapper's route list, the vendor's burn-in
         *     script and a fork of the squall gem.
         *
         *     No source we read shows the answer. Following the vendor's general rules we expect 201
         *     ("scheduled") with the backup in a `backup` key or with an empty body, and possibly 200;
         *     a client should treat either, with the backup or with no content (blank, `{}`), as
         *     "restore queued", and not require a body. Any other body is not an answer to a restore.
         */
        post: operations["restoreBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The `X-Page` header: the number of the page returned, when the server paginates (Go SDK only). Optional, as servers that do not paginate do not send it. */
        PageNumber: number;
        /** @description The `X-Limit` header: the page size in force, when the server paginates (Go SDK only). Optional, as servers that do not paginate do not send it. */
        PageSize: number;
        /** @description The `X-Total` header: the number of items across all pages, when the server paginates (Go SDK only). Each list response declares the header with this schema and, as its example, the number of items in its first example body, so that a mock's default answers agree with themselves (a header has one example, so an answer that names another body keeps it). */
        PageTotal: number;
        /**
         * VirtualServer
         * @description A virtual server, reduced to the fields a backup client needs to pick one. The service sends many more (CPU, memory, network and billing details, which vary by release and hypervisor); they are allowed and passed through.
         */
        VirtualServer: {
            /** @description The virtual server's ID: the `virtual_machine_id` of the backup calls, and the `target_id` of its incremental backups. */
            id: number;
            /** @description The virtual server's string identifier (for example `p1sd837fuofl73`). */
            identifier: string;
            /** @description Human-readable name given to the virtual server. */
            label: string;
            /** @description Host name configured inside the virtual server. */
            hostname?: string;
            /** @description Whether the virtual server is running. */
            booted?: boolean;
            /** @description Whether the virtual server is locked while a transaction runs on it. */
            locked?: boolean;
            /** @description Whether the virtual server has been built. */
            built?: boolean;
            /** @description Operating system family, for example `linux` or `windows`; null for a virtual server built without a template. A real server sent null (OnApp, 2011): recordings `specs/recordings/onapp/squall-get-virtual-server-2011.yaml` and `squall-create-virtual-server-2011.yaml` (the squall gem's `virtual_machine/show.yml` and `virtual_machine/create.yml` cassettes). */
            operating_system?: string | null;
            /**
             * Format: date-time
             * @description When the virtual server's record was created, with a zone offset.
             */
            created_at?: string;
            /**
             * Format: date-time
             * @description When the virtual server's record was last changed, with a zone offset.
             */
            updated_at?: string;
        } & {
            [key: string]: unknown;
        };
        /**
         * VirtualServerEnvelope
         * @description One virtual server wrapped in a `virtual_machine` key (OnApp's code still calls virtual servers "virtual machines"). In XML it is a `<virtual_machine>` element.
         */
        VirtualServerEnvelope: {
            virtual_machine: components["schemas"]["VirtualServer"];
        };
        /**
         * VirtualServerList
         * @description A bare JSON array of `{"virtual_machine": {...}}` objects, empty (`[]`) when the user has no virtual servers. In XML, a `<virtual_machines type="array">` root with one `<virtual_machine>` element per item.
         */
        VirtualServerList: components["schemas"]["VirtualServerEnvelope"][];
        /**
         * ErrorBody
         * @description Why a request failed. Three shapes exist: a list of messages (what most recorded responses contain), a map from field name to that field's messages (a Rails errors hash, which the official Go SDK decodes), and a single `error` string (which the official PHP wrapper also accepts, and which a 2011 server sent with a 404). A 500 may not be JSON at all; read such a body as text.
         */
        ErrorBody: {
            errors: string[];
        } | {
            errors: {
                [key: string]: string[];
            };
        } | {
            error: string;
        };
        /**
         * Backup
         * @description A backup of a virtual server's disk (a "normal" or image backup) or of a whole virtual server
         *     (an "incremental" or file backup). `target_type` tells the two apart.
         *
         *     Every field except `id` is optional, because OnApp has added fields release by release and an
         *     older server omits the later ones. The history, as recorded in the official PHP wrapper:
         *
         *     | release | fields added |
         *     | --- | --- |
         *     | 2.0 | `allowed_swap`, `backup_type`, `backup_size`, `identifier`, `built`, `locked`, `disk_id`, `template_id`, `operating_system`, `operating_system_distro` |
         *     | 2.1 | `allowed_hot_migrate` |
         *     | 2.2 | `backup_server_id` |
         *     | 4.2 | `data_store_type`, `initiated`, `iqn`, `marked_for_delete`, `min_memory_size`, `note`, `target_id`, `target_type`, `user_id`, `volume_id` |
         *     | 6.2 | `compatible` |
         *
         *     The wrapper's release is when it listed a field, not always when servers began to send it:
         *     a 2013 recording already has `marked_for_delete` and `min_memory_size`.
         *
         *     Fields not listed there (`allow_resize_without_reboot`, `built_at`, `created_at`,
         *     `updated_at`, `image_type`, `min_disk_size`) appear in the vendor's examples; the release
         *     that introduced them is not recorded. Unknown extra fields may appear and should be kept or
         *     ignored, never rejected.
         */
        Backup: {
            /** @description The backup's ID; use it in `/backups/{backup_id}` calls. */
            id: number;
            /** @description Whether the CPU and memory of the backed-up server could be changed without a reboot. This is the name servers send (the vendor's JSON and XML examples, a recorded 2013 response, the PHP wrapper and the Go SDK all agree). The field list on the vendor page calls it `allowed_resize_without_reboot`, which no server sends. */
            allow_resize_without_reboot?: boolean;
            /** @description Whether hot migration was allowed for the backed-up server. Added in 2.1. */
            allowed_hot_migrate?: boolean;
            /** @description Whether the backed-up server was allowed a swap disk. */
            allowed_swap?: boolean;
            /** @description ID of the backup server that holds the backup, or null when none is recorded (the vendor's incremental-backup example shows null). Added in 2.2. */
            backup_server_id?: number | null;
            /** @description Disk space the backup takes, in kB. Current servers send an integer; a server of the 2.x era was recorded sending the number as a string (`"8"`), so a client should accept both and convert the string. */
            backup_size?: number | string;
            /** @description Kind of backup. Current documentation lists `normal` (a disk image) and `incremental` (a file-level backup of the whole server). Older servers named automatic backups by their schedule instead: `days-autobackup`, `weeks-autobackup`, `months-autobackup`, `years-autobackup`. Treat any other value as an unknown kind rather than an error. */
            backup_type?: ("normal" | "incremental") | string;
            /** @description Whether the backup has been built. The documentation words it as "the backed-up server has been built"; our reading is that it turns true when the backup's transaction completes, so a backup that was only just scheduled reports false. */
            built?: boolean;
            /**
             * Format: date-time
             * @description When the backup finished building, with a zone offset. Null until the backup is built (the null case is our reading; the examples only show built backups).
             */
            built_at?: string | null;
            /** @description A flag the PHP wrapper lists from 6.2 on. No vendor page we read explains it; the name suggests whether the backup is compatible with (can be restored onto) its server. */
            compatible?: boolean;
            /**
             * Format: date-time
             * @description When the backup's record was created, with a zone offset.
             */
            created_at?: string;
            /** @description Type of the data store the backed-up disk lived on. The documentation lists `lvm`, `vmware` and `solidfire`; other storage back ends may report other names. Added in 4.2. */
            data_store_type?: ("lvm" | "vmware" | "solidfire") | string;
            /** @description ID of the disk backed up, for a normal backup. Null for an incremental backup, which covers the whole virtual server rather than one disk. */
            disk_id?: number | null;
            /** @description The backup's own string identifier (for example `uml64qyvbzv1kb`). */
            identifier?: string;
            /** @description Archive format of the backup. The documentation says only `tar` exists; the examples show null. */
            image_type?: string | null;
            /** @description What started the backup. The documentation lists the automatic-backup schedules `days`, `weeks`, `months` and `years`, but its own example shows `manual` for a backup a user asked for. Treat other values as unknown, not as errors. Added in 4.2. */
            initiated?: ("days" | "weeks" | "months" | "years" | "manual") | string;
            /** @description An iSCSI qualified name, by its name for storage reached over iSCSI; the examples only show null and the documentation does not describe it. Added in 4.2. */
            iqn?: string | null;
            /** @description Whether the backup is locked. The documentation words it as "the backed-up server has been locked"; OnApp locks an object while a transaction works on it. */
            locked?: boolean;
            /** @description Whether the backup is queued for deletion (automatic backups past their retention). Listed from 4.2 by the PHP wrapper, though a 2013 server already sent it (recordings/onapp/squall-list-disk-backups-2013.yaml). */
            marked_for_delete?: boolean;
            /** @description Smallest disk the backup can be restored onto. The documentation gives no unit; OnApp sizes disks in GB elsewhere, so GB is our reading. */
            min_disk_size?: number;
            /** @description Smallest amount of memory, in MB by our reading, that a server restored from this backup needs. Present in the examples though missing from the documented field list. Listed from 4.2 by the PHP wrapper, though a 2013 server already sent it (recordings/onapp/squall-list-disk-backups-2013.yaml). */
            min_memory_size?: number;
            /** @description Free-text note given when the backup was taken, or null. Added in 4.2. */
            note?: string | null;
            /** @description Operating system family of the backed-up server, for example `linux` or `windows`. */
            operating_system?: string;
            /** @description Distribution of the backed-up server's operating system, for example `ubuntu` or `rhel`. */
            operating_system_distro?: string;
            /** @description ID of what was backed up: a disk ID when `target_type` is `Disk`, a virtual server ID when it is `VirtualMachine`. Added in 4.2. */
            target_id?: number;
            /** @description What was backed up: `Disk` for a normal (image) backup, `VirtualMachine` for an incremental backup of the whole server. Added in 4.2. Kept open, as no document promises that these two are the only kinds. */
            target_type?: ("Disk" | "VirtualMachine") | string;
            /** @description ID of the template the backed-up server was built from. Null is our reading for a server that was not built from a template (for example, one built from an ISO). */
            template_id?: number | null;
            /**
             * Format: date-time
             * @description When the backup's record was last changed, with a zone offset.
             */
            updated_at?: string;
            /** @description ID of the user who owns the backed-up server. Added in 4.2. */
            user_id?: number;
            /** @description ID of the data store volume holding the backup (the documentation calls it the "data store ID"), or null. Added in 4.2. */
            volume_id?: number | null;
        };
        /**
         * BackupEnvelope
         * @description One backup wrapped in a `backup` key, the way the service writes a single record (`{"backup": {...}}`). In XML the same record is a `<backup>` root element.
         */
        BackupEnvelope: {
            backup: components["schemas"]["Backup"];
        };
        /**
         * BackupList
         * @description A list of backups: a bare JSON array whose items are each a one-key object `{"backup": {...}}`. When there is nothing to list the body is an empty array `[]`, never an error and never null. In XML the list is a `type="array"` root element holding one `<backup>` element per item.
         */
        BackupList: components["schemas"]["BackupEnvelope"][];
        /**
         * CreateBackupRequest
         * @description Options for a new backup, wrapped in a `backup` key. The whole body is optional; without it the server takes a backup with no note.
         */
        CreateBackupRequest: {
            /** @description The options of the backup to take; every one is optional. */
            backup: {
                /** @description Free-text note stored with the backup and returned in its `note` field. */
                note?: string;
                /**
                 * @description Disk backups only: 1 asks the server to back up the disk of a Windows server even where it would otherwise decline. It is a 0/1 number, not a JSON boolean. Known from the client libraries only; the incremental-backup call has no use for it.
                 * @enum {integer}
                 */
                force_windows_backup?: 0 | 1;
            };
        };
        /**
         * BlankBody
         * @description A body that carries nothing: an empty JSON object (`{}`), or blank text (a single space, or nothing at all), which is not JSON and must not be parsed as such. Both mean success.
         */
        BlankBody: Record<string, never> | string;
    };
    responses: {
        /** @description The request carried no credentials, or the email/API key or user name/password pair was wrong. The body is not documented: clients should go by the status code and not depend on the body, which we assume follows the usual errors envelope. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
        /** @description In the vendor's words, the request is correct but cannot be processed: the user's role may lack the permission for this action or resource, or the object may be in a state that does not allow it now (a locked or busy server, say). The status alone does not tell which; the messages in the body may. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
        /** @description The control panel failed while handling the request. The body may be the errors envelope, an HTML error page or empty; a client should read it as text when it does not parse. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
        /** @description No object has the ID given in the path (or it belongs to another user), or the URL itself is wrong, for example an unsupported format suffix on a real server. Recorded bodies are `{"errors":["Resource not found"]}` and, from a 2011 server, `{"error":"Resource not found"}`. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
        /** @description The request was refused because of its parameters or the state of the object: a field had an invalid value, or the server or disk cannot be backed up right now. The messages are meant for people; match on the status, not the text. */
        UnprocessableEntity: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
                "application/xml": string;
            };
        };
    };
    parameters: {
        /**
         * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
         * @example json
         */
        Format: "json" | "xml";
        /**
         * @description Page number, starting at 1, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it and return the whole list.
         * @example 1
         */
        Page: number;
        /**
         * @description Number of items per page, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it.
         * @example 10
         */
        PerPage: number;
        /**
         * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
         * @example 488
         */
        VirtualMachineId: number;
        /**
         * @description Numeric ID of the disk. A backup of a disk reports it in `disk_id` (and in `target_id`, with `target_type` set to `Disk`).
         * @example 11860
         */
        DiskId: number;
        /**
         * @description Numeric ID of the backup, as listed in its `id` field.
         * @example 6117
         */
        BackupId: number;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listVirtualServers: {
        parameters: {
            query?: {
                /**
                 * @description Page number, starting at 1, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it and return the whole list.
                 * @example 1
                 */
                page?: components["parameters"]["Page"];
                /**
                 * @description Number of items per page, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it.
                 * @example 10
                 */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path: {
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The virtual servers visible to the user, possibly none. */
            200: {
                headers: {
                    /** @example 1 */
                    "X-Page"?: components["schemas"]["PageNumber"];
                    /** @example 10 */
                    "X-Limit"?: components["schemas"]["PageSize"];
                    /** @example 2 */
                    "X-Total"?: components["schemas"]["PageTotal"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VirtualServerList"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listBackups: {
        parameters: {
            query?: {
                /**
                 * @description Page number, starting at 1, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it and return the whole list.
                 * @example 1
                 */
                page?: components["parameters"]["Page"];
                /**
                 * @description Number of items per page, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it.
                 * @example 10
                 */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The virtual server exists and these are its backups, possibly none. */
            200: {
                headers: {
                    /** @example 1 */
                    "X-Page"?: components["schemas"]["PageNumber"];
                    /** @example 10 */
                    "X-Limit"?: components["schemas"]["PageSize"];
                    /** @example 3 */
                    "X-Total"?: components["schemas"]["PageTotal"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupList"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createIncrementalBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /** @description Optional; only `note` applies to this call. Without a body the backup has no note. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateBackupRequest"];
                "application/xml": string;
            };
        };
        responses: {
            /** @description The backup was scheduled: its record is returned, not yet built, and a transaction will take it. The status follows the vendor's general rule that 201 means "scheduled" (API guide); the `{"backup": {...}}` body is what the burn-in script reads. No vendor page and no recording shows this answer. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupEnvelope"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listBackupImages: {
        parameters: {
            query?: {
                /**
                 * @description Page number, starting at 1, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it and return the whole list.
                 * @example 1
                 */
                page?: components["parameters"]["Page"];
                /**
                 * @description Number of items per page, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it.
                 * @example 10
                 */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The virtual server exists and these are its image backups, possibly none. */
            200: {
                headers: {
                    /** @example 1 */
                    "X-Page"?: components["schemas"]["PageNumber"];
                    /** @example 10 */
                    "X-Limit"?: components["schemas"]["PageSize"];
                    /** @example 1 */
                    "X-Total"?: components["schemas"]["PageTotal"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupList"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listBackupFiles: {
        parameters: {
            query?: {
                /**
                 * @description Page number, starting at 1, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it and return the whole list.
                 * @example 1
                 */
                page?: components["parameters"]["Page"];
                /**
                 * @description Number of items per page, for servers that paginate the list. Seen only in the official Go SDK; servers that do not paginate ignore it.
                 * @example 10
                 */
                per_page?: components["parameters"]["PerPage"];
            };
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the virtual server (OnApp's URLs and JSON keys still say "virtual machine"). This is the `id` of a virtual server, not its string `identifier`.
                 * @example 488
                 */
                virtual_machine_id: components["parameters"]["VirtualMachineId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The virtual server exists and these are its incremental backups, possibly none. */
            200: {
                headers: {
                    /** @example 1 */
                    "X-Page"?: components["schemas"]["PageNumber"];
                    /** @example 10 */
                    "X-Limit"?: components["schemas"]["PageSize"];
                    /** @example 2 */
                    "X-Total"?: components["schemas"]["PageTotal"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupList"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    listDiskBackups: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the disk. A backup of a disk reports it in `disk_id` (and in `target_id`, with `target_type` set to `Disk`).
                 * @example 11860
                 */
                disk_id: components["parameters"]["DiskId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The disk exists and these are its backups, possibly none. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupList"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    createDiskBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the disk. A backup of a disk reports it in `disk_id` (and in `target_id`, with `target_type` set to `Disk`).
                 * @example 11860
                 */
                disk_id: components["parameters"]["DiskId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        /** @description Optional; without a body the backup has no note and is not forced. */
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateBackupRequest"];
                "application/xml": string;
            };
        };
        responses: {
            /** @description The backup was scheduled: its record is returned, not yet built, and a transaction will take the image. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupEnvelope"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["UnprocessableEntity"];
            500: components["responses"]["InternalServerError"];
        };
    };
    getBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the backup, as listed in its `id` field.
                 * @example 6117
                 */
                backup_id: components["parameters"]["BackupId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup exists and belongs to the user. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupEnvelope"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    deleteBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the backup, as listed in its `id` field.
                 * @example 6117
                 */
                backup_id: components["parameters"]["BackupId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup was deleted (or its deletion queued), and the server answered 200 instead of 204. The body is `{}` or a single space, labelled `application/json` either way; neither carries information, and the schema (BlankBody) accepts both as they arrive. Recorded from real DELETEs of other resources: `specs/recordings/onapp/squall-delete-200-empty-object-2012.yaml` and `squall-delete-200-single-space-2012.yaml`. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlankBody"];
                    "application/xml": string;
                };
            };
            /** @description The backup was deleted (or its deletion queued); there is no body. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
    restoreBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description Numeric ID of the backup, as listed in its `id` field.
                 * @example 6117
                 */
                backup_id: components["parameters"]["BackupId"];
                /**
                 * @description Suffix that selects the wire format of the response (and of the request body, if any): `json` or `xml`. Send a matching `Accept` header as well, as the vendor's own curl examples do (`Accept: application/json` with `.json`, `Accept: application/xml` with `.xml`). The server goes by the suffix; the mock server goes by `Accept`, so a client that sends both in agreement gets the same body from either. The official client libraries only ever use `json`.
                 * @example json
                 */
                format: components["parameters"]["Format"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The restore was accepted and the server answered 200, in the way it answers some deletes: with `{}` or a single space, neither of which carries information. The schema (BlankBody) accepts both as they arrive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlankBody"];
                    "application/xml": string;
                };
            };
            /** @description The restore was scheduled. The body, when there is one, is the backup being restored; it may be empty. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupEnvelope"] | components["schemas"]["BlankBody"];
                    "application/xml": string;
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
        };
    };
}

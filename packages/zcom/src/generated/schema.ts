// Generated from specs/zcom by scripts/generate-client.mjs. Do not edit: run `pnpm generate`.
/* eslint-disable */
export interface paths {
    "/v2/{tenant_id}/backup": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        /**
         * List backups
         * @description Lists every backup subscription of the tenant (one per virtual machine with automatic backup),
         *     each with the runs taken so far. A `backup_id` (`id`) lasts from applying for backup until
         *     cancelling it; a `backuprun_id` names one run.
         *
         *     Example call: `GET https://compute.tyo1.cloud.z.com/v2/1864e71d2deb46f6b47526b69c65a45d/backup`.
         *     The vendor page prints the path with `/v1`, which its own example contradicts.
         */
        get: operations["listBackups"];
        put?: never;
        /**
         * Apply for backup
         * @description Turns on automatic backup for one virtual machine and returns the new subscription, whose
         *     `id` is the `backup_id` for the other calls. On ConoHa this is a paid option.
         *
         *     The vendor's curl example posts the JSON without a `Content-Type` header; send
         *     `Content-Type: application/json` anyway.
         */
        post: operations["enableBackup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/{tenant_id}/backup/{backup_id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
                /**
                 * @description The `id` of a backup, which stands for one virtual machine's backup subscription from applying for backup until cancelling it. A UUID in real responses (the vendor's detail example uses a placeholder instead), so the format is not enforced here.
                 * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
                 */
                backup_id: components["parameters"]["BackupId"];
            };
            cookie?: never;
        };
        /**
         * Get one backup
         * @description Reads one backup subscription and its runs.
         *
         *     The vendor's only example of this body differs from the list response in several ways
         *     (`backup` is a one-element array, a run type is `server`, timestamps and statuses are empty
         *     strings, `created_at` and `volume_id` appear on the backup itself, and both runs share one
         *     `backuprun_id`), while the client libraries read `backup` as a plain object. The `vendorDoc`
         *     example is the vendor's body unchanged (specs/recordings/zcom/vendor-get-backup-2015.yaml). The schema accepts both; normalise an array to
         *     its first element. The vendor page is also titled "List backups", like the list call.
         */
        get: operations["getBackup"];
        put?: never;
        post?: never;
        /**
         * Cancel backup
         * @description Turns off automatic backup for the virtual machine behind this backup id. The docs link a
         *     page for this call ("cancel backup") that we have not seen; the method, path and status come
         *     from the Nocoah and ConoHaNet clients. What happens to existing runs is not documented.
         */
        delete: operations["cancelBackup"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2/{tenant_id}/backup/{backup_id}/action": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
                /**
                 * @description The `id` of a backup, which stands for one virtual machine's backup subscription from applying for backup until cancelling it. A UUID in real responses (the vendor's detail example uses a placeholder instead), so the format is not enforced here.
                 * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
                 */
                backup_id: components["parameters"]["BackupId"];
            };
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore or save a backup run
         * @description Acts on one run of this backup. The top-level key of the body names the action:
         *
         *     - `restore` writes the run back onto its virtual machine, which must be stopped first. Known
         *       only from client libraries (`x-confidence: client-library` on `RestoreBackupAction`).
         *     - `createImage` saves the run as a private image (documented by the vendor). Some clients say
         *       the service may have this switched off, in which case expect an error status.
         *
         *     The ConoHaNet client also sends `{"backup-stop": null}` and `{"backup-start": null}` to this
         *     path, expecting 200, to pause and resume the schedule. No vendor page mentions them, so they
         *     are left out of this document.
         */
        post: operations["runBackupAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v2.0/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a token
         * @description Exchanges the API user's name and password for a token (Keystone v2.0). Send
         *     `access.token.id` as `X-Auth-Token` on compute calls until `access.token.expires`. Scope the
         *     token to the tenant with `tenantId`; `access.token.tenant.id` is the `tenant_id` of the
         *     backup paths.
         *
         *     Unlike the compute API, this API labels its responses with a real
         *     `Content-Type: application/json`. The vendor's response examples are truncated and not valid
         *     JSON, so the example here is our own.
         */
        post: operations["issueToken"];
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
        /** @description One virtual machine's backup subscription, from applying for backup until cancelling it, with the runs taken so far. */
        Backup: {
            /**
             * @description The virtual machine (Nova server) being backed up: a UUID in real responses.
             * @example 5da9552d-93fa-4b86-8fe5-2968556017f7
             */
            instance_id: string;
            /**
             * @description The backup id (`backup_id` in paths): one per subscription. A UUID in real responses; the vendor's detail example uses a placeholder, so the format is not enforced.
             * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
             */
            id: string;
            /** @description The runs taken so far, instance and volume runs mixed, in the order the service sends them. */
            backupruns: components["schemas"]["BackupRun"][];
            /** @description When the subscription was created. Only the vendor's detail example has it at this level, and there it is an empty string; list responses do not send it. */
            created_at?: string;
            /** @description A volume id at the backup level. Only the vendor's detail example has it here (with a placeholder value); in list responses the volume id sits on each `volume` run instead. Prefer `backupruns[].volume_id`. */
            volume_id?: string;
        };
        /** @description One run of a virtual machine's automatic backup: a snapshot of the boot disk (`instance`) or of an attached volume (`volume`). Runs are what a restore or an image is made from. */
        BackupRun: {
            /**
             * @description State of the run. The vendor publishes no list of states; `available` and `restoring` appear in its examples, so those are named and any other string is accepted too. The detail example shows an empty string.
             * @example available
             */
            status: ("available" | "restoring") | string;
            /**
             * @description When the run was taken, in UTC (ISO 8601 with a `Z`, for example `2015-02-28T12:56:29Z`). The vendor's detail example leaves it as an empty string, which is accepted here; treat `""` as "unknown".
             * @example 2015-02-28T12:56:29Z
             */
            created_at: string;
            /**
             * @description Identifier of this run, used by the restore and createImage actions. 32 hexadecimal characters without dashes in the list example; the format is not enforced. The vendor's detail example gives both of its runs the same placeholder id (specs/recordings/zcom/vendor-get-backup-2015.yaml), so do not assume it is unique within a backup's runs.
             * @example 58ad1951017444acacc13cee1067f1d0
             */
            backuprun_id: string;
            /**
             * @description What the run copied: `instance` (the boot disk) or `volume` (an attached volume, see `volume_id`). The vendor's detail example says `server` where the list says `instance`, probably for the same thing; any other string is accepted too.
             * @example instance
             */
            type: ("instance" | "volume" | "server") | string;
            /**
             * Format: uuid
             * @description The volume this run copied (a UUID). Sent only on `volume` runs; absent on instance runs.
             * @example 5026a03f-01e3-4188-899b-8738538f47db
             */
            volume_id?: string;
        };
        /** @description Every backup subscription of the tenant, each with its runs. */
        BackupList: {
            /** @description The tenant's backups, one per virtual machine with automatic backup. The key is singular although the value is a list; an empty list means no virtual machine has backup. */
            backup: components["schemas"]["Backup"][];
        };
        /** @description One backup subscription. Client code should normalise `backup` to a single object: take the first element when it is an array. */
        BackupDetail: {
            /** @description The backup. The vendor's example shows it as an array holding exactly one backup; the client libraries (Nocoah, ConoHaNet) read it as a plain object. Both shapes are valid here. */
            backup: components["schemas"]["Backup"] | components["schemas"]["Backup"][];
        };
        /** @description Applies for automatic backup of one virtual machine. */
        EnableBackupRequest: {
            /** @description The subscription to create. */
            backup: {
                /**
                 * Format: uuid
                 * @description UUID of the virtual machine (Nova server) to back up. It must belong to the tenant in the path; on ConoHa the option is paid and, per the Nocoah client, not offered on the smallest (512 MB) plan.
                 * @example 5da9552d-93fa-4b86-8fe5-2968556017f7
                 */
                instance_id: string;
            };
        };
        /** @description The subscription that applying for backup created. It has no runs yet. */
        EnableBackupResult: {
            /** @description The new backup subscription. */
            backup: {
                /**
                 * @description The virtual machine the subscription covers, as sent in the request.
                 * @example efbc4dea-e7e3-4890-883c-9a7a5ca9e105
                 */
                instance_id: string;
                /**
                 * @description When the subscription was created. The vendor's apply-for-backup page shows it, as an RFC 3339 UTC time (`"2015-05-08T08:52:28Z"`; recording `specs/recordings/zcom/vendor-enable-backup-2015.yaml`). It stays a plain string without `format: date-time` because that one example is all there is, and the same API sends `""` for `created_at` elsewhere.
                 * @example 2015-05-08T08:52:28Z
                 */
                created_at?: string;
                /**
                 * @description The new backup id: the `backup_id` to use when reading, cancelling or acting on this subscription.
                 * @example 3166c62f-88d5-4807-b7e2-d92c95e2863b
                 */
                id: string;
            };
        };
        /** @description An action on a backup. Send exactly one of the shapes: `restore` or `createImage`. */
        BackupActionRequest: components["schemas"]["RestoreBackupAction"] | components["schemas"]["CreateImageAction"];
        /** @description Restores a run onto the virtual machine it was taken from, overwriting its disk. The virtual machine has to be stopped first (a comment in the Nocoah client). The docs link a page for this action, but we have not seen its content, so the shape comes from two client libraries. */
        RestoreBackupAction: {
            /** @description Which run to restore. */
            restore: {
                /**
                 * @description The `backuprun_id` of one of this backup's runs.
                 * @example 58ad1951017444acacc13cee1067f1d0
                 */
                backuprun_id: string;
            };
        };
        /** @description Saves a run as a private image, so it outlives the rotation that deletes old runs. The Nocoah client marks this call as unavailable in its version of the service and ConoHaNet as possibly unsupported; expect an error status on services that have switched it off. */
        CreateImageAction: {
            /** @description Which run to save, and the name of the image to create. */
            createImage: {
                /**
                 * @description The `backuprun_id` of one of this backup's runs.
                 * @example 58ad1951017444acacc13cee1067f1d0
                 */
                backuprun_id: string;
                /**
                 * @description Name for the new image: 1 to 255 half-width letters, digits, hyphens and underscores.
                 * @example web01-backup_20150228
                 */
                image_name: string;
            };
        };
        /** @description Keystone v2.0 password authentication. */
        TokenRequest: {
            /** @description The credentials, and optionally the tenant to scope the token to. */
            auth: {
                /** @description The API user's name and password (from the control panel's API settings). */
                passwordCredentials: {
                    /**
                     * @description The API user name.
                     * @example gncu12345678
                     */
                    username: string;
                    /**
                     * Format: password
                     * @description The API user's password. Never returned by the service.
                     */
                    password: string;
                };
                /**
                 * @description Tenant to scope the token to. Z.com marks it optional; ConoHa's current v2 page shows it as a normal field. Send it: compute calls need a token scoped to the tenant in their path.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenantId?: string;
            };
        };
        /** @description A Keystone v2.0 token. The identity API sends this with a real `Content-Type: application/json`. Besides `access.token` the body carries `access.serviceCatalog` (the endpoints per region) and `access.user`, which this schema allows without describing. */
        TokenResponse: {
            /** @description The token and what comes with it. */
            access: {
                /** @description The token itself. */
                token: {
                    /**
                     * @description The token to send as `X-Auth-Token` on compute calls.
                     * @example 35941e7df872405d84e5b026dba8323c
                     */
                    id: string;
                    /**
                     * Format: date-time
                     * @description When the token stops working, in UTC with a `Z`. Published lifetimes differ between sources, so renew by this time rather than after a fixed period.
                     * @example 2015-02-11T08:00:45Z
                     */
                    expires: string;
                    /**
                     * @description When the token was issued. The vendor example has microseconds and no zone (`2015-02-10T08:00:45.123456`), which is not RFC 3339, so no format is asserted; read it as UTC.
                     * @example 2015-02-10T08:00:45.123456
                     */
                    issued_at?: string;
                    /** @description The tenant the token is scoped to; its `id` is the `tenant_id` of compute paths. Not required here because Keystone v2.0 leaves it out of tokens requested without a tenant (inferred). */
                    tenant?: {
                        /**
                         * @description The tenant id.
                         * @example 1864e71d2deb46f6b47526b69c65a45d
                         */
                        id: string;
                        /**
                         * @description The tenant name.
                         * @example gnct12345678
                         */
                        name?: string;
                    } & {
                        [key: string]: unknown;
                    };
                } & {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        /** @description The body of an error response: a Nova fault (`{"itemNotFound": {"message": …, "code": 404}}`) or a Keystone error (`{"error": {"message": …, "code": 401, "title": …}}`). Neither shape is documented by the vendor. Note that a Keystone error also matches the Nova shape, since `error` could be a fault name; check for `error` first. */
        ErrorBody: components["schemas"]["KeystoneError"] | components["schemas"]["ComputeFault"];
        /** @description An OpenStack Nova style fault: an object with one property, named after the fault (for example `itemNotFound`), whose value holds the message and status code. */
        ComputeFault: {
            [key: string]: components["schemas"]["FaultDetail"];
        };
        /** @description The inside of an OpenStack Nova fault. */
        FaultDetail: {
            /**
             * @description Human-readable explanation of the failure.
             * @example Instance could not be found
             */
            message: string;
            /**
             * @description The HTTP status code again, as a number.
             * @example 404
             */
            code: number;
            /** @description Extra information some faults add (for example a stack trace on 500s). */
            details?: string;
        };
        /** @description A Keystone style error, as sent by the identity API and by the token check in front of the compute API (for a missing or invalid `X-Auth-Token`). */
        KeystoneError: {
            /** @description What went wrong. */
            error: {
                /**
                 * @description Human-readable explanation of the failure.
                 * @example The request you have made requires authentication.
                 */
                message: string;
                /**
                 * @description The HTTP status code again, as a number.
                 * @example 401
                 */
                code: number;
                /**
                 * @description The status text, for example `Unauthorized`.
                 * @example Unauthorized
                 */
                title?: string;
            };
        };
    };
    responses: {
        /** @description The request was malformed: a body that is not JSON, a missing or misspelt key (for example no `backup.instance_id`), or a value the service rejects, such as an `image_name` with characters outside letters, digits, `-` and `_`. Error bodies are not documented; the Nova fault shown is an inference. The service labels the body `text/html; charset=UTF-8`. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The `X-Auth-Token` header is missing, or its token is unknown or has expired. Get a new token from `POST /v2.0/tokens` and retry. The body comes from the token check in front of the service, so it is Keystone shaped (inferred). The service labels the body `text/html; charset=UTF-8`. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The token is valid but may not do this: the `tenant_id` in the path is not the token's tenant, or the tenant's plan does not include automatic backup. Error bodies are not documented; the Nova fault shown is an inference. The service labels the body `text/html; charset=UTF-8`. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The backup (`backup_id`), the run (`backuprun_id`) or the virtual machine (`instance_id`) named in the request does not exist for this tenant, for example because backup was cancelled. Error bodies are not documented; the Nova fault shown is an inference. The service labels the body `text/html; charset=UTF-8`. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The request clashes with the current state: backup is already enabled for the virtual machine, a run is still being taken or restored, or the virtual machine is running when a restore needs it stopped. Error bodies are not documented; the Nova fault shown is an inference. The service labels the body `text/html; charset=UTF-8`. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The service failed while handling a valid request. Retrying later may help. The body is presumably a Nova computeFault labelled `text/html; charset=UTF-8`, but a proxy in front of the service may send a plain HTML page instead, so keep the raw text when it does not parse. */
        InternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The service is down for maintenance or overloaded. Retry with backoff. The body is presumably a Nova fault labelled `text/html; charset=UTF-8`, but a proxy in front of the service may send a plain HTML page instead, so keep the raw text when it does not parse. */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The token request was malformed: not JSON, or without `auth.passwordCredentials`. Sent with a real `application/json` label; the Keystone error shape is an inference. */
        IdentityBadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The user name or password is wrong, or the user has no access to the requested `tenantId`. Sent with a real `application/json` label; the Keystone error shape is an inference. */
        IdentityUnauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The identity service failed while handling a valid request; retry later. The Keystone error shape is an inference, and a proxy may send an HTML page instead. */
        IdentityInternalServerError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
        /** @description The identity service is down for maintenance or overloaded; retry with backoff. The Keystone error shape is an inference, and a proxy may send an HTML page instead. */
        IdentityServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["ErrorBody"];
            };
        };
    };
    parameters: {
        /**
         * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
         * @example 1864e71d2deb46f6b47526b69c65a45d
         */
        TenantId: string;
        /**
         * @description The `id` of a backup, which stands for one virtual machine's backup subscription from applying for backup until cancelling it. A UUID in real responses (the vendor's detail example uses a placeholder instead), so the format is not enforced here.
         * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
         */
        BackupId: string;
    };
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    listBackups: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant's backups. Sent as JSON but labelled `text/html; charset=UTF-8`; parse the body regardless of the header. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    enableBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EnableBackupRequest"];
            };
        };
        responses: {
            /** @description Backup is now enabled for the virtual machine. Sent as JSON but labelled `text/html; charset=UTF-8`. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableBackupResult"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
                /**
                 * @description The `id` of a backup, which stands for one virtual machine's backup subscription from applying for backup until cancelling it. A UUID in real responses (the vendor's detail example uses a placeholder instead), so the format is not enforced here.
                 * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
                 */
                backup_id: components["parameters"]["BackupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The backup. Sent as JSON but labelled `text/html; charset=UTF-8`; `backup` may be an object or a one-element array. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackupDetail"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelBackup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
                /**
                 * @description The `id` of a backup, which stands for one virtual machine's backup subscription from applying for backup until cancelling it. A UUID in real responses (the vendor's detail example uses a placeholder instead), so the format is not enforced here.
                 * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
                 */
                backup_id: components["parameters"]["BackupId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Backup is cancelled. No body (the ConoHaNet client accepts only 204 as success). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    runBackupAction: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The tenant (project) the backups belong to: 32 lower-case hexadecimal characters in every example. It is `access.token.tenant.id` in the token response, and the last path segment of the compute `publicURL` in the service catalog.
                 * @example 1864e71d2deb46f6b47526b69c65a45d
                 */
                tenant_id: components["parameters"]["TenantId"];
                /**
                 * @description The `id` of a backup, which stands for one virtual machine's backup subscription from applying for backup until cancelling it. A UUID in real responses (the vendor's detail example uses a placeholder instead), so the format is not enforced here.
                 * @example 9fbcc5eb-aa2b-4d17-a27d-43f11c8c2b17
                 */
                backup_id: components["parameters"]["BackupId"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BackupActionRequest"];
            };
        };
        responses: {
            /** @description The action was accepted and runs in the background. No body: the vendor's createImage example answers with `Content-Length: 0` (still labelled as HTML), and the ConoHaNet client expects 202 for restore too. Poll the backup to follow a restore. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            500: components["responses"]["InternalServerError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    issueToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TokenRequest"];
            };
        };
        responses: {
            /** @description The credentials were accepted and a token was issued. Labelled `application/json`, as it should be. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenResponse"];
                };
            };
            400: components["responses"]["IdentityBadRequest"];
            401: components["responses"]["IdentityUnauthorized"];
            500: components["responses"]["IdentityInternalServerError"];
            503: components["responses"]["IdentityServiceUnavailable"];
        };
    };
}

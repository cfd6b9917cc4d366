// Generated from the API's OpenAPI document by `npm run api-docs` (openapi-typescript). Do not edit.

export interface paths {
    "/locations/{location}/numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add Phone Numbers to Webex Location */
        post: operations["AddLocationNumbers"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reconcile/plans/{id}/apply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply a reconciliation plan: its actions through the joiner, mover, leaver and calling machines, paced, each reported */
        post: operations["ApplyReconcilePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user}/numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Webex User Phone Numbers */
        get: operations["GetUserNumbers"];
        put?: never;
        /** Assign Phone Number to Webex User (alternate number) */
        post: operations["AssignNumber"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reconcile/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent reconciliation plans with their status, counts, creation, apply and digest */
        get: operations["ListReconcilePlans"];
        put?: never;
        /** Plan a reconciliation of Webex with an HR roster (nothing in Webex changes; runs the ReconcilePlan state machine) */
        post: operations["CreateReconcilePlan"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create Webex User */
        post: operations["CreateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Webex User (with calling details) */
        get: operations["GetUser"];
        put?: never;
        post?: never;
        /** Delete Webex User */
        delete: operations["DeleteUser"];
        options?: never;
        head?: never;
        /** Update Webex User */
        patch: operations["UpdateUser"];
        trace?: never;
    };
    "/users/{user}/calling": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable Webex Calling for User (runs the EnableCalling state machine synchronously) */
        post: operations["EnableCalling"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bulk/joiners/{executionName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Bulk Joiners status and, once ended, the per-user report */
        get: operations["GetBulkJoiners"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bulk/joiners/{executionName}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A short-lived URL of a bulk run's HTML report */
        get: operations["GetBulkJoinersReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/connection": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webex connection health (never a token) */
        get: operations["GetConnection"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user}/calling/{executionName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An Enable Calling run POST answered 202 for (a move): RUNNING, or its steps and outcome */
        get: operations["GetEnableCalling"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reconcile/plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A reconciliation plan: its summary, a page of its actions and, once applied, its results (or PLANNING / FAILED) */
        get: operations["GetReconcilePlan"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reconcile/plans/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A short-lived URL of the HTML report of a reconciliation plan (or of its apply, once run) */
        get: operations["GetReconcilePlanReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A Webex User's history: what each workflow run did, newest first */
        get: operations["GetUserHistory"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Route a Webex lifecycle event (Joined / Moved / Left) to its state machine, exactly once per event id */
        post: operations["LifecycleEvents"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bulk/joiners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Recent Bulk Joiners runs with their status and counts */
        get: operations["ListBulkJoiners"];
        put?: never;
        /** Start Bulk Joiners: the Joiner for each of up to 500 users, once per idempotency key */
        post: operations["StartBulkJoiners"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/numbers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Webex Phone Numbers */
        get: operations["ListNumbers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webex/operations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List what the guarded Webex request accepts: method, path, summary, scopes, body (search, prefix, method; paged) */
        get: operations["ListWebexOperations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: list or find Groups (filter by displayName, externalId or id) */
        get: operations["ScimListGroups"];
        put?: never;
        /** SCIM: create a Group */
        post: operations["ScimCreateGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: list or find Users (filter by userName, externalId or a work e-mail) */
        get: operations["ScimListUsers"];
        put?: never;
        /** SCIM: create a User (a joiner: the Webex user, then calling as its attributes or the calling rules say) */
        post: operations["ScimCreateUser"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Groups/{resourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: read a Group */
        get: operations["ScimGetGroup"];
        /** SCIM: replace a Group */
        put: operations["ScimReplaceGroup"];
        post?: never;
        /** SCIM: delete a Group */
        delete: operations["ScimDeleteGroup"];
        options?: never;
        head?: never;
        /** SCIM: change a Group with a PatchOp (members add/remove, displayName) */
        patch: operations["ScimPatchGroup"];
        trace?: never;
    };
    "/scim/v2/Users/{resourceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: read a User */
        get: operations["ScimGetUser"];
        /** SCIM: replace a User */
        put: operations["ScimReplaceUser"];
        post?: never;
        /** SCIM: delete a User */
        delete: operations["ScimDeleteUser"];
        options?: never;
        head?: never;
        /** SCIM: change a User with a PatchOp (add, replace, remove) */
        patch: operations["ScimPatchUser"];
        trace?: never;
    };
    "/scim/v2/ResourceTypes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: ResourceTypes (discovery) */
        get: operations["ScimResourceTypes"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/Schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: Schemas (discovery) */
        get: operations["ScimSchemas"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/scim/v2/ServiceProviderConfig": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** SCIM: ServiceProviderConfig (discovery) */
        get: operations["ScimServiceProviderConfig"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/bulk/joiners/csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start Bulk Joiners from a CSV file in the imports bucket (up to 10,000 rows), every row checked first */
        post: operations["StartBulkJoinersCsv"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/users/{user}/numbers/{phoneNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Unassign Phone Number from Webex User */
        delete: operations["UnassignNumber"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webex/requests": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Guarded Webex People / Calling configuration request */
        post: operations["WebexRequest"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document (served by the local runtime, `npm start`; in AWS it is built by `cdk synth` from the same route rows) */
        get: operations["GetOpenApiDocument"];
        put?: never;
        post?: never;
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
        Error: {
            error: {
                code: string;
                message: string;
                fields?: {
                    field: string;
                    message: string;
                }[];
                webexStatus?: number;
                trackingId?: string;
                retryAfterSeconds?: number;
            };
        };
        AddLocationNumbersAnswer: {
            location: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            numberType: "DID" | "TOLLFREE" | "MOBILE";
            /** @enum {string} */
            state?: "ACTIVE" | "INACTIVE";
            added: number;
            numbers: {
                phoneNumber: string;
                /** @enum {string} */
                status: "added" | "alreadyInLocation" | "duplicateInRequest" | "inAnotherLocation" | "unavailable" | "invalid" | "failed";
                detail?: string;
            }[];
        };
        ApplyReconcilePlanAnswer: {
            planId: string;
            executionName?: string;
            /** @enum {string} */
            status: "STARTED" | "DUPLICATE" | "NOTHING_TO_APPLY";
            actions: number;
            statusUrl: string;
        };
        AssignNumberAnswer: {
            user: {
                id: string;
                email?: string;
            };
            callingEnabled: boolean;
            location?: {
                id: string;
                name?: string;
            };
            primaryNumber?: string;
            extension?: string;
            esn?: string;
            alternates: {
                phoneNumber: string;
                extension?: string;
                ringPattern?: string;
            }[];
            distinctiveRingEnabled?: boolean;
            changed: boolean;
        };
        CreateReconcilePlanAnswer201: {
            id: string;
            createdAt: string;
            digest: string;
            needsConfirmation: boolean;
            confirmWith?: number;
            counts: {
                join: number;
                enableCalling: number;
                move: number;
                updateProfile: number;
                leave: number;
            };
            unchanged: number;
            inScope: number;
            rosterOutOfScope: number;
            skipped: number;
            plan: {
                bucket: string;
                json: string;
                csv: string;
                html: string;
            };
            statusUrl: string;
            applyUrl: string;
            /** @enum {string} */
            status: "planned";
        };
        CreateReconcilePlanAnswer202: {
            id: string;
            /** @enum {string} */
            status: "PLANNING";
            statusUrl: string;
        };
        CreateReconcilePlanAnswer400: {
            id: string;
            /** @enum {string} */
            status: "FAILED";
            statusUrl?: string;
            error: {
                code: string;
                message: string;
                fields?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        CreateUserAnswer: {
            id: string;
            email?: string;
            displayName?: string;
            firstName?: string;
            lastName?: string;
            department?: string;
            title?: string;
            status?: string;
            invitePending?: boolean;
            loginEnabled?: boolean;
            createdAt?: string;
            lastModifiedAt?: string;
            licenses: {
                id: string;
                name?: string;
            }[];
            calling: {
                enabled: boolean;
                location?: {
                    id: string;
                    name?: string;
                };
                primaryNumber?: string;
                extension?: string;
            };
            created: boolean;
        };
        EnableCallingAnswer: {
            /** @enum {string} */
            status: "SUCCEEDED" | "FAILED" | "RUNNING";
            executionName: string;
            statusUrl?: string;
            changed?: boolean;
            user?: {
                id: string;
                email?: string;
                displayName?: string;
                calling: {
                    enabled: boolean;
                    location?: {
                        id: string;
                        name?: string;
                    };
                    primaryNumber?: string;
                    extension?: string;
                    esn?: string;
                    license?: {
                        id: string;
                        name?: string;
                    };
                };
            };
            location?: {
                id: string;
                name: string;
            };
            steps: {
                name: string;
                /** @enum {string} */
                status: "completed" | "applied" | "skipped" | "failed" | "compensated" | "not-run";
                detail?: string;
            }[];
            error?: {
                code: string;
                message: string;
                httpStatus: number;
                fields?: {
                    field: string;
                    message: string;
                }[];
                webexStatus?: number;
                trackingId?: string;
                retryAfterSeconds?: number;
            };
            compensation?: {
                /** @enum {string} */
                action: "none" | "removed" | "failed";
                detail: string;
                remaining?: {
                    license?: {
                        id: string;
                        name?: string;
                    };
                    location?: {
                        id: string;
                        name?: string;
                    };
                    phoneNumber?: string;
                    extension?: string;
                    confirmed: boolean;
                };
            };
            remaining?: {
                license?: {
                    id: string;
                    name?: string;
                };
                location?: {
                    id: string;
                    name?: string;
                };
                phoneNumber?: string;
                extension?: string;
                confirmed: boolean;
            } | null;
        };
        GetBulkJoinersAnswer: {
            executionName: string;
            /** @enum {string} */
            status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
            startDate?: string;
            stopDate?: string;
            report?: {
                executionName: string;
                total: number;
                succeeded: number;
                failed: number;
                results: {
                    index: number;
                    email: string;
                    location?: string;
                    /** @enum {string} */
                    status: "SUCCEEDED" | "FAILED";
                    userId?: string;
                    /** @enum {boolean} */
                    existed?: true;
                    error?: {
                        code: string;
                        message: string;
                        step?: string;
                        trackingId?: string;
                    };
                    outcome: string;
                }[];
            } | {
                executionName: string;
                total: number;
                succeeded: number;
                failed: number;
                report: {
                    bucket: string;
                    json: string;
                    csv: string;
                    html: string;
                };
                failures: {
                    email: string;
                    location?: string;
                    /** @enum {string} */
                    status: "SUCCEEDED" | "FAILED";
                    userId?: string;
                    /** @enum {boolean} */
                    existed?: true;
                    error?: {
                        code: string;
                        message: string;
                        step?: string;
                        trackingId?: string;
                    };
                    outcome: string;
                    line: number;
                }[];
            };
            progress?: {
                total: number;
                succeeded: number;
                failed: number;
                pending: number;
                startedAt: string;
                etaSeconds?: number;
            };
            pace?: {
                requestsPerSecond: number;
                runRequestsPerSecond: number;
                rateLimited: number;
            };
            error?: string;
            cause?: string;
        };
        GetBulkJoinersReportAnswer: {
            url: string;
            expiresInSeconds: number;
        };
        GetConnectionAnswer: {
            /** @enum {string} */
            status: "healthy" | "refresh-token-expiring" | "access-token-expired" | "disconnected" | "not-connected" | "static-token";
            organisation?: {
                name?: string;
                id?: string;
            };
            accessTokenExpiresAt?: string;
            refreshTokenExpiresAt?: string;
            accessTokenDaysLeft?: number;
            refreshTokenDaysLeft?: number;
            lastRotation?: {
                [key: string]: unknown;
            };
            message: string;
        };
        GetReconcilePlanAnswer: {
            id: string;
            createdAt: string;
            digest: string;
            needsConfirmation: boolean;
            confirmWith?: number;
            counts: {
                join: number;
                enableCalling: number;
                move: number;
                updateProfile: number;
                leave: number;
            };
            unchanged: number;
            inScope: number;
            rosterOutOfScope: number;
            skipped: number;
            plan: {
                bucket: string;
                json: string;
                csv: string;
                html: string;
            };
            statusUrl: string;
            applyUrl: string;
            /** @enum {string} */
            status: "planned" | "applying" | "applied" | "apply-failed";
            scope: {
                emailDomains?: string[];
                locations?: string[];
                exclude?: string[];
            };
            policy: {
                /**
                 * @description What happens to a leaver once the calling license and numbers are freed: delete the user; deactivate it (sign-in off; Webex deletes users deactivated for 30 days, help.webex.com article v5wksr, so deactivate does not keep the user for good); or removeCalling (the user stays active, without calling).
                 * @enum {string}
                 */
                leaverPolicy: "delete" | "deactivate" | "removeCalling";
                allowMoves: boolean;
                thresholds: {
                    maxLeaverPercent: number;
                    maxLeavers: number;
                };
            };
            total: number;
            offset: number;
            limit: number;
            nextOffset?: number;
            actions: {
                /** @enum {string} */
                kind: "join" | "enableCalling" | "move" | "updateProfile" | "leave";
                where?: string;
                email: string;
                userId?: string;
                before: {
                    firstName?: string;
                    lastName?: string;
                    displayName?: string;
                    department?: string;
                    title?: string;
                    locationId?: string;
                    phoneNumber?: string;
                    extension?: string;
                };
                after: {
                    firstName?: string;
                    lastName?: string;
                    displayName?: string;
                    department?: string;
                    title?: string;
                    locationId?: string;
                    phoneNumber?: string;
                    extension?: string;
                };
                reason: string;
                seen: {
                    firstName?: string;
                    lastName?: string;
                    displayName?: string;
                    department?: string;
                    title?: string;
                    locationId?: string;
                    phoneNumber?: string;
                    extension?: string;
                    id: string;
                    email: string;
                    loginEnabled: boolean;
                } | null;
                roster?: {
                    [key: string]: unknown;
                };
                fallbackPhoneNumber?: string;
                /**
                 * @description What happens to a leaver once the calling license and numbers are freed: delete the user; deactivate it (sign-in off; Webex deletes users deactivated for 30 days, help.webex.com article v5wksr, so deactivate does not keep the user for good); or removeCalling (the user stays active, without calling).
                 * @enum {string}
                 */
                leaverPolicy?: "delete" | "deactivate" | "removeCalling";
            }[];
            apply?: {
                executionName: string;
                /** @enum {string} */
                status: "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT" | "ABORTED" | "PENDING_REDRIVE";
                startDate?: string;
                stopDate?: string;
                error?: {
                    code: string;
                    message: string;
                };
                progress?: {
                    total: number;
                    succeeded: number;
                    failed: number;
                    pending: number;
                    startedAt: string;
                    etaSeconds?: number;
                };
            };
            results?: {
                planId: string;
                executionName: string;
                finishedAt: string;
                counts: {
                    total: number;
                    succeeded: number;
                    failed: number;
                    skipped: number;
                };
                byKind: {
                    join: {
                        succeeded: number;
                        failed: number;
                        skipped: number;
                    };
                    enableCalling: {
                        succeeded: number;
                        failed: number;
                        skipped: number;
                    };
                    move: {
                        succeeded: number;
                        failed: number;
                        skipped: number;
                    };
                    updateProfile: {
                        succeeded: number;
                        failed: number;
                        skipped: number;
                    };
                    leave: {
                        succeeded: number;
                        failed: number;
                        skipped: number;
                    };
                };
                results: {
                    index: number;
                    /** @enum {string} */
                    kind: "join" | "enableCalling" | "move" | "updateProfile" | "leave";
                    where?: string;
                    email: string;
                    userId?: string;
                    /** @enum {string} */
                    status: "succeeded" | "failed" | "skipped";
                    reason?: string;
                    error?: {
                        code: string;
                        message: string;
                        step?: string;
                        trackingId?: string;
                    };
                    outcome?: string;
                }[];
                resultsTotal: number;
                resultsNextOffset?: number;
            };
        } | {
            id: string;
            /** @enum {string} */
            status: "PLANNING";
            statusUrl: string;
        } | {
            id: string;
            /** @enum {string} */
            status: "FAILED";
            statusUrl?: string;
            error: {
                code: string;
                message: string;
                fields?: {
                    field: string;
                    message: string;
                }[];
            };
        };
        GetReconcilePlanReportAnswer: {
            url: string;
            /** @enum {string} */
            report: "apply" | "plan";
            expiresInSeconds: number;
        };
        GetUserAnswer: {
            id: string;
            email?: string;
            displayName?: string;
            firstName?: string;
            lastName?: string;
            department?: string;
            title?: string;
            status?: string;
            invitePending?: boolean;
            loginEnabled?: boolean;
            createdAt?: string;
            lastModifiedAt?: string;
            licenses: {
                id: string;
                name?: string;
            }[];
            calling: {
                enabled: boolean;
                location?: {
                    id: string;
                    name?: string;
                };
                primaryNumber?: string;
                extension?: string;
            };
        };
        GetUserHistoryAnswer: {
            items: {
                /** @enum {string} */
                kind: "joiner" | "mover" | "leaver" | "enableCalling" | "createUser" | "updateUser" | "deleteUser";
                email: string;
                userId?: string;
                /** Format: date-time */
                startedAt: string;
                /** Format: date-time */
                at: string;
                /** @enum {string} */
                outcome: "succeeded" | "failed";
                executionName: string;
                trigger: {
                    /** @enum {string} */
                    type: "api";
                    caller?: string;
                    requestId?: string;
                } | {
                    /** @enum {string} */
                    type: "event";
                    source: string;
                    eventId: string;
                    detailType?: string;
                } | {
                    /** @enum {string} */
                    type: "schedule";
                    name: string;
                } | {
                    /** @enum {string} */
                    type: "scim";
                    client: string;
                } | {
                    /** @enum {string} */
                    type: "bulk";
                    run: string;
                } | {
                    /** @enum {string} */
                    type: "reconcile";
                    planId?: string;
                    run?: string;
                };
                changes: {
                    field: string;
                    before?: unknown;
                    after?: unknown;
                }[];
                steps?: {
                    step: string;
                    /** @enum {string} */
                    status: "applied" | "unchanged" | "skipped" | "failed";
                    detail?: string;
                }[];
                error?: {
                    code: string;
                    message: string;
                };
                trackingIds: string[];
                note?: string;
            }[];
            nextCursor?: string;
        };
        GetUserNumbersAnswer: {
            user: {
                id: string;
                email?: string;
            };
            callingEnabled: boolean;
            location?: {
                id: string;
                name?: string;
            };
            primaryNumber?: string;
            extension?: string;
            esn?: string;
            alternates: {
                phoneNumber: string;
                extension?: string;
                ringPattern?: string;
            }[];
            distinctiveRingEnabled?: boolean;
        };
        LifecycleEventsAnswer: {
            stateMachine: string;
            executionName: string;
            executionArn?: string;
            /** @enum {string} */
            status: "STARTED" | "DUPLICATE";
            eventId: string;
            detailType: string;
        };
        ListBulkJoinersAnswer: {
            items: {
                executionName: string;
                /** @enum {string} */
                source: "json" | "csv";
                /** @enum {string} */
                status: "RUNNING" | "SUCCEEDED" | "FAILED";
                /** Format: date-time */
                startedAt: string;
                /** Format: date-time */
                endedAt?: string;
                total?: number;
                succeeded?: number;
                failed?: number;
                trigger?: {
                    /** @enum {string} */
                    type: "api";
                    caller?: string;
                    requestId?: string;
                } | {
                    /** @enum {string} */
                    type: "event";
                    source: string;
                    eventId: string;
                    detailType?: string;
                } | {
                    /** @enum {string} */
                    type: "schedule";
                    name: string;
                } | {
                    /** @enum {string} */
                    type: "scim";
                    client: string;
                } | {
                    /** @enum {string} */
                    type: "bulk";
                    run: string;
                } | {
                    /** @enum {string} */
                    type: "reconcile";
                    planId?: string;
                    run?: string;
                };
            }[];
            nextCursor?: string;
        };
        ListNumbersAnswer: {
            items: {
                phoneNumber?: string;
                extension?: string;
                esn?: string;
                state?: string;
                phoneNumberType?: string;
                mainNumber?: boolean;
                tollFreeNumber?: boolean;
                serviceNumber?: boolean;
                reservedNumber?: boolean;
                telephonyType?: string;
                location?: {
                    id: string;
                    name?: string;
                };
                owner?: {
                    id?: string;
                    type?: string;
                    firstName?: string;
                    lastName?: string;
                };
            }[];
            count: number;
            nextCursor?: string;
        };
        ListReconcilePlansAnswer: {
            items: {
                planId: string;
                /** @enum {string} */
                status: "PLANNED" | "APPLYING" | "APPLIED" | "APPLY_FAILED";
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                appliedAt?: string;
                counts: {
                    [key: string]: number;
                };
                digest?: string;
                applyExecutionName?: string;
                applied?: {
                    succeeded: number;
                    failed: number;
                    skipped: number;
                };
            }[];
            nextCursor?: string;
        };
        ListWebexOperationsAnswer: {
            total: number;
            operations: {
                method: string;
                path: string;
                summary?: string;
                scopes: string[];
                body: boolean;
            }[];
            nextOffset?: number;
        };
        ScimCreateGroupAnswer: {
            schemas: string[];
            id: string;
            displayName: string;
            meta: {
                resourceType: string;
                created: string;
                lastModified: string;
                location: string;
                version: string;
            };
            members?: ({
                value: string;
                display?: string;
                $ref?: string;
                type?: string;
            } & {
                [key: string]: unknown;
            })[];
        } & {
            [key: string]: unknown;
        };
        ScimError: {
            schemas: string[];
            status: string;
            scimType?: string;
            detail: string;
        };
        ScimCreateUserAnswer: {
            schemas: string[];
            id: string;
            userName: string;
            active?: boolean;
            meta: {
                resourceType: string;
                created: string;
                lastModified: string;
                location: string;
                version: string;
            };
            "urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User"?: {
                /** @enum {string} */
                callingStatus: "pending" | "applied" | "failed";
                lastError?: string;
            } & {
                [key: string]: unknown;
            };
        } & {
            [key: string]: unknown;
        };
        ScimListGroupsAnswer: {
            schemas: string[];
            totalResults: number;
            startIndex: number;
            itemsPerPage: number;
            Resources: ({
                schemas: string[];
                id: string;
                displayName: string;
                meta: {
                    resourceType: string;
                    created: string;
                    lastModified: string;
                    location: string;
                    version: string;
                };
                members?: ({
                    value: string;
                    display?: string;
                    $ref?: string;
                    type?: string;
                } & {
                    [key: string]: unknown;
                })[];
            } & {
                [key: string]: unknown;
            })[];
        };
        ScimListUsersAnswer: {
            schemas: string[];
            totalResults: number;
            startIndex: number;
            itemsPerPage: number;
            Resources: ({
                schemas: string[];
                id: string;
                userName: string;
                active?: boolean;
                meta: {
                    resourceType: string;
                    created: string;
                    lastModified: string;
                    location: string;
                    version: string;
                };
                "urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User"?: {
                    /** @enum {string} */
                    callingStatus: "pending" | "applied" | "failed";
                    lastError?: string;
                } & {
                    [key: string]: unknown;
                };
            } & {
                [key: string]: unknown;
            })[];
        };
        ScimResourceTypesAnswer: {
            schemas: string[];
        } & {
            [key: string]: unknown;
        };
        StartBulkJoinersAnswer: {
            stateMachine: string;
            executionName: string;
            executionArn?: string;
            /** @enum {string} */
            status: "STARTED" | "DUPLICATE";
            users: number;
            maxConcurrency: number;
            statusUrl: string;
        };
        StartBulkJoinersCsvAnswer: {
            stateMachine: string;
            executionName: string;
            executionArn?: string;
            /** @enum {string} */
            status: "STARTED" | "DUPLICATE";
            key: string;
            rows: number;
            maxConcurrency: number;
            statusUrl: string;
        };
        WebexRequestAnswer: {
            /** @enum {boolean} */
            dryRun: true;
            request: {
                method: string;
                url: string;
                operation: string;
                query: {
                    [key: string]: unknown;
                };
                body?: unknown;
            };
        } | {
            status: number;
            items: unknown[];
            count: number;
            truncated: boolean;
            cursor?: string;
        } | {
            status: number;
            trackingId?: string;
            data?: unknown;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AddLocationNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                location: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    phoneNumbers: string[];
                    /** @enum {string} */
                    numberType?: "DID" | "TOLLFREE" | "MOBILE";
                    /** @enum {string} */
                    state?: "ACTIVE" | "INACTIVE";
                };
            };
        };
        responses: {
            /** @description Nothing added: every number was already in the location */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddLocationNumbersAnswer"];
                };
            };
            /** @description Numbers added; each number's outcome in request order */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddLocationNumbersAnswer"];
                };
            };
            /** @description Some numbers placed, others refused: each number's outcome */
            207: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddLocationNumbersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Every number refused (in another location, unavailable, invalid); or: Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddLocationNumbersAnswer"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The location is on integrated PSTN, or not enabled for Webex Calling; or: Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Every number failed in Webex; or: Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AddLocationNumbersAnswer"] | components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ApplyReconcilePlan: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    confirm?: number | string;
                };
            };
        };
        responses: {
            /** @description DUPLICATE (applied once already) or NOTHING_TO_APPLY: nothing starts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplyReconcilePlanAnswer"];
                };
            };
            /** @description STARTED: the ReconcileApply execution runs; follow statusUrl */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApplyReconcilePlanAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such plan; or: No such file in the imports bucket */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `PlanIntegrityError`: the stored plan is not the one reviewed (its bytes, digest, scope, exclusions, thresholds or confirmation differ); nothing is applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetUserNumbers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Primary number, extension and alternates */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUserNumbersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    AssignNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    phoneNumber: string;
                    extension?: string;
                    /** @enum {string} */
                    ringPattern?: "NORMAL" | "LONG_LONG" | "SHORT_SHORT_LONG" | "SHORT_LONG_SHORT";
                };
            };
        };
        responses: {
            /** @description The number was on the user already: nothing changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignNumberAnswer"];
                };
            };
            /** @description Assigned: the user's numbers after */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignNumberAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListReconcilePlans: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recent plans, newest first, and a cursor when there are more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListReconcilePlansAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    CreateReconcilePlan: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key?: string;
                    users?: ({
                        /** Format: email */
                        email: string;
                        firstName?: string;
                        lastName?: string;
                        displayName?: string;
                        department?: string;
                        title?: string;
                        location: string;
                        phoneNumber?: string;
                        extension?: string;
                        autoAssignNumber?: boolean;
                        license?: string;
                    } & (unknown | unknown | unknown))[];
                    scope: {
                        emailDomains?: string[];
                        locations?: string[];
                        exclude?: string[];
                    };
                    /**
                     * @description What happens to a leaver once the calling license and numbers are freed: delete the user; deactivate it (sign-in off; Webex deletes users deactivated for 30 days, help.webex.com article v5wksr, so deactivate does not keep the user for good); or removeCalling (the user stays active, without calling).
                     * @enum {string}
                     */
                    leaverPolicy?: "delete" | "deactivate" | "removeCalling";
                    allowMoves?: boolean;
                    thresholds?: {
                        maxLeaverPercent?: number;
                        maxLeavers?: number;
                    };
                };
            };
        };
        responses: {
            /** @description Planned: the plan's summary */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer201"];
                };
            };
            /** @description PLANNING: the plan outlasts the request; follow statusUrl */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer202"];
                };
            };
            /** @description The planner refused the roster or scope; or: Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer400"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description A location the request names does not exist; or: No such file in the imports bucket */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer400"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The plan execution failed or was stopped; or: The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer400"] | components["schemas"]["Error"];
                };
            };
            /** @description Webex failed while planning */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer400"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Planning did not finish in time; or: The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateReconcilePlanAnswer400"] | components["schemas"]["Error"];
                };
            };
        };
    };
    CreateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** Format: email */
                    email: string;
                    firstName?: string;
                    lastName?: string;
                    displayName?: string;
                    department?: string;
                    title?: string;
                } & (unknown | unknown | unknown);
            };
        };
        responses: {
            /** @description The e-mail exists in the organisation already: that user, `created: false` */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateUserAnswer"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreateUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user with licenses and calling details */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    DeleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted: Webex frees the user's licenses, numbers and extension */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UpdateUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    firstName?: string;
                    lastName?: string;
                    displayName?: string;
                    department?: string | null;
                    title?: string | null;
                };
            };
        };
        responses: {
            /** @description The updated user */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    EnableCalling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    location: string;
                    phoneNumber?: string;
                    extension?: string;
                    autoAssignNumber?: boolean;
                    license?: string;
                    move?: boolean;
                    fallbackPhoneNumber?: string;
                };
            };
        };
        responses: {
            /** @description SUCCEEDED: every step; `changed: false` when the user already had that location and number */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description RUNNING: a move, or a run past the request's time, goes on as a Standard execution; GET statusUrl */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description FAILED: a step refused the input (e.g. an emergency number as extension); the steps and what remains; or: Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FAILED: unknown user or location; the steps and what remains */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description FAILED: enabled in another location without move, number or extension taken, a move job already running; the steps and what remains */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FAILED: no license units, number not in the location, not a Webex Calling location; the steps and what remains */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description FAILED: Webex kept rate-limiting past the workflow's wait budget; the steps and what remains; or: Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"] | components["schemas"]["Error"];
                };
            };
            /** @description FAILED: the workflow failed unexpectedly; the steps and what remains; or: The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"] | components["schemas"]["Error"];
                };
            };
            /** @description FAILED: Webex faults, or a failed move job; the steps and what remains */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description FAILED: the run or a move job outlasted its time; the steps and what remains; or: The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"] | components["schemas"]["Error"];
                };
            };
        };
    };
    GetBulkJoiners: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                executionName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The run's status and, once ended, its report */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetBulkJoinersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No bulk joiners execution of that name */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetBulkJoinersReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                executionName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A presigned URL of the HTML report, valid expiresInSeconds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetBulkJoinersReportAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No report yet: a bulk run (JSON or CSV) writes it when it ends; or: No such file in the imports bucket */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetConnection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The connection's health */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetConnectionAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetEnableCalling: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
                executionName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description RUNNING, or the run's result as POST would have answered it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EnableCallingAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such run for this user */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetReconcilePlan: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The stored plan with a page of its actions (and its apply and results), or PLANNING, or FAILED */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetReconcilePlanAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such plan; or: No such file in the imports bucket */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetReconcilePlanReport: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A presigned URL of the HTML report (the apply's once it has run, else the plan's), valid expiresInSeconds */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetReconcilePlanReportAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such plan, or a plan stored without an HTML report; or: No such file in the imports bucket */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetUserHistory: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path: {
                user: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The user's activity records, newest first, and a cursor when there are more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GetUserHistoryAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    LifecycleEvents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    id: string;
                    source: string;
                    "replay-name"?: string;
                    version?: string;
                    account?: string;
                    time?: string;
                    region?: string;
                    resources?: string[];
                    /** @enum {string} */
                    "detail-type": "Webex User Joined";
                    detail: {
                        /** Format: email */
                        email: string;
                        firstName?: string;
                        lastName?: string;
                        displayName?: string;
                        department?: string;
                        title?: string;
                        location: string;
                        phoneNumber?: string;
                        extension?: string;
                        autoAssignNumber?: boolean;
                        license?: string;
                    } & (unknown | unknown | unknown);
                } | {
                    id: string;
                    source: string;
                    "replay-name"?: string;
                    version?: string;
                    account?: string;
                    time?: string;
                    region?: string;
                    resources?: string[];
                    /** @enum {string} */
                    "detail-type": "Webex User Moved";
                    detail: {
                        /** Format: email */
                        email: string;
                        profile?: {
                            firstName?: string;
                            lastName?: string;
                            displayName?: string;
                            department?: string | null;
                            title?: string | null;
                        };
                        location?: string;
                        phoneNumber?: string;
                        extension?: string;
                        fallbackPhoneNumber?: string;
                    };
                } | {
                    id: string;
                    source: string;
                    "replay-name"?: string;
                    version?: string;
                    account?: string;
                    time?: string;
                    region?: string;
                    resources?: string[];
                    /** @enum {string} */
                    "detail-type": "Webex User Left";
                    detail: {
                        /** Format: email */
                        email: string;
                        /**
                         * @description What happens to a leaver once the calling license and numbers are freed: delete the user; deactivate it (sign-in off; Webex deletes users deactivated for 30 days, help.webex.com article v5wksr, so deactivate does not keep the user for good); or removeCalling (the user stays active, without calling).
                         * @enum {string}
                         */
                        policy?: "delete" | "deactivate" | "removeCalling";
                    };
                };
            };
        };
        responses: {
            /** @description DUPLICATE: an execution for this event id was started before; nothing new runs */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleEventsAnswer"];
                };
            };
            /** @description STARTED: the flow's execution, named from the event id */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LifecycleEventsAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListBulkJoiners: {
        parameters: {
            query?: {
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recent runs, newest first, and a cursor when there are more */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListBulkJoinersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    StartBulkJoiners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    users: ({
                        /** Format: email */
                        email: string;
                        firstName?: string;
                        lastName?: string;
                        displayName?: string;
                        department?: string;
                        title?: string;
                        location: string;
                        phoneNumber?: string;
                        extension?: string;
                        autoAssignNumber?: boolean;
                        license?: string;
                    } & (unknown | unknown | unknown))[];
                    idempotencyKey?: string;
                };
            };
        };
        responses: {
            /** @description DUPLICATE: these users (or idempotency key) ran before */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartBulkJoinersAnswer"];
                };
            };
            /** @description STARTED: follow statusUrl */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartBulkJoinersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListNumbers: {
        parameters: {
            query?: {
                available?: boolean | ("true" | "false");
                location?: string;
                ownerType?: "PEOPLE" | "PLACE" | "AUTO_ATTENDANT" | "CALL_QUEUE" | "PAGING_GROUP" | "HUNT_GROUP" | "VOICE_MESSAGING" | "BROADWORKS_ANYWHERE" | "CONTACT_CENTER_LINK" | "ROUTE_LIST" | "VOICEMAIL_GROUP" | "VIRTUAL_LINE";
                limit?: number;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The numbers; `nextCursor` when more match */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListNumbersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ListWebexOperations: {
        parameters: {
            query?: {
                search?: string;
                prefix?: string;
                method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the operations the guarded request accepts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ListWebexOperationsAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    ScimListGroups: {
        parameters: {
            query?: {
                filter?: string;
                startIndex?: number;
                count?: number;
                attributes?: string;
                excludedAttributes?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A ListResponse: the matches */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimListGroupsAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimCreateGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    displayName: string;
                    externalId?: string;
                    members?: ({
                        value: string;
                        display?: string;
                        $ref?: string;
                        type?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
                "application/json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    displayName: string;
                    externalId?: string;
                    members?: ({
                        value: string;
                        display?: string;
                        $ref?: string;
                        type?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateGroupAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description scimType uniqueness: another group has this displayName or externalId */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` or `application/scim+json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimListUsers: {
        parameters: {
            query?: {
                filter?: string;
                startIndex?: number;
                count?: number;
                attributes?: string;
                excludedAttributes?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A ListResponse: the matches (none is a 200 with totalResults 0) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimListUsersAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimCreateUser: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    /**
                     * Format: email
                     * @description The Webex e-mail address (the unique identifier Entra ID and Okta match on)
                     */
                    userName: string;
                    externalId?: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                        middleName?: string;
                        honorificPrefix?: string;
                        honorificSuffix?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    displayName?: string;
                    nickName?: string;
                    title?: string;
                    userType?: string;
                    preferredLanguage?: string;
                    locale?: string;
                    timezone?: string;
                    profileUrl?: string;
                    active?: boolean;
                    password?: string;
                    emails?: ({
                        /** Format: email */
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    phoneNumbers?: ({
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    addresses?: {
                        [key: string]: unknown;
                    }[];
                    roles?: {
                        [key: string]: unknown;
                    }[];
                    groups?: {
                        [key: string]: unknown;
                    }[];
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        department?: string;
                        employeeNumber?: string;
                        costCenter?: string;
                        organization?: string;
                        division?: string;
                        manager?: unknown;
                    } & {
                        [key: string]: unknown;
                    };
                    "urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User"?: {
                        callingLocation?: string;
                        phoneNumber?: string;
                        extension?: string;
                        callingLicense?: string;
                        callingStatus?: unknown;
                        lastError?: unknown;
                    };
                };
                "application/json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    /**
                     * Format: email
                     * @description The Webex e-mail address (the unique identifier Entra ID and Okta match on)
                     */
                    userName: string;
                    externalId?: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                        middleName?: string;
                        honorificPrefix?: string;
                        honorificSuffix?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    displayName?: string;
                    nickName?: string;
                    title?: string;
                    userType?: string;
                    preferredLanguage?: string;
                    locale?: string;
                    timezone?: string;
                    profileUrl?: string;
                    active?: boolean;
                    password?: string;
                    emails?: ({
                        /** Format: email */
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    phoneNumbers?: ({
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    addresses?: {
                        [key: string]: unknown;
                    }[];
                    roles?: {
                        [key: string]: unknown;
                    }[];
                    groups?: {
                        [key: string]: unknown;
                    }[];
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        department?: string;
                        employeeNumber?: string;
                        costCenter?: string;
                        organization?: string;
                        division?: string;
                        manager?: unknown;
                    } & {
                        [key: string]: unknown;
                    };
                    "urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User"?: {
                        callingLocation?: string;
                        phoneNumber?: string;
                        extension?: string;
                        callingLicense?: string;
                        callingStatus?: unknown;
                        lastError?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Created (or the user an identical earlier POST created), callingStatus pending */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description scimType uniqueness: another user has this userName or externalId */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` or `application/scim+json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimGetGroup: {
        parameters: {
            query?: {
                attributes?: string;
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Group */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateGroupAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimReplaceGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    displayName: string;
                    externalId?: string;
                    members?: ({
                        value: string;
                        display?: string;
                        $ref?: string;
                        type?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
                "application/json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    displayName: string;
                    externalId?: string;
                    members?: ({
                        value: string;
                        display?: string;
                        $ref?: string;
                        type?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateGroupAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description scimType uniqueness: another group has this displayName or externalId */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` or `application/scim+json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimDeleteGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimPatchGroup: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    schemas?: string[];
                    Operations: ({
                        op: string;
                        path?: string;
                        value?: unknown;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
                "application/json": {
                    schemas?: string[];
                    Operations: ({
                        op: string;
                        path?: string;
                        value?: unknown;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateGroupAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description scimType uniqueness: another group has this displayName */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` or `application/scim+json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimGetUser: {
        parameters: {
            query?: {
                attributes?: string;
                excludedAttributes?: string;
            };
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The User */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimReplaceUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    /**
                     * Format: email
                     * @description The Webex e-mail address (the unique identifier Entra ID and Okta match on)
                     */
                    userName: string;
                    externalId?: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                        middleName?: string;
                        honorificPrefix?: string;
                        honorificSuffix?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    displayName?: string;
                    nickName?: string;
                    title?: string;
                    userType?: string;
                    preferredLanguage?: string;
                    locale?: string;
                    timezone?: string;
                    profileUrl?: string;
                    active?: boolean;
                    password?: string;
                    emails?: ({
                        /** Format: email */
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    phoneNumbers?: ({
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    addresses?: {
                        [key: string]: unknown;
                    }[];
                    roles?: {
                        [key: string]: unknown;
                    }[];
                    groups?: {
                        [key: string]: unknown;
                    }[];
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        department?: string;
                        employeeNumber?: string;
                        costCenter?: string;
                        organization?: string;
                        division?: string;
                        manager?: unknown;
                    } & {
                        [key: string]: unknown;
                    };
                    "urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User"?: {
                        callingLocation?: string;
                        phoneNumber?: string;
                        extension?: string;
                        callingLicense?: string;
                        callingStatus?: unknown;
                        lastError?: unknown;
                    };
                };
                "application/json": {
                    schemas?: string[];
                    id?: string;
                    meta?: unknown;
                    /**
                     * Format: email
                     * @description The Webex e-mail address (the unique identifier Entra ID and Okta match on)
                     */
                    userName: string;
                    externalId?: string;
                    name?: {
                        givenName?: string;
                        familyName?: string;
                        formatted?: string;
                        middleName?: string;
                        honorificPrefix?: string;
                        honorificSuffix?: string;
                    } & {
                        [key: string]: unknown;
                    };
                    displayName?: string;
                    nickName?: string;
                    title?: string;
                    userType?: string;
                    preferredLanguage?: string;
                    locale?: string;
                    timezone?: string;
                    profileUrl?: string;
                    active?: boolean;
                    password?: string;
                    emails?: ({
                        /** Format: email */
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    phoneNumbers?: ({
                        value: string;
                        type?: string;
                        primary?: boolean;
                        display?: string;
                    } & {
                        [key: string]: unknown;
                    })[];
                    addresses?: {
                        [key: string]: unknown;
                    }[];
                    roles?: {
                        [key: string]: unknown;
                    }[];
                    groups?: {
                        [key: string]: unknown;
                    }[];
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"?: {
                        department?: string;
                        employeeNumber?: string;
                        costCenter?: string;
                        organization?: string;
                        division?: string;
                        manager?: unknown;
                    } & {
                        [key: string]: unknown;
                    };
                    "urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User"?: {
                        callingLocation?: string;
                        phoneNumber?: string;
                        extension?: string;
                        callingLicense?: string;
                        callingStatus?: unknown;
                        lastError?: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description Replaced, callingStatus pending until Webex has it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description scimType uniqueness: another user has this userName or externalId */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` or `application/scim+json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimDeleteUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimPatchUser: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                resourceId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/scim+json": {
                    schemas?: string[];
                    Operations: ({
                        op: string;
                        path?: string;
                        value?: unknown;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
                "application/json": {
                    schemas?: string[];
                    Operations: ({
                        op: string;
                        path?: string;
                        value?: unknown;
                    } & {
                        [key: string]: unknown;
                    })[];
                };
            };
        };
        responses: {
            /** @description Changed, callingStatus pending until Webex has it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimCreateUserAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No such resource (or it was deleted) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description scimType uniqueness: another user has this userName or externalId */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` or `application/scim+json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimResourceTypes: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the endpoint supports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimResourceTypesAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimSchemas: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the endpoint supports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimResourceTypesAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    ScimServiceProviderConfig: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description What the endpoint supports */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimResourceTypesAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (the SCIM token, or OAuth) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/scim+json": components["schemas"]["ScimError"] | components["schemas"]["Error"];
                };
            };
        };
    };
    StartBulkJoinersCsv: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    key: string;
                    idempotencyKey?: string;
                };
            };
        };
        responses: {
            /** @description DUPLICATE: this upload (or idempotency key) ran before */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartBulkJoinersCsvAnswer"];
                };
            };
            /** @description STARTED: follow statusUrl */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartBulkJoinersCsvAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such file in the imports bucket */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions is throttling status reads: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Step Functions could not start or read the workflow: retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The function reached its time limit before answering (`InvocationTimeoutError`): part of the request may have been applied, so read before sending it again */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    UnassignNumber: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user: string;
                phoneNumber: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Returned to the location's pool: the user's numbers after */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssignNumberAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    WebexRequest: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
                    path: string;
                    query?: {
                        [key: string]: string | number | boolean;
                    };
                    body?: {
                        [key: string]: unknown;
                    } | unknown[];
                    all?: boolean;
                    cursor?: string;
                    dryRun?: boolean;
                };
            };
        };
        responses: {
            /** @description Webex's answer (`status`, `trackingId`, `data`), every page of a listing (`all`), or the checked request (`dryRun`) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebexRequestAnswer"];
                };
            };
            /** @description Invalid input: `error.fields` names each bad field. Nothing was sent to Webex. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No token, or a bad or expired one (OAuth); a missing or bad signature (SigV4) */
            401: {
                headers: {
                    /** @description Bearer error="invalid_token" */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description `InsufficientScope`: the token lacks the operation's scope (named in the message); or IAM denies the caller; locally, the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Not found in Webex (the user, the location, …) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex reports a conflict */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The body is larger than 64 KB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: a body that is not sent as `Content-Type: application/json` */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex refused the request (its message is passed on) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex is rate-limiting longer than one request may wait: retry after `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds to wait before repeating the request */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description The deployment is misconfigured (e.g. no Service App secret stored yet), or an internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex failed after retries, refused the Service App's credentials, or answered in a shape we cannot read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Webex did not answer in time after retries, or the function reached its time limit (`InvocationTimeoutError`: part of the request may have been applied, so read before sending it again) */
            504: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    GetOpenApiDocument: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        openapi: string;
                        info: Record<string, never>;
                        paths: Record<string, never>;
                    };
                };
            };
            /** @description Local runtime: the request carries an `Origin` header (a web page) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Local runtime: the request names another `Host` than the address and port listened on */
            421: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}

/**
 * The suite's HTTP contract: one row per workflow Lambda. API Gateway (infra/) and the local runtime
 * (functions/local/) are both built from this table, so a route can never exist in one and not the other.
 */
export interface RouteDefinition {
  /** Stable id: names the Lambda construct and the local handler. */
  readonly id: string;
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway resource path; `{name}` segments are path parameters. */
  readonly path: string;
  /** Handler module, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly summary: string;
  /** Reads the bulk imports bucket: CDK grants s3:GetObject and s3:ListBucket (a missing key is then a 404, not a 403) and sets BULK_IMPORTS_BUCKET. */
  readonly importsBucket?: 'read';
  /**
   * false: the function never calls Webex nor reads its secret (it starts or reads executions): CDK gives it
   * neither the secret, nor the Webex settings, nor the secrets extension's layer. @default true
   */
  readonly webex?: false;
}

export const routes = [
  { id: 'CreateUser', method: 'POST', path: '/users', entry: 'functions/create-user/handler.ts', summary: 'Create Webex User' },
  { id: 'GetUser', method: 'GET', path: '/users/{user}', entry: 'functions/get-user/handler.ts', summary: 'Get Webex User (with calling details)' },
  { id: 'UpdateUser', method: 'PATCH', path: '/users/{user}', entry: 'functions/update-user/handler.ts', summary: 'Update Webex User' },
  { id: 'DeleteUser', method: 'DELETE', path: '/users/{user}', entry: 'functions/delete-user/handler.ts', summary: 'Delete Webex User' },
  { id: 'WebexRequest', method: 'POST', path: '/webex/requests', entry: 'functions/webex-request/handler.ts', summary: 'Guarded Webex People / Calling configuration request' },
  { id: 'ListWebexOperations', method: 'GET', path: '/webex/operations', entry: 'functions/list-webex-operations/handler.ts', summary: 'List what the guarded Webex request accepts: method, path, summary, scopes, body (search, prefix, method; paged)', webex: false },
  { id: 'GetConnection', method: 'GET', path: '/connection', entry: 'functions/get-connection/handler.ts', summary: 'Webex connection health (never a token)' },
  { id: 'EnableCalling', method: 'POST', path: '/users/{user}/calling', entry: 'functions/enable-calling/handler.ts', summary: 'Enable Webex Calling for User (runs the EnableCalling state machine synchronously)', webex: false },
  { id: 'GetEnableCalling', method: 'GET', path: '/users/{user}/calling/{executionName}', entry: 'functions/get-enable-calling/handler.ts', summary: 'An Enable Calling run POST answered 202 for (a move): RUNNING, or its steps and outcome', webex: false },
  { id: 'AssignNumber', method: 'POST', path: '/users/{user}/numbers', entry: 'functions/assign-number/handler.ts', summary: 'Assign Phone Number to Webex User (alternate number)' },
  { id: 'UnassignNumber', method: 'DELETE', path: '/users/{user}/numbers/{phoneNumber}', entry: 'functions/unassign-number/handler.ts', summary: 'Unassign Phone Number from Webex User' },
  { id: 'GetUserNumbers', method: 'GET', path: '/users/{user}/numbers', entry: 'functions/get-user-numbers/handler.ts', summary: 'Get Webex User Phone Numbers' },
  { id: 'ListNumbers', method: 'GET', path: '/numbers', entry: 'functions/list-numbers/handler.ts', summary: 'List Webex Phone Numbers' },
  { id: 'LifecycleEvents', method: 'POST', path: '/events', entry: 'functions/lifecycle-events/handler.ts', summary: 'Route a Webex lifecycle event (Joined / Moved / Left) to its state machine, exactly once per event id', webex: false },
  { id: 'AddLocationNumbers', method: 'POST', path: '/locations/{location}/numbers', entry: 'functions/add-location-numbers/handler.ts', summary: 'Add Phone Numbers to Webex Location' },
  { id: 'StartBulkJoiners', method: 'POST', path: '/bulk/joiners', entry: 'functions/start-bulk-joiners/handler.ts', summary: 'Start Bulk Joiners: the Joiner for each of up to 500 users, once per idempotency key', webex: false },
  {
    id: 'StartBulkJoinersCsv',
    method: 'POST',
    path: '/bulk/joiners/csv',
    entry: 'functions/start-bulk-joiners-csv/handler.ts',
    summary: 'Start Bulk Joiners from a CSV file in the imports bucket (up to 10,000 rows), every row checked first',
    importsBucket: 'read',
    webex: false,
  },
  { id: 'GetBulkJoiners', method: 'GET', path: '/bulk/joiners/{executionName}', entry: 'functions/get-bulk-joiners/handler.ts', summary: 'Bulk Joiners status and, once ended, the per-user report', webex: false },
] as const satisfies readonly RouteDefinition[];

export type RouteId = (typeof routes)[number]['id'];

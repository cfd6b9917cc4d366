import type { ActivityRecord } from '../functions/lib/activity/records';
import type { ActivityStore } from '../functions/lib/activity/store';
import { createGroup } from '../functions/lib/scim/groups';
import type { ScimStore } from '../functions/lib/scim/store';
import { createUser as createScimUser } from '../functions/lib/scim/users';
import { prepareCsvBatch, type CsvItem } from '../functions/lib/bulk/csv-joiners';
import { bulkReportKeys } from '../functions/lib/bulk-run-names';
import { BULK_SOURCE, buildBulkReport, type BulkUserResult } from '../functions/lib/bulk/joiners';
import { applyExecutionName } from '../functions/lib/reconcile/apply-execution';
import { applyMachineInput } from '../functions/lib/reconcile/apply-plan';
import { planKeys, planSummary, savePlan } from '../functions/lib/reconcile/plan-store';
import { ReconcilePlan } from '../functions/lib/reconcile/schemas';
import type { EnableCallingResult } from '../functions/lib/schemas/calling';
import { LIFECYCLE_DETAIL_TYPES } from '../functions/lib/schemas/lifecycle-events';
import { stateMachine } from '../functions/lib/state-machines/definitions';
import { IMPORTS_BUCKET_ENV } from '../functions/lib/storage/imports-bucket';
import type { ObjectStore } from '../functions/lib/storage/object-store';
import { webexId } from '../functions/simulator/ids';
import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../functions/simulator/seed';
import type { FakeSecretsExtension } from '../test/support/fake-secrets-extension';
import type { FakeS3 } from './fake-s3';
import type { FakeStepFunctions } from './fake-step-functions';
import { checkStepPayload, functionInvocation, isStepFunction, routeInvocation, stepInvocation, type RowInvocation } from './row-invocations';

export interface Fakes {
  sfn: FakeStepFunctions;
  s3: FakeS3;
  /** The Parameters and Secrets extension the functions read secrets through (the Webex secret is already in it). */
  secrets: Pick<FakeSecretsExtension, 'put'>;
  /**
   * The activity table (the tests' dynalite, functions/local/local-activity-table.ts), a new empty one per sample,
   * for the functions the stack gives ACTIVITY_TABLE_NAME: its activity records and its SCIM resources.
   */
  activity: ActivityStore;
  scim: ScimStore;
}

export interface FirstInvocation extends RowInvocation {
  /** What the invocation reads from the fakes, awaited before the process starts; they are emptied before every sample, and so is the simulator. */
  arrange?: (fakes: Fakes) => unknown;
}

const { people, locations } = DEMO_IDS;
const HEADQUARTERS = 'Headquarters';
// Free in the seed: the headquarters' pool runs from +14085550100 to +14085550119; 0150 and up are not in the org.
const FREE_HEADQUARTERS_NUMBER = '+14085550110';
const NEW_HEADQUARTERS_NUMBERS = ['+14085550150', '+14085550151'];

const JOINERS = [1, 2, 3].map((n) => ({ email: `cold.joiner${n}@example.com`, displayName: `Cold Joiner ${n}`, location: HEADQUARTERS }));
const joinerResults = (): BulkUserResult[] =>
  JOINERS.map((u, index) => ({ index, email: u.email, status: 'SUCCEEDED', userId: webexId('PEOPLE', `c01d0000-0000-4000-8000-00000000000${index}`) }));

const BULK_NAME = 'bulk-k-cold-start';
const CSV_NAME = 'bulk-csv-k-cold-start';
const CSV_KEY = 'joiners/cold-start.csv';
const CSV_RESULTS = `bulk-results/${CSV_NAME}/run`;
const CSV_MANIFEST_KEY = `${CSV_RESULTS}/manifest.json`;
const joinersCsv = () => `email,displayName,location\r\n${JOINERS.map((u) => `${u.email},${u.displayName},${u.location}`).join('\r\n')}\r\n`;

const joined = { id: '6a7e1c2d-0c01-4d5a-9b2e-c01d57a27000', source: 'hr.bench', 'detail-type': LIFECYCLE_DETAIL_TYPES.joined, detail: JOINERS[0] };
const lifecycleState = (detailType: string, detail: object) => ({ origin: { eventId: 'cold-start', source: 'hr.bench', detailType }, detail });

/**
 * What the Enable Calling machine answers a synchronous start: the fake Step Functions does not run it,
 * so this is its output for a user it enabled (the Task function's own cold start is EnableCallingSteps').
 */
export function enableCallingOutput(_stateMachineArn: string, executionName: string, input: unknown): EnableCallingResult {
  // Started by the API, the input is { request, deadline }; nested, the request itself.
  const request = ((input as { request?: unknown }).request ?? input) as { user: string; location: string };
  const steps = ['resolveUser', 'resolveLocation', 'checkCurrentCalling', 'resolveLicense', 'chooseNumber', 'assignLicense', 'verifyCalling'];
  return {
    status: 'SUCCEEDED',
    executionName,
    changed: true,
    user: { id: request.user, calling: { enabled: true, location: { id: request.location, name: HEADQUARTERS }, primaryNumber: FREE_HEADQUARTERS_NUMBER, extension: '1002' } },
    steps: steps.map((name) => ({ name, status: name === 'assignLicense' ? 'applied' : 'completed' })),
  };
}

// A roster of one joiner in a domain of its own: the plan reads the org and plans one join, removing no one.
const RECONCILE_JOINER = { email: 'cold.reconcile@cold.example.com', displayName: 'Cold Reconcile', location: HEADQUARTERS };
const RECONCILE_REQUEST = { users: [RECONCILE_JOINER], scope: { emailDomains: ['cold.example.com'] } };
const PLAN_ID = 'c01d5eed-0000-4000-8000-00000000a001';
const JOIN_ACTION = {
  kind: 'join', email: RECONCILE_JOINER.email, before: {}, after: { displayName: RECONCILE_JOINER.displayName, locationId: locations.headquarters },
  reason: 'in the roster, not in Webex', seen: null, roster: RECONCILE_JOINER,
} as const;

// One creation time for the whole run: the stored plan's digest covers it, and the apply's input names that digest.
const PLAN_CREATED_AT = new Date().toISOString();

/** A plan of that one join, as the planner makes it. */
function reconcilePlan(id: string): ReconcilePlan {
  return ReconcilePlan.parse({
    id, createdAt: PLAN_CREATED_AT, scope: RECONCILE_REQUEST.scope,
    policy: { leaverPolicy: 'deactivate', allowMoves: false, thresholds: { maxLeaverPercent: 10, maxLeavers: 50 } },
    inScope: 0, unchanged: 0, rosterOutOfScope: 0, counts: { join: 1, enableCalling: 0, move: 0, updateProfile: 0, leave: 0 },
    needsConfirmation: false, actions: [JOIN_ACTION], skipped: [],
  });
}

/** The plan stored as POST /reconcile/plans leaves it (savePlan: its digest, canonical bytes, CSV and HTML); answers it as stored. */
async function storePlan(s3: FakeS3, bucket: string): Promise<ReconcilePlan> {
  const store: Pick<ObjectStore, 'putText'> = { putText: async (b, key, text, contentType) => s3.put(b, key, text, contentType) };
  return (await savePlan(store as ObjectStore, bucket, reconcilePlan(PLAN_ID))).plan;
}

const HTML_REPORT = '<!doctype html><title>Cold start</title><p>report</p>';

/** What an Enable Calling run records for the user it enabled (the history route's first page). */
function enabledRecord(): ActivityRecord {
  const at = new Date().toISOString();
  return {
    kind: 'enableCalling', email: DEMO_EMAILS.bob, userId: people.bob, startedAt: at, at, outcome: 'succeeded',
    executionName: 'enable-calling-cold-start', trigger: { type: 'api', requestId: 'cold-start' },
    changes: [{ field: 'calling.primaryNumber', after: FREE_HEADQUARTERS_NUMBER }], trackingIds: ['WEBEXPROV_cold-start_c01d5eed'],
  };
}

/**
 * The ReconcilePlan machine's output when it ends before POST's first DescribeExecution (a one-row roster):
 * the fake does not run it (the planner's own cold start is ReconcilePlanSteps'). Other executions stay RUNNING.
 */
export function finishedPlan(name: string, input: unknown): unknown {
  if (!name.startsWith('plan-')) return undefined;
  const { planId } = input as { planId: string };
  return { planId, plan: planSummary(reconcilePlan(planId), 'bench-imports') };
}

/** The Distributed Map's results for the CSV joiners, in one batch that succeeded, as ResultWriter leaves them. */
function arrangeCsvResults(s3: FakeS3, bucket: string): void {
  const items: CsvItem[] = JOINERS.map((row, index) => ({ index, row }));
  const run = { bulkName: CSV_NAME, startedAt: new Date().toISOString(), intervalMs: 2_000, maxConcurrency: 16, origin: { source: BULK_SOURCE, detailType: LIFECYCLE_DETAIL_TYPES.joined } };
  const batch = prepareCsvBatch(items, run);
  const child = {
    ExecutionArn: 'arn:aws:states:us-east-1:123456789012:execution:BulkJoinersCsv/JoinRows:run-0', Name: 'run-0', Status: 'SUCCEEDED',
    Input: JSON.stringify({ Items: items, BatchInput: { run } }), InputDetails: { Included: true },
    Output: JSON.stringify({ ...batch, run: { report: buildBulkReport(batch.name, joinerResults()) } }), OutputDetails: { Included: true },
  };
  const succeeded = `${CSV_RESULTS}/SUCCEEDED_0.json`;
  s3.put(bucket, succeeded, JSON.stringify([child]), 'application/json');
  const manifest = { DestinationBucket: bucket, ResultFiles: { SUCCEEDED: [{ Key: succeeded }], FAILED: [], PENDING: [] } };
  s3.put(bucket, CSV_MANIFEST_KEY, JSON.stringify(manifest), 'application/json');
}

const SCIM_USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
const SCIM_ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SCIM_PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const SCIM_USER_ID = 'c01d5c13-0000-4000-8000-000000000001';
const SCIM_GROUP_ID = 'c01d5c13-0000-4000-8000-000000000002';
const SCIM_USER_NAME = 'cold.scim@example.com';

/** Entra ID's create of a user, as Microsoft Learn's "Develop and plan provisioning for a SCIM endpoint" shows it. */
const entraUser = (userName: string, displayName = 'Cold Scim') => ({
  schemas: [SCIM_USER_SCHEMA, SCIM_ENTERPRISE],
  externalId: `oid-${userName}`,
  userName,
  active: true,
  displayName,
  emails: [{ primary: true, type: 'work', value: userName }],
  meta: { resourceType: 'User' },
  name: { formatted: displayName, familyName: 'Scim', givenName: 'Cold' },
  [SCIM_ENTERPRISE]: { department: 'Sales' },
});

/**
 * A SCIM user (and, with `group`, a group) stored as a POST leaves them, through the SCIM workflows themselves
 * with fixed ids; the apply the table's stream would start for their writes is not run (no stream here).
 */
async function storeScim(scim: ScimStore, group?: { members: boolean }): Promise<void> {
  const ids = [SCIM_USER_ID, SCIM_GROUP_ID];
  const ctx = { store: scim, now: () => new Date().toISOString(), newId: () => ids.shift()!, client: 'bench' };
  await createScimUser(ctx, entraUser(SCIM_USER_NAME));
  if (group) await createGroup(ctx, { displayName: 'Cold Callers', ...(group.members ? { members: [{ value: SCIM_USER_ID }] } : {}) });
}

/**
 * The input of each route function's first invocation against the simulator's demo org, one that does the function's
 * real work (the secret, Webex, Step Functions, S3) and succeeds, and the conditions it meets in its row's Webex
 * requests (`userByEmail`, …): the request itself, and the Webex requests expected of it, follow from the route row
 * (row-invocations.ts). `arrange`: what it reads from the fakes.
 */
function routeFirst(id: string, bucket: string, env: NodeJS.ProcessEnv): { input: Record<string, unknown>; conditions?: string[]; arrange?: FirstInvocation['arrange'] } | undefined {
  switch (id) {
    case 'CreateUser': return { input: { email: 'cold.start@example.com', displayName: 'Cold Start' } };
    case 'GetUser': return { input: { user: people.alice } };
    case 'UpdateUser': return { input: { user: people.alice, title: 'Cold' } };
    case 'DeleteUser': return { input: { user: people.bob } };
    case 'WebexRequest': return { input: { method: 'GET', path: '/licenses' } };
    case 'GetConnection': return { input: {} };
    case 'ListWebexOperations': return { input: { search: 'call queue', method: 'GET' } };
    case 'EnableCalling': return { input: { user: people.bob, location: locations.headquarters, autoAssignNumber: true } };
    case 'AssignNumber': return { input: { user: people.alice, phoneNumber: FREE_HEADQUARTERS_NUMBER } };
    case 'UnassignNumber': return { input: { user: people.carol, phoneNumber: DEMO_NUMBERS.carolAlternate } };
    case 'GetUserNumbers': return { input: { user: people.carol } };
    case 'ListNumbers': return { input: { available: 'true' } };
    case 'AddLocationNumbers': return { input: { location: locations.headquarters, phoneNumbers: NEW_HEADQUARTERS_NUMBERS } };
    case 'LifecycleEvents': return { input: joined };
    case 'StartBulkJoiners': return { input: { users: JOINERS, idempotencyKey: 'cold-start' } };
    case 'StartBulkJoinersCsv': return { input: { key: CSV_KEY }, arrange: ({ s3 }) => s3.put(bucket, CSV_KEY, joinersCsv(), 'text/csv') };
    // A JSON run still running, as a service desk polls it: its progress from its activity item, and the pacing budget's pace.
    case 'GetBulkJoiners':
      return {
        input: { executionName: BULK_NAME },
        arrange: async ({ sfn, activity }) => {
          sfn.seed({ stateMachineArn: String(env[stateMachine('BulkJoiners').arnEnv]), name: BULK_NAME, input: { users: JOINERS } });
          await activity.startBulkRun({ executionName: BULK_NAME, source: 'json', status: 'RUNNING', startedAt: new Date(Date.now() - 60_000).toISOString(), total: JOINERS.length, trigger: { type: 'api' } });
        },
      };
    // HeadObject, then a presigned URL: the report a CSV run wrote when it ended.
    case 'GetBulkJoinersReport':
      return { input: { executionName: CSV_NAME }, arrange: ({ s3 }) => s3.put(bucket, bulkReportKeys(CSV_NAME).html, HTML_REPORT, 'text/html') };
    // The plan read, the apply's report looked for (not run: 404), then the plan's.
    case 'GetReconcilePlanReport':
      return {
        input: { id: PLAN_ID },
        arrange: async ({ s3 }) => {
          await storePlan(s3, bucket);
          s3.put(bucket, planKeys(PLAN_ID).html, HTML_REPORT, 'text/html');
        },
      };
    // One Query page of the activity table each, over what a run recorded.
    case 'GetUserHistory': return { input: { user: people.bob }, arrange: ({ activity }) => activity.record([enabledRecord()]) };
    case 'ListBulkJoiners':
      return {
        input: {},
        arrange: ({ activity }) =>
          activity.startBulkRun({ executionName: BULK_NAME, source: 'json', status: 'RUNNING', startedAt: new Date().toISOString(), total: JOINERS.length, trigger: { type: 'api' } }),
      };
    case 'ListReconcilePlans':
      return { input: {}, arrange: ({ activity }) => activity.putPlan({ planId: PLAN_ID, status: 'PLANNED', createdAt: new Date().toISOString(), counts: { join: 1 } }) };
    case 'GetEnableCalling': {
      const name = 'enable-calling-cold-start';
      const request = { user: people.carol, location: locations.headquarters, autoAssignNumber: true, move: true };
      return {
        input: { user: people.carol, executionName: name },
        arrange: ({ sfn }) =>
          sfn.seed({ stateMachineArn: String(env[stateMachine('EnableCallingStandard').arnEnv]), name, input: request, output: enableCallingOutput('', name, request) }),
      };
    }
    case 'CreateReconcilePlan': return { input: RECONCILE_REQUEST };
    case 'GetReconcilePlan': return { input: { id: PLAN_ID }, arrange: ({ s3 }) => storePlan(s3, bucket) };
    case 'ApplyReconcilePlan': return { input: { id: PLAN_ID }, arrange: ({ s3 }) => storePlan(s3, bucket) };
    // SCIM: each write stores the resource in the activity table (the table's stream starts its apply: ScimWriteStream).
    case 'ScimCreateUser': return { input: entraUser(SCIM_USER_NAME) };
    case 'ScimGetUser': return { input: { resourceId: SCIM_USER_ID }, arrange: ({ scim }) => storeScim(scim) };
    // Entra ID's look-up before it creates a user.
    case 'ScimListUsers': return { input: { filter: `userName eq "${SCIM_USER_NAME}"` }, arrange: ({ scim }) => storeScim(scim) };
    case 'ScimReplaceUser': return { input: { resourceId: SCIM_USER_ID, ...entraUser(SCIM_USER_NAME, 'Cold Replaced') }, arrange: ({ scim }) => storeScim(scim) };
    case 'ScimPatchUser':
      return {
        input: { resourceId: SCIM_USER_ID, schemas: [SCIM_PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: 'Cold Patched' }] },
        arrange: ({ scim }) => storeScim(scim),
      };
    case 'ScimDeleteUser': return { input: { resourceId: SCIM_USER_ID }, arrange: ({ scim }) => storeScim(scim) };
    case 'ScimCreateGroup': return { input: { displayName: 'Cold Callers', members: [{ value: SCIM_USER_ID }] }, arrange: ({ scim }) => storeScim(scim) };
    case 'ScimGetGroup': return { input: { resourceId: SCIM_GROUP_ID }, arrange: ({ scim }) => storeScim(scim, { members: true }) };
    case 'ScimListGroups': return { input: { filter: 'displayName eq "Cold Callers"' }, arrange: ({ scim }) => storeScim(scim, { members: true }) };
    case 'ScimReplaceGroup':
      return { input: { resourceId: SCIM_GROUP_ID, displayName: 'Cold Callers', members: [{ value: SCIM_USER_ID }] }, arrange: ({ scim }) => storeScim(scim, { members: false }) };
    // Entra ID's membership change: the added member's apply starts.
    case 'ScimPatchGroup':
      return {
        input: { resourceId: SCIM_GROUP_ID, schemas: [SCIM_PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ value: SCIM_USER_ID }] }] },
        arrange: ({ scim }) => storeScim(scim, { members: false }),
      };
    case 'ScimDeleteGroup': return { input: { resourceId: SCIM_GROUP_ID }, arrange: ({ scim }) => storeScim(scim, { members: true }) };
    case 'ScimServiceProviderConfig':
    case 'ScimResourceTypes':
    case 'ScimSchemas':
      return { input: {} };
    default:
      return undefined;
  }
}

/**
 * The payload of each Task function's first invocation: the step its state machine's first Task state runs, with
 * its fields and the conditions it meets in the row's Webex requests; the payload is checked against the row, and
 * the Webex requests expected of it follow from the row (row-invocations.ts).
 */
function stepFirst(id: string, bucket: string): FirstInvocation {
  switch (id) {
    case 'EnableCallingSteps':
    case 'EnableCallingStandardSteps':
      return stepInvocation(id, 'resolveUser', { state: { request: { user: people.bob, location: locations.headquarters, autoAssignNumber: true }, throttle: { count: 0 } } });
    case 'JoinerSteps': return stepInvocation(id, 'joinerCreateUser', { state: lifecycleState(LIFECYCLE_DETAIL_TYPES.joined, { ...JOINERS[0], autoAssignNumber: true }) });
    case 'MoverSteps': return stepInvocation(id, 'moverPrepare', { state: lifecycleState(LIFECYCLE_DETAIL_TYPES.moved, { email: DEMO_EMAILS.carol, location: HEADQUARTERS }) });
    case 'LeaverSteps':
      return stepInvocation(id, 'leaverFindUser', { state: lifecycleState(LIFECYCLE_DETAIL_TYPES.left, { email: DEMO_EMAILS.carol, policy: 'deactivate', policySource: 'event' }) });
    // The Map's first Task state, once per joiner: a joiner's requests from the deployment's pacing budget (the PACE# item).
    case 'BulkJoinersSteps': return stepInvocation(id, 'paceJoiner', {});
    // buildReport rather than prepareBatch: it is the step that reaches S3 (two reads, two writes).
    case 'BulkJoinersCsvSteps':
      return {
        ...stepInvocation(id, 'buildReport', { executionName: CSV_NAME, bucket, manifest: { Bucket: bucket, Key: CSV_MANIFEST_KEY } }),
        arrange: ({ s3 }) => arrangeCsvResults(s3, bucket),
      };
    // Reads the org from the simulator and writes the plan: the planner's real work.
    case 'ReconcilePlanSteps': return stepInvocation(id, 'createPlan', { planId: PLAN_ID, request: RECONCILE_REQUEST });
    // As the ASL's Prepare sends it: the machine's input, what POST …/apply starts it with (the stored plan's id and
    // digest, applyMachineInput), as `run`.
    case 'ReconcileApplySteps': {
      const first = stepInvocation(id, 'prepare', { planId: PLAN_ID, executionName: applyExecutionName(PLAN_ID), run: {} }, [], false);
      const event = first.event as { run: unknown };
      return {
        ...first,
        arrange: async ({ s3 }) => {
          event.run = applyMachineInput(await storePlan(s3, bucket));
          checkStepPayload(id, event);
        },
      };
    }
    case 'ReconcileApplyCheck': return stepInvocation(id, 'checkAction', { action: JOIN_ACTION }, ['joiner']);
    // The machine's first Task state: the lease taken, the stored user read, its next action (a joiner) answered.
    case 'ScimApplySteps':
      return { ...stepInvocation(id, 'next', { resourceType: 'User', resourceId: SCIM_USER_ID, owner: `scim-${SCIM_USER_ID}-1` }), arrange: ({ scim }) => storeScim(scim) };
    default:
      throw new Error(`no first invocation for ${id}: add one to bench/first-invocations.ts`);
  }
}

/**
 * A valid first invocation of each function against the simulator's demo org, one that does the
 * function's real work (the secret, Webex, Step Functions, S3) and succeeds: every sample starts from
 * the same org and empty fakes, so each repeats it. `env` is the function's environment as the stack sets it.
 * Route and Task functions: from their rows with the input chosen here (routeFirst, stepFirst); every other function
 * from its function row's sample (functionInvocation).
 */
export function firstInvocation(id: string, env: NodeJS.ProcessEnv): FirstInvocation {
  const bucket = env[IMPORTS_BUCKET_ENV] ?? 'bench-imports';
  const route = routeFirst(id, bucket, env);
  if (route) return { ...routeInvocation(id, route.input, route.conditions), arrange: route.arrange };
  if (isStepFunction(id)) return stepFirst(id, bucket);
  const fn = functionInvocation(id);
  if (!fn) throw new Error(`no first invocation for ${id}: it has no route, step or function row (functions/<folder>/function-row.ts)`);
  const { secrets, ...first } = fn;
  if (!secrets) return first;
  return { ...first, arrange: (fakes) => Object.entries(secrets).forEach(([name, value]) => fakes.secrets.put(String(env[name]), value)) };
}

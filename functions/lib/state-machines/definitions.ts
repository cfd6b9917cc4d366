import { JSON_RUN_REPORT_KEYS } from '../bulk-run-names';

/**
 * The suite's state machines: one row each. CDK builds them with `DefinitionBody.fromFile(definitionFile)`
 * and `definitionSubstitutions` mapping each task function's `substitution` to the ARN of a function
 * built from its `entry`; the local runtime and the tests run the same file, with each substitution
 * mapped to the handler exported by `entry` (functions/local/local-runtime.ts).
 */
export interface TaskFunctionDefinition {
  /** `${Name}` in the ASL file (a Task state's `Resource`). */
  readonly substitution: string;
  /** Stable id: names the Lambda construct. */
  readonly id: string;
  /** Handler module, relative to the repository root; it exports `handler`, invoked with the Task's payload. */
  readonly entry: string;
  readonly summary: string;
  /**
   * Reads (and writes reports to) the bulk imports bucket (`readWrite`), or only writes objects under the given key
   * patterns (`writeOnly`): CDK grants it and sets BULK_IMPORTS_BUCKET.
   */
  readonly importsBucket?: 'readWrite' | { readonly writeOnly: readonly string[] };
  /** false: never calls Webex nor reads its secret: CDK gives it neither (see RouteDefinition.webex). @default true */
  readonly webex?: false;
  /**
   * The function's timeout, for a step that outlasts TASK_FUNCTION_TIMEOUT_SECONDS (reading a whole org);
   * its Task states' TimeoutSeconds follow it (the same rule). Locally the runner enforces it too.
   * @default TASK_FUNCTION_TIMEOUT_SECONDS
   */
  readonly timeoutSeconds?: number;
  /**
   * Paces work to the bulk Webex request budget (as RouteDefinition.bulkBudget): CDK sets
   * BULK_WEBEX_REQUESTS_PER_SECOND on it when the stack configures one.
   */
  readonly bulkBudget?: true;
  /**
   * Records what its runs did in the activity table (history, bulk runs, plans): CDK grants PutItem/UpdateItem
   * on it and sets ACTIVITY_TABLE_NAME and ACTIVITY_RETENTION_DAYS.
   */
  readonly recordsActivity?: true;
  /**
   * Reads and writes the SCIM resources in the activity table (their apply): CDK grants what the SCIM routes get
   * (ActivityTable.grantScim) and sets ACTIVITY_TABLE_NAME, SCIM_CALLING_RULES and SCIM_DEACTIVATE_POLICY.
   */
  readonly scimStore?: true;
  /**
   * Draws on or reports to the deployment's pacing budget (pacing/budget.ts, the activity table's PACE# item): CDK
   * grants GetItem/PutItem on that item only and sets ACTIVITY_TABLE_NAME and the pacing settings
   * (WEBEX_INITIAL_REQUESTS_PER_SECOND, WEBEX_MAX_REQUESTS_PER_SECOND, WEBEX_INTERACTIVE_SHARE) when the stack sets them.
   */
  readonly pacing?: true;
}

/**
 * Every task function's timeout. Each Task state's TimeoutSeconds is at least this (plus a little), so
 * a slow step ends as the function's own timeout (`Sandbox.Timedout`, retried by the idempotent steps)
 * rather than a state timeout that would start a retry while the first invocation still runs
 * (test/infra/state-machines.test.ts checks every ASL file against the stack).
 */
export const TASK_FUNCTION_TIMEOUT_SECONDS = 30;

/**
 * The reconciliation planner's timeout: Lambda's maximum. A 10,000-person org is ~107 Webex reads
 * (100 people with callingData a page), and on real Webex a page of people with calling data can take
 * seconds, more when Webex answers 429; the Task state's TimeoutSeconds is a little over it.
 */
export const RECONCILE_PLAN_TIMEOUT_SECONDS = 900;

/**
 * Enable Calling as a Standard execution (moves): long enough for a move-users job Webex is slow to finish,
 * polled until it ends as wxc_sdk's live test polls (tests/test_telephony_move_users_jobs.py), where the Express
 * machine must stop within its 5 minutes. A job still running after this is reported as MoveJobTimeoutError.
 */
export const ENABLE_CALLING_STANDARD_TIMEOUT_SECONDS = 3_600;

export interface StateMachineDefinition {
  readonly id: string;
  /** ASL file, relative to the repository root: the only definition. */
  readonly definitionFile: string;
  /** EXPRESS: started with StartSyncExecution behind the API, so it answers within the request. */
  readonly type: 'EXPRESS' | 'STANDARD';
  /**
   * This machine's TimeoutSeconds where it shares its definition file with a machine that must stop sooner
   * (machine-timeout.ts). @default the file's TimeoutSeconds
   */
  readonly timeoutSeconds?: number;
  readonly taskFunctions: readonly TaskFunctionDefinition[];
  /** The route (routes.ts id) whose function starts executions: it needs `states:StartSyncExecution` on this machine. */
  readonly startedByRoute?: string;
  /**
   * Started by a consumer of the activity table's stream instead of a route (infra/constructs/scim-write-stream.ts):
   * that function gets `arnEnv` and StartExecution on this machine, nothing else of Step Functions.
   */
  readonly startedByStream?: { readonly id: string; readonly entry: string; readonly summary: string };
  /** Environment variable of that function holding this state machine's ARN. */
  readonly arnEnv: string;
  readonly summary: string;
  /**
   * Machines this one runs as nested executions (`arn:aws:states:::states:startExecution.sync:2`):
   * `${substitution}` is the nested machine's ARN. CDK: substitute it and grant StartExecution on it,
   * DescribeExecution/StopExecution on its executions, and the managed EventBridge rule .sync needs.
   */
  readonly nestedStateMachines?: readonly { readonly substitution: string; readonly stateMachine: string }[];
  /**
   * Machines this one starts and leaves running (`arn:aws:states:::states:startExecution`, no `.sync`): the
   * parent ends while the child runs, so it needs only to start it. CDK: substitute the child's ARN and
   * grant StartExecution on it, nothing else. The child must come earlier in the table.
   */
  readonly startsStateMachines?: readonly { readonly substitution: string; readonly stateMachine: string }[];
  /**
   * Starts a named execution of itself (`states:startExecution` on `$$.StateMachine.Id`, no `.sync`): why, in
   * a sentence. CDK: StartExecution on its own ARN, in a policy of its own (the machine's default policy
   * cannot name the machine, which depends on it).
   */
  readonly startsItself?: string;
  /**
   * `${substitution}` naming the event bus the machine publishes its outcome to (`arn:aws:states:::events:putEvents`).
   * CDK: substitute the bus name and grant events:PutEvents on it.
   */
  readonly eventBusSubstitution?: string;
  /** Other routes that start it too (StartExecution on it, and `arnEnv`), beside `startedByRoute`. */
  readonly alsoStartedByRoutes?: readonly string[];
  /** Routes that read this machine's executions (DescribeExecution): they get `arnEnv` and that right. */
  readonly describedByRoutes?: readonly string[];
  /**
   * Has a Distributed Map reading its items from, and writing its results to, the imports bucket
   * (ItemReader / ResultWriter). CDK: the role may start this machine's own child executions and read and
   * write that bucket. Locally, functions/local/local-distributed-map.ts stands in for it.
   */
  readonly distributedMap?: { readonly bucket: 'imports' };
}

/**
 * The lifecycle machines' steps: one handler (the payload names the step), deployed once per machine
 * (WorkflowStateMachines names each function by its id) so each machine invokes only its own.
 */
const lifecycleSteps = <Id extends string>(id: Id) =>
  ({
    substitution: 'LifecycleStepsFunctionArn',
    id,
    entry: 'functions/lifecycle-steps/handler.ts',
    summary: 'The steps of a lifecycle (joiner / mover / leaver) state machine (one Lambda; the payload names the step)',
    recordsActivity: true,
    pacing: true,
  }) as const;

export const stateMachines = [
  {
    id: 'EnableCalling',
    definitionFile: 'statemachines/enable-calling.asl.json',
    type: 'EXPRESS',
    taskFunctions: [
      {
        substitution: 'EnableCallingStepsFunctionArn',
        id: 'EnableCallingSteps',
        entry: 'functions/enable-calling-steps/handler.ts',
        summary: 'The steps of Enable Webex Calling for User (one Lambda; the payload names the step)',
        pacing: true,
      },
    ],
    startedByRoute: 'EnableCalling',
    arnEnv: 'ENABLE_CALLING_STATE_MACHINE_ARN',
    summary: 'Enable Webex Calling for User',
  },
  {
    // The same definition as a Standard execution: what the API starts for a move, whose move-users job
    // outlasts API Gateway's 29 s. Express executions cannot be described (DescribeExecution), Standard ones
    // can: POST answers 202 with the name once it stops waiting, GET /users/{user}/calling/{executionName} the rest.
    id: 'EnableCallingStandard',
    definitionFile: 'statemachines/enable-calling.asl.json',
    type: 'STANDARD',
    // A move job may outlast the Express machine's 240 s: this run polls it for up to an hour.
    timeoutSeconds: ENABLE_CALLING_STANDARD_TIMEOUT_SECONDS,
    taskFunctions: [
      {
        substitution: 'EnableCallingStepsFunctionArn',
        id: 'EnableCallingStandardSteps',
        entry: 'functions/enable-calling-steps/handler.ts',
        summary: 'The steps of Enable Webex Calling for User, for its Standard executions (moves)',
        pacing: true,
      },
    ],
    startedByRoute: 'EnableCalling',
    arnEnv: 'ENABLE_CALLING_STANDARD_STATE_MACHINE_ARN',
    summary: 'Enable Webex Calling for User as a Standard execution (moves: followed by the API, then by its status route)',
    describedByRoutes: ['EnableCalling', 'GetEnableCalling'],
  },
  {
    id: 'Joiner',
    definitionFile: 'statemachines/joiner.asl.json',
    type: 'STANDARD',
    taskFunctions: [lifecycleSteps('JoinerSteps')],
    startedByRoute: 'LifecycleEvents',
    arnEnv: 'JOINER_STATE_MACHINE_ARN',
    summary: 'Lifecycle: a user joined (create the user, enable Webex Calling, publish the outcome)',
    nestedStateMachines: [{ substitution: 'EnableCallingStateMachineArn', stateMachine: 'EnableCalling' }],
    eventBusSubstitution: 'LifecycleEventBusName',
  },
  {
    id: 'Mover',
    definitionFile: 'statemachines/mover.asl.json',
    type: 'STANDARD',
    taskFunctions: [lifecycleSteps('MoverSteps')],
    startedByRoute: 'LifecycleEvents',
    arnEnv: 'MOVER_STATE_MACHINE_ARN',
    summary: "Lifecycle: a user moved (location through Webex's move-users job via Enable Calling, then the profile; publish the outcome)",
    // Standard: a move job may outlast the Express machine's 240 s.
    nestedStateMachines: [{ substitution: 'EnableCallingStandardStateMachineArn', stateMachine: 'EnableCallingStandard' }],
    eventBusSubstitution: 'LifecycleEventBusName',
  },
  {
    id: 'Leaver',
    definitionFile: 'statemachines/leaver.asl.json',
    type: 'STANDARD',
    taskFunctions: [lifecycleSteps('LeaverSteps')],
    startedByRoute: 'LifecycleEvents',
    arnEnv: 'LEAVER_STATE_MACHINE_ARN',
    summary: 'Lifecycle: a user left (free numbers and calling license, delete or deactivate, publish the outcome)',
    eventBusSubstitution: 'LifecycleEventBusName',
  },
  {
    id: 'BulkJoiners',
    definitionFile: 'statemachines/bulk-joiners.asl.json',
    type: 'STANDARD',
    taskFunctions: [
      {
        substitution: 'BulkJoinersStepsFunctionArn',
        id: 'BulkJoinersSteps',
        recordsActivity: true,
        pacing: true,
        entry: 'functions/bulk-joiners-steps/handler.ts',
        summary: "The steps of Bulk Joiners: describe a failed user, build the report and write a run's report files (no Webex calls)",
        // A run of its own writes its report files; a CSV run's batch reads and writes nothing in the bucket.
        importsBucket: { writeOnly: JSON_RUN_REPORT_KEYS },
        webex: false,
      },
    ],
    startedByRoute: 'StartBulkJoiners',
    arnEnv: 'BULK_JOINERS_STATE_MACHINE_ARN',
    summary: 'Bulk joiners: the Joiner for each user (bounded concurrency), per-user failures caught, a per-user report',
    nestedStateMachines: [{ substitution: 'JoinerStateMachineArn', stateMachine: 'Joiner' }],
    // Webex Bulk Joiners Failed, when a user failed in a run of its own.
    eventBusSubstitution: 'LifecycleEventBusName',
    describedByRoutes: ['GetBulkJoiners'],
  },
  {
    id: 'BulkJoinersCsv',
    definitionFile: 'statemachines/bulk-joiners-csv.asl.json',
    type: 'STANDARD',
    taskFunctions: [
      {
        substitution: 'BulkJoinersCsvStepsFunctionArn',
        id: 'BulkJoinersCsvSteps',
        recordsActivity: true,
        entry: 'functions/bulk-joiners-csv-steps/handler.ts',
        summary: 'The steps of Bulk Joiners from CSV: prepare a batch of rows, build the report from the results (no Webex calls)',
        importsBucket: 'readWrite',
        webex: false,
      },
    ],
    startedByRoute: 'StartBulkJoinersCsv',
    arnEnv: 'BULK_JOINERS_CSV_STATE_MACHINE_ARN',
    summary: 'Bulk joiners from a CSV in S3: a Distributed Map over the rows, 100 a batch, each batch through BulkJoiners; the report to S3',
    nestedStateMachines: [{ substitution: 'BulkJoinersStateMachineArn', stateMachine: 'BulkJoiners' }],
    // Webex Bulk Joiners Failed, when a row failed.
    eventBusSubstitution: 'LifecycleEventBusName',
    describedByRoutes: ['GetBulkJoiners'],
    distributedMap: { bucket: 'imports' },
  },
  {
    id: 'ReconcileApply',
    definitionFile: 'statemachines/reconcile-apply.asl.json',
    type: 'STANDARD',
    taskFunctions: [
      {
        substitution: 'ReconcileApplyStepsFunctionArn',
        id: 'ReconcileApplySteps',
        recordsActivity: true,
        entry: 'functions/reconcile-apply-steps/handler.ts',
        summary: "The steps of Reconcile Apply: prepare the items from the plan, each action's slot from the pacing budget, describe a failure, build the results report (no Webex calls)",
        importsBucket: 'readWrite',
        webex: false,
        bulkBudget: true,
        pacing: true,
      },
      {
        substitution: 'ReconcileApplyCheckFunctionArn',
        id: 'ReconcileApplyCheck',
        entry: 'functions/reconcile-apply-check/handler.ts',
        summary: 'Reconcile Apply: re-read an action\'s user in Webex and tell whether it changed since the plan',
        pacing: true,
      },
    ],
    startedByRoute: 'ApplyReconcilePlan',
    arnEnv: 'RECONCILE_APPLY_STATE_MACHINE_ARN',
    summary: 'Reconcile apply: a plan\'s actions through the Joiner, Mover, Leaver and Enable Calling machines, paced, per-action results to S3',
    nestedStateMachines: [
      { substitution: 'JoinerStateMachineArn', stateMachine: 'Joiner' },
      { substitution: 'MoverStateMachineArn', stateMachine: 'Mover' },
      { substitution: 'LeaverStateMachineArn', stateMachine: 'Leaver' },
      { substitution: 'EnableCallingStateMachineArn', stateMachine: 'EnableCalling' },
    ],
    eventBusSubstitution: 'LifecycleEventBusName',
    // GET /reconcile/plans/{id} shows the apply: applying while it runs, apply-failed when it broke.
    describedByRoutes: ['GetReconcilePlan'],
    distributedMap: { bucket: 'imports' },
  },
  {
    // Standard: planning reads the whole org, which can outlast API Gateway's 29 s. POST /reconcile/plans
    // starts `plan-<id>` and follows it while the request can wait (201), else answers 202; GET
    // /reconcile/plans/{id} reads the stored plan, or this execution while it runs. The nightly schedule
    // (the stack's reconcileSchedule) starts it too, without a name: that run starts plan-<id> (startsItself).
    // After ReconcileApply in this table: it starts that machine.
    id: 'ReconcilePlan',
    definitionFile: 'statemachines/reconcile-plan.asl.json',
    type: 'STANDARD',
    taskFunctions: [
      {
        substitution: 'ReconcilePlanStepsFunctionArn',
        id: 'ReconcilePlanSteps',
        recordsActivity: true,
        entry: 'functions/reconcile-plan-steps/handler.ts',
        summary: 'Plan a reconciliation: read the roster and the org, diff, store the plan in the imports bucket (no Webex writes)',
        importsBucket: 'readWrite',
        timeoutSeconds: RECONCILE_PLAN_TIMEOUT_SECONDS,
        // Each of its reads waits for a slot in the shared budget (drawingLambdaWebex).
        pacing: true,
      },
    ],
    startedByRoute: 'CreateReconcilePlan',
    arnEnv: 'RECONCILE_PLAN_STATE_MACHINE_ARN',
    summary: 'Reconcile: plan what a roster would change (stored as plans/<id>.json and .csv), publish Planned or Confirmation Required',
    // autoApply: a scheduled plan that needs no confirmation starts its apply (reconcile-<planId>) and ends.
    startsStateMachines: [{ substitution: 'ReconcileApplyStateMachineArn', stateMachine: 'ReconcileApply' }],
    startsItself: 'A scheduled run starts plan-<id>, its id derived from the scheduled time, so a start Scheduler retries meets the same execution.',
    eventBusSubstitution: 'LifecycleEventBusName',
    describedByRoutes: ['CreateReconcilePlan', 'GetReconcilePlan'],
  },
  {
    // Standard: one execution per SCIM write (scim-<user id>-<version>), started from the activity table's stream
    // once the write is stored (the routes answer at once and start nothing); it applies the latest requested state
    // through the lifecycle machines, nested and unchanged.
    id: 'ScimApply',
    definitionFile: 'statemachines/scim-apply.asl.json',
    type: 'STANDARD',
    taskFunctions: [
      {
        substitution: 'ScimApplyStepsFunctionArn',
        id: 'ScimApplySteps',
        entry: 'functions/scim-apply-steps/handler.ts',
        summary: 'SCIM apply: lease a SCIM user, answer the next action from its latest requested state, pace it, record what was applied',
        scimStore: true,
        pacing: true,
      },
    ],
    startedByStream: {
      id: 'ScimWriteStream',
      entry: 'functions/scim-write-stream/handler.ts',
      summary: 'SCIM writes: starts the ScimApply execution of each SCIM write the activity table\'s stream delivers (a group\'s for its changed members)',
    },
    arnEnv: 'SCIM_APPLY_STATE_MACHINE_ARN',
    summary: 'SCIM apply: a SCIM user\'s latest requested state to Webex through the Joiner, Mover and Leaver machines, in order, under a lease',
    nestedStateMachines: [
      { substitution: 'JoinerStateMachineArn', stateMachine: 'Joiner' },
      { substitution: 'MoverStateMachineArn', stateMachine: 'Mover' },
      { substitution: 'LeaverStateMachineArn', stateMachine: 'Leaver' },
    ],
  },
] as const satisfies readonly StateMachineDefinition[];

export type StateMachineId = (typeof stateMachines)[number]['id'];
export type TaskSubstitution = (typeof stateMachines)[number]['taskFunctions'][number]['substitution'];

export function stateMachine(id: StateMachineId): StateMachineDefinition {
  return stateMachines.find((m) => m.id === id) as StateMachineDefinition;
}

import type { Clock } from '../lib/clock';
import { createHandler as enableCallingSteps } from '../enable-calling-steps/handler';
import { createHandler as lifecycleSteps } from '../lifecycle-steps/handler';
import { createHandler as bulkJoinersSteps } from '../bulk-joiners-steps/handler';
import { createHandler as bulkJoinersCsvSteps } from '../bulk-joiners-csv-steps/handler';
import { createHandler as reconcilePlanSteps } from '../reconcile-plan-steps/handler';
import { createHandler as reconcileApplySteps } from '../reconcile-apply-steps/handler';
import { createHandler as reconcileApplyCheck } from '../reconcile-apply-check/handler';
import { createHandler as scimApplySteps } from '../scim-apply-steps/handler';
import { createHandler as scimWriteStream } from '../scim-write-stream/handler';
import { ConfigurationError } from '../lib/errors';
import { once, readEnv, type EnvName } from '../lib/config';
import { logger } from '../lib/logger';
import { PacingBudget, type PacingBudgetOptions } from '../lib/pacing/budget';
import { pacingSettings } from '../lib/pacing/settings';
import type { Deps } from '../lib/runtime/deps';
import type { ObjectStore } from '../lib/storage/object-store';
import { LocalEventBus, type PublishedEvent } from './local-event-bus';
import { LocalObjectStore, type ObjectCreatedEvent } from './local-object-store';
import { localUploadRule } from './local-upload-rule';
import type { ReconcileOnUploadSettings } from '../lib/reconcile/upload-plan';
import { LocalObjectUrls } from './local-object-urls';
import { localWebexDeps } from './local-webex';
import { localActivityTable, type LocalActivityTable } from './local-activity-table';
import { localScimStream } from './local-scim-stream';
import { ITEM_KIND } from '../lib/activity/keys';
import { SCIM_RESOURCE_KIND } from '../lib/aws/dynamodb-scim-store';
import type { ApiThrottleQuota } from './local-api-throttle';
import type { LambdaHandler } from './local-runner';
import { localRunner, localStateMachines, type LocalStateMachines, type TaskHandlers } from './local-state-machines';
import type { StateMachineId } from '../lib/state-machines/definitions';
import type { StateMachineRunner } from '../lib/state-machines/runner';

/** Set locally: buckets are folders under it instead of S3. */
export const LOCAL_OBJECT_STORE_ENV = 'LOCAL_OBJECT_STORE_DIR' satisfies EnvName;

export interface LocalRuntimeOptions {
  /** Wait states and Retry intervals take no time (the tests). `npm start` waits as AWS would. */
  fastWaits?: boolean;
  /**
   * The Webex client and the secret's reader and writer, when not the local ones (a static token or the file
   * store, localWebexDeps): a test runs the handlers with the Lambda's composition (aws/lambda-webex.ts).
   */
  webex?: Partial<Pick<Deps, 'webex' | 'webexSecret' | 'secretStore'>>;
  /** Sees each event the state machines publish (`npm start` prints one line each). */
  onEvent?: (event: PublishedEvent) => void;
  /** The activity table: `npm start` keeps it under .local/; else a new in-memory dynalite of the runtime's own. */
  activityTable?: LocalActivityTable;
  /**
   * The stack's `reconcileOnUpload`: a roster put under its prefix in the imports bucket starts a plan, as the
   * bucket's EventBridge notifications and the upload rule do in AWS. @default off
   */
  reconcileOnUpload?: ReconcileOnUploadSettings;
  /** The Webex clients' clock (a test's, to read the waits they asked for); the system's by default. */
  webexClock?: Clock;
  /** The pacing budget's clock (a benchmark's or a test's); the real one by default. */
  pacingClock?: Pick<PacingBudgetOptions, 'now' | 'sleep' | 'random' | 'passTime'>;
  /** DescribeExecution's token bucket; AWS's quota (DESCRIBE_EXECUTION_QUOTA) unless a test gives a smaller one. */
  describeQuota?: ApiThrottleQuota;
}

/** The local runtime's Deps, and what the tests look at: the executions started and the events published. */
export interface LocalRuntime {
  readonly deps: Deps;
  readonly stateMachines: LocalStateMachines;
  readonly executions: LocalStateMachines['executions'];
  readonly eventBus: LocalEventBus;
  readonly taskHandlers: TaskHandlers;
  /** Signs and checks the URLs its object store hands out (readUrl); the local API serves them. */
  readonly objectUrls: LocalObjectUrls;
  /** The activity table (dynalite) behind `deps.activity`. */
  readonly activityTable: LocalActivityTable;
  /**
   * The table's stream as the SCIM writes' consumer sees it: writes to SCIM resource rows (a request's and the
   * apply's own), and the consumer's invocations, which the event source mapping's filter lets through.
   */
  readonly scimStream: { readonly resourceWrites: number; readonly invocations: number };
  /** One machine's runner with other task handlers (tests that intercept a step). */
  runnerWith(id: StateMachineId, handlers: Partial<TaskHandlers>): StateMachineRunner;
}

/**
 * The pacing budget's clock when Wait states take no time: a wait it hands out has passed as soon as it is
 * handed out, so the clock moves to its end (never back), and the budget refills as if the run had waited.
 */
function fastForwardClock(): Pick<PacingBudgetOptions, 'now' | 'passTime'> {
  let skew = 0;
  return {
    now: () => Date.now() + skew,
    passTime: (untilMs) => {
      skew = Math.max(skew, untilMs - Date.now());
    },
  };
}

/**
 * The local runtime's composition root (`npm start`, the tests, the benchmarks): state machines run
 * in-process with the deployed task handlers, buckets are folders under LOCAL_OBJECT_STORE_DIR, the
 * lifecycle bus records what is published. The environment is read per use: tests change it between requests.
 */
export function createLocalRuntime(options: LocalRuntimeOptions = {}): LocalRuntime {
  const env = () => readEnv();
  const objectUrls = new LocalObjectUrls();
  // The buckets' "Object Created" events, for the rules that match them (set once the state machines exist).
  let objectCreated: ((event: ObjectCreatedEvent) => void) | undefined;
  const objectStore = (): ObjectStore => {
    const dir = env()[LOCAL_OBJECT_STORE_ENV];
    if (!dir) throw new ConfigurationError(`${LOCAL_OBJECT_STORE_ENV} is not set: the local runtime has no folder for its buckets`);
    return new LocalObjectStore(dir, objectUrls, objectCreated);
  };
  const eventBus = new LocalEventBus(options.onEvent);
  const activityTable = options.activityTable ?? localActivityTable();
  const activity = () => activityTable.store;
  const scim = () => activityTable.scimStore;
  const pacing = once(() => new PacingBudget({ store: activityTable.paceStore, settings: pacingSettings(env()), log: logger, ...(options.fastWaits ? fastForwardClock() : {}), ...options.pacingClock }));
  const webex = { ...localWebexDeps(env, pacing, false, options.webexClock), ...options.webex };
  // The planner sends its many reads itself: each waits for its slot in the budget (a test's own client, if given).
  const plannerWebex = options.webex?.webex ?? localWebexDeps(env, pacing, true, options.webexClock).webex;
  const taskHandlers: TaskHandlers = {
    EnableCallingStepsFunctionArn: enableCallingSteps({ env, webex: webex.webex, pacing }),
    LifecycleStepsFunctionArn: lifecycleSteps({ ...webex, activity, pacing }),
    BulkJoinersStepsFunctionArn: bulkJoinersSteps({ env, objectStore, activity, pacing }) as LambdaHandler,
    BulkJoinersCsvStepsFunctionArn: bulkJoinersCsvSteps({ objectStore, activity }) as LambdaHandler,
    ReconcilePlanStepsFunctionArn: reconcilePlanSteps({ env, objectStore, webex: plannerWebex, activity }) as LambdaHandler,
    ReconcileApplyStepsFunctionArn: reconcileApplySteps({ env, objectStore, activity, pacing }) as LambdaHandler,
    ReconcileApplyCheckFunctionArn: reconcileApplyCheck({ webex: webex.webex, pacing }) as LambdaHandler,
    ScimApplyStepsFunctionArn: scimApplySteps({ scim, env, webex: webex.webex, pacing }) as LambdaHandler,
  };
  const setup = { fastWaits: options.fastWaits, handlers: taskHandlers, eventBus, objectStore, describeQuota: options.describeQuota };
  const stateMachines = localStateMachines(setup);
  // The table's stream: each SCIM write's apply started by the deployed consumer, after the write, off its path.
  const scimStream = { resourceWrites: 0, invocations: 0 };
  const stream = localScimStream({
    consumer: scimWriteStream({ stateMachines }) as LambdaHandler,
    track: (delivery) => stateMachines.executions.track(delivery),
    sleep: options.fastWaits ? async () => undefined : undefined,
    nextPoll: options.fastWaits ? () => new Promise<void>((resolve) => setImmediate(resolve)) : undefined,
    invoked: () => void (scimStream.invocations += 1),
  });
  activityTable.onChange((change) => {
    if (change.newImage?.[ITEM_KIND]?.S === SCIM_RESOURCE_KIND) scimStream.resourceWrites += 1;
    stream(change);
  });
  if (options.reconcileOnUpload) {
    objectCreated = localUploadRule(options.reconcileOnUpload, {
      importsBucket: () => env().BULK_IMPORTS_BUCKET,
      starter: () => stateMachines.starter(),
      onError: (error) => console.error('local upload rule: the plan could not be started', error instanceof Error ? error.message : error),
    });
  }
  return {
    deps: { env, stateMachines, objectStore, activity, scim, pacing, ...webex },
    stateMachines,
    executions: stateMachines.executions,
    eventBus,
    taskHandlers,
    objectUrls,
    activityTable,
    scimStream,
    runnerWith: (id, handlers) => localRunner(id, { ...setup, handlers: { ...taskHandlers, ...handlers }, executions: () => stateMachines.executions }),
  };
}

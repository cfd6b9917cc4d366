import type { Env } from '../config';
import { ConfigurationError, NotFoundError } from '../errors';
import { joinerDetailWithDefaults } from '../lifecycle/router';
import { errorDetailFromCause } from '../workflows/step-error';
import { outcomeWords } from '../reports/outcome-words';
import { LIFECYCLE_DETAIL_TYPES, LifecycleResultDetail } from '../schemas/lifecycle-events';
import { BULK_JOINERS_MAX_USERS, type BulkJoinersInput } from '../schemas/bulk';
import type { StateMachines } from '../state-machines/ports';
import { stateMachine } from '../state-machines/definitions';
import { NESTED_SUFFIX_RESERVE, executionName, nameHash } from '../state-machines/execution-name';
import { nestedExecutionFailure } from '../state-machines/nested-execution';
import { mapProgress, type MapProgress } from '../state-machines/map-progress';
import type { ActivityStore } from '../activity/store';
import { assertScheduleFits, joinerIntervalMs, requestsPerSecond } from './pacing';
import type { BulkJoinersReport, BulkJoinersStatus, BulkUserOutcome, BulkUserResult } from '../schemas/bulk-answers';
import type { PaceView } from '../schemas/pace-answers';
import type { ObjectStore } from '../storage/object-store';
import { writeBulkReportFiles } from './report-files';
import { JSON_RUN_PREFIXES, type BulkReportKeys } from '../bulk-run-names';

/**
 * Bulk joiners through the API: POST /bulk/joiners starts the BulkJoiners state machine
 * (statemachines/bulk-joiners.asl.json), a Map running the Joiner machine once per user as a nested
 * execution; GET /bulk/joiners/{executionName} answers its status and, once it has ended, the report.
 */

/**
 * Joiners (or reconcile items) run at once (the Map's MaxConcurrency, through MaxConcurrencyPath). The
 * request rate is kept by the shared pacing budget (pacing/budget.ts); this bound only has to let enough joiners
 * overlap to fill it: a joiner's duration ÷ the interval between starts (≈ 15 s ÷ 2 s at 5 requests a second
 * in AWS, so 8 to 16; more where the organisation's rate is found higher). Each running child holds one Lambda invocation at a time, and a CSV runs two batches at
 * once; new accounts may have a Lambda concurrency quota of 10 in all (docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html),
 * so the default stays within it, at the cost of pace (about half the default budget). The stack's
 * `bulkMaxConcurrency` sets it.
 */
export const MAX_CONCURRENCY_ENV = 'BULK_JOINERS_MAX_CONCURRENCY';
export const DEFAULT_MAX_CONCURRENCY = 4;
/** Above this, one org's Webex rate limit is certain to be hit; Step Functions' inline Map runs 40 at most anyway. */
export const MAX_MAX_CONCURRENCY = 40;

export const BULK_SOURCE = 'webex-provisioning.bulk';

/** Each Joiner's name is the bulk name + `-<index>`, and the Joiner appends its nested suffix (`-calling`). */
const BULK_NAME_RESERVE = `-${BULK_JOINERS_MAX_USERS - 1}`.length + NESTED_SUFFIX_RESERVE;

/**
 * The execution name: from the idempotency key (`bulk-k-<key>`, or `bulk-k-h<hash>` when the key has
 * other characters or is long), else `bulk-b-<hash of the users>`: a retried request is the same
 * name, which Step Functions refuses to start twice (Standard names are kept 90 days); the local
 * runtime does the same from its record. Running the same batch again on purpose needs a new key.
 */
export function bulkExecutionName(input: BulkJoinersInput): string {
  const key = input.idempotencyKey;
  if (key !== undefined) return executionName(JSON_RUN_PREFIXES.key, key, BULK_NAME_RESERVE);
  return `${JSON_RUN_PREFIXES.users}${nameHash(JSON.stringify(input.users))}`;
}

export function maxConcurrency(env: Env): number {
  const raw = env[MAX_CONCURRENCY_ENV];
  if (raw === undefined || raw === '') return DEFAULT_MAX_CONCURRENCY;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_MAX_CONCURRENCY) {
    throw new ConfigurationError(`${MAX_CONCURRENCY_ENV} must be an integer from 1 to ${MAX_MAX_CONCURRENCY}, not "${raw}"`);
  }
  return n;
}

/**
 * The BulkJoiners machine's input: each user as the Joiner takes it and the Map's concurrency bound. When
 * each starts is the pacing budget's answer to its Pace step, not part of the input.
 */
export interface BulkJoinersMachineInput {
  users: Record<string, unknown>[];
  maxConcurrency: number;
  origin: { source: string; detailType: string };
  /**
   * Publish `Webex Bulk Joiners Failed` when a user failed: true for a run of its own (POST /bulk/joiners),
   * false for a CSV run's batch (the CSV run publishes once for the whole file).
   */
  publishOutcome: boolean;
}

export function bulkJoinersMachineInput(
  input: BulkJoinersInput,
  env: Env,
): BulkJoinersMachineInput {
  // At the initial rate (the slowest the budget starts at): a run that could not end in time then is refused.
  const intervalMs = joinerIntervalMs(requestsPerSecond(env));
  assertScheduleFits(input.users.length, input.users.length * intervalMs, { field: 'users', noun: 'users', remedy: 'send fewer or raise the budget' });
  return {
    users: input.users.map((u) => joinerDetailWithDefaults(u)),
    maxConcurrency: maxConcurrency(env),
    origin: { source: BULK_SOURCE, detailType: LIFECYCLE_DETAIL_TYPES.joined },
    publishOutcome: true,
  };
}

// ---- the report ---------------------------------------------------------------------------------

/** A result with its outcome in plain words (outcome-words.ts): what reports and GET show. */
export const withOutcome = (r: BulkUserResult): BulkUserOutcome => ({
  ...r,
  outcome: outcomeWords({
    kind: 'join',
    status: r.status === 'SUCCEEDED' ? 'succeeded' : 'failed',
    ...(r.userId ? { userId: r.userId } : {}),
    ...(r.existed ? { created: false } : {}),
    ...(r.error ? { error: r.error } : {}),
  }),
});

export type { BulkJoinersReport, BulkUserOutcome, BulkUserResult };

/**
 * The Map's results (then the report) hold every user's entry in one state, and Step Functions fails an
 * execution whose state passes 256 KB (States.DataLimitExceeded; the local runner enforces it). The API
 * body (≤ 64 KB) bounds the e-mails together; the rest of an entry is bounded here, as JSON-encoded UTF-8
 * (a quote or a non-ASCII letter costs more than one byte): 500 entries of index, status, a Webex id,
 * a code and a message stay under 200 KB.
 */
export const MAX_MESSAGE_BYTES = 160;
const MAX_CODE_BYTES = 64;
const jsonBytes = (text: string) => Buffer.byteLength(JSON.stringify(text), 'utf8') - 2;
/** `text` cut to at most `max` bytes of JSON-encoded UTF-8, with an ellipsis when cut (also the reconcile results'). */
export function cutToBytes(text: string, max = MAX_MESSAGE_BYTES): string {
  if (jsonBytes(text) <= max) return text;
  // Binary search on code points for the longest prefix that, with the ellipsis, fits.
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (jsonBytes(`${chars.slice(0, mid).join('')}…`) <= max) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('')}…`;
}

/**
 * A failed entry's location name, bounded as its message is (a success has no message, so its name, from the Joiner's
 * output, is as Webex gives it): 500 failed entries with the message and the name at their bounds stay within 256 KB.
 */
export const MAX_LOCATION_BYTES = 80;
/** The location a failed Joiner's detail names: its name once Enable Calling resolved it. */
const resolvedLocation = (location: LifecycleResultDetail['location']): Pick<BulkUserResult, 'location'> =>
  location?.name ? { location: cutToBytes(location.name, MAX_LOCATION_BYTES) } : {};

/**
 * One user's failure from the nested Joiner's: States.TaskFailed whose Cause is DescribeExecution's
 * JSON, whose Cause is the Joiner's Failed detail (code, message, and the user id when the user was
 * created before calling failed). Anything else (a timeout, a throttled start) by its own name.
 */
export function describeItemFailure(index: number, email: string, failure: { Error?: string; Cause?: string }): BulkUserResult {
  const errorName = failure.Error ?? 'States.TaskFailed';
  const nested = nestedExecutionFailure(failure.Cause);
  if (nested) {
    const detail = nested.causeJson === undefined ? undefined : LifecycleResultDetail.safeParse(nested.causeJson);
    if (detail?.success && detail.data.error) {
      const { userId, error, applied, location } = detail.data;
      const existed = applied.some((a) => a.step === 'createUser' && a.status === 'unchanged');
      return {
        index, email, status: 'FAILED', ...resolvedLocation(location), ...(userId ? { userId } : {}), ...(existed ? { existed: true as const } : {}),
        error: {
          code: cutToBytes(error.code, MAX_CODE_BYTES), message: cutToBytes(error.message),
          ...(error.step ? { step: cutToBytes(error.step, MAX_CODE_BYTES) } : {}),
          ...wholeTrackingId(error.trackingId),
        },
      };
    }
    return { index, email, status: 'FAILED', error: { code: cutToBytes(nested.error ?? errorName, MAX_CODE_BYTES), message: cutToBytes(nested.cause ?? 'the Joiner execution failed') } };
  }
  const detail = errorDetailFromCause(errorName, failure.Cause);
  return { index, email, status: 'FAILED', error: { code: cutToBytes(detail.code, MAX_CODE_BYTES), message: cutToBytes(detail.message), ...wholeTrackingId(detail.trackingId) } };
}

/**
 * A trackingId is kept whole or not at all: a cut one is no use to Cisco support. Ours are ~60 characters
 * (`WEBEXPROV_<correlation>_<8 hex>`); the bound keeps the Map's state within its budget whatever Webex sends.
 */
export const MAX_TRACKING_ID_BYTES = 160;
export const wholeTrackingId = (trackingId: string | undefined): { trackingId?: string } =>
  trackingId && jsonBytes(trackingId) <= MAX_TRACKING_ID_BYTES ? { trackingId } : {};

export function buildBulkReport(executionName: string, results: BulkUserResult[]): BulkJoinersReport {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const succeeded = sorted.filter((r) => r.status === 'SUCCEEDED').length;
  return { executionName, total: sorted.length, succeeded, failed: sorted.length - succeeded, results: sorted };
}

/**
 * A JSON run's report files (JSON, CSV, HTML under reports/, as a CSV run's): every user by its `index` in the
 * request, as GET /bulk/joiners/{executionName} numbers it, with its outcome in plain words.
 */
export async function writeJsonRunReport(store: ObjectStore, bucket: string, report: BulkJoinersReport, now = () => new Date()): Promise<BulkReportKeys> {
  return writeBulkReportFiles(store, bucket, 'index', { ...report, results: report.results.map(withOutcome) }, now);
}

// ---- status -------------------------------------------------------------------------------------

/** Names of BulkJoinersCsv executions (csv-joiners.ts): GET /bulk/joiners/{executionName} serves both kinds. */
export const CSV_EXECUTION_PREFIX = 'bulk-csv-';
const machineFor = (executionName: string) => (executionName.startsWith(CSV_EXECUTION_PREFIX) ? 'BulkJoinersCsv' : 'BulkJoiners');

export type { BulkJoinersStatus };

/**
 * The report as GET shows it: each result (a JSON run's `results`, a CSV run's first `failures`) with its
 * outcome in plain words. The execution's output stays without them (its state is bounded: see MAX_MESSAGE_BYTES).
 */
function reportWithOutcomes(output: BulkJoinersReport | Record<string, unknown>): BulkJoinersStatus['report'] {
  const add = (list: unknown) => (Array.isArray(list) ? list.map((r) => ('outcome' in r ? r : withOutcome(r as BulkUserResult))) : list);
  return {
    ...output,
    ...('results' in output ? { results: add(output.results) } : {}),
    ...('failures' in output ? { failures: add(output.failures) } : {}),
  } as BulkJoinersStatus['report'];
}

/** The execution as the runtime's state machines describe it (DescribeExecution in AWS). 404 for a name never started. */
/** A running JSON bulk run's progress from its activity item: the users in the request, and the outcomes recorded so far. */
async function jsonRunProgress(activity: ActivityStore, executionName: string, startDate: string | undefined): Promise<MapProgress | undefined> {
  const run = await activity.bulkRun(executionName);
  if (!run || run.source !== 'json' || run.total === undefined) return undefined;
  return mapProgress({ total: run.total, succeeded: run.succeeded ?? 0, failed: run.failed ?? 0 }, new Date(startDate ?? run.startedAt));
}

export async function describeBulkJoiners(
  executionName: string,
  describe: StateMachines['describe'],
  progressOf?: StateMachines['mapProgress'],
  activity?: () => ActivityStore,
  paceOf?: () => Promise<PaceView>,
): Promise<BulkJoinersStatus> {
  const found = await describe(machineFor(executionName), executionName);
  if (!found) throw new NotFoundError(`No bulk joiners execution ${executionName}`);
  const running = found.status === 'RUNNING';
  // A CSV run's Distributed Map counts its items; a JSON run's inline Map has no such count, so its children's
  // outcomes are counted on its activity item as they are recorded (activity/store.ts `record`).
  const machine = machineFor(executionName);
  // Only a Distributed Map has Map Runs to list (and the route may ListMapRuns on that machine alone).
  const progress = !running ? undefined
    : stateMachine(machine).distributedMap ? await progressOf?.(machine, executionName)
    : activity ? await jsonRunProgress(activity(), executionName, found.startDate)
    : undefined;
  const pace = running && paceOf ? await paceOf() : undefined;
  return {
    executionName,
    status: found.status as BulkJoinersStatus['status'],
    ...(found.startDate ? { startDate: found.startDate } : {}),
    ...(found.stopDate ? { stopDate: found.stopDate } : {}),
    ...(progress ? { progress } : {}),
    ...(pace ? { pace } : {}),
    ...(found.status === 'SUCCEEDED' && found.output !== undefined ? { report: reportWithOutcomes(found.output as BulkJoinersReport) } : {}),
    ...(found.error ? { error: found.error } : {}),
    ...(found.cause ? { cause: found.cause } : {}),
  };
}

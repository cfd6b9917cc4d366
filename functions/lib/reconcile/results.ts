import * as z from 'zod';
import { csvField } from '../reports/csv-field';
import { cutToBytes, wholeTrackingId } from '../bulk/joiners';
import { HTML_CONTENT_TYPE } from '../reports/html';
import { outcomeWords } from '../reports/outcome-words';
import { readMapResults } from '../state-machines/map-results';
import { nestedExecutionFailure } from '../state-machines/nested-execution';
import type { ObjectStore } from '../storage/object-store';
import { errorDetailFromCause } from '../workflows/step-error';
import { RECONCILE_RESULT_DETAIL_TYPES } from './apply-execution';
import type { ApplyGroup } from './apply-items';
import { readPlan } from './plan-store';
import { resultsHtml } from './report-html';
import { type ActionResult, ActionStatus, type ReconcileCounts, type ReconcileResults, resultKeys } from './results-schema';
import { ACTION_KINDS, type ActionKind } from './schemas';

/**
 * The apply's report: every action of the plan exactly once, by its index, as the Distributed Map's
 * results say it went; an action no result mentions is reported failed (`NotReported`), never dropped.
 * Written under applies/ (the apply's own prefix) as applies/<id>.results.json, .csv and .html.
 */

export { ActionResult, ReconcileCounts, ReconcileResults } from './results-schema';

/** What one item of the Map reports for an action (the ASL's Pass states and describeFailure). */
export const ItemResult = z.object({
  index: z.number().int().min(0),
  status: ActionStatus,
  userId: z.string().optional(),
  reason: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string(), step: z.string().optional(), trackingId: z.string().optional() }).optional(),
});
export type ItemResult = z.infer<typeof ItemResult>;

const cut = cutToBytes;

/**
 * A failed action from its Catch: the nested machine's failure (States.TaskFailed whose Cause is
 * DescribeExecution's JSON, whose Cause is the child's result with its `error`: the lifecycle machines'
 * Failed detail and Enable Calling's result both carry one), or a step's StepError, or a States.* error.
 */
export function describeActionFailure(index: number, failure: { Error?: string; Cause?: string }): ItemResult {
  const errorName = failure.Error ?? 'States.TaskFailed';
  const nested = nestedExecutionFailure(failure.Cause);
  if (nested) {
    const child = nested.causeJson as { error?: { code?: unknown; message?: unknown; step?: unknown; trackingId?: unknown }; userId?: unknown } | undefined;
    const code = typeof child?.error?.code === 'string' ? child.error.code : (nested.error ?? errorName);
    const message = typeof child?.error?.message === 'string' ? child.error.message : (nested.cause ?? 'the nested execution failed');
    const step = typeof child?.error?.step === 'string' ? { step: cut(child.error.step, 64) } : {};
    const trackingId = typeof child?.error?.trackingId === 'string' ? wholeTrackingId(child.error.trackingId) : {};
    return { index, status: 'failed', ...(typeof child?.userId === 'string' ? { userId: child.userId } : {}), error: { code: cut(code, 64), message: cut(message), ...step, ...trackingId } };
  }
  const detail = errorDetailFromCause(errorName, failure.Cause);
  return { index, status: 'failed', error: { code: cut(detail.code, 64), message: cut(detail.message), ...wholeTrackingId(detail.trackingId) } };
}

/** The item results the Map's result files hold: a child that failed as a whole reports each of its actions failed with its error. */
export async function readItemResults(store: ObjectStore, manifest: { Bucket: string; Key: string }): Promise<ItemResult[]> {
  const results: ItemResult[] = [];
  for await (const child of readMapResults(store, manifest)) {
    if (child.answered) {
      for (const r of Array.isArray(child.output) ? child.output : []) {
        const parsed = ItemResult.safeParse(r);
        if (parsed.success) results.push(parsed.data);
      }
      continue;
    }
    const group = (child.input ?? {}) as Partial<ApplyGroup>;
    const code = child.error ?? (child.status === 'PENDING' ? 'NotRun' : 'States.TaskFailed');
    const message = cut(`the user's item did not complete${child.cause ? `: ${child.cause}` : ''}`);
    for (const item of group.actions ?? []) results.push({ index: item.index, status: 'failed', error: { code, message } });
  }
  return results;
}

/**
 * Every plan action once, in index order: the first result for an index wins (a retried item may have
 * reported twice), an index without one is failed `NotReported`, a result for no action is ignored.
 */
export function mergeResults(planId: string, executionName: string, actions: { kind: ActionKind; where?: string; email: string; userId?: string }[], items: ItemResult[], finishedAt: string): ReconcileResults {
  const byIndex = new Map<number, ItemResult>();
  for (const r of items) if (r.index < actions.length && !byIndex.has(r.index)) byIndex.set(r.index, r);
  const results: ActionResult[] = actions.map((a, index) => {
    const r = byIndex.get(index) ?? { index, status: 'failed' as const, error: { code: 'NotReported', message: 'no result was recorded for this action: check it in Webex' } };
    const userId = r.userId ?? a.userId;
    const outcome = outcomeWords({ kind: a.kind, status: r.status, ...(userId ? { userId } : {}), ...(r.reason ? { reason: r.reason } : {}), ...(r.error ? { error: r.error } : {}) });
    return {
      index, kind: a.kind, ...(a.where ? { where: a.where } : {}), email: a.email, ...(userId ? { userId } : {}), status: r.status, outcome,
      ...(r.reason ? { reason: r.reason } : {}), ...(r.error ? { error: r.error } : {}),
    };
  });
  const byKind = Object.fromEntries(ACTION_KINDS.map((k) => [k, { succeeded: 0, failed: 0, skipped: 0 }])) as ReconcileResults['byKind'];
  const counts: ReconcileCounts = { total: results.length, succeeded: 0, failed: 0, skipped: 0 };
  for (const r of results) {
    counts[r.status]++;
    byKind[r.kind][r.status]++;
  }
  return { planId, executionName, finishedAt, counts, byKind, results };
}

/** `index`: the action's in the plan; `where`: its roster row (`lines.<line>`, `users.<index>`), as the plan names it. */
export function resultsCsv(results: ReconcileResults): string {
  const lines = ['index,kind,email,userId,status,reason,errorCode,errorMessage,where,outcome,trackingId'];
  for (const r of results.results) {
    lines.push([r.index, r.kind, r.email, r.userId, r.status, r.reason, r.error?.code, r.error?.message, r.where, r.outcome, r.error?.trackingId].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** The Completed / Failed event (detail-type and detail): small whatever the plan's size. */
export interface ApplyOutcome {
  detailType: (typeof RECONCILE_RESULT_DETAIL_TYPES)[keyof typeof RECONCILE_RESULT_DETAIL_TYPES];
  detail: {
    /** Which run the event is about: the apply (the planner's own Failed says `plan`: plan-steps.ts). */
    stage: 'apply';
    planId: string;
    executionName: string;
    status: 'COMPLETED' | 'FAILED';
    counts: ReconcileCounts;
    byKind?: ReconcileResults['byKind'];
    results?: { bucket: string; json: string; csv: string; html: string };
    /** The first failed actions, so the event alone says what went wrong. */
    failures?: ActionResult[];
    error?: { code: string; message: string };
  };
}

const MAX_FAILURES_IN_EVENT = 20;

/** BuildResults: the report from the Map's results, written as JSON and CSV; answers the event. */
export async function buildApplyResults(
  store: ObjectStore,
  bucket: string,
  args: { planId: string; executionName: string; manifest?: { Bucket: string; Key: string } },
  now = () => new Date(),
): Promise<ApplyOutcome> {
  const plan = await readPlan(store, bucket, args.planId);
  const items = args.manifest ? await readItemResults(store, args.manifest) : [];
  const report = mergeResults(plan.id, args.executionName, plan.actions, items, now().toISOString());
  const keys = resultKeys(plan.id);
  await store.putText(bucket, keys.json, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  await store.putText(bucket, keys.csv, resultsCsv(report), 'text/csv');
  await store.putText(bucket, keys.html, resultsHtml(report, plan), HTML_CONTENT_TYPE);
  const failed = report.counts.failed > 0;
  return {
    detailType: failed ? RECONCILE_RESULT_DETAIL_TYPES.failed : RECONCILE_RESULT_DETAIL_TYPES.completed,
    detail: {
      stage: 'apply',
      planId: plan.id,
      executionName: args.executionName,
      status: failed ? 'FAILED' : 'COMPLETED',
      counts: report.counts,
      byKind: report.byKind,
      results: { bucket, ...keys },
      ...(failed ? { failures: report.results.filter((r) => r.status === 'failed').slice(0, MAX_FAILURES_IN_EVENT) } : {}),
    },
  };
}

/**
 * The Failed event of a run that broke (Prepare, the Map or BuildResults failed as a whole): no report
 * exists, so counts.total is the plan's number of actions (0 if the plan cannot be read) and nothing is
 * counted as done: some actions may have been applied, which the error says.
 */
export async function brokenApplyOutcome(
  store: ObjectStore,
  bucket: string,
  args: { planId: string; executionName: string; failure: { Error?: string; Cause?: string } },
): Promise<ApplyOutcome> {
  const total = await readPlan(store, bucket, args.planId).then((p) => p.actions.length, () => 0);
  const detail = errorDetailFromCause(args.failure.Error ?? 'States.Runtime', args.failure.Cause);
  return {
    detailType: RECONCILE_RESULT_DETAIL_TYPES.failed,
    detail: {
      stage: 'apply',
      planId: args.planId,
      executionName: args.executionName,
      status: 'FAILED',
      counts: { total, succeeded: 0, failed: 0, skipped: 0 },
      error: { code: cut(detail.code, 64), message: cut(`the apply stopped before its results were reported (some actions may have been applied: see the execution's history): ${detail.message}`) },
    },
  };
}

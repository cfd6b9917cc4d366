import { cutToBytes } from '../bulk/joiners';
import { NotFoundError } from '../errors';
import type { ExecutionStatus } from '../state-machines/execution-status';
import { ObjectNotFoundError, type ObjectStore } from '../storage/object-store';
import { errorDetailFromCause } from '../workflows/step-error';
import type { ApplyStatus } from './describe-apply';
import { planSummary, readPlan, readPlanResults } from './plan-store';
import type { ReconcileResults } from './results-schema';
import { planApplyUrl, planExecutionName, planFailure, planning, planStatusUrl } from './plan-run';

/**
 * GET /reconcile/plans/{id}: the stored plan (its summary, a page of its actions, apply's results once
 * written) and how its apply stands, or while there is none its `plan-<id>` execution (PLANNING, or
 * FAILED with the error).
 */

export const DEFAULT_ACTIONS_PAGE = 100;
export const MAX_ACTIONS_PAGE = 1000;

export interface PlanViewQuery {
  id: string;
  limit?: number;
  offset?: number;
}

export interface PlanViewDeps {
  store: ObjectStore;
  bucket: string;
  describe: (executionName: string) => Promise<ExecutionStatus | undefined>;
  /** The plan's ReconcileApply execution (`reconcile-<id>`, describe-apply.ts); undefined when never applied. */
  describeApply: (planId: string) => Promise<ApplyStatus | undefined>;
}

/**
 * A stored plan's status: `planned` (no apply started), `applying` (its execution runs, no report yet),
 * `applied` (the report exists, or the execution succeeded), `apply-failed` (the execution failed, timed out
 * or was stopped before it wrote the report: some actions may have been applied, the error says how it ended).
 */
export type PlanStatus = 'planned' | 'applying' | 'applied' | 'apply-failed';

/** The apply's execution as GET shows it: its name and dates, and why it ended when it did not succeed. */
export interface ApplyView {
  executionName: string;
  status: ApplyStatus['status'];
  startDate?: string;
  stopDate?: string;
  /** While it runs: its actions by how they ended, and the time left at that pace. */
  progress?: ApplyStatus['progress'];
  error?: { code: string; message: string };
}

/** Why an apply execution ended without succeeding, from its Error and Cause (the run's own words, cut). */
function applyError(apply: ApplyStatus): ApplyView['error'] {
  if (apply.status === 'TIMED_OUT') return { code: 'ApplyTimedOut', message: 'The apply did not finish in its time: some actions may have been applied; plan again to see what is left to do' };
  if (apply.status === 'ABORTED') return { code: 'ApplyAborted', message: 'The apply execution was stopped: some actions may have been applied; plan again to see what is left to do' };
  if (apply.status !== 'FAILED') return undefined;
  const detail = errorDetailFromCause(apply.error ?? 'States.Runtime', apply.cause);
  return { code: cutToBytes(detail.code, 64), message: cutToBytes(detail.message, 500) };
}

export function applyStatus(results: ReconcileResults | undefined, apply: ApplyStatus | undefined): { status: PlanStatus; apply?: ApplyView } {
  const view: ApplyView | undefined = apply && {
    executionName: apply.executionName,
    status: apply.status,
    ...(apply.startDate ? { startDate: apply.startDate } : {}),
    ...(apply.stopDate ? { stopDate: apply.stopDate } : {}),
    ...(apply.progress ? { progress: apply.progress } : {}),
  };
  const error = apply && !results ? applyError(apply) : undefined;
  if (view && error) view.error = error;
  const withView = view ? { apply: view } : {};
  // The report is the apply's last word: once written the plan is applied, however the run then ended.
  if (results) return { status: 'applied', ...withView };
  if (!apply) return { status: 'planned' };
  if (apply.status === 'RUNNING' || apply.status === 'PENDING_REDRIVE') return { status: 'applying', ...withView };
  if (apply.status === 'SUCCEEDED') return { status: 'applied', ...withView };
  return { status: 'apply-failed', ...withView };
}

/**
 * One page of a list: at most MAX_ACTIONS_PAGE items (an action is under ~2 KB, a result under ~1 KB),
 * so the answer stays far below Lambda's 6 MB whatever the plan's size.
 */
function page<T>(items: readonly T[], offset: number, limit: number) {
  const slice = items.slice(offset, offset + limit);
  return { slice, total: items.length, ...(offset + slice.length < items.length ? { nextOffset: offset + slice.length } : {}) };
}

/** Apply's results with their per-action list paged like the actions. */
function pagedResults(results: ReconcileResults, offset: number, limit: number) {
  const { slice, total, nextOffset } = page(results.results, offset, limit);
  return { ...results, results: slice, resultsTotal: total, ...(nextOffset !== undefined ? { resultsNextOffset: nextOffset } : {}) };
}

export async function viewPlan(deps: PlanViewDeps, query: PlanViewQuery): Promise<Record<string, unknown>> {
  const { id } = query;
  const offset = query.offset ?? 0;
  const limit = query.limit ?? DEFAULT_ACTIONS_PAGE;
  let plan;
  try {
    plan = await readPlan(deps.store, deps.bucket, id);
  } catch (error) {
    if (!(error instanceof ObjectNotFoundError)) throw error;
  }
  if (!plan) {
    const status = await deps.describe(planExecutionName(id));
    if (!status || status.status === 'SUCCEEDED') throw new NotFoundError(`No reconciliation plan ${id}`);
    if (status.status === 'RUNNING' || status.status === 'PENDING_REDRIVE') return planning(id);
    const { httpStatus: _status, ...error } = planFailure(status);
    return { id, status: 'FAILED', statusUrl: planStatusUrl(id), error };
  }
  const [results, apply] = await Promise.all([readPlanResults(deps.store, deps.bucket, id), deps.describeApply(id)]);
  const actions = page(plan.actions, offset, limit);
  const { status, apply: applyView } = applyStatus(results, apply);
  return {
    ...planSummary(plan, deps.bucket),
    status,
    statusUrl: planStatusUrl(id),
    applyUrl: planApplyUrl(id),
    scope: plan.scope,
    policy: plan.policy,
    total: actions.total,
    offset,
    limit,
    ...(actions.nextOffset !== undefined ? { nextOffset: actions.nextOffset } : {}),
    actions: actions.slice,
    ...(applyView ? { apply: applyView } : {}),
    ...(results === undefined ? {} : { results: pagedResults(results, offset, limit) }),
  };
}

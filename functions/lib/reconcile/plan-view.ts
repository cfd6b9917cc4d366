import { NotFoundError } from '../errors';
import type { ExecutionStatus } from '../state-machines/execution-status';
import { ObjectNotFoundError, type ObjectStore } from '../storage/object-store';
import { planSummary, readPlan, readPlanResults } from './plan-store';
import { planApplyUrl, planExecutionName, planFailure, planning, planStatusUrl } from './plan-run';

/**
 * GET /reconcile/plans/{id}: the stored plan (its summary, a page of its actions, apply's results once
 * written), or while there is none its `plan-<id>` execution (PLANNING, or FAILED with the error).
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
}

/**
 * One page of a list: at most MAX_ACTIONS_PAGE items (an action is under ~2 KB, a result under ~1 KB),
 * so the answer stays far below Lambda's 6 MB whatever the plan's size.
 */
function page<T>(items: readonly T[], offset: number, limit: number) {
  const slice = items.slice(offset, offset + limit);
  return { slice, total: items.length, ...(offset + slice.length < items.length ? { nextOffset: offset + slice.length } : {}) };
}

/** Apply's results with their per-user list paged like the actions (read tolerantly: apply owns the shape). */
function pagedResults(results: unknown, offset: number, limit: number): unknown {
  if (!results || typeof results !== 'object' || !Array.isArray((results as { results?: unknown }).results)) return results;
  const { slice, total, ...next } = page((results as { results: unknown[] }).results, offset, limit);
  return { ...(results as object), results: slice, resultsTotal: total, ...(next.nextOffset !== undefined ? { resultsNextOffset: next.nextOffset } : {}) };
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
  const results = await readPlanResults(deps.store, deps.bucket, id);
  const actions = page(plan.actions, offset, limit);
  return {
    ...planSummary(plan, deps.bucket),
    status: results === undefined ? 'planned' : 'applied',
    statusUrl: planStatusUrl(id),
    applyUrl: planApplyUrl(id),
    scope: plan.scope,
    policy: plan.policy,
    total: actions.total,
    offset,
    limit,
    ...(actions.nextOffset !== undefined ? { nextOffset: actions.nextOffset } : {}),
    actions: actions.slice,
    ...(results === undefined ? {} : { results: pagedResults(results, offset, limit) }),
  };
}

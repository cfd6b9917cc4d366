// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import type { Env } from '../config';
import { assertScheduleFits, requestsPerSecond } from '../bulk/pacing';
import type { StateMachines } from '../state-machines/ports';
import type { ObjectStore } from '../storage/object-store';
import { applyExecutionName } from './apply-execution';
import { planRequests } from './apply-items';
import { planIdField, readPlan } from './plan-store';
import { checkConfirmation } from './safeguards';
import type { ApplyStartedView } from './answers';

/** POST /reconcile/plans/{id}/apply: the plan's id (path) and, for a plan that needs it, the confirmation (body). */
export const ApplyPlanInput = z.strictObject({
  id: planIdField,
  /** The plan's number of leavers, repeated: required when the plan needs confirmation (its summary's confirmWith). */
  confirm: z.number().int().min(0).optional(),
});
export type ApplyPlanInput = z.infer<typeof ApplyPlanInput>;

export type ApplyStarted = z.infer<typeof ApplyStartedView>;

/**
 * Checks and starts an apply: the plan must exist (404), be confirmed if it needs it (400 naming
 * `confirm`, and the message says the number to give), and fit the budget within a run's time; then the
 * ReconcileApply machine starts as `reconcile-<id>` with `{ planId }`, once however often it is asked.
 * A plan without actions starts nothing: there is nothing to apply and no event to publish.
 */
export async function applyPlan(
  deps: { env: Env; stateMachines: StateMachines; store: ObjectStore; bucket: string },
  input: ApplyPlanInput,
): Promise<ApplyStarted> {
  const plan = await readPlan(deps.store, deps.bucket, input.id);
  const statusUrl = `/reconcile/plans/${plan.id}`;
  checkConfirmation(plan, input.confirm);
  if (!plan.actions.length) return { planId: plan.id, status: 'NOTHING_TO_APPLY', actions: 0, statusUrl };
  // The slots' spread: every action's requests at the budget.
  assertScheduleFits(plan.actions.length, (planRequests(plan) * 1000) / requestsPerSecond(deps.env), { field: 'id', noun: 'actions', remedy: 'plan a smaller scope or raise the budget' });
  const executionName = applyExecutionName(plan.id);
  const started = await deps.stateMachines.starter().start('ReconcileApply', { planId: plan.id }, executionName);
  return { planId: plan.id, executionName, status: started.status, actions: plan.actions.length, statusUrl };
}

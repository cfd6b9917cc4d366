import * as z from 'zod';
import type { Env } from '../config';
import { assertScheduleFits, requestsPerSecond } from '../bulk/pacing';
import type { StateMachines } from '../state-machines/ports';
import type { ObjectStore } from '../storage/object-store';
import { applyExecutionName } from './apply-execution';
import { planRequests } from './apply-items';
import { DIGEST_PATTERN } from './plan-digest';
import { verifyStoredPlan } from './plan-integrity';
import { planIdField, readStoredPlan } from './plan-store';
import { checkConfirmation } from './safeguards';
import type { ReconcilePlan } from './schemas';
import { thresholdCeiling } from './threshold-ceiling';
import type { ApplyStartedView } from './answers';

/** POST /reconcile/plans/{id}/apply: the plan's id (path) and, for a plan that needs it, the confirmation (body). */
export const ApplyPlanInput = z.strictObject({
  id: planIdField,
  /**
   * The plan's number of leavers, repeated (its summary's confirmWith), or the plan's digest (`sha256:…`, as
   * the summary, GET and the CSV show it): required when the plan needs confirmation. A digest is checked
   * whether or not the plan needs confirmation, so a reviewer approves exactly the plan they read.
   */
  confirm: z.union([z.number().int().min(0), z.string().regex(DIGEST_PATTERN, 'must be the number of leavers, or the plan digest (sha256:<64 hex digits>)')]).optional(),
});
export type ApplyPlanInput = z.infer<typeof ApplyPlanInput>;

export type ApplyStarted = z.infer<typeof ApplyStartedView>;

/**
 * What the ReconcileApply machine is started with (by this route and by the plan machine's autoApply): the
 * plan and the digest it was checked at, and for a plan that needs confirmation its leaver count. The same
 * for every start of one plan, so Step Functions answers a second start as the same execution.
 */
export interface ApplyMachineInput {
  planId: string;
  digest: string;
  confirm?: number;
}

export const applyMachineInput = (plan: ReconcilePlan): ApplyMachineInput => ({
  planId: plan.id,
  digest: plan.digest ?? '',
  ...(plan.needsConfirmation ? { confirm: plan.counts.leave } : {}),
});

/**
 * Checks and starts an apply: the plan must exist (404), be confirmed if it needs it (400 naming
 * `confirm`, and the message says the number to give), be the plan that was reviewed (409
 * PlanIntegrityError: plan-integrity.ts, which the machine's first step runs again), and fit the budget
 * within a run's time; then the ReconcileApply machine starts as `reconcile-<id>` with applyMachineInput,
 * once however often it is asked. A plan without actions starts nothing: there is nothing to apply and
 * no event to publish.
 */
export async function applyPlan(
  deps: { env: Env; stateMachines: StateMachines; store: ObjectStore; bucket: string },
  input: ApplyPlanInput,
): Promise<ApplyStarted> {
  const stored = await readStoredPlan(deps.store, deps.bucket, input.id);
  const { confirm } = input;
  // First whether this is the plan that was reviewed (409); a digest given as `confirm` is the one approved.
  const plan = verifyStoredPlan(stored, { planId: input.id, digest: typeof confirm === 'string' ? confirm : undefined, ceiling: thresholdCeiling(deps.env) });
  // Then the safeguard: a count must be the leavers' (400 naming confirm); the approved digest confirms it too.
  if (typeof confirm !== 'string') checkConfirmation(plan, confirm);
  const statusUrl = `/reconcile/plans/${plan.id}`;
  if (!plan.actions.length) return { planId: plan.id, status: 'NOTHING_TO_APPLY', actions: 0, statusUrl };
  // The slots' spread: every action's requests at the budget.
  assertScheduleFits(plan.actions.length, (planRequests(plan) * 1000) / requestsPerSecond(deps.env), { field: 'id', noun: 'actions', remedy: 'plan a smaller scope or raise the budget' });
  const executionName = applyExecutionName(plan.id);
  const started = await deps.stateMachines.starter().start('ReconcileApply', applyMachineInput(plan), executionName);
  return { planId: plan.id, executionName, status: started.status, actions: plan.actions.length, statusUrl };
}

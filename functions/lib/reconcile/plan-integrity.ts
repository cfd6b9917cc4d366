import { PlanIntegrityError } from '../errors';
import { countKinds } from './build-plan';
import { ACTION_KINDS, type LeaverThresholds, type ReconcilePlan } from './schemas';
import { DIGEST_PATTERN, planDigest, serializePlan } from './plan-digest';
import type { StoredPlan } from './plan-store';
import { leaverThresholdExceeded, rosterRemovesMost } from './safeguards';
import { joinerInScope, scopeOver, userInScope } from './scope';

/**
 * Apply runs a plan only as it was reviewed. Whoever starts it (the route, the schedule's autoApply, a
 * direct StartExecution), the ReconcileApply machine's first step checks the stored plan here, and the
 * route does the same first for a clean answer: the bytes are the planner's (its canonical JSON, so any
 * other byte is a change), the digest is the content's and the one the run was started for (and the one a
 * reviewer gave as `confirm`), every action lies inside the stored scope and outside `exclude`, the counts
 * and the confirmation the thresholds imply are the plan's, the thresholds are within the deployment's
 * ceiling, and a plan that needs confirmation was confirmed. Any difference is a PlanIntegrityError (409)
 * naming the plan and what differs; nothing is applied.
 */

export interface IntegrityExpectations {
  /** The plan id the apply was asked for. */
  planId: string;
  /** The digest the run was started for, or a reviewer approved (`confirm`). */
  digest?: string;
  /**
   * The run's confirmation, checked when given: a plan that needs confirmation must carry its leaver count
   * or its digest. (The route asks for it first as the safeguard's own 400 naming `confirm`.)
   */
  confirmation?: { confirm?: number | string };
  /** The deployment's thresholds: a stored plan may not claim looser ones. */
  ceiling?: Required<LeaverThresholds>;
}

export function verifyStoredPlan(stored: StoredPlan, expect: IntegrityExpectations): ReconcilePlan {
  const { plan } = stored;
  const differs = (what: string): never => {
    throw new PlanIntegrityError(`plan ${expect.planId} (${stored.key}) is not the plan that was reviewed: ${what}; nothing was applied (plan again)`);
  };
  if (plan.id !== expect.planId) differs(`it names itself ${plan.id}`);
  if (!plan.digest || !DIGEST_PATTERN.test(plan.digest)) differs('it carries no digest');
  const content = planDigest(stored.json);
  if (content !== plan.digest) differs(`its content hashes to ${content}, not to the digest ${plan.digest} it was stored with`);
  if (stored.text !== serializePlan(stored.json)) differs('its bytes are not as the planner wrote them');
  if (expect.digest !== undefined && expect.digest !== plan.digest) differs(`its digest is ${plan.digest}, the one approved ${expect.digest}`);

  const scope = scopeOver(plan.scope, plan.scopeLocationIds);
  if (scope.locationIds === undefined && plan.scope.locations) differs('its scope locations were never resolved');
  plan.actions.forEach((a, i) => {
    const where = `actions.${i} (${a.kind} ${a.email})`;
    if (scope.exclude.has(a.email.toLowerCase())) differs(`${where} is in scope.exclude`);
    if (a.kind === 'join') {
      if (!a.after.locationId || !joinerInScope(scope, a.email, a.after.locationId)) differs(`${where} joins outside the scope`);
      return;
    }
    if (!a.seen || !a.userId || a.seen.id !== a.userId || a.seen.email.toLowerCase() !== a.email.toLowerCase()) differs(`${where} names no user the plan saw`);
    if (a.kind !== 'enableCalling' && !userInScope(scope, a.seen!)) differs(`${where} is for a user outside the scope`);
    if ((a.kind === 'move' || a.kind === 'enableCalling') && !joinerInScope(scope, a.email, a.after.locationId ?? '')) differs(`${where} lands outside scope.locations`);
    if (a.kind === 'leave' && a.leaverPolicy !== plan.policy.leaverPolicy) differs(`${where} is a ${a.leaverPolicy} under the policy ${plan.policy.leaverPolicy}`);
  });

  const counts = countKinds(plan.actions);
  if (ACTION_KINDS.some((k) => counts[k] !== plan.counts[k])) differs(`its counts ${JSON.stringify(plan.counts)} are not its actions' ${JSON.stringify(counts)}`);
  if (rosterRemovesMost(counts.leave, plan.inScope)) differs(`it removes ${counts.leave} of ${plan.inScope} in-scope users`);
  const { thresholds } = plan.policy;
  if (expect.ceiling) {
    for (const field of ['maxLeaverPercent', 'maxLeavers'] as const) {
      if (thresholds[field] > expect.ceiling[field]) differs(`thresholds.${field} ${thresholds[field]} is above the deployment's ${expect.ceiling[field]}`);
    }
  }
  const needsConfirmation = leaverThresholdExceeded(counts.leave, plan.inScope, thresholds);
  if (plan.needsConfirmation !== needsConfirmation) differs(`it says needsConfirmation ${plan.needsConfirmation}, its leavers and thresholds say ${needsConfirmation}`);
  const confirm = expect.confirmation?.confirm;
  if (expect.confirmation && needsConfirmation && confirm !== counts.leave && confirm !== plan.digest) {
    differs(`it removes ${counts.leave} users and was not confirmed with that count or its digest`);
  }
  return plan;
}

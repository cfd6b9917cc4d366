import { ValidationError } from '../errors';
import type { LeaverThresholds, ReconcilePlan } from './schemas';

/**
 * Directory Connector's delete threshold and Okta's deactivation safeguards, for the roster: a plan that
 * removes more users than a threshold waits for a person to confirm it by repeating the count. (A roster
 * that removes most of the in-scope users is refused outright: rosterRemovesMost.)
 */

/**
 * What the refusal protects is the organisation against a roster that is not the roster (a truncated or
 * wrong file, a wrong scope): one that keeps fewer of the in-scope users than it removes. Keeping a few
 * users does not make such a file right, so it is the share that counts, not "every one". No confirmation
 * lifts it: a genuine departure of most of a scope is a lifecycle job, not a roster's.
 */
export function rosterRemovesMost(leavers: number, inScope: number): boolean {
  return leavers > 0 && leavers * 2 > inScope;
}

/** More leavers than `maxLeaverPercent` of the in-scope users, or than `maxLeavers`: whichever is reached first. */
export function leaverThresholdExceeded(leavers: number, inScope: number, thresholds: Required<LeaverThresholds>): boolean {
  return leavers > thresholds.maxLeavers || leavers * 100 > thresholds.maxLeaverPercent * inScope;
}

/**
 * May this plan be applied with this `confirm`? A plan that needs confirmation takes only the number of its
 * leavers (as a number or its digits); anything else is a 400 naming `confirm`. A plan that needs none
 * takes any or no value.
 */
export function checkConfirmation(plan: Pick<ReconcilePlan, 'needsConfirmation' | 'counts'>, confirm: unknown): void {
  if (!plan.needsConfirmation) return;
  const leavers = plan.counts.leave;
  const given = typeof confirm === 'number' ? confirm : typeof confirm === 'string' && /^\d+$/.test(confirm.trim()) ? Number(confirm.trim()) : undefined;
  if (given === leavers) return;
  throw new ValidationError([{
    field: 'confirm',
    message: `this plan removes ${leavers} users, more than the leaver threshold: give confirm: ${leavers} to apply it`,
  }]);
}

import type { Person } from '../webex/schemas';
import { seenUser } from './org-snapshot';
import type { ActionKind, PlanAction, SeenUser } from './schemas';

/**
 * The fields each kind of action depends on. An action compares only these, so the earlier actions of
 * the same plan on the same user (a move before its profile update) do not make the later ones stale.
 */
const DEPENDS_ON: Record<Exclude<ActionKind, 'join'>, readonly (keyof SeenUser)[]> = {
  enableCalling: ['id', 'email', 'loginEnabled', 'locationId'],
  move: ['id', 'email', 'loginEnabled', 'locationId'],
  updateProfile: ['id', 'email', 'loginEnabled', 'firstName', 'lastName', 'displayName', 'department', 'title'],
  // A user someone touched since the plan is not removed on its word.
  leave: ['id', 'email', 'loginEnabled', 'firstName', 'lastName', 'displayName', 'department', 'title', 'locationId', 'phoneNumber', 'extension'],
};

/**
 * Does Webex no longer match what the plan saw, so that apply must skip the action (`changedSincePlan`)?
 * `current` is the user as Webex has it now (read with callingData), undefined when it is gone; for a
 * join, the person with its e-mail if there is one now.
 */
export function changedSincePlan(action: PlanAction, current: Person | undefined): boolean {
  if (action.kind === 'join' || !action.seen) return current !== undefined;
  if (!current) return true;
  const now = seenUser(current);
  const seen = action.seen;
  return DEPENDS_ON[action.kind].some((field) => now[field] !== seen[field]);
}

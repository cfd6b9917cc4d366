import { freeNumberAdvice } from '../workflows/numbers/no-free-number';
import type { OrgSnapshot } from './org-snapshot';
import type { PlanAction, SkippedDifference } from './schemas';

/**
 * The plan picks each number an action would otherwise take as "the location's first free number", so that
 * apply passes it explicitly and actions into one location can run at once: two of them left to pick at
 * apply time would pick the same number and one would fail. The rule is the workflows' own
 * (firstAssignablePrimaryNumber; assignableNumber in org-snapshot.ts), read from the numbers list the plan
 * already reads, in Webex's order; each number is picked once, and never one the plan gives someone else.
 */

/** What an action needs from its location's pool. */
export type NumberNeed =
  /** It takes a number for sure: the plan's pick goes in `after.phoneNumber`. */
  | 'number'
  /**
   * A move of a user who has a number and is given none: Webex moves their number with them, unless it cannot
   * travel (a Local Gateway number to another gateway, a non-integrated CCP number, another PSTN type, provider
   * or country: the move-users errors), when the Mover lands on a free one. The plan cannot tell which without
   * reading each location's PSTN connection (more requests than the plan's minimum), so it sets one aside
   * where one is free: `fallbackPhoneNumber`, used only then. Where none is (Calling Plan and integrated CCP
   * locations get their numbers by order and seldom keep a spare), the move is planned all the same: the
   * Mover takes the first number free at apply should theirs not travel, or reports that there is none.
   */
  | 'fallback';

export function numberNeed(action: PlanAction): NumberNeed | undefined {
  const { locationId, phoneNumber, extension } = action.after;
  if (!locationId || phoneNumber || action.fallbackPhoneNumber) return undefined;
  switch (action.kind) {
    case 'join': {
      const row = action.roster ?? {};
      // The Joiner's rule (joinerDetailWithDefaults): no number and no extension, or autoAssignNumber with an extension.
      return row.phoneNumber || (row.extension && row.autoAssignNumber !== true) ? undefined : 'number';
    }
    case 'enableCalling':
      return extension ? undefined : 'number';
    case 'move':
      return action.seen?.phoneNumber ? 'fallback' : 'number';
    default:
      return undefined;
  }
}

const BY_PLAN = 'number chosen by the plan: the first free one in the location not given to an earlier action';

/**
 * Gives each action that needs a number from its pool a distinct free one, in the actions' order (sure needs
 * first, then the moves' fallbacks); an action whose location has none left is taken out of the plan and
 * listed in `skipped`. Pure and deterministic: the same actions and numbers give the same picks.
 */
export function pickNumbers(
  actions: readonly PlanAction[],
  numbers: OrgSnapshot['numbers'],
  locationName: (id: string | undefined) => string,
): { actions: PlanAction[]; skipped: SkippedDifference[] } {
  const needs = actions.map(numberNeed);
  // Not read (createReconcilePlan reads them whenever an action may need one: rosterNeedsNumbers): nothing to
  // pick from, and such actions take the first free number at apply, one after the other (numberPool).
  if (!numbers || !needs.some(Boolean)) return { actions: [...actions], skipped: [] };
  // Numbers the plan already gives (the roster's), so never picked for another action.
  const given = new Set(actions.flatMap((a) => [a.after.phoneNumber, a.roster?.phoneNumber].filter((n): n is string => typeof n === 'string')));
  const free = new Map<string, string[]>();
  for (const [phoneNumber, n] of numbers) {
    if (!n.assignable || !n.locationId || given.has(phoneNumber)) continue;
    const pool = free.get(n.locationId) ?? [];
    pool.push(phoneNumber);
    free.set(n.locationId, pool);
  }
  const next = (locationId: string) => free.get(locationId)?.shift();

  const result: (PlanAction | undefined)[] = [...actions];
  const skipped: SkippedDifference[] = [];
  for (const pass of ['number', 'fallback'] as const) {
    actions.forEach((action, i) => {
      if (needs[i] !== pass) return;
      const locationId = action.after.locationId as string;
      const phoneNumber = next(locationId);
      if (!phoneNumber && pass === 'fallback') {
        result[i] = { ...action, reason: `${action.reason}; no free number in ${locationName(locationId)} to set aside: should Webex not move their number with them, the move takes the first one free at apply, or fails saying there is none` };
        return;
      }
      if (!phoneNumber) {
        result[i] = undefined;
        skipped.push({
          kind: action.kind, ...(action.where ? { where: action.where } : {}), email: action.email, ...(action.userId ? { userId: action.userId } : {}),
          reason: `no free number left in ${locationName(locationId)} for this ${action.kind} (it needs a number): give one in the roster, or ${freeNumberAdvice(undefined)}`,
        });
        return;
      }
      result[i] = pass === 'number' ? withNumber(action, phoneNumber) : { ...action, fallbackPhoneNumber: phoneNumber, reason: `${action.reason}; ${phoneNumber} set aside should their number not move with them (${BY_PLAN})` };
    });
  }
  return { actions: result.filter((a): a is PlanAction => a !== undefined), skipped };
}

function withNumber(action: PlanAction, phoneNumber: string): PlanAction {
  const reason = `${action.reason}; ${phoneNumber}: ${BY_PLAN}`;
  if (action.kind !== 'join') return { ...action, after: { ...action.after, phoneNumber }, reason };
  // The Joiner takes the row: the number named, and autoAssignNumber (which cannot go with one) dropped.
  const { autoAssignNumber: _auto, ...row } = action.roster ?? {};
  return { ...action, after: { ...action.after, phoneNumber }, roster: { ...row, phoneNumber }, reason };
}

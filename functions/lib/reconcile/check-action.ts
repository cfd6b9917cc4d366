import type { WebexClient } from '../webex/client';
import { findPersonIdByEmail, getPerson } from '../webex/people-api';
import type { Person } from '../webex/schemas';
import { changedSincePlan } from './changed-since-plan';
import type { PlanAction } from './schemas';

/**
 * CheckAction, before each action: the user as Webex has it now, compared with what the plan saw. One
 * request: a join looks the e-mail up (a person with it now means someone else created it: skipped), any
 * other action reads the plan's user by id with calling data (gone, or changed in a field the action
 * depends on: skipped).
 */
export async function checkAction(client: WebexClient, action: PlanAction): Promise<{ changed: boolean }> {
  let current: Person | undefined;
  if (action.kind === 'join' || !action.userId) {
    const id = await findPersonIdByEmail(client, action.email);
    // The look-up's answer is enough: any person with the e-mail makes the join stale, whatever its fields.
    current = id ? ({ id, emails: [action.email] } as Person) : undefined;
  } else {
    current = await getPerson(client, action.userId);
  }
  return { changed: changedSincePlan(action, current) };
}

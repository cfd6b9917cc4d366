import type { PlanAction, ReconcilePlan, SeenUser } from '../../../functions/lib/reconcile/schemas';
import type { OrgSnapshot } from '../../../functions/lib/reconcile/org-snapshot';
import type { RosterEntry } from '../../../functions/lib/reconcile/roster';
import type { UserJoinedDetail } from '../../../functions/lib/schemas/lifecycle-events';

/** A small organisation and roster for the planner's unit tests, and apply modelled on the snapshot. */

export const LOCATIONS = [
  { id: 'LOC1', name: 'One' },
  { id: 'LOC2', name: 'Two' },
  { id: 'LOC3', name: 'Three' },
];

export const user = (email: string, fields: Partial<SeenUser> = {}): SeenUser => ({
  id: `id-${email}`,
  email,
  loginEnabled: true,
  displayName: email.split('@')[0],
  ...fields,
});

export const row = (detail: Partial<UserJoinedDetail> & { email: string }, where = 'users.0'): RosterEntry => ({
  where,
  detail: { location: 'One', displayName: detail.email.split('@')[0], ...detail } as UserJoinedDetail,
});

/** Rows named users.<i> in order. */
export const roster = (...details: (Partial<UserJoinedDetail> & { email: string })[]): RosterEntry[] =>
  details.map((d, i) => row(d, `users.${i}`));

/**
 * `n` in-scope users the roster keeps unchanged, as Webex users and roster rows (after `after` rows): for a
 * fixture whose partial roster would otherwise remove more in-scope users than it keeps (always refused).
 */
export function stayers(n: number, after = 0): { users: SeenUser[]; rows: RosterEntry[] } {
  const emails = Array.from({ length: n }, (_, i) => `stay${i}@example.com`);
  return { users: emails.map((e) => user(e, { locationId: 'LOC1' })), rows: emails.map((email, i) => row({ email }, `users.${after + i}`)) };
}

export const org = (users: SeenUser[], numbers?: OrgSnapshot['numbers']): OrgSnapshot => ({ users, locations: LOCATIONS, numbers });

/** What Webex looks like once every action of the plan is applied as planned. */
export function applyPlan(snapshot: OrgSnapshot, plan: ReconcilePlan): OrgSnapshot {
  const users = new Map(snapshot.users.map((u) => [u.id, { ...u }]));
  for (const a of plan.actions) applyAction(users, a);
  return { ...snapshot, users: [...users.values()] };
}

function applyAction(users: Map<string, SeenUser>, a: PlanAction): void {
  if (a.kind === 'join') {
    const id = `new-${a.email}`;
    users.set(id, { id, email: a.email, loginEnabled: true, ...a.after });
    return;
  }
  const u = users.get(a.userId as string);
  if (!u) throw new Error(`no user ${a.userId}`);
  if (a.kind === 'leave') {
    if (a.leaverPolicy === 'delete') users.delete(u.id);
    else {
      // The Leaver frees the numbers and the calling license, then disables sign-in (removeCalling keeps it on).
      if (a.leaverPolicy !== 'removeCalling') u.loginEnabled = false;
      delete u.locationId;
      delete u.phoneNumber;
      delete u.extension;
    }
    return;
  }
  Object.assign(u, a.after);
}

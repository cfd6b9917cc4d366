import { ValidationError, type FieldIssue } from '../errors';
import { joinerDetailWithDefaults } from '../lifecycle/router';
import type { LeaverPolicy } from '../schemas/lifecycle-events';
import type { OrgSnapshot } from './org-snapshot';
import type { RosterEntry } from './roster';
import { joinerInScope, matchLocation, resolveScope, userInScope } from './scope';
import { pickNumbers } from './number-picks';
import { leaverThresholdExceeded, rosterRemovesMost } from './safeguards';
import {
  ACTION_KINDS, type ActionCounts, type LeaverThresholds, type PlanAction, type ReconcilePlan, type ReconcileScope, type SeenUser,
  type SkippedDifference, type UserFields,
} from './schemas';

/**
 * The diff of a roster against the organisation, as a plan: pure (the snapshot was read before), so the
 * same inputs always give the same actions in the same order.
 */

export interface PlanPolicy {
  leaverPolicy: LeaverPolicy;
  allowMoves: boolean;
  thresholds: Required<LeaverThresholds>;
}

export interface BuildPlanInput {
  id: string;
  createdAt: string;
  roster: RosterEntry[];
  /** The input field the roster came in (`users` or `key`): what a refusal of the whole roster names. */
  rosterField: string;
  org: OrgSnapshot;
  scope: ReconcileScope;
  policy: PlanPolicy;
}

const PROFILE_FIELDS = ['firstName', 'lastName', 'displayName', 'department', 'title'] as const;
const KIND_ORDER = new Map(ACTION_KINDS.map((k, i) => [k, i]));

/** Each roster row's calling location as an id, or a ValidationError naming `<where>.location` for every unknown one. */
export function rosterLocationIds(roster: readonly RosterEntry[], org: Pick<OrgSnapshot, 'locations'>): string[] {
  const issues: FieldIssue[] = [];
  const ids = roster.map((entry) => {
    const found = matchLocation(org.locations, entry.detail.location);
    if ('message' in found) issues.push({ field: `${entry.where}.location`, message: found.message });
    return 'id' in found ? found.id : '';
  });
  if (issues.length) throw new ValidationError(issues);
  return ids;
}

/** Users by their (lower-cased, primary) e-mail: the first one wins, as Webex keeps e-mails unique. */
function byEmail(users: readonly SeenUser[]): Map<string, SeenUser> {
  const index = new Map<string, SeenUser>();
  for (const u of users) if (!index.has(u.email)) index.set(u.email, u);
  return index;
}

/**
 * Does the plan have to read the numbers list? For a join or a calling enablement (to check the number the
 * roster names, or to pick one: number-picks.ts), and for a move to another location (to pick the number it
 * may land on); not for a roster of profile changes and leavers. `targets` are the rows' location ids
 * (rosterLocationIds).
 */
export function rosterNeedsNumbers(roster: readonly RosterEntry[], users: readonly SeenUser[], targets: readonly string[]): boolean {
  const index = byEmail(users);
  return roster.some((e, i) => {
    const user = index.get(e.detail.email.toLowerCase());
    if (!user?.locationId) return Boolean(e.detail.phoneNumber || !e.detail.extension || e.detail.autoAssignNumber);
    return user.locationId !== targets[i];
  });
}

/** Why the roster's number cannot be given to this user in this location, if it cannot. */
function numberProblem(org: OrgSnapshot, phoneNumber: string | undefined, locationId: string, userId?: string): string | undefined {
  if (!phoneNumber || !org.numbers) return undefined;
  const held = org.numbers.get(phoneNumber);
  if (!held) return `${phoneNumber} is not a number of the organisation (add it to the location first)`;
  if (held.locationId && held.locationId !== locationId) return `${phoneNumber} belongs to another location`;
  if (held.ownerId && held.ownerId !== userId) return `${phoneNumber} is assigned to someone else`;
  return undefined;
}

/** The calling the roster asks for: the location, and the number and extension when it gives them. */
const callingOf = (row: UserFields, locationId: string): UserFields => defined({ locationId, phoneNumber: row.phoneNumber, extension: row.extension });

const profileOf = (fields: UserFields): UserFields => Object.fromEntries(PROFILE_FIELDS.filter((f) => fields[f] !== undefined).map((f) => [f, fields[f]]));

export function buildPlan(input: BuildPlanInput): ReconcilePlan {
  const { org, policy, roster } = input;
  const scope = resolveScope(input.scope, org.locations);
  const targets = rosterLocationIds(roster, org);
  const locationName = new Map(org.locations.map((l) => [l.id, l.name]));
  const name = (id: string | undefined) => (id ? (locationName.get(id) ?? id) : 'none');
  const index = byEmail(org.users);
  const actions: PlanAction[] = [];
  const skipped: SkippedDifference[] = [];
  const inRoster = new Set<string>();
  let unchanged = 0;
  let rosterOutOfScope = 0;

  roster.forEach((entry, i) => {
    const row = entry.detail;
    const target = targets[i];
    const user = index.get(row.email.toLowerCase());
    if (user) inRoster.add(user.id);
    if (!user) {
      if (!joinerInScope(scope, row.email, target)) {
        rosterOutOfScope++;
        return;
      }
      const problem = numberProblem(org, row.phoneNumber, target);
      if (problem) {
        skipped.push({ kind: 'join', where: entry.where, email: row.email.toLowerCase(), reason: problem });
        return;
      }
      const after: UserFields = { ...profileOf(row), ...callingOf(row, target) };
      actions.push({
        kind: 'join', where: entry.where, email: row.email.toLowerCase(), before: {}, after, seen: null, roster: joinerDetailWithDefaults(row),
        reason: `in the roster (${entry.where}), not in Webex: create in ${name(target)}`,
      });
      return;
    }
    if (!userInScope(scope, user)) {
      rosterOutOfScope++;
      return;
    }
    const base = { where: entry.where, email: user.email, userId: user.id, seen: user };
    if (!user.loginEnabled) {
      skipped.push({ kind: 'join', where: entry.where, email: user.email, userId: user.id, reason: 'deactivated in Webex: reactivate the user by hand' });
      return;
    }
    let differs = false;
    if (!user.locationId) {
      differs = true;
      const problem = numberProblem(org, row.phoneNumber, target, user.id);
      if (problem) skipped.push({ kind: 'enableCalling', where: entry.where, email: user.email, userId: user.id, reason: problem });
      else {
        actions.push({ ...base, kind: 'enableCalling', before: {}, after: callingOf(row, target), reason: `in Webex without calling; the roster (${entry.where}) puts them in ${name(target)}` });
      }
    } else if (user.locationId !== target) {
      differs = true;
      const reason = `calling location is ${name(user.locationId)}; the roster (${entry.where}) says ${name(target)}`;
      if (!policy.allowMoves) skipped.push({ kind: 'move', where: entry.where, email: user.email, userId: user.id, reason: `${reason} (allowMoves is false)` });
      else if (scope.locationIds && !scope.locationIds.has(target)) {
        // A move is kept inside the scope as a join is: the roster governs these locations only.
        skipped.push({ kind: 'move', where: entry.where, email: user.email, userId: user.id, reason: `${reason}, outside scope.locations: not moved` });
      } else {
        const before: UserFields = { locationId: user.locationId, phoneNumber: user.phoneNumber, extension: user.extension };
        actions.push({ ...base, kind: 'move', before: defined(before), after: callingOf(row, target), reason });
      }
    }
    // A field the roster leaves empty is not the roster's to clear.
    const changed = PROFILE_FIELDS.filter((f) => row[f] !== undefined && row[f] !== user[f]);
    if (changed.length) {
      differs = true;
      actions.push({
        ...base,
        kind: 'updateProfile',
        before: defined(Object.fromEntries(changed.map((f) => [f, user[f]]))),
        after: Object.fromEntries(changed.map((f) => [f, row[f]])),
        reason: `${changed.join(', ')} differ from the roster (${entry.where})`,
      });
    }
    if (!differs) unchanged++;
  });

  let inScope = 0;
  for (const user of org.users) {
    // Deactivated users have left already: neither counted nor removed again.
    if (!user.loginEnabled || !userInScope(scope, user)) continue;
    // So has, under removeCalling (which keeps the user active), one without calling that the roster no longer lists.
    if (policy.leaverPolicy === 'removeCalling' && !user.locationId && !inRoster.has(user.id)) continue;
    inScope++;
    if (inRoster.has(user.id)) continue;
    actions.push({
      kind: 'leave', email: user.email, userId: user.id, seen: user, leaverPolicy: policy.leaverPolicy,
      before: defined({ ...profileOf(user), locationId: user.locationId, phoneNumber: user.phoneNumber, extension: user.extension }),
      after: {},
      reason: `in scope, not in the roster: ${policy.leaverPolicy}`,
    });
  }

  const leavers = actions.filter((a) => a.kind === 'leave').length;
  if (rosterRemovesMost(leavers, inScope)) {
    throw new ValidationError([{
      field: input.rosterField,
      message: leavers === inScope
        ? `the roster would remove every one of the ${inScope} in-scope users: refused (check the file and the scope)`
        : `the roster would remove ${leavers} of the ${inScope} in-scope users, more than it keeps: refused (check the file and the scope)`,
    }]);
  }
  const order = (a: { kind: PlanAction['kind']; email: string; userId?: string }, b: typeof a) =>
    KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || cmp(a.email, b.email) || cmp(a.userId ?? '', b.userId ?? '');
  // Numbers are picked in the plan's order, so the same inputs give the same picks.
  const picked = pickNumbers(actions.sort(order), org.numbers, name);
  skipped.push(...picked.skipped);
  return {
    id: input.id,
    createdAt: input.createdAt,
    scope: input.scope,
    ...(scope.locationIds ? { scopeLocationIds: [...scope.locationIds].sort() } : {}),
    policy,
    inScope,
    unchanged,
    rosterOutOfScope,
    counts: countKinds(picked.actions),
    needsConfirmation: leaverThresholdExceeded(leavers, inScope, policy.thresholds),
    actions: picked.actions,
    skipped: skipped.sort(order),
    locationNames: namesOfLocations(picked.actions, locationName),
  };
}

/** The names of the locations the actions name (before or after), so a report need not show ids. */
function namesOfLocations(actions: readonly PlanAction[], names: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of actions) {
    for (const id of [a.before.locationId, a.after.locationId]) {
      const name = id === undefined ? undefined : names.get(id);
      if (id !== undefined && name !== undefined) out[id] = name;
    }
  }
  return out;
}

export function countKinds(actions: readonly PlanAction[]): ActionCounts {
  const counts: ActionCounts = { join: 0, enableCalling: 0, move: 0, updateProfile: 0, leave: 0 };
  for (const a of actions) counts[a.kind]++;
  return counts;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function defined(fields: UserFields): UserFields {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

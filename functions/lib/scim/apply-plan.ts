// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { LIFECYCLE_DETAIL_TYPES, type LeaverPolicy } from '../schemas/lifecycle-events';
import { executionName } from '../state-machines/execution-name';
import { callingTarget, type CallingRule } from './calling-rules';
import { SCIM_URN, type ScimUserState } from './schema';
import type { ScimItem } from './store';

/** The `source` of the lifecycle runs the SCIM apply starts: their activity records say `trigger: scim`. */
export const SCIM_SOURCE = 'webex-provisioning.scim';

/**
 * What Webex should hold for a SCIM user: the target the apply moves Webex to, and what it remembers as applied
 * (`appliedState`), so the next write is compared with what Webex got rather than with each intermediate write.
 */
export const WebexTarget = z.object({
  email: z.string(),
  present: z.boolean(),
  active: z.boolean(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  displayName: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
  location: z.string().optional(),
  phoneNumber: z.string().optional(),
  extension: z.string().optional(),
  license: z.string().optional(),
  autoAssignNumber: z.boolean().optional(),
});
export type WebexTarget = z.infer<typeof WebexTarget>;

/** The target a user's requested state describes, with the calling rules for what it does not say itself. */
export function targetOf(item: Pick<ScimItem, 'state' | 'deleted'>, rules: readonly CallingRule[], groups: readonly string[]): WebexTarget {
  const s = item.state as ScimUserState;
  const enterprise = s[SCIM_URN.enterprise];
  const calling = callingTarget(s, rules, groups);
  return {
    email: s.userName.toLowerCase(),
    present: !item.deleted,
    active: !item.deleted && s.active !== false,
    ...(s.name?.givenName ? { firstName: s.name.givenName } : {}),
    ...(s.name?.familyName ? { lastName: s.name.familyName } : {}),
    ...(s.displayName ? { displayName: s.displayName } : {}),
    ...(enterprise?.department ? { department: enterprise.department } : {}),
    ...(s.title ? { title: s.title } : {}),
    ...calling,
  };
}

export type ApplyAction =
  | { action: 'done' }
  | { action: 'joiner' | 'mover' | 'leaver'; stateMachine: 'Joiner' | 'Mover' | 'Leaver'; executionName: string; input: { origin: { eventId: string; source: string; detailType: string }; detail: Record<string, unknown> }; target: WebexTarget }
  | { action: 'createUser'; detail: { email: string; firstName?: string; lastName?: string; displayName?: string; department?: string; title?: string }; target: WebexTarget };

const PROFILE_FIELDS = ['firstName', 'lastName', 'displayName', 'department', 'title'] as const;
const CALLING_FIELDS = ['location', 'phoneNumber', 'extension', 'license'] as const;

/**
 * The one action that brings Webex from what was applied (`applied`, undefined before the first) to `target`, by the
 * machines that exist: a new or returning user is the Joiner (it creates or adopts the Webex user, then enables
 * calling) or, with no calling location, the create-user workflow alone; a changed location, number or extension is
 * the Mover, as is a changed name, title or department (its profile update); `active: false` is the Leaver under the
 * deployment's `scimDeactivatePolicy`, a DELETE the Leaver with `delete` (the directory removed the person for good:
 * Entra ID sends DELETE only when a user is deleted or hard-deleted, after a soft delete's PATCH active false).
 * The apply records `target` once the action succeeded and asks again: one action at a time, always from the latest
 * requested state, so writes made while one runs are applied together and never one by one.
 */
export function nextAction(item: ScimItem, target: WebexTarget, applied: WebexTarget | undefined, policy: LeaverPolicy, step: number): ApplyAction {
  const name = (prefix: string): string => executionName(`scim-${prefix}-`, `${item.id}-${item.version}-${step}`, '-calling'.length);
  // The lifecycle runs record what they did with this origin: `trigger: { type: 'scim', client }` (activity/trigger.ts).
  const origin = (detailType: string) => ({ eventId: item.client ?? 'scim', source: SCIM_SOURCE, detailType });
  const keepProfile = (t: WebexTarget): WebexTarget => ({ ...t, ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f, applied?.[f]])) });
  if (!target.active) {
    // Nothing to leave when nothing reached Webex; a deactivated user deleted later is deleted.
    if (!applied?.present) return { action: 'done' };
    if (target.present && !applied.active) return { action: 'done' };
    const runName = name('leave');
    return {
      action: 'leaver', stateMachine: 'Leaver', executionName: runName, target,
      input: { origin: origin(LIFECYCLE_DETAIL_TYPES.left), detail: { email: target.email, policy: target.present ? policy : 'delete', policySource: 'event' } },
    };
  }
  const profile = Object.fromEntries(PROFILE_FIELDS.filter((f) => target[f] !== undefined).map((f) => [f, target[f]]));
  const returning = applied?.present === true && !applied.active;
  const gainsCalling = applied?.present === true && applied.active && applied.location === undefined && target.location !== undefined;
  if (!applied?.present || returning || gainsCalling) {
    if (!target.location) return { action: 'createUser', target, detail: { email: target.email, ...profile } };
    const runName = name('join');
    const detail = {
      email: target.email, ...profile, location: target.location,
      ...(target.phoneNumber ? { phoneNumber: target.phoneNumber } : {}),
      ...(target.extension ? { extension: target.extension } : {}),
      ...(target.license ? { license: target.license } : {}),
      ...(!target.phoneNumber && (target.autoAssignNumber ?? !target.extension) ? { autoAssignNumber: true } : {}),
      ...(!target.firstName && !target.lastName && !target.displayName ? { displayName: target.email } : {}),
    };
    // The Joiner adopts a user Webex already has without changing its profile: a changed profile follows as a move.
    const recorded = applied?.present ? keepProfile(target) : target;
    return { action: 'joiner', stateMachine: 'Joiner', executionName: runName, target: recorded, input: { origin: origin(LIFECYCLE_DETAIL_TYPES.joined), detail } };
  }
  const profileChanges: Record<string, string | null> = Object.fromEntries(PROFILE_FIELDS.filter((f) => target[f] !== applied[f]).map((f) => [f, target[f] ?? null]));
  // Webex requires a name: a write that drops one name keeps Webex's rather than clearing it.
  for (const f of ['firstName', 'lastName', 'displayName'] as const) if (profileChanges[f] === null) delete profileChanges[f];
  const callingChanged = target.location !== undefined && CALLING_FIELDS.some((f) => target[f] !== applied[f]);
  if (!Object.keys(profileChanges).length && !callingChanged) return { action: 'done' };
  const runName = name('move');
  const detail = {
    email: target.email,
    ...(Object.keys(profileChanges).length ? { profile: profileChanges } : {}),
    ...(callingChanged ? { location: target.location, ...(target.phoneNumber ? { phoneNumber: target.phoneNumber } : {}), ...(target.extension ? { extension: target.extension } : {}) } : {}),
  };
  return { action: 'mover', stateMachine: 'Mover', executionName: runName, target, input: { origin: origin(LIFECYCLE_DETAIL_TYPES.moved), detail } };
}

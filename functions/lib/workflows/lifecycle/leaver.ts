import * as z from 'zod';
import { UserLeftDetail } from '../../schemas/lifecycle-events';
import type { WebexClient } from '../../webex/client';
import { findPersonIdByEmail, getPerson, replacePerson, toPersonUpdate } from '../../webex/people-api';
import { listLicenses } from '../../webex/reference-data';
import { changeAlternateNumbers, getPersonNumbers, patchUserLicenses } from '../../webex/telephony-api';
import { ValidationError } from '../../errors';
import { ChangeNotAppliedError } from '../calling/errors';
import { deleteFoundUser } from '../users/delete-user';
import { lifecycleState, outcomeDetail } from './state';

/**
 * The leaver (statemachines/leaver.asl.json): find the user, return the alternate numbers, remove the
 * calling license, then per the event's policy delete the user, deactivate it (Webex deletes users
 * deactivated for 30 days: help.webex.com article v5wksr) or keep it active without calling (removeCalling).
 */

export const LeaverUser = z.object({
  found: z.boolean(),
  id: z.string().optional(),
  email: z.string(),
  callingEnabled: z.boolean().optional(),
  licenses: z.array(z.string()).optional(),
  locationId: z.string().optional(),
  primaryNumber: z.string().optional(),
  extension: z.string().optional(),
  alternates: z.array(z.string()).optional(),
});
export type LeaverUser = z.infer<typeof LeaverUser>;
export const LeaverAlternates = z.object({ removed: z.array(z.string()), detail: z.string() });
export const LeaverLicense = z.object({ removed: z.array(z.object({ id: z.string(), name: z.string().optional() })), detail: z.string() });
/** `kept`: removeCalling left the user active (or as it was), without calling. */
export const LeaverRemoval = z.object({ action: z.enum(['deleted', 'deactivated', 'kept', 'unchanged', 'gone']), detail: z.string() });

/** The detail as the leaver runs it: the event's, with the policy the router settled and whether the event named it. */
export const LeaverDetail = UserLeftDetail.extend({ policySource: z.enum(['event', 'default']).optional() });

const leaverParts = { user: LeaverUser.optional(), alternates: LeaverAlternates.optional(), license: LeaverLicense.optional(), removal: LeaverRemoval.optional() };
export const LeaverState = lifecycleState(LeaverDetail, leaverParts);
export type LeaverState = z.infer<typeof LeaverState>;
/** The leaver's state as BuildOutcome reads it (outcomeDetail). */
export const LeaverOutcomeState = lifecycleState(outcomeDetail(LeaverDetail), leaverParts);
export type LeaverOutcomeState = z.infer<typeof LeaverOutcomeState>;

/**
 * Licenses that make a user a Webex Calling user: the Webex Calling ones, and Customer Experience -
 * Essential, which carries calling too (wxc_sdk/licenses/__init__.py: webex_calling and cx_essentials).
 */
const isCallingLicenseName = (name: string | undefined) => /webex calling|customer experience - essential/i.test(name ?? '');

/** The leaver as Webex has it now, or `found: false` (already gone: the flow ends successfully). */
export async function leaverFindUser(client: WebexClient, state: LeaverState): Promise<LeaverUser> {
  const email = state.detail.email;
  const id = await findPersonIdByEmail(client, email);
  const person = id ? await getPerson(client, id) : undefined;
  if (!person) return { found: false, email };
  const numbers = person.locationId ? await getPersonNumbers(client, person.id) : undefined;
  const primary = numbers?.phoneNumbers.find((n) => n.primary);
  return {
    found: true,
    id: person.id,
    email,
    callingEnabled: Boolean(person.locationId),
    licenses: person.licenses ?? [],
    locationId: person.locationId,
    primaryNumber: primary?.directNumber,
    extension: primary?.extension ?? person.extension,
    alternates: (numbers?.phoneNumbers ?? []).filter((n) => !n.primary && n.directNumber).map((n) => n.directNumber as string),
  };
}

/** The user leaverFindUser found: the steps after it run only when it found one (IsUserThere). */
function userOf({ user }: LeaverState) {
  if (!user?.found || !user.id) throw new ValidationError([{ field: 'state.user', message: 'the steps after FindUser need the user it found' }]);
  return { ...user, id: user.id, alternates: user.alternates ?? [], licenses: user.licenses ?? [] };
}

/**
 * Every alternate number back to the location's pool, in one PUT; numbers no longer held are skipped.
 * Alternates the user had when found and holds no more were returned by an earlier attempt of this step
 * (Webex applied its PUT, then answered with an error): they are reported, not lost from the outcome.
 */
export async function leaverUnassignAlternates(client: WebexClient, state: LeaverState): Promise<z.infer<typeof LeaverAlternates>> {
  const user = userOf(state);
  const numbers = await getPersonNumbers(client, user.id);
  const held = (numbers?.phoneNumbers ?? []).filter((n) => !n.primary && n.directNumber).map((n) => n.directNumber as string);
  if (held.length) await changeAlternateNumbers(client, user.id, held.map((directNumber) => ({ action: 'DELETE', directNumber })));
  const removed = [...user.alternates.filter((n) => !held.includes(n)), ...held];
  if (!removed.length) return { removed: [], detail: 'no alternate numbers' };
  return { removed, detail: `returned ${removed.join(', ')} to the location's pool` };
}

/**
 * Removes the Webex Calling license (Webex frees the primary number and the extension with it). A
 * calling license the user had when found and has no more was removed by an earlier attempt of this
 * step (applied, then an error): reported as removed.
 */
export async function leaverRemoveCallingLicense(client: WebexClient, state: LeaverState): Promise<z.infer<typeof LeaverLicense>> {
  const user = userOf(state);
  const person = await getPerson(client, user.id);
  if (!person) return { removed: [], detail: 'the user is gone' };
  const names = new Map((await listLicenses(client)).map((l) => [l.id, l.name]));
  const calling = (person.licenses ?? []).filter((id) => isCallingLicenseName(names.get(id)));
  const removal = (ids: string[], freed: (string | undefined)[]) => {
    const what = freed.filter(Boolean);
    return {
      removed: ids.map((id) => ({ id, name: names.get(id) })),
      detail: `removed ${ids.map((id) => names.get(id)).join(', ')}${what.length ? `; freed ${what.join(', ')}` : ''}`,
    };
  };
  if (!calling.length) {
    const gone = user.licenses.filter((id) => isCallingLicenseName(names.get(id)));
    if (!gone.length) return { removed: [], detail: 'no Webex Calling license' };
    return removal(gone, [user.primaryNumber, user.extension && `extension ${user.extension}`]);
  }
  await patchUserLicenses(client, person.id, calling.map((id) => ({ id, operation: 'remove' })));
  // Webex's answer is not the proof: read the user back (a 2xx may leave the license in place).
  const after = await getPerson(client, person.id);
  const still = (after?.licenses ?? []).filter((id) => isCallingLicenseName(names.get(id)));
  if (after && still.length) {
    const kept = [after.phoneNumbers?.find((n) => n.type === 'work')?.value, after.extension && `extension ${after.extension}`].filter(Boolean);
    throw new ChangeNotAppliedError(
      `Webex accepted removing the calling license but still shows ${still.map((id) => names.get(id) ?? id).join(', ')} assigned` +
        `${kept.length ? ` (${kept.join(', ')} still in place)` : ''}; ` +
        `removed: ${calling.filter((id) => !still.includes(id)).map((id) => names.get(id) ?? id).join(', ') || 'none'}`,
    );
  }
  return removal(calling, [person.phoneNumbers?.find((n) => n.type === 'work')?.value, person.extension && `extension ${person.extension}`]);
}

export async function leaverDeleteUser(client: WebexClient, state: LeaverState): Promise<z.infer<typeof LeaverRemoval>> {
  const user = userOf(state);
  // The Find step read the user: its id is enough, and the DELETE is the only request.
  await deleteFoundUser(client, user.id).catch((error: unknown) => {
    // Gone between the steps (or an earlier attempt was applied): what we wanted.
    if ((error as Error).name !== 'NotFoundError') throw error;
  });
  return { action: 'deleted', detail: 'user deleted' };
}

/** Read-modify-write (PUT replaces the record): the person as just read, with loginEnabled false. */
export async function leaverDeactivateUser(client: WebexClient, state: LeaverState): Promise<z.infer<typeof LeaverRemoval>> {
  const user = userOf(state);
  const person = await getPerson(client, user.id);
  if (!person) return { action: 'gone', detail: 'the user is gone' };
  if (person.loginEnabled === false || person.loginEnabled === 'false') return { action: 'unchanged', detail: 'already deactivated' };
  const body = toPersonUpdate(person, { loginEnabled: false });
  for (const [key, value] of Object.entries(body)) if (value === null) delete body[key];
  await replacePerson(client, person.id, body);
  // Read back: the PUT's 2xx alone does not show sign-in is off.
  const after = await getPerson(client, person.id);
  if (after && !(after.loginEnabled === false || after.loginEnabled === 'false')) {
    throw new ChangeNotAppliedError('Webex accepted disabling sign-in (loginEnabled: false) but still shows the user able to sign in');
  }
  return { action: 'deactivated', detail: 'sign-in disabled (loginEnabled: false); the user is kept' };
}

/**
 * removeCalling: the user is kept as it is (active, unless someone else deactivated it), and read back to show
 * that calling went with the license: no calling location, no work number, no extension left.
 */
export async function leaverKeepUser(client: WebexClient, state: LeaverState): Promise<z.infer<typeof LeaverRemoval>> {
  const user = userOf(state);
  const person = await getPerson(client, user.id);
  if (!person) return { action: 'gone', detail: 'the user is gone' };
  const left = [
    person.locationId && 'a calling location',
    person.phoneNumbers?.find((n) => n.type === 'work')?.value,
    person.extension && `extension ${person.extension}`,
  ].filter(Boolean);
  if (left.length) throw new ChangeNotAppliedError(`the calling license is removed but Webex still shows ${left.join(', ')} on the user`);
  const active = !(person.loginEnabled === false || person.loginEnabled === 'false');
  return {
    action: 'kept',
    detail: active ? 'the user stays active, without calling (no calling license, number or extension)' : 'the user is kept as it was (sign-in already disabled), without calling',
  };
}

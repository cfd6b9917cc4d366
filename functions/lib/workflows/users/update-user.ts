import type { UpdateUserInput, UserView } from '../../schemas/users';
import type { FieldChange } from '../../activity/records';
import type { WebexClient } from '../../webex/client';
import { replacePerson, toPersonUpdate } from '../../webex/people-api';
import { resolvePerson } from './resolve-user';
import { toUserView } from './user-view';

/** The profile fields Webex holds that an update may change: what a run records before and after. */
const PROFILE_FIELDS = ['displayName', 'firstName', 'lastName', 'department', 'title'] as const;

/**
 * Update Webex User's profile, saying which profile fields changed, with their values before and after (the
 * activity record's). Webex's PUT replaces the whole record, so this is read-modify-write: the body is the person
 * as just read, with only the requested fields changed; licenses, calling data and phone numbers go back exactly
 * as they were.
 */
export async function updateUserWithChanges(client: WebexClient, input: UpdateUserInput): Promise<{ user: UserView; changes: FieldChange[] }> {
  const { user, ...changes } = input;
  const person = await resolvePerson(client, user);
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined) patch[key] = value;
  }
  const body = toPersonUpdate(person, patch);
  for (const [key, value] of Object.entries(body)) if (value === null) delete body[key];
  // Webex requires displayName on PUT; keep it in step with renamed first/last names if it was derived.
  if (!input.displayName && (input.firstName || input.lastName)) {
    const previousDerived = [person.firstName, person.lastName].filter(Boolean).join(' ');
    if (!person.displayName || person.displayName === previousDerived) {
      body.displayName = [body.firstName, body.lastName].filter(Boolean).join(' ');
    }
  }
  const updated = await replacePerson(client, person.id, body);
  const changed = PROFILE_FIELDS.filter((f) => (person[f] ?? null) !== (updated[f] ?? null)).map((field) => ({ field, before: person[field], after: updated[field] }));
  return { user: await toUserView(client, updated), changes: changed };
}

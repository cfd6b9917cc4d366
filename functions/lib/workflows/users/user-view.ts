import type { WebexClient } from '../../webex/client';
import { primaryWorkEntry } from '../../webex/people-api';
import { getLocation, listLicenses } from '../../webex/reference-data';
import type { Person } from '../../webex/schemas';
import type { UserView } from '../../schemas/users';
import type { StepCall } from '../task-steps';

/**
 * The reads toUserView makes, both answered by the reference cache on a warm function: the license names (for a
 * person holding licenses) and the calling location (for a calling user).
 */
export const USER_VIEW_READS: readonly StepCall[] = [{ cached: 'GET /licenses' }, { cached: 'GET /locations/{id}' }];

const asBoolean = (v: string | boolean | undefined) => (v === undefined ? undefined : v === true || v === 'true');

/** Webex's person with license names and the calling location resolved (both from cached look-ups). */
export async function toUserView(client: WebexClient, person: Person): Promise<UserView> {
  const licenseIds = person.licenses ?? [];
  const names = licenseIds.length ? new Map((await listLicenses(client)).map((l) => [l.id, l.name])) : new Map();
  const location = person.locationId ? await getLocation(client, person.locationId) : undefined;
  const primary = primaryWorkEntry(person);
  return {
    id: person.id,
    email: person.emails[0],
    displayName: person.displayName,
    firstName: person.firstName,
    lastName: person.lastName,
    department: person.department,
    title: person.title,
    status: person.status,
    invitePending: asBoolean(person.invitePending),
    loginEnabled: asBoolean(person.loginEnabled),
    createdAt: person.created,
    lastModifiedAt: person.lastModified,
    licenses: licenseIds.map((id) => ({ id, name: names.get(id) })),
    calling: {
      enabled: Boolean(person.locationId),
      location: person.locationId ? { id: person.locationId, name: location?.name } : undefined,
      primaryNumber: primary?.value,
      extension: person.extension,
    },
  };
}

import type { UserNumbersView } from '../../schemas/numbers';
import type { WebexClient } from '../../webex/client';
import { getLocation } from '../../webex/reference-data';
import type { Person, PersonNumbers } from '../../webex/schemas';
import { getPersonNumbers } from '../../webex/telephony-api';
import { resolvePerson } from '../users/resolve-user';
import type { StepCall } from '../task-steps';

/** The read toUserNumbersView makes for a calling user, answered by the reference cache on a warm function. */
export const USER_NUMBERS_VIEW_READS: readonly StepCall[] = [{ cached: 'GET /locations/{id}' }];

/** Get Webex User Phone Numbers: primary number, extension and alternates. */
export async function getUserNumbers(client: WebexClient, ref: string): Promise<UserNumbersView> {
  const person = await resolvePerson(client, ref);
  // Only calling users exist for the Calling backend; asking for anyone else is a 404 there.
  const numbers = person.locationId ? await getPersonNumbers(client, person.id) : undefined;
  return toUserNumbersView(client, person, numbers);
}

export async function toUserNumbersView(client: WebexClient, person: Person, numbers: PersonNumbers | undefined): Promise<UserNumbersView> {
  const base = { user: { id: person.id, email: person.emails[0] } };
  if (!person.locationId) return { ...base, callingEnabled: false, alternates: [] };
  const location = await getLocation(client, person.locationId);
  const primary = numbers?.phoneNumbers.find((n) => n.primary);
  return {
    ...base,
    callingEnabled: true,
    location: { id: person.locationId, name: location?.name },
    primaryNumber: primary?.directNumber,
    extension: primary?.extension ?? person.extension,
    esn: primary?.esn,
    alternates: (numbers?.phoneNumbers ?? [])
      .filter((n) => !n.primary && n.directNumber)
      .map((n) => ({ phoneNumber: n.directNumber as string, extension: n.extension, ringPattern: n.ringPattern })),
    distinctiveRingEnabled: numbers?.distinctiveRingEnabled,
  };
}

/** Does the person hold `phoneNumber`, and as what? */
export function holding(numbers: PersonNumbers | undefined, phoneNumber: string): 'primary' | 'alternate' | undefined {
  const entry = numbers?.phoneNumbers.find((n) => n.directNumber === phoneNumber);
  if (!entry) return undefined;
  return entry.primary ? 'primary' : 'alternate';
}

import type { WebexClient } from '../webex/client';
import { LocationSchema, NumberObjectSchema, PersonSchema, type Location, type NumberObject, type Person } from '../webex/schemas';
import { TELEPHONY_MAX_PAGE } from '../webex/telephony-api';
import type { SeenUser } from './schemas';

/**
 * The organisation as a plan reads it, at the fewest Webex requests: every person with calling data, the
 * calling locations, and (only when the roster gives numbers to check) the numbers list.
 */

/**
 * `GET /people` page size with `callingData=true`. Cisco's List People `max`: "If `callingData`=true, then
 * `max` will not be more than 100" (webex-admin.json, GET /people; docs/webex-api.md §1.1). Calling data is
 * what says who has calling and where (a calling user is one with `locationId`), so 100 a page it is.
 */
export const PEOPLE_MAX_PAGE_WITH_CALLING_DATA = 100;

/** What the plan needs of a number: where it is, who holds it, and whether a new user could take it as primary. */
export interface NumberHolder {
  locationId?: string;
  ownerId?: string;
  /** Unassigned, ACTIVE and standard: what the plan may pick for an action that would take the first free number. */
  assignable?: boolean;
}

/**
 * The workflows' rule for "the first free number" (firstAssignablePrimaryNumber in webex/telephony-api.ts):
 * ACTIVE, a standard PSTN number (not mobile, toll-free or a service number), not the location's main
 * number, and nobody's. The numbers list carries the same fields (webex-numbers.yml NumberObject: state,
 * mainNumber, includedTelephonyTypes, tollFreeNumber, isServiceNumber, owner).
 */
export function assignableNumber(n: NumberObject): boolean {
  const standard = (n.includedTelephonyTypes ?? 'PSTN_NUMBER') === 'PSTN_NUMBER';
  return !n.owner && (n.state ?? 'ACTIVE') === 'ACTIVE' && standard && !n.mainNumber && !n.tollFreeNumber && !n.isServiceNumber && !n.isReservedNumber;
}

export interface OrgSnapshot {
  users: SeenUser[];
  /** Webex Calling locations (`/telephony/config/locations`): the only ones a roster row may name. */
  locations: Location[];
  /**
   * By E.164 number, in Webex's order (the free ones are picked in it); absent when the roster asks for no
   * number a plan must check or pick.
   */
  numbers?: Map<string, NumberHolder>;
}

/** A person as a plan records it: the fields it compares, and nothing it does not need (10,000 of them stay small). */
export function seenUser(person: Person): SeenUser {
  const work = person.phoneNumbers?.filter((n) => n.type === 'work') ?? [];
  const phoneNumber = (work.find((n) => n.primary) ?? work[0])?.value;
  const user: SeenUser = {
    id: person.id,
    email: (person.emails[0] ?? '').toLowerCase(),
    loginEnabled: !(person.loginEnabled === false || person.loginEnabled === 'false'),
  };
  for (const key of ['firstName', 'lastName', 'displayName', 'department', 'title', 'locationId', 'extension'] as const) {
    const value = person[key]?.trim();
    if (value) user[key] = value;
  }
  if (phoneNumber) user.phoneNumber = phoneNumber;
  return user;
}

export async function readPeople(client: WebexClient): Promise<SeenUser[]> {
  const users: SeenUser[] = [];
  for await (const person of client.paginate('/people', {
    query: { callingData: true, max: PEOPLE_MAX_PAGE_WITH_CALLING_DATA },
    itemSchema: PersonSchema,
  })) {
    users.push(seenUser(person));
  }
  return users;
}

/**
 * Calling locations. A telephony list: start/max paging, 2000 a page at most (docs/webex-api.md §4 item 9;
 * calling/webex-location-call-settings.yml, List Locations Webex Calling Details), items under `locations`.
 */
export function readCallingLocations(client: WebexClient): Promise<Location[]> {
  return client.list('/telephony/config/locations', { itemsKey: 'locations', itemSchema: LocationSchema, offsetPaging: { max: TELEPHONY_MAX_PAGE } });
}

/** Every number of the org, 2000 a page (webex-numbers.yml `max`: "The default is 2000"; TELEPHONY_MAX_PAGE, docs/webex-api.md §4.1). */
export async function readNumbers(client: WebexClient): Promise<Map<string, NumberHolder>> {
  const numbers = new Map<string, NumberHolder>();
  for await (const n of client.paginate('/telephony/config/numbers', {
    itemsKey: 'phoneNumbers',
    itemSchema: NumberObjectSchema,
    offsetPaging: { max: TELEPHONY_MAX_PAGE },
  })) {
    if (n.phoneNumber) numbers.set(n.phoneNumber, { locationId: n.location?.id, ownerId: n.owner?.id, ...(assignableNumber(n) ? { assignable: true } : {}) });
  }
  return numbers;
}

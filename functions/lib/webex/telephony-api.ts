// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import type { Query, WebexClient } from './client';
import { isWebexStatus } from './errors';
import {
  AvailableNumberSchema,
  NumberObjectSchema,
  PersonNumbersSchema,
  UserLicensesResponseSchema,
  ValidateExtensionsResponseSchema,
  ValidateNumbersResponseSchema,
  type NumberObject,
  type PersonNumbers,
} from './schemas';

/**
 * Typed Webex Calling calls: the org's numbers, a person's numbers, primary-number candidates,
 * location numbers and the calling license. Telephony lists page with start/max (webex-api.md §4).
 */

const NUMBERS = '/telephony/config/numbers';
/** Webex's page cap (and default) for telephony lists. */
export const TELEPHONY_MAX_PAGE = 2000;

/** The org's entry for one number, wherever it lives; `phoneNumber` is a search, so keep the exact match. */
export async function findNumber(client: WebexClient, phoneNumber: string): Promise<NumberObject | undefined> {
  for await (const n of client.paginate(NUMBERS, {
    query: { phoneNumber },
    itemsKey: 'phoneNumbers',
    itemSchema: NumberObjectSchema,
    offsetPaging: { max: 100 },
  })) {
    if (n.phoneNumber === phoneNumber) return n;
  }
  return undefined;
}

/** Who holds `extension` in the location (a person's, an alternate number's, a feature's), if anyone. */
export async function extensionHolder(client: WebexClient, locationId: string, extension: string): Promise<NumberObject | undefined> {
  for await (const n of client.paginate(NUMBERS, {
    query: { locationId, extension },
    itemsKey: 'phoneNumbers',
    itemSchema: NumberObjectSchema,
    offsetPaging: { max: 100 },
  })) {
    if (n.extension === extension) return n;
  }
  return undefined;
}

/** One page of the org's numbers from `start`; `full` says Webex may have more after it. */
export async function listNumbersPage(
  client: WebexClient,
  query: Query,
  start: number,
  max: number,
): Promise<{ items: NumberObject[]; full: boolean }> {
  const res = await client.get(NUMBERS, {
    query: { ...query, start, max },
    schema: z.looseObject({ phoneNumbers: z.array(NumberObjectSchema).default([]) }),
  });
  return { items: res.data.phoneNumbers, full: res.data.phoneNumbers.length >= max };
}

/** Every number in a location (all pages). */
export function listLocationNumbers(client: WebexClient, locationId: string): Promise<NumberObject[]> {
  return client.list(NUMBERS, {
    query: { locationId },
    itemsKey: 'phoneNumbers',
    itemSchema: NumberObjectSchema,
    offsetPaging: { max: TELEPHONY_MAX_PAGE },
  });
}

/**
 * A calling user's numbers in E.164 (Webex still answers in national format without
 * `preferE164Format`). Undefined for someone the Calling backend does not know (404, error 4008).
 */
export async function getPersonNumbers(client: WebexClient, personId: string): Promise<PersonNumbers | undefined> {
  try {
    const res = await client.get(`/people/${encodeURIComponent(personId)}/features/numbers`, {
      query: { preferE164Format: true },
      schema: PersonNumbersSchema,
    });
    return res.data;
  } catch (error) {
    if (isWebexStatus(error, 404)) return undefined;
    throw error;
  }
}

export interface AlternateNumberChange {
  action: 'ADD' | 'DELETE';
  directNumber: string;
  extension?: string;
  ringPattern?: 'NORMAL' | 'LONG_LONG' | 'SHORT_SHORT_LONG' | 'SHORT_LONG_SHORT';
}

/**
 * Adds or removes alternate numbers (`primary: false`: this call never touches the primary number). The
 * number goes in both fields: Cisco's document names it `directNumber` (webex-user-call-settings-2-2.yml,
 * PhoneNumber), while wxc_sdk sends `external` and adds and removes alternates that way on live orgs
 * (wxc_sdk/person_settings/numbers.py UpdatePersonPhoneNumber; tests/test_person_numbers.py). Not
 * idempotent: an ADD resent after it was applied fails as "already assigned", so the client must not
 * resend it on its own; callers re-read and decide.
 */
export async function changeAlternateNumbers(client: WebexClient, personId: string, changes: AlternateNumberChange[]): Promise<void> {
  await client.put(`/telephony/config/people/${encodeURIComponent(personId)}/numbers`, {
    body: { phoneNumbers: changes.map((c) => ({ ...c, external: c.directNumber, primary: false })) },
    idempotent: false,
  });
}

/** Unassigned numbers a new user of this license type may take as primary number, in Webex's order. */
export function primaryNumberCandidates(
  client: WebexClient,
  locationId: string,
  licenseType?: 'Webex Calling Professional' | 'Webex Calling Standard',
) {
  return client.paginate('/telephony/config/people/primary/availableNumbers', {
    query: { locationId, licenseType },
    itemsKey: 'phoneNumbers',
    itemSchema: AvailableNumberSchema,
    offsetPaging: { max: 100 },
  });
}

/**
 * The first candidate a new user can take as primary number: ACTIVE, standard (not mobile, toll-free or a
 * service number), not reserved ("Reserved numbers cannot be assigned to people": `isReservedNumber`, Cisco's
 * numbers document) and not the location's main number. Webex's list also holds mobile and inactive numbers
 * (webex-user-call-settings-2-2.yml, Get Person Primary Available Phone Numbers, and its example).
 */
export async function firstAssignablePrimaryNumber(
  client: WebexClient,
  locationId: string,
  licenseType?: 'Webex Calling Professional' | 'Webex Calling Standard',
): Promise<string | undefined> {
  return (await assignablePrimaryNumbers(client, locationId, licenseType, 1))[0];
}

/** Up to `limit` such candidates, in Webex's order. */
export async function assignablePrimaryNumbers(
  client: WebexClient,
  locationId: string,
  licenseType: 'Webex Calling Professional' | 'Webex Calling Standard' | undefined,
  limit: number,
): Promise<string[]> {
  const found: string[] = [];
  for await (const c of primaryNumberCandidates(client, locationId, licenseType)) {
    const standard = c.includedTelephonyTypes !== 'MOBILE_NUMBER' && (c.telephonyType ?? 'PSTN_NUMBER') === 'PSTN_NUMBER';
    if ((c.state ?? 'ACTIVE') === 'ACTIVE' && standard && !c.isMainNumber && !c.isServiceNumber && !c.tollFreeNumber && !c.isReservedNumber) found.push(c.phoneNumber);
    if (found.length >= limit) break;
  }
  return found;
}

export type NumberValidation = z.infer<typeof ValidateNumbersResponseSchema>['numbers'][number];

/** Webex's own availability check: Available, Duplicate (already in the org), Duplicate In List, Invalid, Unavailable. */
export async function validateNumbers(client: WebexClient, phoneNumbers: string[]): Promise<NumberValidation[]> {
  const res = await client.post('/telephony/config/actions/validateNumbers/invoke', {
    body: { phoneNumbers },
    schema: ValidateNumbersResponseSchema,
    // Read-only despite the POST: safe to resend.
    idempotent: true,
  });
  return res.data.numbers;
}

export type ExtensionValidation = z.infer<typeof ValidateExtensionsResponseSchema>['extensionStatus'][number];

/**
 * The location's own extension check (calling/webex-location-call-settings.yml, Validate Extensions): VALID,
 * DUPLICATE (e.g. 9495, a call park extension), DUPLICATE_IN_LIST, INVALID (e.g. 4911, an emergency number).
 */
export async function validateExtension(client: WebexClient, locationId: string, extension: string): Promise<ExtensionValidation | undefined> {
  const res = await client.post(`/telephony/config/locations/${encodeURIComponent(locationId)}/actions/validateExtensions/invoke`, {
    body: { extensions: [extension] },
    schema: ValidateExtensionsResponseSchema,
    // Read-only despite the POST: safe to resend.
    idempotent: true,
  });
  return res.data.extensionStatus.find((e) => e.extension === extension) ?? res.data.extensionStatus[0];
}

export interface AddNumbersBody {
  phoneNumbers: string[];
  numberType?: 'DID' | 'TOLLFREE' | 'MOBILE';
  state?: 'ACTIVE' | 'INACTIVE';
}

export async function addNumbersToLocation(client: WebexClient, locationId: string, body: AddNumbersBody): Promise<void> {
  await client.post(`/telephony/config/locations/${encodeURIComponent(locationId)}/numbers`, {
    body,
    // A resend after a lost answer adds nothing twice: Cisco's reference says numbers the location already has are
    // ignored, and wxc_sdk's live test saw a 409 (8363) for one, which the caller settles by reading the location's
    // numbers (add-location-numbers.ts).
    idempotent: true,
  });
}

export interface LicenseOperation {
  id: string;
  operation: 'add' | 'remove';
  properties?: { locationId?: string; phoneNumber?: string; extension?: string };
}

/**
 * PATCH /licenses/users. Webex applies each license on its own: 206 means only some were, so the
 * caller compares `licenses` in the answer with what it asked for.
 */
export async function patchUserLicenses(client: WebexClient, personId: string, licenses: LicenseOperation[]) {
  const res = await client.patch('/licenses/users', { body: { personId, licenses }, schema: UserLicensesResponseSchema });
  return { status: res.status, licenses: res.data.licenses, trackingId: res.trackingId };
}

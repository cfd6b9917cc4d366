import { badRequest, SimError } from './errors';
import type { LocationRecord, SimState } from './state';

/**
 * The rules that People, Licenses and person-number writes share: where a number may come from, what
 * an extension may look like, which location a user lands in, and the license errors Webex reports.
 */

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: unknown): value is string {
  return typeof value === 'string' && E164.test(value);
}

/**
 * E.164 for a number as people write it. People and Licenses accept US national forms
 * ("408 526 7209", "14085267209", as in Cisco's examples); telephony location calls do not use this.
 */
export function normaliseNumber(raw: string): string | undefined {
  const compact = raw.replace(/[\s().-]/g, '');
  if (compact.startsWith('+')) return E164.test(compact) ? compact : undefined;
  if (/^1\d{10}$/.test(compact)) return `+${compact}`;
  if (/^\d{10}$/.test(compact)) return `+1${compact}`;
  return undefined;
}

/** Webex shows US numbers in national form unless asked for E.164 (`preferE164Format`). */
export function legacyFormat(e164: string): string {
  return e164.startsWith('+1') && e164.length === 12 ? e164.slice(2) : e164;
}

export function licenseNotRecognized(licenseId: string): SimError {
  return new SimError(400, 'License not recognized', { errorCode: 400000, description: `License not recognized ${licenseId}` });
}

/** Webex's 400404 is about Professional plus Standard; we apply it to any two calling licenses. */
export function callingLicenseConflict(licenseIds: string[]): SimError {
  return new SimError(400, 'License conflict', {
    errorCode: 400404,
    description: 'User cannot have more than one Webex Calling license. The following license(s) could not be applied as ' +
      `requested: ${licenseIds.join(',')}`,
  });
}

export function checkFreeUnit(state: SimState, licenseId: string): void {
  if (!state.hasFreeUnit(licenseId)) throw badRequest(`No units left for license ${state.licenses.get(licenseId)?.name ?? licenseId}.`);
}

const EXTENSION = /^\d{2,10}$/;
// Only the one Cisco's example shows: which numbers count as emergency ones elsewhere is not modelled.
const EMERGENCY = new Set(['911']);

/**
 * What Webex's Validate Extensions action says of one extension in a location (calling/
 * webex-location-call-settings.yml, its example: 9495 call park, 4911 emergency number, 4910 not digits,
 * 9498 duplicate in list). The code for one a user holds is not documented: that entry carries none.
 */
export function extensionStatus(
  state: SimState,
  locationId: string,
  extension: string,
  personId?: string,
): { state: 'VALID' | 'DUPLICATE' | 'INVALID'; errorCode?: number; message?: string } {
  if (!/^\d+$/.test(extension)) {
    return { state: 'INVALID', errorCode: 4910, message: '[Error 4910] Invalid extension.  The extension can only contain characters 0-9.' };
  }
  if (EMERGENCY.has(extension)) {
    return { state: 'INVALID', errorCode: 4911, message: '[Error 4911] Invalid extension.  The extension cannot be an emergency number.' };
  }
  if (!EXTENSION.test(extension)) return { state: 'INVALID', message: `Invalid extension ${extension}: use 2 to 10 digits.` };
  if (state.locations.get(locationId)?.callParkExtensions?.includes(extension)) {
    return {
      state: 'DUPLICATE', errorCode: 9495,
      message: `[Error 9495] The extension is not available. It is already assigned as a Call Park Extension: ${extension}.`,
    };
  }
  if (state.extensionInUse(locationId, extension, personId)) {
    return { state: 'DUPLICATE', message: `The extension is not available. It is already assigned to a user: ${extension}.` };
  }
  return { state: 'VALID' };
}

export function checkExtension(state: SimState, locationId: string, extension: string, personId?: string): void {
  if (!EXTENSION.test(extension)) throw badRequest(`Invalid extension "${extension}": use 2 to 10 digits, without the routing prefix.`);
  const status = extensionStatus(state, locationId, extension, personId);
  if (status.state !== 'VALID') throw badRequest(status.message ?? `The extension ${extension} is not available.`, status.errorCode);
}

/** The number must exist in `locationId` and be free (or already be this person's primary). */
export function checkNumberForPerson(state: SimState, locationId: string, phoneNumber: string, personId?: string): void {
  const number = state.numbers.get(phoneNumber);
  if (!number || number.locationId !== locationId) {
    throw badRequest(`Phone number ${phoneNumber} does not exist in the location.`);
  }
  const owner = number.owner;
  if (owner && !(owner.personId === personId && owner.kind === 'PRIMARY')) {
    throw badRequest(`Phone number ${phoneNumber} is already assigned.`);
  }
  // "Reserved numbers cannot be assigned to people, features, or services" (Cisco's numbers document, 2026-06);
  // the error Webex answers with is not documented.
  if (number.reserved) {
    throw badRequest(`Phone number ${phoneNumber} is reserved and cannot be assigned.`);
  }
}

export interface CallingTarget {
  locationId: string;
  phoneNumber?: string;
  extension?: string;
}

/**
 * Validates where a person's calling data would go. `locationId` may be omitted when a number is
 * given (Licenses derives it from the number). Location problems carry errorCode 400, as PATCH
 * /licenses/users documents ("Unable to find location").
 */
export function resolveCallingTarget(
  state: SimState,
  input: { locationId?: string; phoneNumber?: string; extension?: string },
  personId?: string,
): CallingTarget {
  if (!input.phoneNumber && !input.extension) {
    throw badRequest('A Webex Calling user needs a phone number or an extension.');
  }
  let location: LocationRecord | undefined;
  if (input.locationId !== undefined) {
    location = state.locations.get(input.locationId);
    // A location that is not enabled for Webex Calling cannot take a calling user.
    if (!location?.callingEnabled) throw badRequest('Unable to find location.', 400);
  } else if (input.phoneNumber) {
    const number = state.numbers.get(input.phoneNumber);
    if (!number) throw badRequest(`Phone number ${input.phoneNumber} does not exist in the organization.`);
    location = state.locations.get(number.locationId);
  }
  if (!location) throw badRequest('locationId is mandatory when no phone number is given.');
  if (input.phoneNumber) checkNumberForPerson(state, location.id, input.phoneNumber, personId);
  if (input.extension) checkExtension(state, location.id, input.extension, personId);
  return { locationId: location.id, phoneNumber: input.phoneNumber, extension: input.extension };
}

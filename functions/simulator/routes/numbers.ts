import { isE164, normaliseNumber } from '../calling';
import { badRequest, conflict, SimError } from '../errors';
import { parseWebexId } from '../ids';
import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import type { LocationRecord, NumberRecord, NumberState, PersonRecord, SimState } from '../state';
import { requireCallingLocation } from './locations';
import { bodyObject, boolParam, offsetPage } from './params';

/**
 * Telephony numbers: the org-wide list (start/max paging) and adding, (de)activating and removing a
 * location's numbers, with the errors Webex gives for each misuse.
 */
export function registerNumbers(router: Router): void {
  router
    .on('GET', '/telephony/config/numbers', listNumbers)
    .on('POST', '/telephony/config/actions/validateNumbers/invoke', validateNumbersRoute)
    .on('POST', '/telephony/config/locations/:locationId/numbers', addNumbers)
    .on('PUT', '/telephony/config/locations/:locationId/numbers', setNumberState)
    .on('DELETE', '/telephony/config/locations/:locationId/numbers', removeNumbers);
}

/** One row of the list: a number, or a calling user's extension that has no number. */
interface NumberEntry {
  phoneNumber?: string;
  extension?: string;
  location: LocationRecord;
  state: NumberState;
  phoneNumberType: 'PRIMARY' | 'ALTERNATE';
  mainNumber: boolean;
  tollFree: boolean;
  service: boolean;
  mobile?: boolean;
  reserved?: boolean;
  owner?: PersonRecord;
}

function entries(state: SimState): NumberEntry[] {
  const rows: NumberEntry[] = [];
  for (const n of state.numbers.values()) {
    const location = state.locations.get(n.locationId);
    if (!location) continue;
    const owner = n.owner ? state.people.get(n.owner.personId) : undefined;
    const extension = n.owner?.kind === 'PRIMARY' ? owner?.calling?.extension : n.owner?.extension;
    rows.push({
      phoneNumber: n.phoneNumber, extension, location, state: n.state,
      phoneNumberType: n.owner?.kind === 'ALTERNATE' ? 'ALTERNATE' : 'PRIMARY',
      mainNumber: location.mainNumber === n.phoneNumber, tollFree: n.tollFree, service: n.service, mobile: n.mobile, reserved: n.reserved, owner,
    });
  }
  rows.sort((a, b) => (a.phoneNumber as string).localeCompare(b.phoneNumber as string));
  const extensionOnly: NumberEntry[] = [];
  for (const p of state.people.values()) {
    if (!p.calling?.extension || state.primaryNumberOf(p.id)) continue;
    const location = state.locations.get(p.calling.locationId);
    if (!location) continue;
    extensionOnly.push({
      extension: p.calling.extension, location, state: 'ACTIVE', phoneNumberType: 'PRIMARY', mainNumber: false,
      tollFree: false, service: false, owner: p,
    });
  }
  extensionOnly.sort((a, b) => (a.extension as string).localeCompare(b.extension as string));
  return [...rows, ...extensionOnly];
}

function numberView(e: NumberEntry): Record<string, unknown> {
  return {
    ...(e.phoneNumber ? { phoneNumber: e.phoneNumber } : {}),
    ...(e.extension
      ? { extension: e.extension, routingPrefix: e.location.routingPrefix, esn: `${e.location.routingPrefix}${e.extension}` }
      : {}),
    state: e.state,
    phoneNumberType: e.phoneNumberType,
    mainNumber: e.mainNumber,
    includedTelephonyTypes: e.mobile ? 'MOBILE_NUMBER' : 'PSTN_NUMBER',
    tollFreeNumber: e.tollFree,
    isServiceNumber: e.service,
    ...(e.phoneNumber ? { isReservedNumber: Boolean(e.reserved) } : {}),
    location: { id: e.location.id, name: e.location.name },
    ...(e.owner
      ? {
          owner: {
            id: e.owner.id, type: 'PEOPLE',
            ...(e.owner.firstName ? { firstName: e.owner.firstName } : {}),
            ...(e.owner.lastName ? { lastName: e.owner.lastName } : {}),
          },
        }
      : {}),
  };
}

const OWNER_TYPES = [
  'PEOPLE', 'PLACE', 'AUTO_ATTENDANT', 'CALL_QUEUE', 'PAGING_GROUP', 'HUNT_GROUP', 'VOICE_MESSAGING',
  'BROADWORKS_ANYWHERE', 'CONTACT_CENTER_LINK', 'ROUTE_LIST', 'VOICEMAIL_GROUP', 'VIRTUAL_LINE',
];

function enumParam(ctx: RequestContext, name: string, allowed: string[]): string | undefined {
  const value = ctx.query.get(name);
  if (value === null) return undefined;
  if (!allowed.includes(value)) throw badRequest(`Invalid value for ${name}: ${value}`);
  return value;
}

/** An owner id may be the Webex id or the bare uuid inside it. */
function ownerMatches(owner: PersonRecord | undefined, ownerId: string): boolean {
  if (!owner) return false;
  return owner.id === ownerId || parseWebexId(owner.id)?.uuid === ownerId;
}

function listNumbers(ctx: RequestContext): Reply {
  const { query } = ctx;
  const available = boolParam(ctx, 'available');
  const ownerType = enumParam(ctx, 'ownerType', OWNER_TYPES);
  if (available && ownerType) throw badRequest('The available parameter cannot be used together with ownerType.');
  const numberType = enumParam(ctx, 'numberType', ['NUMBER', 'EXTENSION']);
  const stateFilter = enumParam(ctx, 'state', ['ACTIVE', 'INACTIVE', 'Default']);
  if (numberType === 'EXTENSION' && (available !== undefined || stateFilter)) {
    throw badRequest('available and state cannot be used with numberType=EXTENSION.');
  }
  const phoneNumberType = enumParam(ctx, 'phoneNumberType', ['PRIMARY', 'ALTERNATE', 'FAX', 'DNIS', 'Default']);
  const order = enumParam(ctx, 'order', ['lastName', 'dn', 'extension']);
  const tollFreeNumbers = boolParam(ctx, 'tollFreeNumbers');
  const serviceNumber = boolParam(ctx, 'serviceNumber');
  const details = boolParam(ctx, 'details');
  // `reservedNumber` "cannot be combined with available or assigned" (docs/webex-api.md, the numbers list's parameters).
  const reservedNumber = boolParam(ctx, 'reservedNumber');
  if (reservedNumber !== undefined && (available !== undefined || ctx.query.has('assigned'))) {
    throw badRequest('The reservedNumber parameter cannot be used together with available or assigned.');
  }
  boolParam(ctx, 'restrictedNonGeoNumbers');

  const all = entries(ctx.state);
  let rows = all;
  const locationId = query.get('locationId');
  if (locationId !== null) rows = rows.filter((e) => e.location.id === locationId);
  if (available) rows = rows.filter((e) => e.phoneNumber && !e.owner && !e.mainNumber);
  if (ownerType) rows = rows.filter((e) => ownerType === 'PEOPLE' && e.owner);
  const ownerId = query.get('ownerId');
  if (ownerId !== null) rows = rows.filter((e) => ownerMatches(e.owner, ownerId));
  const ownerName = query.get('ownerName')?.toLowerCase();
  if (ownerName) {
    rows = rows.filter((e) => e.owner && [e.owner.firstName, e.owner.lastName, e.owner.displayName]
      .some((n) => n?.toLowerCase().includes(ownerName)));
  }
  const phoneNumber = query.get('phoneNumber');
  if (phoneNumber !== null) {
    const digits = phoneNumber.replace(/\D/g, '');
    rows = rows.filter((e) => e.phoneNumber?.replace(/\D/g, '').includes(digits));
  }
  const extension = query.get('extension');
  if (extension !== null) rows = rows.filter((e) => e.extension === extension);
  if (numberType === 'NUMBER') rows = rows.filter((e) => e.phoneNumber);
  if (numberType === 'EXTENSION') rows = rows.filter((e) => !e.phoneNumber);
  // These filters exclude extensions without numbers, as the reference says.
  if (stateFilter && stateFilter !== 'Default') rows = rows.filter((e) => e.phoneNumber && e.state === stateFilter);
  if (phoneNumberType && phoneNumberType !== 'Default') {
    rows = rows.filter((e) => e.phoneNumber && e.phoneNumberType === phoneNumberType);
  }
  if (tollFreeNumbers) rows = rows.filter((e) => e.tollFree);
  if (serviceNumber !== undefined) rows = rows.filter((e) => e.service === serviceNumber);
  if (reservedNumber !== undefined) rows = rows.filter((e) => e.phoneNumber && Boolean(e.reserved) === reservedNumber);
  const telephonyType = query.get('includedTelephonyTypes');
  if (telephonyType === 'MOBILE_NUMBER') rows = rows.filter((e) => e.mobile);
  if (telephonyType === 'PSTN_NUMBER') rows = rows.filter((e) => !e.mobile);
  if (order === 'lastName') rows = [...rows].sort((a, b) => (a.owner?.lastName ?? '').localeCompare(b.owner?.lastName ?? ''));
  if (order === 'extension') rows = [...rows].sort((a, b) => (a.extension ?? '').localeCompare(b.extension ?? ''));

  const page = offsetPage(ctx, rows);
  const body: Record<string, unknown> = { phoneNumbers: page.items.map(numberView) };
  if (details) {
    const numbers = all.filter((e) => e.phoneNumber);
    body.count = {
      assigned: numbers.filter((e) => e.owner).length,
      unAssigned: numbers.filter((e) => !e.owner).length,
      inActive: numbers.filter((e) => e.state === 'INACTIVE').length,
      extensionOnly: all.length - numbers.length,
      tollFreeNumbers: numbers.filter((e) => e.tollFree).length,
      total: all.length,
      mobileNumber: 0,
      serviceNumber: numbers.filter((e) => e.service).length,
    };
  }
  return { status: 200, body, headers: page.headers };
}

/**
 * Cisco warns these calls corrupt data on Calling Plan / integrated CCP locations (webex-numbers.yml). For
 * deactivating and removing, the simulator refuses them (a belief, not observed); adding is not refused,
 * as Webex does not refuse it: callers must check the PSTN connection first.
 */
function requireNonIntegrated(location: LocationRecord): void {
  if (location.pstn === 'INTEGRATED_CCP' || location.pstn === 'CISCO_PSTN') {
    throw badRequest(
      `Location "${location.name}" uses an integrated PSTN connection (Cisco Calling Plan or integrated CCP). ` +
        'Numbers can only be added, deactivated or removed through the API for non-integrated PSTN connections ' +
        '(Local Gateway, non-integrated CCP).',
    );
  }
}

function phoneNumbersOf(body: Record<string, unknown>): string[] {
  const list = body.phoneNumbers;
  if (!Array.isArray(list) || list.length === 0 || !list.every((n) => typeof n === 'string')) {
    throw badRequest('phoneNumbers must be a non-empty array of phone numbers.');
  }
  const numbers = [...new Set(list as string[])];
  for (const n of numbers) if (!isE164(n)) throw badRequest(`Invalid phone number ${n}: phone numbers must be in E.164 format.`);
  return numbers;
}

/** Cisco: "Only 20 mobile numbers can be added per request." */
const MAX_MOBILE_PER_ADD = 20;

function addNumbers(ctx: RequestContext): Reply {
  const { state } = ctx;
  const location = requireCallingLocation(state, ctx.params.locationId);
  const body = bodyObject(ctx);
  const numberType = body.numberType ?? 'DID';
  if (numberType !== 'DID' && numberType !== 'TOLLFREE' && numberType !== 'MOBILE') {
    throw badRequest(`Invalid numberType: ${String(numberType)}`);
  }
  const mobile = numberType === 'MOBILE';
  const usage = body.numberUsageType ?? 'NONE';
  if (usage !== 'NONE' && usage !== 'SERVICE') throw badRequest(`Invalid numberUsageType: ${String(usage)}`);
  // Mobile numbers are activated when assigned to a user.
  const initial = body.state ?? (mobile ? 'INACTIVE' : 'ACTIVE');
  if (initial !== 'ACTIVE' && initial !== 'INACTIVE') throw badRequest(`Invalid state: ${String(initial)}`);
  const numbers = phoneNumbersOf(body);
  if (mobile && numbers.length > MAX_MOBILE_PER_ADD) {
    throw badRequest(`Only ${MAX_MOBILE_PER_ADD} mobile numbers can be added per request.`);
  }

  for (const n of numbers) {
    if (state.numbers.get(n)?.locationId === location.id) {
      // What Webex answers for a number the location already has (wxc_sdk tests/test_telephony_location_number.py,
      // TestAddExisting: 409, code 8363, detail 25223), although the reference says existing numbers are ignored.
      throw new SimError(409, `Phone number ${n} already exists in this location.`, {
        topErrorCode: 25223, errorCode: 8363,
        description: `[Error 8363] Phone number ${n} is already in use in this location.`,
      });
    }
  }
  for (const n of numbers) {
    const existing = state.numbers.get(n);
    if (existing && existing.locationId !== location.id) throw conflict(`Phone number ${n} already exists in another location.`);
  }
  for (const n of numbers) {
    state.numbers.set(n, {
      phoneNumber: n, locationId: location.id, state: initial, tollFree: numberType === 'TOLLFREE', service: usage === 'SERVICE',
      ...(mobile ? { mobile: true } : {}),
    });
  }
  return { status: 201 };
}

function numberInLocation(state: SimState, location: LocationRecord, n: string): NumberRecord {
  const number = state.numbers.get(n);
  if (!number || number.locationId !== location.id) throw badRequest(`Phone number ${n} does not exist in this location.`);
  return number;
}

function setNumberState(ctx: RequestContext): Reply {
  const { state } = ctx;
  const location = requireCallingLocation(state, ctx.params.locationId);
  const body = bodyObject(ctx);
  const action = body.action ?? 'ACTIVATE';
  if (action !== 'ACTIVATE' && action !== 'DEACTIVATE') throw badRequest(`Invalid action: ${String(action)}`);
  const numbers = phoneNumbersOf(body);
  const records = numbers.map((n) => numberInLocation(state, location, n));
  if (action === 'DEACTIVATE') {
    requireNonIntegrated(location);
    if (numbers.length > 500) throw badRequest('At most 500 numbers can be deactivated per request.');
    for (const r of records) {
      if (r.owner) throw badRequest(`Phone number ${r.phoneNumber} is assigned and cannot be deactivated.`);
      if (location.mainNumber === r.phoneNumber) throw badRequest(`Phone number ${r.phoneNumber} is the location's main number.`);
    }
  }
  for (const r of records) r.state = action === 'ACTIVATE' ? 'ACTIVE' : 'INACTIVE';
  return { status: 204 };
}

const MAX_REMOVE = 5;

function removeNumbers(ctx: RequestContext): Reply {
  const { state } = ctx;
  const location = requireCallingLocation(state, ctx.params.locationId);
  requireNonIntegrated(location);
  const body = bodyObject(ctx);
  if (Array.isArray(body.phoneNumbers) && body.phoneNumbers.length > MAX_REMOVE) {
    throw badRequest(`At most ${MAX_REMOVE} phone numbers can be removed per request.`);
  }
  const numbers = phoneNumbersOf(body);
  for (const n of numbers) {
    const record = state.numbers.get(n);
    if (!record || record.locationId !== location.id) {
      // Webex's current answer for a number the location does not have (wxc_sdk test_004).
      throw new SimError(502, `Phone number ${n} was not found in this location.`, {
        errorCode: 4251, headers: { 'cisco-spark-error-codes': '4251' },
      });
    }
    if (location.mainNumber === n) throw badRequest(`Phone number ${n} is the location's main number and cannot be removed.`);
    if (record.owner) throw badRequest(`Phone number ${n} is assigned and cannot be removed.`);
  }
  for (const n of numbers) state.numbers.delete(n);
  return { status: 204 };
}

// North American toll-free area codes.
const TOLL_FREE = /^\+1(800|833|844|855|866|877|888)\d{7}$/;

/**
 * validateNumbers: each number's availability, in request order. Webex's reference names the states but
 * not when each applies; here a number already in this org is Duplicate, a repeat within the request
 * Duplicate In List, anything not E.164 (nor US national) Invalid.
 */
function validateNumbersRoute(ctx: RequestContext): Reply {
  const body = bodyObject(ctx);
  const list = body.phoneNumbers;
  if (!Array.isArray(list) || list.length === 0 || !list.every((n) => typeof n === 'string')) {
    throw badRequest('phoneNumbers must be a non-empty array of phone numbers.');
  }
  const seen = new Set<string>();
  const numbers = (list as string[]).map((raw) => {
    const n = normaliseNumber(raw);
    if (!n) return { number: raw, state: 'Invalid', tollFreeNumber: false, detail: [`[Error 8360] Invalid phone number: ${raw}`] };
    const tollFreeNumber = TOLL_FREE.test(n);
    if (seen.has(n)) return { number: raw, state: 'Duplicate In List', tollFreeNumber };
    seen.add(n);
    if (ctx.state.numbers.has(n)) {
      return { number: raw, state: 'Duplicate', tollFreeNumber, detail: [`[Error 8363] DN is already in use: ${n}`] };
    }
    return { number: raw, state: 'Available', tollFreeNumber };
  });
  return { status: 200, body: { status: numbers.every((x) => x.state === 'Available') ? 'OK' : 'ERRORS', numbers } };
}

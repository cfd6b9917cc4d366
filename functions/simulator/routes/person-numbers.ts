import { checkExtension, legacyFormat, normaliseNumber } from '../calling';
import { badRequest, notFound, SimError } from '../errors';
import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import type { NumberRecord, PersonRecord, RingPattern, SimState } from '../state';
import { requireCallingLocation } from './locations';
import { bodyObject, boolParam, offsetPage } from './params';
import { requirePerson } from './people';

/**
 * A person's numbers: reading them, adding/removing alternates (`external`, never the primary),
 * and the candidate lists for primary and alternate numbers.
 */
export function registerPersonNumbers(router: Router): void {
  router
    .on('GET', '/people/:personId/features/numbers', getPersonNumbers)
    .on('PUT', '/telephony/config/people/:personId/numbers', updatePersonNumbers)
    .on('GET', '/telephony/config/people/primary/availableNumbers', primaryAvailableNumbers)
    .on('GET', '/telephony/config/people/:personId/secondary/availableNumbers', secondaryAvailableNumbers);
}

const RING_PATTERNS: RingPattern[] = ['NORMAL', 'LONG_LONG', 'SHORT_SHORT_LONG', 'SHORT_LONG_SHORT'];
const MAX_ALTERNATES = 10;

/**
 * Reads need a calling user. The calling backend does not know anyone else, and Webex passes on its
 * "[Error 4008] User not found" as a 404 (a BroadWorks error code), so that is what we answer.
 */
function requireCallingPerson(state: SimState, personId: string): PersonRecord & { calling: NonNullable<PersonRecord['calling']> } {
  const person = requirePerson(state, personId);
  if (!person.calling) throw new SimError(404, 'User not found.', { errorCode: 4008, description: '[Error 4008] User not found.' });
  return person as PersonRecord & { calling: NonNullable<PersonRecord['calling']> };
}

function getPersonNumbers(ctx: RequestContext): Reply {
  const { state } = ctx;
  const person = requireCallingPerson(state, ctx.params.personId);
  // Without preferE164Format Webex still answers in the legacy (US national) format.
  const format = (boolParam(ctx, 'preferE164Format') ?? false) ? (n: string) => n : legacyFormat;
  const location = state.locations.get(person.calling.locationId);
  const prefix = location?.routingPrefix;
  const withExtension = (extension?: string) =>
    extension ? { extension, ...(prefix ? { routingPrefix: prefix, esn: `${prefix}${extension}` } : {}) } : {};

  const numbers = state.numbersOf(person.id);
  const primary = numbers.find((n) => n.owner?.kind === 'PRIMARY');
  const phoneNumbers: Record<string, unknown>[] = [];
  if (primary || person.calling.extension) {
    phoneNumbers.push({
      primary: true,
      ...(primary ? { directNumber: format(primary.phoneNumber) } : {}),
      ...withExtension(person.calling.extension),
    });
  }
  for (const n of numbers.filter((x) => x.owner?.kind === 'ALTERNATE')) {
    phoneNumbers.push({
      primary: false,
      directNumber: format(n.phoneNumber),
      ...withExtension(n.owner?.extension),
      ringPattern: n.owner?.ringPattern ?? 'NORMAL',
    });
  }
  return { status: 200, body: { distinctiveRingEnabled: person.distinctiveRingEnabled, phoneNumbers } };
}

interface NumberChange {
  action: 'ADD' | 'DELETE';
  phoneNumber: string;
  extension?: string;
  ringPattern?: RingPattern;
}

function parseChange(raw: unknown): NumberChange {
  if (typeof raw !== 'object' || raw === null) throw badRequest('Each phoneNumbers entry must be an object.');
  const item = raw as Record<string, unknown>;
  if (item.action !== 'ADD' && item.action !== 'DELETE') throw badRequest('action must be ADD or DELETE.');
  if (item.primary === true) {
    throw badRequest('Only alternate numbers can be assigned or unassigned here: set the primary number through People or Licenses.');
  }
  // The number is named by `external`, as wxc_sdk adds and removes alternates on live orgs
  // (wxc_sdk/person_settings/numbers.py UpdatePersonPhoneNumber; tests/test_person_numbers.py), or by
  // `directNumber`, as Cisco's document names it (webex-user-call-settings-2-2.yml, PhoneNumber). Nothing shows
  // Webex refusing either, so either alone is accepted; with both, they must agree.
  const named = [item.external, item.directNumber].filter((v) => v !== undefined);
  if (!named.length || named.some((v) => typeof v !== 'string' || !v)) throw badRequest('external (or directNumber) is required.');
  if (named.length === 2 && item.directNumber !== item.external) throw badRequest('directNumber and external differ.');
  const given = named[0] as string;
  const phoneNumber = normaliseNumber(given);
  if (!phoneNumber) throw badRequest(`Invalid phone number: ${given}`);
  let extension: string | undefined;
  // Cisco's own example sends an extension as a JSON number.
  if (typeof item.extension === 'string' || typeof item.extension === 'number') extension = String(item.extension) || undefined;
  if (item.ringPattern !== undefined && !RING_PATTERNS.includes(item.ringPattern as RingPattern)) {
    throw badRequest(`Invalid ringPattern: ${String(item.ringPattern)}`);
  }
  return { action: item.action, phoneNumber, extension, ringPattern: item.ringPattern as RingPattern | undefined };
}

function updatePersonNumbers(ctx: RequestContext): Reply {
  const { state } = ctx;
  const person = requirePerson(state, ctx.params.personId);
  const body = bodyObject(ctx);
  if (!Array.isArray(body.phoneNumbers)) throw badRequest('phoneNumbers is required.');
  // The reference's example says enableDistinctiveRingPattern, its schema distinctiveRingEnabled.
  const ringFlag = body.enableDistinctiveRingPattern ?? body.distinctiveRingEnabled;
  if (ringFlag !== undefined && typeof ringFlag !== 'boolean') throw badRequest('enableDistinctiveRingPattern must be a boolean.');
  const changes = body.phoneNumbers.map(parseChange);
  const calling = person.calling;
  if (!calling) throw badRequest('The person is not a Webex Calling user.');

  // Validate the whole request against the state as it will be after each change.
  const added = new Map<string, NumberChange>();
  const removed = new Set<string>();
  let alternates = state.numbersOf(person.id).filter((n) => n.owner?.kind === 'ALTERNATE').length;
  for (const change of changes) {
    const n = change.phoneNumber;
    const record: NumberRecord | undefined = state.numbers.get(n);
    if (change.action === 'ADD') {
      if (!record || record.locationId !== calling.locationId) {
        throw badRequest(`Phone number ${n} does not exist in the person's location.`);
      }
      if ((record.owner && !removed.has(n)) || added.has(n)) throw badRequest(`Phone number ${n} is already assigned.`);
      if (change.extension) {
        checkExtension(state, calling.locationId, change.extension);
        if ([...added.values()].some((a) => a.extension === change.extension)) {
          throw badRequest(`The extension ${change.extension} is not available.`);
        }
      }
      if (++alternates > MAX_ALTERNATES) throw badRequest(`A person can have at most ${MAX_ALTERNATES} alternate numbers.`);
      added.set(n, change);
    } else {
      const held = record?.owner?.personId === person.id && record.owner.kind === 'ALTERNATE' && !removed.has(n);
      if (added.has(n)) {
        added.delete(n);
        alternates--;
      } else if (!held) {
        throw badRequest(`Phone number ${n} is not an alternate number of this person.`);
      } else {
        removed.add(n);
        alternates--;
      }
    }
  }
  for (const n of removed) state.releaseNumber(n);
  for (const change of added.values()) {
    state.assignNumber(change.phoneNumber, {
      personId: person.id, kind: 'ALTERNATE', ringPattern: change.ringPattern ?? 'NORMAL',
      ...(change.extension ? { extension: change.extension } : {}),
    });
  }
  if (ringFlag !== undefined) person.distinctiveRingEnabled = ringFlag;
  person.lastModified = state.timestamp();
  return { status: 204 };
}

function availableView(state: SimState, n: NumberRecord): Record<string, unknown> {
  return {
    phoneNumber: n.phoneNumber,
    state: n.state,
    isMainNumber: state.locations.get(n.locationId)?.mainNumber === n.phoneNumber,
    ...(n.mobile ? { includedTelephonyTypes: 'MOBILE_NUMBER' } : {}),
    telephonyType: 'PSTN_NUMBER',
    isServiceNumber: n.service,
    // Whether Webex lists reserved numbers among the candidates is not documented: listed, marked, so a client must skip them.
    ...(n.reserved ? { isReservedNumber: true } : {}),
  };
}

/**
 * Unassigned numbers, optionally in one location and limited to a `phoneNumber` list. Alternates: standard
 * numbers only. Primary: "standard and mobile numbers … that are unassigned", inactive ones and the main
 * number included (webex-user-call-settings-2-2.yml, Get Person Primary Available Phone Numbers, and its
 * example); callers pick an active standard one themselves.
 */
function candidates(ctx: RequestContext, locationId: string | undefined, primary = false): NumberRecord[] {
  const wanted = ctx.query.get('phoneNumber')?.split(',').map((s) => s.trim()).filter(Boolean);
  return [...ctx.state.numbers.values()]
    .filter((n) => !n.owner && !n.tollFree && (primary || (!n.service && !n.mobile)))
    .filter((n) => locationId === undefined || n.locationId === locationId)
    .filter((n) => !wanted?.length || wanted.includes(n.phoneNumber))
    .sort((a, b) => a.phoneNumber.localeCompare(b.phoneNumber));
}

function primaryAvailableNumbers(ctx: RequestContext): Reply {
  const locationId = ctx.query.get('locationId') ?? undefined;
  if (locationId !== undefined) requireCallingLocation(ctx.state, locationId);
  const licenseType = ctx.query.get('licenseType');
  if (licenseType !== null && licenseType !== 'Webex Calling Professional' && licenseType !== 'Webex Calling Standard') {
    throw badRequest(`Invalid licenseType: ${licenseType}`);
  }
  const page = offsetPage(ctx, candidates(ctx, locationId, true));
  return { status: 200, body: { phoneNumbers: page.items.map((n) => availableView(ctx.state, n)) }, headers: page.headers };
}

function secondaryAvailableNumbers(ctx: RequestContext): Reply {
  const person = requireCallingPerson(ctx.state, ctx.params.personId);
  if (!ctx.state.locations.has(person.calling.locationId)) throw notFound('Location not found.');
  const page = offsetPage(ctx, candidates(ctx, person.calling.locationId));
  return { status: 200, body: { phoneNumbers: page.items.map((n) => availableView(ctx.state, n)) }, headers: page.headers };
}

import { NotFoundError } from '../../errors';
import { logger } from '../../logger';
import type { Assignment, CallingTarget, ResolvedLicense, ResolvedLocation } from '../../schemas/calling';
import { nameHash } from '../../state-machines/execution-name';
import type { WebexClient } from '../../webex/client';
import { WebexApiError } from '../../webex/errors';
import { getPerson, primaryWorkNumber } from '../../webex/people-api';
import { listLicenses } from '../../webex/reference-data';
import type { License, Person } from '../../webex/schemas';
import { assignablePrimaryNumbers, firstAssignablePrimaryNumber, patchUserLicenses } from '../../webex/telephony-api';
import { NumberTakenError } from '../numbers/errors';
import { freeNumberAdviceFor } from '../numbers/no-free-number';
import { requireFreeExtension, requireFreeNumberInLocation } from '../numbers/number-checks';
import { CallingAlreadyEnabledError, LicenseNotAppliedError, LicenseNotFoundError, NoLicenseUnitsError, NoNumberAvailableError } from './errors';
import type { EnableCallingState } from './parts';
import { need } from './state-access';
import { callingStep, type CallingStepDef } from './step-def';
import { targetDetail } from './result';

/**
 * The enable path's steps (steps.ts): the license, the number and extension, and the one PATCH that assigns them.
 * Each looks at Webex first, so a step run again (Retry, or after a rate-limit wait) never applies anything twice.
 */

/** Webex's licenseType for the primary-number candidates of a license. */
function licenseType(name: string): 'Webex Calling Professional' | 'Webex Calling Standard' | undefined {
  if (/professional/i.test(name)) return 'Webex Calling Professional';
  if (/standard|basic/i.test(name)) return 'Webex Calling Standard';
  return undefined;
}

const normaliseName = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The calling license by id or name ("Webex Calling - Professional" and "Webex Calling Professional"
 * both match). With several subscriptions of it, the first with a free unit. Units are read fresh, not
 * from the cache: this decides whether the assignment can work.
 */
export async function resolveLicense(client: WebexClient, state: EnableCallingState, defaultLicense: string): Promise<ResolvedLicense> {
  const wanted = state.request.license ?? defaultLicense;
  const licenses = await listLicenses(client, { fresh: true });
  const matches = licenses.filter((l) => l.id === wanted || normaliseName(l.name) === normaliseName(wanted));
  if (!matches.length) {
    throw new LicenseNotFoundError(
      `No license "${wanted}" in this Webex organisation (calling licenses here: ${
        licenses.filter((l) => /calling/i.test(l.name)).map((l) => l.name).join(', ') || 'none'
      })`,
    );
  }
  const withUnits = matches.find((l) => freeUnits(l) > 0);
  if (!withUnits) {
    const total = matches.reduce((sum, l) => sum + (l.totalUnits ?? 0), 0);
    throw new NoLicenseUnitsError(`No units left of "${matches[0].name}": all ${total} are assigned. Free a unit or buy more, then retry.`);
  }
  return { id: withUnits.id, name: withUnits.name, totalUnits: withUnits.totalUnits, consumedUnits: withUnits.consumedUnits };
}

// A license that reports no counts is not ours to judge: let Webex decide.
const freeUnits = (l: License) => (l.totalUnits === undefined || l.consumedUnits === undefined ? 1 : l.totalUnits - l.consumedUnits);

/**
 * The primary number: the requested one (it must exist, unassigned, in the location), or with
 * autoAssignNumber the first active standard candidate Webex offers for this license type (not the
 * location's main number); and the extension, which must be free in the location.
 */
export async function chooseNumber(client: WebexClient, state: EnableCallingState): Promise<CallingTarget> {
  const { request, location, license, user } = need(state, 'location', 'license', 'user');
  let phoneNumber = request.phoneNumber;
  if (phoneNumber) await requireFreeNumberInLocation(client, phoneNumber, location, user.id);
  if (!phoneNumber && request.autoAssignNumber) {
    phoneNumber = await firstAssignablePrimaryNumber(client, location.id, licenseType(license.name));
    if (!phoneNumber) {
      throw new NoNumberAvailableError(`Location "${location.name}" has no unassigned number: ${await freeNumberAdviceFor(client, location.id)}`);
    }
  }
  if (request.extension) await requireFreeExtension(client, request.extension, location, user.id);
  return { ...(phoneNumber ? { phoneNumber } : {}), ...(request.extension ? { extension: request.extension } : {}), autoAssigned: !request.phoneNumber && Boolean(phoneNumber) };
}

const matchesTarget = (person: Person, location: ResolvedLocation, target: CallingTarget) =>
  person.locationId === location.id &&
  (!target.phoneNumber || primaryWorkNumber(person) === target.phoneNumber) &&
  (!target.extension || person.extension === target.extension);

/**
 * One PATCH /licenses/users with the license, location, number and extension. Reads the user first: an
 * earlier attempt that failed after Webex applied it (a 5xx, a lost answer) is then recognised instead
 * of being sent again.
 */
export async function assignLicense(client: WebexClient, state: EnableCallingState): Promise<Assignment> {
  const { user, location, license, target } = need(state, 'user', 'location', 'license', 'target');
  const person = await getPerson(client, user.id);
  if (!person) throw new NotFoundError(`Webex user ${user.id} no longer exists`);
  if (person.locationId) {
    // An earlier attempt may have taken a number other than the target's (auto-assign lost a race): any number
    // it assigned in the location is this run's.
    const retaken = target.autoAssigned && person.locationId === location.id && person.licenses?.includes(license.id) && primaryWorkNumber(person);
    if (person.licenses?.includes(license.id) && (matchesTarget(person, location, target) || retaken)) {
      logger.info('enable calling: assignment found applied by an earlier attempt', { personId: user.id });
      const number = primaryWorkNumber(person);
      return { applied: true, recovered: true, ...(retaken && number && target.phoneNumber && number !== target.phoneNumber ? { phoneNumber: number, taken: [target.phoneNumber] } : {}) };
    }
    throw new CallingAlreadyEnabledError(`${user.email ?? user.id} became a Webex Calling user elsewhere while this request ran`);
  }
  if (!target.autoAssigned || !target.phoneNumber) return assignTarget(client, state, target);
  // Auto-assigned: runs at the same location chose from the same free numbers; one that lost its number to
  // another between the choice and the assignment takes another free one (spread by the user's id, so the
  // runs that lost together do not all pick the same next one) and reports it.
  const taken: string[] = [];
  let phoneNumber = target.phoneNumber;
  for (let attempt = 1; ; attempt++) {
    try {
      const assignment = await assignTarget(client, state, { ...target, phoneNumber });
      return taken.length ? { ...assignment, phoneNumber, taken } : assignment;
    } catch (error) {
      if (!(error instanceof NumberTakenError) || attempt >= MAX_NUMBER_RETAKES) throw error;
      taken.push(phoneNumber);
      const free = (await assignablePrimaryNumbers(client, location.id, licenseType(license.name), RETAKE_SPREAD)).filter((n) => !taken.includes(n));
      if (!free.length) throw new NoNumberAvailableError(`Location "${location.name}" has no unassigned number left: ${taken.join(', ')} were assigned by other runs meanwhile`);
      phoneNumber = free[parseInt(nameHash(`${user.id}#${attempt}`).slice(0, 8), 16) % free.length];
      logger.info('enable calling: auto-assigned number taken meanwhile, taking another', { personId: user.id, taken: taken.at(-1), next: phoneNumber });
    }
  }
}

/** How often an auto-assigned number may be lost to a concurrent run before the step fails. */
const MAX_NUMBER_RETAKES = 8;
/** Among how many of the first free numbers a run that lost its number picks the next. */
const RETAKE_SPREAD = 16;

/** The PATCH for one target; a 400 is explained by re-checking what it could have broken. */
async function assignTarget(client: WebexClient, state: EnableCallingState, target: CallingTarget): Promise<Assignment> {
  const { user, location, license } = need(state, 'user', 'location', 'license');
  try {
    const res = await patchUserLicenses(client, user.id, [
      {
        id: license.id,
        operation: 'add',
        properties: {
          locationId: location.id,
          ...(target.phoneNumber ? { phoneNumber: target.phoneNumber } : {}),
          ...(target.extension ? { extension: target.extension } : {}),
        },
      },
    ]);
    if (!res.licenses.includes(license.id)) {
      throw new LicenseNotAppliedError(
        `Webex answered ${res.status} to the license request but did not assign "${license.name}" (trackingId ${res.trackingId})`,
      );
    }
    return { applied: true, webexStatus: res.status, recovered: false };
  } catch (error) {
    if (error instanceof WebexApiError && error.status === 400) {
      // Webex's 400 bodies do not say which precondition broke; re-checking tells the caller.
      if (target.phoneNumber) await requireFreeNumberInLocation(client, target.phoneNumber, location, user.id);
      if (target.extension) await requireFreeExtension(client, target.extension, location, user.id);
      const now = (await listLicenses(client, { fresh: true })).find((l) => l.id === license.id);
      if (now && freeUnits(now) <= 0) throw new NoLicenseUnitsError(`No units left of "${license.name}": the last one was assigned while this request ran`, { cause: error });
    }
    throw error;
  }
}

/** The enable path's rows, in the table's order (steps.ts spreads them). */
export const ASSIGN_STEPS = {
  resolveLicense: callingStep({
    webex: { calls: ['GET /licenses'] },
    writes: 'license',
    run: (ctx, state) => resolveLicense(ctx.client, state, ctx.defaultLicense),
    shown: {
      paths: ['enable'],
      status: 'completed',
      detail: ({ license: l }) => {
        if (!l) return undefined;
        const free = l.totalUnits !== undefined && l.consumedUnits !== undefined ? `: ${l.totalUnits - l.consumedUnits} of ${l.totalUnits} units were free` : '';
        return `"${l.name}"${free}`;
      },
      skippedWhenEnabled: true,
    },
  }),
  chooseNumber: callingStep({
    // The location's first free number; a number the request names is looked up instead, and an extension validated.
    webex: {
      calls: ['GET /telephony/config/people/primary/availableNumbers'],
      when: {
        numberAndExtensionNamed: ['GET /telephony/config/numbers', 'POST /telephony/config/locations/{id}/actions/validateExtensions/invoke'],
        numberNamed: ['GET /telephony/config/numbers'],
      },
    },
    writes: 'target',
    run: (ctx, state) => chooseNumber(ctx.client, state),
    shown: { paths: ['enable'], status: 'completed', detail: targetDetail, skippedWhenEnabled: true },
  }),
  assignLicense: callingStep({
    webex: { calls: ['GET /people/{id}', 'PATCH /licenses/users'] },
    writes: 'assignment',
    run: (ctx, state) => assignLicense(ctx.client, state),
    shown: {
      paths: ['enable'],
      status: 'applied',
      detail: ({ assignment: a }) =>
        a &&
        (a.recovered ? 'already applied by an earlier attempt that failed after Webex applied it; not sent again' : `PATCH /licenses/users answered ${a.webexStatus}`) +
          (a.phoneNumber ? `; number ${a.phoneNumber} taken instead of ${a.taken?.join(', ')}, which another run assigned meanwhile` : ''),
      skippedWhenEnabled: true,
      undoneByCompensation: true,
    },
  }),
} satisfies Record<string, CallingStepDef>;

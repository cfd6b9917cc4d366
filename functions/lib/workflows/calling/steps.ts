import { NotFoundError, ValidationError } from '../../errors';
import { logger } from '../../logger';
// A namespace import lets esbuild drop what is unused (as in schemas/calling.ts).
import * as z from 'zod';
import {
  Assignment,
  CallingTarget,
  CallingUserView,
  Compensation,
  CurrentCalling,
  EnableCallingResult,
  ResolvedLicense,
  ResolvedLocation,
  ResolvedUser,
  type Remaining,
} from '../../schemas/calling';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, isTransientWebexError } from '../../webex/errors';
import { getPerson, primaryWorkNumber } from '../../webex/people-api';
import { getLocation, listLicenses } from '../../webex/reference-data';
import type { License, Person } from '../../webex/schemas';
import { freeNumberAdviceFor } from '../numbers/no-free-number';
import { assignablePrimaryNumbers, firstAssignablePrimaryNumber, getPersonNumbers, patchUserLicenses } from '../../webex/telephony-api';
import { NumberTakenError } from '../numbers/errors';
import { nameHash } from '../../state-machines/execution-name';
import { requireFreeExtension, requireFreeNumberInLocation } from '../numbers/number-checks';
import { resolveCallingLocation } from '../numbers/resolve-location';
import { resolvePerson } from '../users/resolve-user';
import { need } from './state-access';
import { MOVE_POLL_SECONDS, MOVE_STEP_PARTS, MOVE_STEPS, compensateMove } from './move-steps';
import { enableCallingStateOf } from './state';
import type { CallingStepDef, StepContext } from './step-def';
import { waitFitsDeadline } from './deadline';
import { buildFailure, buildResult, targetDetail } from './result';
import { runStep } from '../step-error';
import { WEBEX_RATE_LIMIT_WAIT_SECONDS } from '../../webex/retry-after';
import {
  CallingAlreadyEnabledError,
  CallingVerificationError,
  LicenseNotAppliedError,
  MoveJobTimeoutError,
  LicenseNotFoundError,
  NoLicenseUnitsError,
  NoNumberAvailableError,
} from './errors';

/**
 * The steps of Enable Webex Calling for User, one Task state each in statemachines/enable-calling.asl.json.
 * Each reads what it needs from the execution's JSON and returns its own part of it. Steps that write
 * look at Webex's state first, so a step Step Functions runs again (Retry, or after a rate-limit wait)
 * never applies anything twice.
 */

export const DEFAULT_CALLING_LICENSE = 'Webex Calling - Professional';

export type { StepContext } from './step-def';

/**
 * The parts of the execution's JSON the steps write, by name: a step's row names its part (`writes`), the
 * ResultPath of its Task state (`$.<part>`, checked by enable-calling-definition.test.ts); a step that
 * writes a new part adds it here (or to MOVE_STEP_PARTS). Several steps may write one part (`target`).
 */
export const ENABLE_CALLING_STEP_PARTS = {
  user: ResolvedUser,
  location: ResolvedLocation,
  current: CurrentCalling,
  license: ResolvedLicense,
  target: CallingTarget,
  assignment: Assignment,
  ...MOVE_STEP_PARTS,
  calling: CallingUserView,
  compensation: Compensation,
  /** The run's result (BuildResult / BuildFailure): the execution's output. */
  outcome: EnableCallingResult,
};
export type StepPart = keyof typeof ENABLE_CALLING_STEP_PARTS;

/** The execution's JSON as every step receives it: the machine's own parts and the steps'. */
export const EnableCallingState = enableCallingStateOf(ENABLE_CALLING_STEP_PARTS);
export type EnableCallingState = z.infer<typeof EnableCallingState>;

/**
 * The steps, one row each: what its Task state runs and how the result lists it. The step names the
 * Task states may send, the order and progress of the result and each step's detail all come from here:
 * a new step is its Task state in the ASL and its row (here, or in MOVE_STEPS for the move path).
 * test/unit/state-machines/enable-calling-definition.test.ts checks the ASL sends exactly these names.
 */
export const ENABLE_CALLING_STEP_TABLE = {
  resolveUser: {
    writes: 'user',
    run: (ctx, state) => resolveUser(ctx.client, state),
    shown: {
      paths: ['enable', 'move'],
      status: 'completed',
      detail: (s) => s.user && `${s.user.email ?? s.user.id} (${s.user.id})${s.user.nameWarning ? `; warning: ${s.user.nameWarning}` : ''}`,
    },
  },
  resolveLocation: {
    writes: 'location',
    run: (ctx, state) => resolveLocationStep(ctx.client, state),
    shown: { paths: ['enable', 'move'], status: 'completed', detail: (s) => s.location && `"${s.location.name}" (${s.location.id})` },
  },
  checkCurrentCalling: {
    writes: 'current',
    run: (ctx, state) => checkCurrentCalling(ctx.client, state),
    shown: { paths: ['enable', 'move'], status: 'completed', detail: (s) => s.current?.detail },
  },
  resolveLicense: {
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
  },
  chooseNumber: {
    writes: 'target',
    run: (ctx, state) => chooseNumber(ctx.client, state),
    shown: { paths: ['enable'], status: 'completed', detail: targetDetail, skippedWhenEnabled: true },
  },
  assignLicense: {
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
  },
  // The move path's steps come after assignLicense and before verifyCalling, which both paths end with.
  ...MOVE_STEPS,
  verifyCalling: {
    writes: 'calling',
    run: (ctx, state) => verifyCalling(ctx.client, state),
    shown: {
      paths: ['enable', 'move'],
      status: 'completed',
      detail: (s) => {
        const c = s.calling?.calling;
        const seen = c && `Webex shows location "${c.location?.name}"${c.primaryNumber ? `, number ${c.primaryNumber}` : ''}${c.extension ? `, extension ${c.extension}` : ''}`;
        return seen && s.current?.alreadyEnabled ? `${seen} (as first read: nothing was written, so nothing to read back)` : seen;
      },
    },
  },
  compensate: { writes: 'compensation', run: (ctx, state) => compensate(ctx.client, state) },
  buildResult: { writes: 'outcome', run: (_ctx, state, executionName): unknown => buildResult(ENABLE_CALLING_STEP_TABLE, state, executionName) },
  buildFailure: { writes: 'outcome', run: (_ctx, state, executionName): unknown => buildFailure(ENABLE_CALLING_STEP_TABLE, state, executionName) },
} satisfies Record<string, CallingStepDef>;

export type EnableCallingStep = keyof typeof ENABLE_CALLING_STEP_TABLE;
export const ENABLE_CALLING_STEPS = Object.keys(ENABLE_CALLING_STEP_TABLE) as [EnableCallingStep, ...EnableCallingStep[]];

/** The payload every Task state sends to the steps Lambda. */
export const EnableCallingStepInput = z.strictObject({
  step: z.enum(ENABLE_CALLING_STEPS),
  state: EnableCallingState,
  executionName: z.string().optional(),
});
export type EnableCallingStepInput = z.infer<typeof EnableCallingStepInput>;

export async function runEnableCallingStep(ctx: StepContext, input: EnableCallingStepInput): Promise<unknown> {
  const def: CallingStepDef = ENABLE_CALLING_STEP_TABLE[input.step];
  return runStep(
    input.step,
    { workflow: 'enable calling', levelByStatus: true },
    async () => {
      const result = await def.run(ctx, input.state, input.executionName ?? 'unknown');
      return def.pollsMoveJob ? beforeNextPoll(input, result) : result;
    },
    (wire) => {
      // The Retry-After wait the state machine would make next: past the run's deadline, it stops instead (WaitFitsDeadline).
      if (wire.detail.httpStatus === 429 && !waitFitsDeadline(input.state, wire.detail.retryAfterSeconds ?? WEBEX_RATE_LIMIT_WAIT_SECONDS)) {
        Object.assign(wire, { message: JSON.stringify({ ...wire.detail, deadlineReached: true }) });
      }
    },
  );
}

/**
 * A move job still running after this read means a MOVE_POLL_SECONDS wait before the next: past the
 * run's deadline, the job is reported as outlasting the workflow (504, what MoveJobTimeoutError says)
 * rather than polled after the caller, or the machine's timeout, has gone.
 */
function beforeNextPoll(input: EnableCallingStepInput, result: unknown): unknown {
  const job = result as { id?: string; phase?: string; polls?: number };
  if (job.phase !== 'running' || waitFitsDeadline(input.state, MOVE_POLL_SECONDS)) return result;
  throw new MoveJobTimeoutError(
    `Webex's move job ${job.id} is still running at the workflow's deadline (after ${job.polls ?? 0} status reads); ` +
      'it may still move the user. Check the user before repeating the request.',
  );
}

/** Characters Cisco's help says Webex Calling users' names must not contain. */
const CALLING_NAME_FORBIDDEN = /[%#<>\\/"]/;
const CALLING_NAME_MAX = 30;

/**
 * Cisco's help says Webex Calling users' first and last names are at most 30 characters, without
 * `% # < > \ / "`. Neither the OpenAPI documents nor a live client confirm that the API refuses such a name,
 * so it is a warning in the answer, not a refusal.
 */
export function callingNameWarning(person: Pick<Person, 'firstName' | 'lastName'>): string | undefined {
  const issues = (['firstName', 'lastName'] as const).flatMap((field) => {
    const value = person[field];
    if (!value) return [];
    return [
      ...(value.length > CALLING_NAME_MAX ? [`${field} has ${value.length} characters`] : []),
      ...(CALLING_NAME_FORBIDDEN.test(value) ? [`${field} contains one of % # < > \\ / "`] : []),
    ];
  });
  return issues.length
    ? `${issues.join(', ')}; Cisco's help limits Webex Calling users' first and last names to ${CALLING_NAME_MAX} characters without % # < > \\ / " (whether Webex refuses them is not documented)`
    : undefined;
}

export async function resolveUser(client: WebexClient, state: EnableCallingState): Promise<ResolvedUser> {
  const person = await resolvePerson(client, state.request.user);
  const nameWarning = callingNameWarning(person);
  return {
    ...(nameWarning ? { nameWarning } : {}),
    id: person.id,
    email: person.emails[0],
    displayName: person.displayName,
    licenses: person.licenses ?? [],
    calling: {
      enabled: Boolean(person.locationId),
      locationId: person.locationId,
      primaryNumber: primaryWorkNumber(person),
      extension: person.extension,
      esn: person.phoneNumbers?.find((n) => n.type === 'work_extension')?.value,
    },
  };
}

export async function resolveLocationStep(client: WebexClient, state: EnableCallingState): Promise<ResolvedLocation> {
  // Enabling calling and moving both need a calling location: say so instead of Webex's unclassified 400.
  const location = await resolveCallingLocation(client, state.request.location);
  return { id: location.id, name: location.name };
}

/**
 * Already a calling user: with the requested location and number/extension that is success without a
 * change; anything else is a conflict, because Webex does not let a calling user's location change
 * through People or Licenses (that is its move-users job).
 */
export async function checkCurrentCalling(client: WebexClient, state: EnableCallingState) {
  const { user, location, request } = need(state, 'user', 'location');
  const current = user.calling;
  if (!current.enabled) {
    // `move: true` alone carries what a calling user has; a user without calling has nothing to carry.
    if (!request.phoneNumber && !request.extension && !request.autoAssignNumber) {
      throw new ValidationError([{ field: 'phoneNumber', message: `${request.user} is not a Webex Calling user yet: give phoneNumber, extension or autoAssignNumber: true` }]);
    }
    return { alreadyEnabled: false, detail: 'not a Webex Calling user yet' };
  }
  const sameLocation = current.locationId === location.id;
  const sameNumber = request.phoneNumber ? current.primaryNumber === request.phoneNumber : !request.autoAssignNumber || Boolean(current.primaryNumber);
  const sameExtension = !request.extension || current.extension === request.extension;
  const describe = async () => {
    const where = current.locationId === location.id ? location.name : (await getLocation(client, current.locationId as string))?.name ?? current.locationId;
    return `location "${where}"${current.primaryNumber ? `, number ${current.primaryNumber}` : ''}${current.extension ? `, extension ${current.extension}` : ''}`;
  };
  if (sameLocation && sameNumber && sameExtension) {
    // Nothing will be written, so this read of the user is the result: a read-back would only repeat it.
    const view: CallingUserView = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      calling: {
        enabled: true,
        location: { id: location.id, name: location.name },
        ...(current.primaryNumber ? { primaryNumber: current.primaryNumber } : {}),
        ...(current.extension ? { extension: current.extension } : {}),
        ...(current.esn ? { esn: current.esn } : {}),
      },
    };
    return { alreadyEnabled: true, detail: `already a Webex Calling user with ${await describe()}: nothing to change`, view };
  }
  if (!sameLocation && request.move) {
    return { alreadyEnabled: false, move: true, detail: `a Webex Calling user with ${await describe()}: moving to "${location.name}" (move requested)` };
  }
  throw new CallingAlreadyEnabledError(
    `${request.user} is already a Webex Calling user (${await describe()}). ` +
      (sameLocation
        ? 'Changing the primary number or extension of a calling user is not part of this workflow.'
        : 'A calling user changes location through Webex\'s move-users job, not through license assignment: send move: true to move the user.'),
  );
}

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

/** Reads the user back and checks Webex shows what was asked: location, license, number, extension. */
export async function verifyCalling(client: WebexClient, state: EnableCallingState): Promise<CallingUserView> {
  const { user, location, request } = need(state, 'user', 'location');
  const wantNumber = state.assignment?.phoneNumber ?? state.target?.phoneNumber ?? request.phoneNumber;
  const wantExtension = state.target?.extension ?? request.extension;
  const person = await getPerson(client, user.id);
  if (!person) throw new NotFoundError(`Webex user ${user.id} no longer exists`);
  const numbers = person.locationId ? await getPersonNumbers(client, user.id) : undefined;
  const primary = numbers?.phoneNumbers.find((n) => n.primary);
  const extension = primary?.extension ?? person.extension;

  const problems: string[] = [];
  if (!person.locationId) problems.push('the user has no calling location');
  else if (person.locationId !== location.id) problems.push(`the calling location is ${person.locationId}, not "${location.name}"`);
  if (state.license && !person.licenses?.includes(state.license.id)) problems.push(`"${state.license.name}" is not assigned`);
  // A move job that completed with pending number orders has moved the user; the number follows its order.
  const numberPending = state.moveJob?.pendingOrders === true;
  if (wantNumber && !numberPending && primary?.directNumber !== wantNumber) problems.push(`the primary number is ${primary?.directNumber ?? 'missing'}, not ${wantNumber}`);
  if (wantExtension && extension !== wantExtension) problems.push(`the extension is ${extension ?? 'missing'}, not ${wantExtension}`);
  if (problems.length) {
    throw new CallingVerificationError(`Webex does not show the requested calling setup for ${user.email ?? user.id}: ${problems.join('; ')}`);
  }
  return {
    id: person.id,
    email: person.emails[0],
    displayName: person.displayName,
    calling: {
      enabled: true,
      location: { id: location.id, name: location.name },
      ...(primary?.directNumber ? { primaryNumber: primary.directNumber } : {}),
      ...(extension ? { extension } : {}),
      ...(primary?.esn ? { esn: primary.esn } : {}),
      ...(state.license ? { license: { id: state.license.id, name: state.license.name } } : {}),
    },
  };
}

function remainingOn(person: Person, license: ResolvedLicense, location: ResolvedLocation): Remaining | undefined {
  const hasLicense = person.licenses?.includes(license.id) ?? false;
  if (!hasLicense && !person.locationId) return undefined;
  return {
    ...(hasLicense ? { license: { id: license.id, name: license.name } } : {}),
    ...(person.locationId ? { location: { id: person.locationId, name: person.locationId === location.id ? location.name : undefined } } : {}),
    ...(primaryWorkNumber(person) ? { phoneNumber: primaryWorkNumber(person) } : {}),
    ...(person.extension ? { extension: person.extension } : {}),
    confirmed: true,
  };
}

/**
 * After a failure: undo this run's license assignment, judged by what Webex shows now rather than by
 * which steps reported success (an assignment can be applied and still fail). A user who had calling
 * before the run, or whose calling someone else set up meanwhile, is left alone. Rate limits and Webex
 * faults are thrown, so the state machine waits or retries; any other refusal is reported with what
 * remains.
 */
export async function compensate(client: WebexClient, state: EnableCallingState): Promise<Compensation> {
  if (state.current?.move) return compensateMove(client, state);
  const { user, license, location, target } = state;
  if (!user || !license || !location || !target) return { action: 'none', detail: 'the run failed before assigning anything: nothing to undo' };
  if (user.calling.enabled) return { action: 'none', detail: 'the user had Webex Calling before this run: nothing of this run to undo' };
  const person = await getPerson(client, user.id);
  if (!person) return { action: 'none', detail: 'the user no longer exists' };
  if (!person.licenses?.includes(license.id)) {
    return person.locationId
      ? { action: 'none', detail: `calling was set up by someone else meanwhile (without "${license.name}"): left untouched`, remaining: remainingOn(person, license, location) }
      : { action: 'none', detail: `Webex shows no "${license.name}" on the user: the assignment was not applied` };
  }
  try {
    await patchUserLicenses(client, user.id, [{ id: license.id, operation: 'remove' }]);
  } catch (error) {
    if (isTransientWebexError(error)) throw error;
    const after = await getPerson(client, user.id);
    return {
      action: 'failed',
      detail: `Webex refused removing "${license.name}": ${error instanceof WebexApiError ? `${error.webexMessage} (trackingId ${error.trackingId})` : String(error)}`,
      remaining: after ? remainingOn(after, license, location) : undefined,
    };
  }
  const after = await getPerson(client, user.id);
  const remaining = after ? remainingOn(after, license, location) : undefined;
  if (remaining) return { action: 'failed', detail: `Webex still shows calling on the user after removing "${license.name}"`, remaining };
  return {
    action: 'removed',
    detail: `removed "${license.name}"; Webex returned the number and extension to location "${location.name}"`,
  };
}

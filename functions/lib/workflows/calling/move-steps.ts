import { NotFoundError } from '../../errors';
import { need } from './state-access';
import { logger } from '../../logger';
import type { CallingTarget, Compensation, MoveJobState, MoveValidation } from '../../schemas/calling';
import type { EnableCallingState } from './parts';
import type { WebexClient } from '../../webex/client';
import { WebexApiError, WebexResponseShapeError } from '../../webex/errors';
import { getMoveJob, listMoveJobErrors, listRecentMoveJobs, startMoveJob, validateMove, type MoveJob, type MoveUser } from '../../webex/move-users-api';
import { getPerson, primaryWorkNumber } from '../../webex/people-api';
import { getLocation } from '../../webex/reference-data';
import type { Person } from '../../webex/schemas';
import { firstAssignablePrimaryNumber } from '../../webex/telephony-api';
import { freeNumberAdviceFor } from '../numbers/no-free-number';
import {
  MoveConflictError,
  MoveInProgressError,
  MoveJobFailedError,
  MoveJobTimeoutError,
  MoveRejectedError,
  NoNumberAvailableError,
} from './errors';
import { waitFitsDeadline } from './deadline';
import { callingStep, type CallingStepDef } from './step-def';
import { targetDetail } from './result';

/**
 * The move path of Enable Calling (`move: true` for a user with calling in another location): Webex's
 * move-users job. Dry run (validate), start, poll (the state machine's Wait/Choice loop calls
 * checkMoveJob), then the usual read-back (verifyCalling). PUT /people cannot change a calling user's
 * location (webex-api.md §1.4), so this is the only way.
 */

/**
 * The state machine waits this long between status reads. There is no cap on the number of reads (wxc_sdk's
 * live test polls every 10 s until the job ends, tests/test_telephony_move_users_jobs.py): the run's deadline
 * alone ends the polling (beforeNextPoll).
 */
export const MOVE_POLL_SECONDS = 3;

/** Dry-run codes that mean "taken" (409) rather than "not allowed" (422). */
const CONFLICT_CODES = new Set([4202, 27966]);


const who = (state: EnableCallingState) => state.user?.email ?? state.user?.id ?? state.request.user;

/** The user as Webex shows them now, in words. */
async function describePerson(client: WebexClient, person: Person): Promise<string> {
  const where = person.locationId ? ((await getLocation(client, person.locationId))?.name ?? person.locationId) : undefined;
  const number = primaryWorkNumber(person);
  return `location "${where ?? 'none'}"${number ? `, number ${number}` : ''}${person.extension ? `, extension ${person.extension}` : ''}`;
}

/**
 * Dry-run errors that concern the user or the extension, not whether the number can travel (wxc_sdk
 * telephony/jobs/__init__.py, validate_or_initiate's list of errors): user or location not found, the same
 * location, the extension taken, ECBN, devices and hot desking. Every other error of the first dry run, known
 * ("number cannot travel": 27976 Local Gateway, 10050010 on premises or non-integrated CCP, 10010005 another
 * carrier, 10010014 another country, 1026015, …) or not, means the number does not stay the user's.
 */
const NOT_ABOUT_THE_NUMBER = new Set([4007, 4152, 4202, 25378, 27967, 27968, 27969, 27970, 27971, 27972, 1026013]);
/** Request-level errors (a 400 on the dry run) that say the number cannot travel. */
const NUMBER_STAYS_REQUEST_CODES = new Set([1026015]);

const withCode = (e: { code: number; message: string }) => (e.message.includes(String(e.code)) ? e.message : `[Error ${e.code}] ${e.message}`);

/**
 * Whether Webex would move the user's number with them: a dry run naming no number (and the requested
 * extension, if any). Undefined when it travels; otherwise Webex's reasons, with their codes.
 */
async function whyNumberStays(client: WebexClient, state: EnableCallingState): Promise<{ codes: number[]; said: string } | undefined> {
  const { request, location, user } = need(state, 'location', 'user');
  let check;
  try {
    check = await validateMove(client, location.id, { userId: user.id, ...(request.extension ? { extension: request.extension } : {}) });
  } catch (error) {
    const coded = error instanceof WebexApiError && error.status === 400 ? error.details.filter((d) => d.errorCode !== undefined && NUMBER_STAYS_REQUEST_CODES.has(d.errorCode)) : [];
    if (coded.length && error instanceof WebexApiError) {
      const codes = coded.map((d) => d.errorCode as number);
      return { codes, said: `${error.webexMessage} (code ${codes.join(', ')})` };
    }
    throw refusal(error, state, location.name);
  }
  const stays = check.errors.filter((e) => !NOT_ABOUT_THE_NUMBER.has(e.code));
  return stays.length ? { codes: stays.map((e) => e.code), said: stays.map(withCode).join('; ') } : undefined;
}

/**
 * The number and extension in the new location. A requested number is used. Otherwise Webex moves the
 * user's current number with them ("If not provided, the existing phone number will be moved to the
 * target location": UserItem.phoneNumber in webex-user-call-settings-2-2.yml, impact 19717), which a dry
 * run confirms. When it cannot travel, the user lands on the number the caller set aside
 * (fallbackPhoneNumber), else on the first free standard number there, and the target says why; a user
 * without a number gets one only with autoAssignNumber. The extension is the requested one, else the user
 * keeps theirs.
 */
export async function chooseMoveTarget(client: WebexClient, state: EnableCallingState): Promise<CallingTarget> {
  const { request, location, user } = need(state, 'location', 'user');
  const extension = request.extension ?? user.calling.extension;
  const withExtension = extension ? { extension } : {};
  if (request.phoneNumber) return { phoneNumber: request.phoneNumber, ...withExtension, autoAssigned: false };

  const current = user.calling.primaryNumber;
  let note: string | undefined;
  let stays: Awaited<ReturnType<typeof whyNumberStays>>;
  if (current) {
    stays = await whyNumberStays(client, state);
    if (!stays) return { phoneNumber: current, ...withExtension, autoAssigned: false, keptNumber: true };
    note = `${current} cannot move to "${location.name}" (Webex: ${stays.said})`;
  }
  // The number the caller set aside (a reconciliation plan's): the dry run that follows checks it is free there.
  if (request.fallbackPhoneNumber) {
    const phoneNumber = request.fallbackPhoneNumber;
    return { phoneNumber, ...withExtension, autoAssigned: false, ...(note ? { note: `${note}: assigned ${phoneNumber} instead` } : {}) };
  }
  if (!note && !request.autoAssignNumber) return { ...withExtension, autoAssigned: false };
  const phoneNumber = await firstAssignablePrimaryNumber(client, location.id);
  if (!phoneNumber) {
    // The codes first: a bulk report keeps only the start of a message.
    const why = stays ? ` to replace ${current}, which cannot move there (Webex code ${stays.codes.join(', ')})` : '';
    const said = stays ? `. Webex: ${stays.said}` : '';
    throw new NoNumberAvailableError(`Location "${location.name}" has no unassigned number${why}: ${await freeNumberAdviceFor(client, location.id)}${said}`);
  }
  return { phoneNumber, ...withExtension, autoAssigned: true, ...(note ? { note: `${note}: assigned ${phoneNumber} instead` } : {}) };
}

const moveUser = (state: EnableCallingState): MoveUser => {
  const { user, target, request } = need(state, 'user', 'target');
  return {
    userId: user.id,
    // A kept number is not named: Webex moves the current one ("If not provided, the existing phone number
    // will be moved", webex-user-call-settings-2-2.yml), the way both Cisco's document and live clients send it.
    ...(target.phoneNumber && !target.keptNumber ? { phoneNumber: target.phoneNumber } : {}),
    // Without a requested extension Webex keeps the user's own.
    ...(request.extension ? { extension: request.extension } : {}),
  };
};

/** Webex's refusals of the request itself (400 with coded errors, 409 for a user already being moved). */
function refusal(error: unknown, state: EnableCallingState, locationName: string): unknown {
  if (!(error instanceof WebexApiError)) return error;
  const codes = error.details.map((d) => d.errorCode).filter((c) => c !== undefined);
  const said = `${error.webexMessage}${codes.length ? ` (code ${codes.join(', ')})` : ''}; trackingId ${error.trackingId}`;
  if (error.status === 409) return new MoveInProgressError(`Webex refuses moving ${who(state)}: the user is already in a move job (${said})`);
  if (error.status === 400) return new MoveRejectedError(`Webex refuses moving ${who(state)} to "${locationName}": ${said}`);
  return error;
}

/** The dry run (`validate: true`): Webex's errors refuse the move (409 taken, 422 otherwise); nothing is changed. */
export async function validateMoveStep(client: WebexClient, state: EnableCallingState): Promise<MoveValidation> {
  const { location } = need(state, 'location');
  let result;
  try {
    result = await validateMove(client, location.id, moveUser(state));
  } catch (error) {
    throw refusal(error, state, location.name);
  }
  if (result.errors.length) {
    const message = `Webex's move check refuses moving ${who(state)} to "${location.name}", nothing was changed: ${result.errors.map((e) => e.message).join('; ')}`;
    throw result.errors.every((e) => CONFLICT_CODES.has(e.code)) ? new MoveConflictError(message) : new MoveRejectedError(message);
  }
  return { impacts: result.impacts.map((i) => ({ code: i.code, message: i.message })) };
}

const movedToTarget = (person: Person, state: EnableCallingState) =>
  person.locationId === state.location?.id &&
  (!state.target?.phoneNumber || primaryWorkNumber(person) === state.target.phoneNumber) &&
  (!state.target?.extension || person.extension === state.target.extension);

/**
 * Starts the job (`validate: false`). Reads the user first: a start that Webex applied and completed
 * although the answer was lost is recognised instead of sent again.
 */
export async function startMoveJobStep(client: WebexClient, state: EnableCallingState): Promise<MoveJobState> {
  const { user, location } = need(state, 'user', 'location', 'target');
  const person = await getPerson(client, user.id);
  if (!person) throw new NotFoundError(`Webex user ${user.id} no longer exists`);
  if (movedToTarget(person, state)) {
    logger.info('enable calling: move found applied by an earlier attempt', { personId: user.id });
    return { id: state.moveJob?.id ?? 'unknown', status: 'COMPLETED', exitCode: 'COMPLETED', phase: 'completed', polls: 0, recovered: true };
  }
  let job: MoveJob;
  try {
    job = await startMoveJob(client, location.id, [moveUser(state)]);
  } catch (error) {
    const started = await startedDespite(client, error);
    if (!started) throw refusal(error, state, location.name);
    logger.info('enable calling: move job started although Webex answered with an error', { personId: user.id, jobId: started.id });
    job = started;
  }
  return beforeNextPoll(state, await judge(client, state, job, 0));
}

/**
 * A start Webex answered with a 5xx may have started the job all the same. Sent again, it would be
 * refused (409: the user is in a move job) and the run would fail while that first job still moves the
 * user. The job records the TrackingID of the request that started it, which the error carries too.
 */
async function startedDespite(client: WebexClient, error: unknown): Promise<MoveJob | undefined> {
  // A 2xx we could not read started the job all the same (Webex answered 2xx): find it, never start a second.
  const unreadable = error instanceof WebexResponseShapeError;
  if (!unreadable && (!(error instanceof WebexApiError) || error.status < 500)) return undefined;
  const trackingId = error.trackingId;
  const jobId = unreadable ? jobIdIn(error.data) : undefined;
  if (!trackingId && !jobId) return undefined;
  return (await listRecentMoveJobs(client)).find((j) => (jobId && j.id === jobId) || (trackingId && j.trackingId === trackingId));
}

/** A job id anywhere Webex's documented or live shapes put it (`response.id`, `response.jobDetails.id`). */
function jobIdIn(data: unknown): string | undefined {
  const response = (data as { response?: { id?: unknown; jobDetails?: { id?: unknown } } } | undefined)?.response;
  const id = response?.jobDetails?.id ?? response?.id;
  return typeof id === 'string' ? id : undefined;
}

/** One status read of the job; the state machine waits between reads until the run's deadline (beforeNextPoll). */
export async function checkMoveJob(client: WebexClient, state: EnableCallingState): Promise<MoveJobState> {
  const { moveJob } = need(state, 'moveJob');
  const job = await getMoveJob(client, moveJob.id);
  return beforeNextPoll(state, await judge(client, state, job, moveJob.polls + 1));
}

/**
 * A move job still running after this read means a MOVE_POLL_SECONDS wait before the next: past the
 * run's deadline, the job is reported as outlasting the workflow (504, what MoveJobTimeoutError says)
 * rather than polled after the caller, or the machine's timeout, has gone.
 */
function beforeNextPoll(state: EnableCallingState, job: MoveJobState): MoveJobState {
  if (job.phase !== 'running' || waitFitsDeadline(state, MOVE_POLL_SECONDS)) return job;
  throw new MoveJobTimeoutError(
    `Webex's move job ${job.id} is still running at the workflow's deadline (after ${job.polls ?? 0} status reads); ` +
      'it may still move the user. Check the user before repeating the request.',
  );
}

/** Running, completed, or ended without moving the user: then the job's errors and what Webex shows now. */
async function judge(client: WebexClient, state: EnableCallingState, job: MoveJob, polls: number): Promise<MoveJobState> {
  const status = job.latestExecutionStatus;
  const exitCode = job.latestExecutionExitCode;
  const base = { id: job.id, status, ...(exitCode ? { exitCode } : {}), polls };
  if (status === 'STARTING' || status === 'STARTED' || status === 'UNKNOWN') return { ...base, phase: 'running' };
  if (status === 'COMPLETED' && exitCode === 'COMPLETED_WITH_PENDING_ORDERS') return { ...base, phase: 'completed', pendingOrders: true };
  if (status === 'COMPLETED' && (!exitCode || exitCode === 'COMPLETED')) return { ...base, phase: 'completed' };
  const errors = await listMoveJobErrors(client, job.id);
  const person = state.user ? await getPerson(client, state.user.id) : undefined;
  const now = person ? await describePerson(client, person) : 'the user could not be read';
  const moved = person ? movedToTarget(person, state) : false;
  throw new MoveJobFailedError(
    `Webex's move job ${job.id} ended ${status}${exitCode ? ` (${exitCode})` : ''}: ` +
      `${errors.length ? errors.map((e) => e.message).join('; ') : 'Webex lists no errors for it'}. ` +
      (moved ? `Webex nevertheless shows ${who(state)} moved: ${now}.` : `Nothing was moved: Webex shows ${who(state)} with ${now}.`),
  );
}

/**
 * After a failure on the move path: nothing is undone (moving back would be another move job); the
 * result says whether the user was moved, judged by what Webex shows.
 */
export async function compensateMove(client: WebexClient, state: EnableCallingState): Promise<Compensation> {
  const { user, location } = state;
  if (!user || !location || !state.moveValidation) return { action: 'none', detail: 'the move job was not started: nothing was moved' };
  const person = await getPerson(client, user.id);
  if (!person) return { action: 'none', detail: 'the user no longer exists' };
  if (person.locationId === location.id) {
    const number = primaryWorkNumber(person);
    return {
      action: 'none',
      detail: `the user was moved to "${location.name}" (${await describePerson(client, person)}); a move is not undone automatically`,
      remaining: {
        location: { id: location.id, name: location.name },
        ...(number ? { phoneNumber: number } : {}),
        ...(person.extension ? { extension: person.extension } : {}),
        confirmed: true,
      },
    };
  }
  const running = state.moveJob?.phase === 'running' ? ` yet (job ${state.moveJob.id} may still be running)` : '';
  return { action: 'none', detail: `nothing was moved${running}: Webex shows the user with ${await describePerson(client, person)}` };
}

/** The move path's rows, in the table's order (steps.ts spreads them after the enable path's). */
export const MOVE_STEPS = {
  chooseMoveTarget: callingStep({
    // A dry run: does the user's number travel? If not, the location's first free number (numberStays).
    webex: { calls: ['POST /telephony/config/jobs/person/moveLocation'], when: { numberNamed: [], numberStays: ['POST /telephony/config/jobs/person/moveLocation', 'GET /telephony/config/people/primary/availableNumbers'] } },
    writes: 'target',
    run: (ctx, state) => chooseMoveTarget(ctx.client, state),
    shown: {
      paths: ['move'],
      status: 'completed',
      detail: (s) => {
        const t = s.target;
        if (t?.keptNumber) return [`keeps number ${t.phoneNumber} (Webex moves it with the user)`, t.extension && `extension ${t.extension}`].filter(Boolean).join(', ');
        return [targetDetail(s), t?.note].filter(Boolean).join('; ');
      },
    },
  }),
  validateMove: callingStep({
    webex: { calls: ['POST /telephony/config/jobs/person/moveLocation'] },
    writes: 'moveValidation',
    run: (ctx, state) => validateMoveStep(ctx.client, state),
    shown: {
      paths: ['move'],
      status: 'completed',
      detail: (s) => {
        const impacts = s.moveValidation?.impacts ?? [];
        return s.moveValidation && `Webex's dry run found no errors${impacts.length ? `; impacts: ${impacts.map((i) => i.message).join('; ')}` : ''}`;
      },
    },
  }),
  startMoveJob: callingStep({
    webex: { calls: ['GET /people/{id}', 'POST /telephony/config/jobs/person/moveLocation'] },
    writes: 'moveJob',
    run: (ctx, state) => startMoveJobStep(ctx.client, state),
    shown: {
      paths: ['move'],
      status: 'applied',
      detail: ({ moveJob: j }) => j && (j.recovered ? 'already moved by an earlier attempt; no job started again' : `move-users job ${j.id} started`),
    },
  }),
  checkMoveJob: callingStep({
    webex: { calls: ['GET /telephony/config/jobs/person/moveLocation/{id}'] },
    writes: 'moveJob',
    run: (ctx, state) => checkMoveJob(ctx.client, state),
    shown: {
      paths: ['move'],
      done: (s) => s.moveJob?.phase === 'completed',
      status: 'completed',
      detail: ({ moveJob: j }) =>
        j &&
        `job ${j.status}${j.exitCode ? ` (${j.exitCode})` : ''} after ${j.polls} status read(s)` +
          (j.pendingOrders ? '; a number order is still pending: Webex shows the number once it completes' : ''),
    },
  }),
} satisfies Record<string, CallingStepDef>;

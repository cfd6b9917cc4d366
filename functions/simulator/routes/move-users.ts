import { isE164 } from '../calling';
import { conflict, notFound, SimError } from '../errors';
import type { Reply } from '../http';
import type { RequestContext, Router } from '../router';
import { numberTravelProblem, type CodedProblem, type MoveJobRecord, type NumberRecord, type PersonRecord, type SimState } from '../state';
import { offsetPage, rejectUnknownParams } from './params';

/**
 * The move-users job (Cisco's "mover", webex-user-call-settings-2-2.yml): the only way a Webex
 * Calling user changes location (PUT /people cannot change locationId). `validate: true` is a dry run
 * for one calling user that changes nothing; `validate: false` starts an asynchronous job. The job
 * runs when its status has been read `moveJobTiming.pollsToComplete` times (or after
 * `moveJobTiming.delayMs`): it checks each user again, then moves them, assigning the requested number
 * and extension in the new location and releasing the old numbers to the old location only then.
 */
export function registerMoveUsers(router: Router): void {
  router
    .on('POST', '/telephony/config/jobs/person/moveLocation', validateOrStart)
    .on('GET', '/telephony/config/jobs/person/moveLocation', listJobs)
    .on('GET', '/telephony/config/jobs/person/moveLocation/:jobId', getJob)
    .on('GET', '/telephony/config/jobs/person/moveLocation/:jobId/errors', getJobErrors);
}

export const MAX_MOVE_USERS = 100;
/** The job status's fixed `sourceUserId` (the simulator does not track which admin a token belongs to). */
const SIM_ADMIN_ID = 'Y2lzY29zcGFyazovL3VzL1BFT1BMRS9zaW0tYWRtaW4';

/** Initial request validation: a 400 with MoveUsersErrorResponse (`{error: [{code, message}]}`). */
class MoveRequestError extends SimError {
  constructor(readonly code: number, message: string, options?: ErrorOptions) {
    super(400, message, { errorCode: code }, options);
  }
}

interface MoveUser {
  userId: string;
  phoneNumber?: string;
  extension?: string;
}

type MoveProblem = CodedProblem;

function parseRequest(state: SimState, body: unknown): { locationId: string; validate: boolean; users: MoveUser[] } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(b.usersList) || b.usersList.length === 0) throw new MoveRequestError(1026011, 'Users list should not be empty.');
  // Webex's usersList takes one entry per target location; this simulator moves to one location per request.
  if (b.usersList.length > 1) throw new MoveRequestError(1026014, 'Error occurred while processing the move users request.');
  const entry = (typeof b.usersList[0] === 'object' && b.usersList[0] !== null ? b.usersList[0] : {}) as Record<string, unknown>;
  if (typeof entry.validate !== 'boolean') throw new MoveRequestError(1026006, "Attribute 'Validate' is required.");
  if (typeof entry.locationId !== 'string' || !entry.locationId) throw new MoveRequestError(1026021, 'Attribute location id is required for Calling user.');
  if (!Array.isArray(entry.users) || entry.users.length === 0) throw new MoveRequestError(1026012, 'Users should not be empty.');
  if (entry.users.length > MAX_MOVE_USERS) throw new MoveRequestError(1026018, 'Selected Users list exceeds the maximum limit.');
  if (entry.validate && entry.users.length > 1) throw new MoveRequestError(1026020, "Validate 'true' is supported only for single user.");
  const seen = new Set<string>();
  const users = entry.users.map((raw): MoveUser => {
    const u = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof u.userId !== 'string' || !u.userId) throw new MoveRequestError(1026014, "Attribute 'User ID' is required.");
    if (seen.has(u.userId)) throw new MoveRequestError(1026019, 'Duplicate entry for user is not allowed.');
    seen.add(u.userId);
    const person = state.people.get(u.userId);
    if (!person) throw new MoveRequestError(2150012, 'User was not found');
    // Only calling users are moved here; Webex moves a single non-calling user synchronously (not simulated).
    if (!person.calling) {
      throw entry.validate
        ? new MoveRequestError(1026022, "Validate 'true' is supported for calling users only.")
        : new MoveRequestError(1026010, 'User is not a valid Calling User.');
    }
    if (u.phoneNumber !== undefined && !isE164(u.phoneNumber)) throw new MoveRequestError(1026017, 'Phone number is not in e164 format.');
    if (u.extension !== undefined && typeof u.extension !== 'string') throw new MoveRequestError(1026014, 'Error occurred while processing the move users request.');
    if (person.calling.locationId === entry.locationId) throw new MoveRequestError(1026013, 'The source and the target location cannot be the same.');
    // A user keeps what the request does not name: "If not provided, the existing phone number will be moved
    // to the target location" (UserItem.phoneNumber, webex-user-call-settings-2-2.yml), the extension alike;
    // 1026016 only for a user who would then have neither.
    const extension = (u.extension as string | undefined) ?? person.calling.extension;
    if (!u.phoneNumber && !extension && !state.primaryNumberOf(person.id)) {
      throw new MoveRequestError(1026016, 'User should have either phone number or extension.');
    }
    return { userId: u.userId, ...(u.phoneNumber ? { phoneNumber: u.phoneNumber as string } : {}), ...(u.extension ? { extension: u.extension as string } : {}) };
  });
  return { locationId: entry.locationId, validate: entry.validate, users };
}

/** What stops the move of one user to `locationId` now (the dry run's `errors`, the job's error items). */
function problemsFor(state: SimState, locationId: string, user: MoveUser): MoveProblem[] {
  const person = state.people.get(user.userId);
  if (!person?.calling) return [{ code: 4007, message: '[Error 4007] User Not Found' }];
  // "The target location must be a calling location" (wxc_sdk/telephony/jobs/__init__.py validate_or_initiate).
  if (!state.locations.get(locationId)?.callingEnabled) return [{ code: 4152, message: '[Error 4152] Location Not Found' }];
  if (person.calling.locationId === locationId) return [{ code: 25378, message: "[Error 25378] Target location is same as user's current location." }];
  const problems: MoveProblem[] = [];
  // Without a new extension the user keeps theirs, which must be free in the new location too.
  const extension = user.extension ?? person.calling.extension;
  if (extension && state.extensionInUse(locationId, extension, person.id)) {
    problems.push({ code: 4202, message: `[Error 4202] The extension is not available. It is already assigned to a user : ${extension}.` });
  }
  // Without a new number Webex moves the current one (UserItem.phoneNumber, webex-user-call-settings-2-2.yml)
  // where it can travel (numberTravelProblem). Naming the user's own number is the same: wxc_sdk's live
  // test_validate_ok (tests/test_telephony_move_users_jobs.py) names it and gets no errors.
  const carried = carriedNumber(state, person, user);
  const stays = carried && numberTravelProblem(state.locations.get(carried.locationId), state.locations.get(locationId), carried.phoneNumber);
  if (stays) problems.push(stays);
  if (user.phoneNumber && !carried) {
    const n = state.numbers.get(user.phoneNumber);
    const location = state.locations.get(locationId);
    if (!n || n.locationId !== locationId || n.owner || n.mobile || n.reserved || location?.mainNumber === user.phoneNumber) {
      problems.push({ code: 27966, message: `[Error 27966] The phone number, ${user.phoneNumber}, is not available in the new group.` });
    }
  }
  return problems;
}

/** The primary number that moves with the user: theirs, when the request names none or names it. */
function carriedNumber(state: SimState, person: PersonRecord, user: MoveUser): NumberRecord | undefined {
  const current = state.primaryNumberOf(person.id);
  return current && (!user.phoneNumber || user.phoneNumber === current.phoneNumber) ? current : undefined;
}

/** A user with a job that has not ended cannot be in another one. */
function runningJobFor(state: SimState, userId: string): MoveJobRecord | undefined {
  for (const job of state.moveJobs.values()) {
    if ((job.status === 'STARTING' || job.status === 'STARTED') && job.users.some((u) => u.userId === userId)) return job;
  }
  return undefined;
}

function validateOrStart(ctx: RequestContext): Reply {
  const { state } = ctx;
  rejectUnknownParams(ctx, ['orgId']);
  let request;
  try {
    request = parseRequest(state, ctx.body);
  } catch (error) {
    if (error instanceof MoveRequestError) return { status: 400, body: { error: [{ code: error.code, message: error.message }] } };
    throw error;
  }
  for (const user of request.users) {
    const running = runningJobFor(state, user.userId);
    if (running) throw conflict(`User ${user.userId} is already being moved by job ${running.id}.`, 1026014);
  }
  const live = state.moveAnswerShape === 'live';
  if (request.validate) {
    const [user] = request.users;
    const impacts = impactsFor(state, request.locationId, user);
    const errors = problemsFor(state, request.locationId, user);
    // wxc_sdk's live test asserts `errors` is None for a possible move (test_telephony_move_users_jobs.py).
    const outcome = live ? { userId: user.userId, impacts, ...(errors.length ? { errors } : {}) } : { userId: user.userId, impacts, errors };
    return { status: 200, body: { response: live ? { usersList: [outcome] } : [outcome] } };
  }
  const job: MoveJobRecord = {
    id: state.newId('JOB_ID'),
    instanceId: state.moveJobs.size + 1,
    trackingId: ctx.trackingId,
    created: state.timestamp(),
    locationId: request.locationId,
    users: request.users,
    status: 'STARTED',
    exitCode: 'UNKNOWN',
    pollsLeft: state.moveJobTiming.pollsToComplete,
    ...(state.moveJobTiming.delayMs !== undefined ? { runAt: state.now() + state.moveJobTiming.delayMs } : {}),
    moved: 0,
    failed: 0,
    errors: [],
  };
  state.moveJobs.set(job.id, job);
  const started = request.users.map((u) => ({ userId: u.userId, impacts: impactsFor(state, request.locationId, u) }));
  return { status: 201, body: { response: live ? { usersList: started, jobDetails: jobView(state, job) } : jobView(state, job) } };
}

function impactsFor(state: SimState, locationId: string, user: MoveUser): MoveProblem[] {
  const main = state.locations.get(locationId)?.mainNumber;
  const impacts = [{ code: 19722, message: `[Informational 19722] User CLID number is set to use the new group CLID number: ${main ?? 'null'}.` }];
  const carried = travelling(state, locationId, user);
  if (carried.length) {
    impacts.push({
      code: 19717,
      message: `[Informational 19717] The primary number, alternate numbers or fax messaging number of the user are assigned to the new group: ${carried.map((n) => n.phoneNumber).join(', ')}.`,
    });
  }
  return impacts;
}

/**
 * The user's numbers that would move with them: all they hold (primary and alternates) when their primary
 * number travels (no other number named, numberTravelProblem allows it), else none.
 */
function travelling(state: SimState, locationId: string, user: MoveUser): NumberRecord[] {
  const person = state.people.get(user.userId);
  const carried = person && carriedNumber(state, person, user);
  if (!carried || numberTravelProblem(state.locations.get(carried.locationId), state.locations.get(locationId), carried.phoneNumber)) return [];
  return state.numbersOf(user.userId).filter((n) => !numberTravelProblem(state.locations.get(n.locationId), state.locations.get(locationId), n.phoneNumber));
}

/** Runs the job when it is due: every user is checked again, then moved or counted as failed. */
function advance(state: SimState, job: MoveJobRecord): void {
  if (job.status !== 'STARTED' && job.status !== 'STARTING') return;
  job.pollsLeft--;
  const due = job.runAt !== undefined ? state.now() >= job.runAt : job.pollsLeft <= 0;
  if (!due) return;
  for (const user of job.users) {
    const problems = problemsFor(state, job.locationId, user);
    if (problems.length) {
      job.failed++;
      job.errors.push(...problems.map((p) => ({ userId: user.userId, ...p })));
      continue;
    }
    const pending = Boolean(state.moveJobTiming.pendingOrders && user.phoneNumber);
    move(state, state.people.get(user.userId) as PersonRecord, job.locationId, pending ? { ...user, phoneNumber: undefined } : user);
    // The new number's order is pending: the user keeps none of the old location's numbers meanwhile.
    if (pending) for (const n of state.numbersOf(user.userId)) state.releaseNumber(n.phoneNumber);
    if (pending) job.pendingOrders = true;
    job.moved++;
  }
  job.ended = state.timestamp();
  if (job.failed === 0) {
    job.status = 'COMPLETED';
    job.exitCode = job.pendingOrders ? 'COMPLETED_WITH_PENDING_ORDERS' : 'COMPLETED';
  } else if (job.moved === 0) {
    job.status = 'FAILED';
    job.exitCode = 'FAILED';
  } else {
    job.status = 'COMPLETED';
    job.exitCode = 'COMPLETED_WITH_ERRORS';
  }
}

/**
 * The move itself: the new location, number and extension. With a new number, the numbers the user held
 * in the old location (primary and alternates) go back to its pool; without one, they move to the new
 * location with the user (impact 19717; the dry run refused numbers that cannot travel).
 */
function move(state: SimState, person: PersonRecord, locationId: string, user: MoveUser): void {
  const extension = user.extension ?? person.calling?.extension;
  const carried = travelling(state, locationId, user);
  for (const n of carried) n.locationId = locationId;
  const phoneNumber = user.phoneNumber ?? carried.find((n) => n.owner?.kind === 'PRIMARY')?.phoneNumber;
  for (const n of state.numbersOf(person.id)) if (n.locationId !== locationId) state.releaseNumber(n.phoneNumber);
  state.setCalling(person, { locationId, ...(phoneNumber ? { phoneNumber } : {}), ...(extension ? { extension } : {}) });
  person.lastModified = state.timestamp();
}

function requireJob(state: SimState, jobId: string): MoveJobRecord {
  const job = state.moveJobs.get(jobId);
  if (!job) throw notFound('Job not found.');
  return job;
}

function jobView(state: SimState, job: MoveJobRecord): Record<string, unknown> {
  const running = job.status === 'STARTING' || job.status === 'STARTED';
  const elapsedMs = (job.ended ? Date.parse(job.ended) : state.now()) - Date.parse(job.created);
  return {
    name: 'moveusers',
    id: job.id,
    trackingId: job.trackingId,
    sourceUserId: SIM_ADMIN_ID,
    sourceCustomerId: state.orgId,
    targetCustomerId: state.orgId,
    instanceId: job.instanceId,
    jobExecutionStatus: [
      {
        id: job.instanceId,
        startTime: job.created,
        ...(job.ended ? { endTime: job.ended } : {}),
        lastUpdated: job.ended ?? job.created,
        statusMessage: job.status,
        exitCode: job.exitCode,
        createdTime: job.created,
        timeElapsed: `PT${Math.max(0, elapsedMs) / 1000}S`,
      },
    ],
    latestExecutionStatus: job.status,
    latestExecutionExitCode: job.exitCode,
    counts: {
      totalMoves: job.users.length,
      moved: job.moved,
      failed: job.failed,
      pending: 0,
      skipped: 0,
      inProgress: running ? job.users.length : 0,
      notStarted: 0,
    },
  };
}

function getJob(ctx: RequestContext): Reply {
  rejectUnknownParams(ctx, ['orgId']);
  const job = requireJob(ctx.state, ctx.params.jobId);
  advance(ctx.state, job);
  return { status: 200, body: jobView(ctx.state, job) };
}

function listJobs(ctx: RequestContext): Reply {
  rejectUnknownParams(ctx, ['orgId', 'start', 'max']);
  const jobs = [...ctx.state.moveJobs.values()].reverse().map((j) => jobView(ctx.state, j));
  const page = offsetPage(ctx, jobs);
  return { status: 200, body: { items: page.items }, headers: page.headers };
}

function getJobErrors(ctx: RequestContext): Reply {
  rejectUnknownParams(ctx, ['orgId', 'start', 'max']);
  const job = requireJob(ctx.state, ctx.params.jobId);
  const items = job.errors.map((e, i) => ({
    itemNumber: i + 1,
    item: e.userId,
    trackingId: job.trackingId,
    error: { key: '400', message: [{ description: e.message, code: String(e.code), locationId: job.locationId }] },
  }));
  return { status: 200, body: { items } };
}

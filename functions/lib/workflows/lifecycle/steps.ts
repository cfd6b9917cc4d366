// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { logger } from '../../logger';
import {
  LIFECYCLE_RESULT_DETAIL_TYPES,
  LifecycleOrigin,
  UserJoinedDetail,
  UserMovedDetail,
  type AppliedChange,
  type LifecycleResultDetail,
} from '../../schemas/lifecycle-events';
import { EnableCallingResult } from '../../schemas/calling';
import { nestedExecutionFailure } from '../../state-machines/nested-execution';
import type { WebexClient } from '../../webex/client';
import { isWebexStatus } from '../../webex/errors';
import { findPersonIdByEmail, getPerson, replacePerson, toPersonUpdate } from '../../webex/people-api';
import { listLicenses } from '../../webex/reference-data';
import { changeAlternateNumbers, getPersonNumbers, patchUserLicenses } from '../../webex/telephony-api';
import { ChangeNotAppliedError, errorDetailFromCause, toStepError } from '../calling/errors';
import { createUser } from '../users/create-user';
import { deleteUser } from '../users/delete-user';
import { updateUser } from '../users/update-user';
import { NotFoundError } from '../../errors';

/**
 * The steps of the lifecycle state machines (statemachines/joiner.asl.json, leaver.asl.json), one Task
 * state each. Each reads the execution's JSON and returns its own part; each looks at Webex first, so a
 * step run again (Retry, a redriven execution) never applies anything twice. The reusable work is the
 * existing workflows': createUser (idempotent), deleteUser, the People read-modify-write helpers, and
 * Enable Calling, which the joiner runs as a nested execution of its own state machine.
 */

const CaughtError = z.object({ Error: z.string(), Cause: z.string().optional() });

export const LifecycleState = z.looseObject({
  origin: LifecycleOrigin,
  detail: z.looseObject({ email: z.string() }),
  failure: CaughtError.optional(),
});
export type LifecycleState = z.infer<typeof LifecycleState>;

export const LIFECYCLE_STEPS = [
  'joinerCreateUser', 'leaverFindUser', 'leaverUnassignAlternates', 'leaverRemoveCallingLicense', 'leaverDeleteUser',
  'leaverDeactivateUser', 'moverPrepare', 'moverUpdateProfile', 'buildOutcome',
] as const;

export const LifecycleStepInput = z.strictObject({
  step: z.enum(LIFECYCLE_STEPS),
  state: LifecycleState,
  executionName: z.string().optional(),
  flow: z.enum(['joiner', 'mover', 'leaver']).optional(),
});
export type LifecycleStepInput = z.infer<typeof LifecycleStepInput>;

export interface LifecycleStepContext {
  client: WebexClient;
}

export async function runLifecycleStep(ctx: LifecycleStepContext, input: LifecycleStepInput): Promise<unknown> {
  try {
    return await dispatch(ctx, input);
  } catch (error) {
    // Stable name for Retry/Catch; the details (status, trackingId, Retry-After) as JSON in the message.
    const wire = toStepError(error);
    logger.info('lifecycle: step failed', { step: input.step, error: wire.name, status: wire.detail.httpStatus, trackingId: wire.detail.trackingId });
    throw wire;
  }
}

function dispatch(ctx: LifecycleStepContext, { step, state, executionName, flow }: LifecycleStepInput): Promise<unknown> | unknown {
  switch (step) {
    case 'joinerCreateUser':
      return joinerCreateUser(ctx.client, state);
    case 'leaverFindUser':
      return leaverFindUser(ctx.client, state);
    case 'leaverUnassignAlternates':
      return leaverUnassignAlternates(ctx.client, state);
    case 'leaverRemoveCallingLicense':
      return leaverRemoveCallingLicense(ctx.client, state);
    case 'leaverDeleteUser':
      return leaverDeleteUser(ctx.client, state);
    case 'leaverDeactivateUser':
      return leaverDeactivateUser(ctx.client, state);
    case 'moverPrepare':
      return moverPrepare(ctx.client, state);
    case 'moverUpdateProfile':
      return moverUpdateProfile(ctx.client, state);
    case 'buildOutcome':
      return buildOutcome(state, executionName ?? 'unknown', flow ?? 'joiner');
  }
}

// ---- joiner ----------------------------------------------------------------------------------------

export async function joinerCreateUser(client: WebexClient, state: LifecycleState) {
  const detail = UserJoinedDetail.parse(state.detail);
  const { created, user } = await createUser(client, {
    email: detail.email,
    firstName: detail.firstName,
    lastName: detail.lastName,
    displayName: detail.displayName,
    department: detail.department,
    title: detail.title,
  });
  // Enable Calling's input (its own schema): the nested execution validates it again.
  const callingRequest = {
    user: user.id,
    location: detail.location,
    phoneNumber: detail.phoneNumber,
    extension: detail.extension,
    autoAssignNumber: detail.autoAssignNumber ?? (!detail.phoneNumber && !detail.extension ? true : undefined),
    license: detail.license,
  };
  return { id: user.id, email: user.email ?? detail.email, created, callingRequest: JSON.parse(JSON.stringify(callingRequest)) };
}

// ---- mover -----------------------------------------------------------------------------------------

/** The mover's user, and what Enable Calling needs to move it when the location changes. */
export async function moverPrepare(client: WebexClient, state: LifecycleState) {
  const detail = UserMovedDetail.parse(state.detail);
  const id = await findPersonIdByEmail(client, detail.email);
  const person = id ? await getPerson(client, id) : undefined;
  if (!person) throw new NotFoundError(`No Webex user with e-mail ${detail.email}`);
  if (!detail.location) return { id: person.id, email: detail.email, hasLocationChange: false };
  const callingRequest = {
    user: person.id,
    location: detail.location,
    phoneNumber: detail.phoneNumber,
    // The extension travels with the user unless the event names a new one.
    extension: detail.extension ?? person.extension,
    // Land on a number from the new location's pool unless the event names one.
    autoAssignNumber: detail.phoneNumber ? undefined : true,
    move: true,
  };
  return { id: person.id, email: detail.email, hasLocationChange: true, callingRequest: JSON.parse(JSON.stringify(callingRequest)) };
}

export async function moverUpdateProfile(client: WebexClient, state: LifecycleState) {
  const detail = UserMovedDetail.parse(state.detail);
  const userId = (state as { user?: { id?: string } }).user?.id;
  if (!detail.profile || !userId) return { changed: false, fields: [] as string[] };
  const wanted = Object.entries(detail.profile).filter(([, v]) => v !== undefined) as [string, string | null][];
  const fields = wanted.map(([k]) => k);
  try {
    await updateUser(client, { user: userId, ...detail.profile });
  } catch (error) {
    // Webex may have applied the PUT and still answered with an error: then the profile has changed, and the
    // outcome must say so rather than report a failed update the service desk would redo by hand.
    const now = await getPerson(client, userId).catch(() => undefined);
    const holds = now && wanted.every(([k, v]) => ((now as Record<string, unknown>)[k] ?? null) === v);
    if (!holds) throw error;
    logger.warn('mover: the profile update answered an error but Webex shows it applied', { userId, fields });
    return { changed: true, fields, note: 'Webex answered the update with an error, but shows it applied' };
  }
  return { changed: true, fields };
}

// ---- leaver ----------------------------------------------------------------------------------------

/**
 * Licenses that make a user a Webex Calling user: the Webex Calling ones, and Customer Experience -
 * Essential, which carries calling too (wxc_sdk/licenses/__init__.py: webex_calling and cx_essentials).
 */
const isCallingLicenseName = (name: string | undefined) => /webex calling|customer experience - essential/i.test(name ?? '');

/** The leaver as Webex has it now, or `found: false` (already gone: the flow ends successfully). */
export async function leaverFindUser(client: WebexClient, state: LifecycleState) {
  const email = state.detail.email;
  const id = await findPersonIdByEmail(client, email);
  const person = id ? await getPerson(client, id) : undefined;
  if (!person) return { found: false, email };
  const numbers = person.locationId ? await getPersonNumbers(client, person.id) : undefined;
  const primary = numbers?.phoneNumbers.find((n) => n.primary);
  return {
    found: true,
    id: person.id,
    email,
    callingEnabled: Boolean(person.locationId),
    licenses: person.licenses ?? [],
    locationId: person.locationId,
    primaryNumber: primary?.directNumber,
    extension: primary?.extension ?? person.extension,
    alternates: (numbers?.phoneNumbers ?? []).filter((n) => !n.primary && n.directNumber).map((n) => n.directNumber as string),
  };
}

const FoundUser = z.object({
  id: z.string(),
  alternates: z.array(z.string()).default([]),
  licenses: z.array(z.string()).default([]),
  primaryNumber: z.string().optional(),
  extension: z.string().optional(),
});
const userOf = (state: LifecycleState) => FoundUser.parse((state as Record<string, unknown>).user);

/**
 * Every alternate number back to the location's pool, in one PUT; numbers no longer held are skipped.
 * Alternates the user had when found and holds no more were returned by an earlier attempt of this step
 * (Webex applied its PUT, then answered with an error): they are reported, not lost from the outcome.
 */
export async function leaverUnassignAlternates(client: WebexClient, state: LifecycleState) {
  const user = userOf(state);
  const numbers = await getPersonNumbers(client, user.id);
  const held = (numbers?.phoneNumbers ?? []).filter((n) => !n.primary && n.directNumber).map((n) => n.directNumber as string);
  if (held.length) await changeAlternateNumbers(client, user.id, held.map((directNumber) => ({ action: 'DELETE', directNumber })));
  const removed = [...user.alternates.filter((n) => !held.includes(n)), ...held];
  if (!removed.length) return { removed: [], detail: 'no alternate numbers' };
  return { removed, detail: `returned ${removed.join(', ')} to the location's pool` };
}

/**
 * Removes the Webex Calling license (Webex frees the primary number and the extension with it). A
 * calling license the user had when found and has no more was removed by an earlier attempt of this
 * step (applied, then an error): reported as removed.
 */
export async function leaverRemoveCallingLicense(client: WebexClient, state: LifecycleState) {
  const user = userOf(state);
  const person = await getPerson(client, user.id);
  if (!person) return { removed: [], detail: 'the user is gone' };
  const names = new Map((await listLicenses(client)).map((l) => [l.id, l.name]));
  const calling = (person.licenses ?? []).filter((id) => isCallingLicenseName(names.get(id)));
  const removal = (ids: string[], freed: (string | undefined)[]) => {
    const what = freed.filter(Boolean);
    return {
      removed: ids.map((id) => ({ id, name: names.get(id) })),
      detail: `removed ${ids.map((id) => names.get(id)).join(', ')}${what.length ? `; freed ${what.join(', ')}` : ''}`,
    };
  };
  if (!calling.length) {
    const gone = user.licenses.filter((id) => isCallingLicenseName(names.get(id)));
    if (!gone.length) return { removed: [], detail: 'no Webex Calling license' };
    return removal(gone, [user.primaryNumber, user.extension && `extension ${user.extension}`]);
  }
  await patchUserLicenses(client, person.id, calling.map((id) => ({ id, operation: 'remove' })));
  // Webex's answer is not the proof: read the user back (issue 12 item 10).
  const after = await getPerson(client, person.id);
  const still = (after?.licenses ?? []).filter((id) => isCallingLicenseName(names.get(id)));
  if (after && still.length) {
    const kept = [after.phoneNumbers?.find((n) => n.type === 'work')?.value, after.extension && `extension ${after.extension}`].filter(Boolean);
    throw new ChangeNotAppliedError(
      `Webex accepted removing the calling license but still shows ${still.map((id) => names.get(id) ?? id).join(', ')} assigned` +
        `${kept.length ? ` (${kept.join(', ')} still in place)` : ''}; ` +
        `removed: ${calling.filter((id) => !still.includes(id)).map((id) => names.get(id) ?? id).join(', ') || 'none'}`,
    );
  }
  return removal(calling, [person.phoneNumbers?.find((n) => n.type === 'work')?.value, person.extension && `extension ${person.extension}`]);
}

export async function leaverDeleteUser(client: WebexClient, state: LifecycleState) {
  const user = userOf(state);
  await deleteUser(client, user.id).catch((error: unknown) => {
    // Gone between the steps (or an earlier attempt was applied): what we wanted.
    if ((error as Error).name !== 'NotFoundError') throw error;
  });
  return { action: 'deleted', detail: 'user deleted' };
}

/** Read-modify-write (PUT replaces the record): the person as just read, with loginEnabled false. */
export async function leaverDeactivateUser(client: WebexClient, state: LifecycleState) {
  const user = userOf(state);
  const person = await getPerson(client, user.id);
  if (!person) return { action: 'gone', detail: 'the user is gone' };
  if (person.loginEnabled === false || person.loginEnabled === 'false') return { action: 'unchanged', detail: 'already deactivated' };
  const body = toPersonUpdate(person, { loginEnabled: false });
  for (const [key, value] of Object.entries(body)) if (value === null) delete body[key];
  await replacePerson(client, person.id, body);
  // Read back: the PUT's 2xx alone does not show sign-in is off (issue 12 item 10).
  const after = await getPerson(client, person.id);
  if (after && !(after.loginEnabled === false || after.loginEnabled === 'false')) {
    throw new ChangeNotAppliedError('Webex accepted disabling sign-in (loginEnabled: false) but still shows the user able to sign in');
  }
  return { action: 'deactivated', detail: 'sign-in disabled (loginEnabled: false); the user is kept' };
}

// ---- the outcome -----------------------------------------------------------------------------------

interface Outcome {
  status: 'COMPLETED' | 'FAILED';
  detailType: string;
  detail: LifecycleResultDetail;
  errorName?: string;
  causeJson?: string;
}

/**
 * The Completed / Failed event's detail from what the execution recorded: which steps applied what,
 * and for a failure the failed step's error (for the joiner's nested Enable Calling, its own result).
 */
export function buildOutcome(state: LifecycleState, executionName: string, flow: 'joiner' | 'mover' | 'leaver'): Outcome {
  const s = state as Record<string, any>;
  const applied: AppliedChange[] = [];
  let note: string | undefined;
  let userId: string | undefined;

  if (flow === 'joiner') {
    if (s.user) {
      userId = s.user.id;
      applied.push({ step: 'createUser', status: s.user.created ? 'applied' : 'unchanged', detail: s.user.created ? 'user created' : 'the user already existed' });
    }
    if (s.calling?.result) applied.push(nestedCallingChange('enableCalling', s.calling.result));
  } else if (flow === 'mover') {
    if (s.user) userId = s.user.id;
    if (s.calling?.result) applied.push(nestedCallingChange('moveLocation', s.calling.result));
    if (s.profile) {
      const changed = s.profile.fields?.length ? `changed ${s.profile.fields.join(', ')}` : undefined;
      applied.push({ step: 'updateProfile', status: s.profile.changed ? 'applied' : 'unchanged', detail: [changed, s.profile.note].filter(Boolean).join('; ') || undefined });
    }
  } else if (flow === 'leaver') {
    if (s.user) userId = s.user.id;
    if (s.user && s.user.found === false) note = `No Webex user with e-mail ${s.detail.email}: already gone, nothing to do`;
    if (s.alternates) applied.push({ step: 'unassignAlternates', status: s.alternates.removed.length ? 'applied' : 'unchanged', detail: s.alternates.detail });
    if (s.license) applied.push({ step: 'removeCallingLicense', status: s.license.removed.length ? 'applied' : 'unchanged', detail: s.license.detail });
    if (s.removal) {
      applied.push({ step: s.removal.action === 'deleted' ? 'deleteUser' : 'deactivateUser', status: s.removal.action === 'unchanged' ? 'unchanged' : 'applied', detail: s.removal.detail });
    }
  }

  const base = { origin: s.origin, executionName, email: s.detail.email, ...(userId ? { userId } : {}), ...(note ? { note } : {}) };
  if (!s.failure) {
    return { status: 'COMPLETED', detailType: LIFECYCLE_RESULT_DETAIL_TYPES.completed, detail: { status: 'COMPLETED', ...base, applied } };
  }
  const error = describeFailure(s.failure.Error, s.failure.Cause);
  applied.push({ step: error.step ?? failedStep(s, flow), status: 'failed', detail: `${error.code}: ${error.message}` });
  const detail: LifecycleResultDetail = { status: 'FAILED', ...base, applied, error: { code: error.code, message: error.message } };
  return { status: 'FAILED', detailType: LIFECYCLE_RESULT_DETAIL_TYPES.failed, detail, errorName: error.code, causeJson: JSON.stringify(detail) };
}

/** What the nested Enable Calling execution (joiner's enable, mover's move) did, from its result. */
function nestedCallingChange(step: string, output: unknown): AppliedChange {
  const result = EnableCallingResult.safeParse(output);
  const calling = result.success ? result.data.user?.calling : undefined;
  // A move says how the number was chosen: kept (Webex moved it), or a new one because it could not travel.
  const numberChoice = result.success ? result.data.steps.find((s) => s.name === 'chooseMoveTarget')?.detail : undefined;
  const seen = calling && `calling in ${calling.location?.name ?? calling.location?.id}, number ${calling.primaryNumber ?? 'none'}, extension ${calling.extension ?? 'none'}`;
  return {
    step,
    status: result.success && result.data.changed === false ? 'unchanged' : 'applied',
    detail: seen ? [seen, numberChoice].filter(Boolean).join('; ') : undefined,
  };
}

/** The step that failed: the first whose result the execution does not have. */
function failedStep(s: Record<string, any>, flow: 'joiner' | 'mover' | 'leaver'): string {
  if (flow === 'joiner') return s.user ? 'enableCalling' : 'createUser';
  if (flow === 'mover') {
    if (!s.user) return 'findUser';
    if (s.user.hasLocationChange && !s.calling) return 'moveLocation';
    return 'updateProfile';
  }
  if (flow === 'leaver') {
    if (!s.user) return 'findUser';
    if (!s.alternates) return 'unassignAlternates';
    if (!s.license) return 'removeCallingLicense';
    return s.detail.policy === 'delete' ? 'deleteUser' : 'deactivateUser';
  }
  return 'unknown';
}

function describeFailure(errorName: string, cause: string | undefined): { code: string; message: string; step?: string } {
  // A nested execution that failed: States.TaskFailed, its Cause DescribeExecution's JSON with the child's Error/Cause.
  const nested = errorName === 'States.TaskFailed' ? nestedExecutionFailure(cause) : undefined;
  if (nested) {
    const result = nested.causeJson === undefined ? undefined : EnableCallingResult.safeParse(nested.causeJson);
    if (result?.success && result.data.error) return { code: result.data.error.code, message: result.data.error.message };
    return { code: nested.error ?? errorName, message: nested.cause ?? 'the nested execution failed' };
  }
  const detail = errorDetailFromCause(errorName, cause);
  return { code: detail.code, message: detail.message };
}

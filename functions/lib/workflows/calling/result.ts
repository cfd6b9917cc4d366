import type { EnableCallingResult, EnableCallingState, Remaining } from '../../schemas/calling';
import { errorDetailFromCause } from './errors';

type Step = EnableCallingResult['steps'][number];

/**
 * The steps in order, each with the part of the state it produces: a step "failed" exactly when it is
 * the first whose part is missing after a failure.
 */
const PROGRESS = [
  ['resolveUser', 'user'],
  ['resolveLocation', 'location'],
  ['checkCurrentCalling', 'current'],
  ['resolveLicense', 'license'],
  ['chooseNumber', 'target'],
  ['assignLicense', 'assignment'],
  ['verifyCalling', 'calling'],
] as const;

/** The move path (`move: true`, calling elsewhere): each step with the test that it is done. */
const MOVE_PROGRESS: [string, (s: EnableCallingState) => boolean, Step['status']][] = [
  ['resolveUser', (s) => s.user !== undefined, 'completed'],
  ['resolveLocation', (s) => s.location !== undefined, 'completed'],
  ['checkCurrentCalling', (s) => s.current !== undefined, 'completed'],
  ['chooseMoveTarget', (s) => s.target !== undefined, 'completed'],
  ['validateMove', (s) => s.moveValidation !== undefined, 'completed'],
  ['startMoveJob', (s) => s.moveJob !== undefined, 'applied'],
  ['checkMoveJob', (s) => s.moveJob?.phase === 'completed', 'completed'],
  ['verifyCalling', (s) => s.calling !== undefined, 'completed'],
];

function moveStepDetail(name: string, state: EnableCallingState): string | undefined {
  switch (name) {
    case 'chooseMoveTarget': {
      const t = state.target;
      if (t?.keptNumber) return [`keeps number ${t.phoneNumber} (Webex moves it with the user)`, t.extension && `extension ${t.extension}`].filter(Boolean).join(', ');
      return [stepDetail('chooseNumber', state), t?.note].filter(Boolean).join('; ');
    }
    case 'validateMove': {
      const impacts = state.moveValidation?.impacts ?? [];
      return state.moveValidation && `Webex's dry run found no errors${impacts.length ? `; impacts: ${impacts.map((i) => i.message).join('; ')}` : ''}`;
    }
    case 'startMoveJob': {
      const j = state.moveJob;
      if (!j) return undefined;
      return j.recovered ? 'already moved by an earlier attempt; no job started again' : `move-users job ${j.id} started`;
    }
    case 'checkMoveJob': {
      const j = state.moveJob;
      return j && `job ${j.status}${j.exitCode ? ` (${j.exitCode})` : ''} after ${j.polls} status read(s)`;
    }
    default:
      return stepDetail(name as (typeof PROGRESS)[number][0], state);
  }
}

function moveSteps(state: EnableCallingState, error?: { code: string; message: string }): Step[] {
  let failed = false;
  return MOVE_PROGRESS.map(([name, done, status]) => {
    if (failed) return { name, status: 'not-run' };
    if (done(state)) return { name, status, detail: moveStepDetail(name, state) };
    if (!error) return { name, status: 'not-run' };
    failed = true;
    return { name, status: 'failed', detail: `${error.code}: ${error.message}` };
  });
}

const SKIPPED_WHEN_ENABLED = new Set(['resolveLicense', 'chooseNumber', 'assignLicense']);

function stepDetail(name: (typeof PROGRESS)[number][0], state: EnableCallingState): string | undefined {
  switch (name) {
    case 'resolveUser':
      return state.user && `${state.user.email ?? state.user.id} (${state.user.id})`;
    case 'resolveLocation':
      return state.location && `"${state.location.name}" (${state.location.id})`;
    case 'checkCurrentCalling':
      return state.current?.detail;
    case 'resolveLicense': {
      const l = state.license;
      if (!l) return undefined;
      const free = l.totalUnits !== undefined && l.consumedUnits !== undefined ? `: ${l.totalUnits - l.consumedUnits} of ${l.totalUnits} units were free` : '';
      return `"${l.name}"${free}`;
    }
    case 'chooseNumber': {
      const t = state.target;
      if (!t) return undefined;
      const parts = [t.phoneNumber && `number ${t.phoneNumber}${t.autoAssigned ? ' (first available in the location)' : ''}`, t.extension && `extension ${t.extension}`];
      return parts.filter(Boolean).join(', ');
    }
    case 'assignLicense': {
      const a = state.assignment;
      if (!a) return undefined;
      return a.recovered
        ? 'already applied by an earlier attempt that failed after Webex applied it; not sent again'
        : `PATCH /licenses/users answered ${a.webexStatus}`;
    }
    case 'verifyCalling': {
      const c = state.calling?.calling;
      const seen = c && `Webex shows location "${c.location?.name}"${c.primaryNumber ? `, number ${c.primaryNumber}` : ''}${c.extension ? `, extension ${c.extension}` : ''}`;
      return seen && state.current?.alreadyEnabled ? `${seen} (as first read: nothing was written, so nothing to read back)` : seen;
    }
  }
}

export function buildResult(state: EnableCallingState, executionName: string): EnableCallingResult {
  if (state.current?.move) return { status: 'SUCCEEDED', executionName, changed: true, user: state.calling, steps: moveSteps(state) };
  const alreadyEnabled = state.current?.alreadyEnabled ?? false;
  const steps: Step[] = PROGRESS.map(([name]) =>
    alreadyEnabled && SKIPPED_WHEN_ENABLED.has(name)
      ? { name, status: 'skipped', detail: 'the user already has the requested calling setup' }
      : { name, status: name === 'assignLicense' ? 'applied' : 'completed', detail: stepDetail(name, state) },
  );
  return { status: 'SUCCEEDED', executionName, changed: !alreadyEnabled, user: state.calling, steps };
}

/**
 * The result of a failed run, and what the Fail state reports: the error name, and the whole result as
 * the cause, so StartSyncExecution's caller gets the steps and what remains, not just a message.
 */
export function buildFailure(state: EnableCallingState, executionName: string): { result: EnableCallingResult; errorName: string; causeJson: string } {
  const failure = state.failure ?? { Error: 'States.Runtime', Cause: 'The state machine failed without a recorded error' };
  const error = errorDetailFromCause(failure.Error, failure.Cause);
  const alreadyEnabled = state.current?.alreadyEnabled ?? false;
  const compensation =
    state.compensation ??
    (state.compensationError
      ? {
          action: 'failed' as const,
          detail: `could not check or undo the assignment: ${errorDetailFromCause(state.compensationError.Error, state.compensationError.Cause).message}`,
        }
      : undefined);

  if (state.current?.move) {
    const result: EnableCallingResult = {
      status: 'FAILED',
      executionName,
      changed: Boolean(compensation?.remaining),
      ...(state.user ? { user: { id: state.user.id, email: state.user.email, displayName: state.user.displayName, calling: currentCalling(state) } } : {}),
      steps: moveSteps(state, error),
      error,
      ...(compensation ? { compensation } : {}),
      remaining: compensation?.remaining ?? null,
    };
    return { result, errorName: error.code, causeJson: JSON.stringify(result) };
  }

  let failed = false;
  const steps: Step[] = PROGRESS.map(([name, key]) => {
    if (alreadyEnabled && SKIPPED_WHEN_ENABLED.has(name)) return { name, status: 'skipped' };
    if (failed) return { name, status: 'not-run' };
    const done = state[key] !== undefined;
    if (name === 'assignLicense' && compensation?.action === 'removed') {
      // Applied (by this attempt, or by one that failed after Webex applied it), then undone.
      failed = !done;
      return { name, status: 'compensated', detail: compensation.detail };
    }
    if (done) return { name, status: name === 'assignLicense' ? 'applied' : 'completed', detail: stepDetail(name, state) };
    failed = true;
    return { name, status: 'failed', detail: `${error.code}: ${error.message}` };
  });

  const result: EnableCallingResult = {
    status: 'FAILED',
    executionName,
    changed: compensation?.action !== 'removed' && (state.assignment?.applied ?? false),
    ...(state.user ? { user: { id: state.user.id, email: state.user.email, displayName: state.user.displayName, calling: currentCalling(state) } } : {}),
    steps,
    error,
    ...(compensation ? { compensation } : {}),
    remaining: remaining(state, compensation),
  };
  return { result, errorName: error.code, causeJson: JSON.stringify(result) };
}

/** The user's calling as it was before the run (the run's own changes are in `remaining`). */
function currentCalling(state: EnableCallingState) {
  const c = state.user?.calling;
  if (!c?.enabled) return { enabled: false };
  return {
    enabled: true,
    location: c.locationId ? { id: c.locationId, name: c.locationId === state.location?.id ? state.location?.name : undefined } : undefined,
    primaryNumber: c.primaryNumber,
    extension: c.extension,
  };
}

function remaining(state: EnableCallingState, compensation: EnableCallingResult['compensation']): Remaining | null {
  if (compensation?.remaining) return compensation.remaining;
  if (compensation?.action === 'removed' || compensation?.action === 'none') return null;
  // Undo failed without reading Webex: report what was requested, marked unconfirmed.
  if ((state.assignment || compensation?.action === 'failed') && state.license && state.location && !state.user?.calling.enabled) {
    return {
      license: { id: state.license.id, name: state.license.name },
      location: { id: state.location.id, name: state.location.name },
      ...(state.target?.phoneNumber ? { phoneNumber: state.target.phoneNumber } : {}),
      ...(state.target?.extension ? { extension: state.target.extension } : {}),
      confirmed: false,
    };
  }
  return null;
}

import type { EnableCallingResult, Remaining } from '../../schemas/calling';
import type { EnableCallingState } from './parts';
import { errorDetailFromCause } from '../step-error';
import type { CallingPath, CallingShown, CallingStepDef } from './step-def';

type Step = EnableCallingResult['steps'][number];
type Shown = CallingShown & Required<Pick<CallingShown, 'done'>> & { name: string };

/** The steps the result lists on a path, in the table's order, each with how it tells it is done. */
function stepsOn(table: Record<string, CallingStepDef>, path: CallingPath): Shown[] {
  return Object.entries(table).flatMap(([name, def]) =>
    def.shown?.paths.includes(path) ? [{ name, done: (s: EnableCallingState) => s[def.writes] !== undefined, ...def.shown }] : [],
  );
}

/** The number and extension chosen, in words (chooseNumber's detail, and a move target's). */
export function targetDetail(state: EnableCallingState): string | undefined {
  const t = state.target;
  if (!t) return undefined;
  const parts = [t.phoneNumber && `number ${t.phoneNumber}${t.autoAssigned ? ' (first available in the location)' : ''}`, t.extension && `extension ${t.extension}`];
  return parts.filter(Boolean).join(', ');
}

/** The move path: a step "failed" exactly when it is the first not done after a failure. */
function moveSteps(table: Record<string, CallingStepDef>, state: EnableCallingState, error?: { code: string; message: string }): Step[] {
  let failed = false;
  return stepsOn(table, 'move').map(({ name, done, status, detail }) => {
    if (failed) return { name, status: 'not-run' };
    if (done(state)) return { name, status, detail: detail(state) };
    if (!error) return { name, status: 'not-run' };
    failed = true;
    return { name, status: 'failed', detail: `${error.code}: ${error.message}` };
  });
}

/** The resolved location, once the run found it. */
const resolvedLocation = (state: EnableCallingState) => (state.location ? { location: { id: state.location.id, name: state.location.name } } : {});

export function buildResult(table: Record<string, CallingStepDef>, state: EnableCallingState, executionName: string): EnableCallingResult {
  if (state.current?.move) return { status: 'SUCCEEDED', executionName, changed: true, user: state.calling, ...resolvedLocation(state), steps: moveSteps(table, state) };
  const alreadyEnabled = state.current?.alreadyEnabled ?? false;
  const steps: Step[] = stepsOn(table, 'enable').map(({ name, status, detail, skippedWhenEnabled }) =>
    alreadyEnabled && skippedWhenEnabled
      ? { name, status: 'skipped', detail: 'the user already has the requested calling setup' }
      : { name, status, detail: detail(state) },
  );
  return { status: 'SUCCEEDED', executionName, changed: !alreadyEnabled, user: state.calling, ...resolvedLocation(state), steps };
}

/**
 * The result of a failed run, and what the Fail state reports: the error name, and the whole result as
 * the cause, so StartSyncExecution's caller gets the steps and what remains, not just a message.
 */
export function buildFailure(
  table: Record<string, CallingStepDef>,
  state: EnableCallingState,
  executionName: string,
): { result: EnableCallingResult; errorName: string; causeJson: string } {
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
      ...resolvedLocation(state),
      steps: moveSteps(table, state, error),
      error,
      ...(compensation ? { compensation } : {}),
      remaining: compensation?.remaining ?? null,
    };
    return { result, errorName: error.code, causeJson: JSON.stringify(result) };
  }

  let failed = false;
  const steps: Step[] = stepsOn(table, 'enable').map(({ name, done: isDone, status, detail, skippedWhenEnabled, undoneByCompensation }) => {
    if (alreadyEnabled && skippedWhenEnabled) return { name, status: 'skipped' };
    if (failed) return { name, status: 'not-run' };
    const done = isDone(state);
    if (undoneByCompensation && compensation?.action === 'removed') {
      // Applied (by this attempt, or by one that failed after Webex applied it), then undone.
      failed = !done;
      return { name, status: 'compensated', detail: compensation.detail };
    }
    if (done) return { name, status, detail: detail(state) };
    failed = true;
    return { name, status: 'failed', detail: `${error.code}: ${error.message}` };
  });

  const result: EnableCallingResult = {
    status: 'FAILED',
    executionName,
    changed: compensation?.action !== 'removed' && (state.assignment?.applied ?? false),
    ...(state.user ? { user: { id: state.user.id, email: state.user.email, displayName: state.user.displayName, calling: currentCalling(state) } } : {}),
    ...resolvedLocation(state),
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
      ...(state.assignment?.phoneNumber || state.target?.phoneNumber ? { phoneNumber: state.assignment?.phoneNumber ?? state.target?.phoneNumber } : {}),
      ...(state.target?.extension ? { extension: state.target.extension } : {}),
      confirmed: false,
    };
  }
  return null;
}

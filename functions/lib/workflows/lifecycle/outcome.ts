import {
  LIFECYCLE_RESULT_DETAIL_TYPES,
  type AppliedChange,
  type LifecycleOrigin,
  type LeaverPolicy,
  type LifecycleResultDetail,
} from '../../schemas/lifecycle-events';
import { EnableCallingResult, type CaughtError } from '../../schemas/calling';
import { nestedExecutionFailure } from '../../state-machines/nested-execution';
import { errorDetailFromCause } from '../step-error';
import { JoinerOutcomeState } from './joiner';
import { LeaverOutcomeState } from './leaver';
import { MoverOutcomeState } from './mover';
import * as z from 'zod';

type ResolvedLocationRef = NonNullable<LifecycleResultDetail['location']>;

/** BuildOutcome's fields beside `step`: the flow the machine names, its state read through that flow's schema, and the run's names. */
const runNames = {
  executionName: z.string().optional(),
  /** The execution's StartTime: the activity record's key, the same on a retry. */
  startedAt: z.string().optional(),
};
export const OutcomeInput = z.discriminatedUnion('flow', [
  z.strictObject({ flow: z.literal('joiner'), state: JoinerOutcomeState, ...runNames }),
  z.strictObject({ flow: z.literal('mover'), state: MoverOutcomeState, ...runNames }),
  z.strictObject({ flow: z.literal('leaver'), state: LeaverOutcomeState, ...runNames }),
]);
export type OutcomeInput = z.infer<typeof OutcomeInput>;
/** A flow and its state: what the outcome and the activity record are made of. */
export type FlowState = Pick<Extract<OutcomeInput, { flow: 'joiner' }>, 'flow' | 'state'> | Pick<Extract<OutcomeInput, { flow: 'mover' }>, 'flow' | 'state'> | Pick<Extract<OutcomeInput, { flow: 'leaver' }>, 'flow' | 'state'>;

export interface Outcome {
  status: 'COMPLETED' | 'FAILED';
  detailType: string;
  detail: LifecycleResultDetail;
  errorName?: string;
  causeJson?: string;
}

/** What a flow's execution recorded: the changes applied, and the step that failed when its Catch fired without naming one. */
interface FlowRecord {
  origin: z.infer<typeof LifecycleOrigin>;
  email: string;
  failure?: z.infer<typeof CaughtError>;
  applied: AppliedChange[];
  userId?: string;
  note?: string;
  failedStep: string;
  /** The calling location the nested Enable Calling run resolved, when it succeeded. */
  location?: ResolvedLocationRef;
}

function joinerRecord(s: JoinerOutcomeState): FlowRecord {
  const applied: AppliedChange[] = [];
  if (s.user) applied.push({ step: 'createUser', status: s.user.created ? 'applied' : 'unchanged', detail: s.user.created ? 'user created' : 'the user already existed' });
  const nested = nestedResult(s.calling?.result);
  if (s.calling?.result) applied.push(nestedCallingChange('enableCalling', nested));
  // The step that failed: the first whose result the execution does not have.
  return { origin: s.origin, email: s.detail.email, failure: s.failure, applied, userId: s.user?.id, failedStep: s.user ? 'enableCalling' : 'createUser', location: nestedLocation(nested) };
}

function moverRecord(s: MoverOutcomeState): FlowRecord {
  const applied: AppliedChange[] = [];
  const nested = nestedResult(s.calling?.result);
  if (s.calling?.result) applied.push(nestedCallingChange('moveLocation', nested));
  if (s.profile) {
    const changed = s.profile.fields.length ? `changed ${s.profile.fields.join(', ')}` : undefined;
    applied.push({ step: 'updateProfile', status: s.profile.changed ? 'applied' : 'unchanged', detail: [changed, s.profile.note].filter(Boolean).join('; ') || undefined });
  }
  const failedStep = !s.user ? 'findUser' : s.user.hasLocationChange && !s.calling ? 'moveLocation' : 'updateProfile';
  return { origin: s.origin, email: s.detail.email, failure: s.failure, applied, userId: s.user?.id, failedStep, location: nestedLocation(nested) };
}

/** The step each leaver policy ends with, as the outcome names it. */
const LEAVER_POLICY_STEPS: Record<LeaverPolicy, string> = { delete: 'deleteUser', deactivate: 'deactivateUser', removeCalling: 'keepUser' };

function leaverRecord(s: LeaverOutcomeState): FlowRecord {
  const applied: AppliedChange[] = [];
  const note = s.user && s.user.found === false ? `No Webex user with e-mail ${s.detail.email}: already gone, nothing to do` : undefined;
  if (s.alternates) applied.push({ step: 'unassignAlternates', status: s.alternates.removed.length ? 'applied' : 'unchanged', detail: s.alternates.detail });
  if (s.license) applied.push({ step: 'removeCallingLicense', status: s.license.removed.length ? 'applied' : 'unchanged', detail: s.license.detail });
  const policyStep = LEAVER_POLICY_STEPS[('policy' in s.detail ? s.detail.policy : undefined) ?? 'deactivate'];
  if (s.removal) {
    // `kept` changed nothing on the user itself: the change was the license step's.
    const status = s.removal.action === 'unchanged' || s.removal.action === 'kept' ? 'unchanged' : 'applied';
    applied.push({ step: s.removal.action === 'deleted' ? 'deleteUser' : policyStep, status, detail: s.removal.detail });
  }
  const failedStep = !s.user ? 'findUser' : !s.alternates ? 'unassignAlternates' : !s.license ? 'removeCallingLicense' : policyStep;
  return { origin: s.origin, email: s.detail.email, failure: s.failure, applied, userId: s.user?.id, note, failedStep };
}

function flowRecord(run: FlowState): FlowRecord {
  switch (run.flow) {
    case 'joiner': return joinerRecord(run.state);
    case 'mover': return moverRecord(run.state);
    case 'leaver': return leaverRecord(run.state);
  }
}

/**
 * The Completed / Failed event's detail from what the execution recorded: which steps applied what,
 * and for a failure the failed step's error (for the joiner's nested Enable Calling, its own result).
 */
export function buildOutcome(run: FlowState, executionName: string): Outcome {
  const { origin, email, failure, applied, userId, note, failedStep, location } = flowRecord(run);
  const base = { origin, executionName, email, ...(userId ? { userId } : {}), ...(note ? { note } : {}) };
  if (!failure) {
    return { status: 'COMPLETED', detailType: LIFECYCLE_RESULT_DETAIL_TYPES.completed, detail: { status: 'COMPLETED', ...base, ...(location ? { location } : {}), applied } };
  }
  const error = describeFailure(failure.Error, failure.Cause);
  applied.push({ step: error.step ?? failedStep, status: 'failed', detail: `${error.code}: ${error.message}` });
  const step = error.step ?? failedStep;
  const failedIn = error.location ?? location;
  const detail: LifecycleResultDetail = {
    status: 'FAILED', ...base, ...(failedIn ? { location: failedIn } : {}), applied,
    error: { code: error.code, message: error.message, step, ...(error.trackingId ? { trackingId: error.trackingId } : {}) },
  };
  return { status: 'FAILED', detailType: LIFECYCLE_RESULT_DETAIL_TYPES.failed, detail, errorName: error.code, causeJson: JSON.stringify(detail) };
}

/** What the nested Enable Calling execution (joiner's enable, mover's move) did, from its result. */
/** The nested Enable Calling execution's output read once, for both the change it made and the location it resolved. */
function nestedResult(output: unknown): EnableCallingResult | undefined {
  const result = EnableCallingResult.safeParse(output);
  return result.success ? result.data : undefined;
}

function nestedCallingChange(step: string, result: EnableCallingResult | undefined): AppliedChange {
  const calling = result?.user?.calling;
  // A move says how the number was chosen: kept (Webex moved it), or a new one because it could not travel.
  const numberChoice = result?.steps.find((s) => s.name === 'chooseMoveTarget')?.detail;
  const seen = calling && `calling in ${calling.location?.name ?? calling.location?.id}, number ${calling.primaryNumber ?? 'none'}, extension ${calling.extension ?? 'none'}`;
  return {
    step,
    status: result?.changed === false ? 'unchanged' : 'applied',
    detail: seen ? [seen, numberChoice].filter(Boolean).join('; ') : undefined,
  };
}

/**
 * The location a nested Enable Calling result names: the one it resolved, else (a result from before it carried one)
 * the user's calling location it read back.
 */
function nestedLocation(result: EnableCallingResult | undefined): ResolvedLocationRef | undefined {
  const location = result?.location ?? result?.user?.calling?.location;
  return location ? { id: location.id, ...(location.name ? { name: location.name } : {}) } : undefined;
}

function describeFailure(errorName: string, cause: string | undefined): { code: string; message: string; step?: string; trackingId?: string; location?: ResolvedLocationRef } {
  // A nested execution that failed: States.TaskFailed, its Cause DescribeExecution's JSON with the child's Error/Cause.
  const nested = errorName === 'States.TaskFailed' ? nestedExecutionFailure(cause) : undefined;
  if (nested) {
    const result = nested.causeJson === undefined ? undefined : EnableCallingResult.safeParse(nested.causeJson);
    if (result?.success && result.data.error) {
      const { code, message, trackingId } = result.data.error;
      // Only the location it resolved: a failed run's `user.calling` is the user's calling before the run.
      const location = result.data.location;
      return { code, message, ...(trackingId ? { trackingId } : {}), ...(location ? { location } : {}) };
    }
    return { code: nested.error ?? errorName, message: nested.cause ?? 'the nested execution failed' };
  }
  const detail = errorDetailFromCause(errorName, cause);
  return { code: detail.code, message: detail.message, ...(detail.trackingId ? { trackingId: detail.trackingId } : {}) };
}

import { WEBEX_RATE_LIMIT_WAIT_SECONDS } from '../../webex/retry-after';
import { runTaskStep, taskStepInput, type TaskStepInput } from '../task-steps';
import { ASSIGN_STEPS } from './assign-steps';
import { COMPENSATE_STEPS } from './compensate';
import { waitFitsDeadline } from './deadline';
import { MOVE_STEPS } from './move-steps';
import { buildFailure, buildResult } from './result';
import { RESOLVE_STEPS } from './resolve-steps';
import { callingStep, type CallingStepDef, type StepContext } from './step-def';
import { VERIFY_STEPS } from './verify-calling';

/**
 * The steps of Enable Webex Calling for User, one Task state each in statemachines/enable-calling.asl.json, one
 * row each: what its Task state runs, the part of the execution's JSON it writes (parts.ts), its Webex requests,
 * and how the result lists it. Each step's module holds its function and its row (resolve-steps.ts,
 * assign-steps.ts, move-steps.ts, verify-calling.ts, compensate.ts), spread here in the table's order. The step
 * names the Task states may send, the order and progress of the result, each step's detail and the pacing figures
 * all come from this table: a new step is its row (and function) in its module and its Task state in the ASL.
 * test/unit/state-machines/asl-follows-tables.test.ts checks the ASL against the rows.
 *
 * Each row's `webex` counts one run's requests when nothing fails, on warm functions (the location and the
 * calling-location check from the cache when the request gives the location's id).
 */

export const DEFAULT_CALLING_LICENSE = 'Webex Calling - Professional';

export const ENABLE_CALLING_STEP_TABLE = {
  ...RESOLVE_STEPS,
  ...ASSIGN_STEPS,
  // The move path's steps come after assignLicense and before verifyCalling, which both paths end with.
  ...MOVE_STEPS,
  ...VERIFY_STEPS,
  ...COMPENSATE_STEPS,
  buildResult: callingStep({ writes: 'outcome', run: (_ctx, state, executionName): unknown => buildResult(ENABLE_CALLING_STEP_TABLE, state, executionName) }),
  buildFailure: callingStep({ writes: 'outcome', run: (_ctx, state, executionName): unknown => buildFailure(ENABLE_CALLING_STEP_TABLE, state, executionName) }),
} satisfies Record<string, CallingStepDef>;


/** The payload every Task state sends to the steps Lambda: its step, the execution's JSON, its name. */
export const EnableCallingStepInput = taskStepInput(ENABLE_CALLING_STEP_TABLE);
export type EnableCallingStepInput = TaskStepInput<typeof ENABLE_CALLING_STEP_TABLE>;

export const runEnableCallingStep = (ctx: StepContext, input: EnableCallingStepInput): Promise<unknown> =>
  runTaskStep('enable calling', ENABLE_CALLING_STEP_TABLE, ctx, input, {
    levelByStatus: true,
    // The Retry-After wait the state machine would make next: past the run's deadline, it stops instead (WaitFitsDeadline).
    adjust: (wire) => {
      if (wire.detail.httpStatus === 429 && !waitFitsDeadline(input.state, wire.detail.retryAfterSeconds ?? WEBEX_RATE_LIMIT_WAIT_SECONDS)) {
        Object.assign(wire, { message: JSON.stringify({ ...wire.detail, deadlineReached: true }) });
      }
    },
  });

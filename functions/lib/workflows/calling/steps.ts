import { WEBEX_RATE_LIMIT_WAIT_SECONDS } from '../../webex/retry-after';
import { runTaskStep, taskStepInput, type TaskStepInput } from '../task-steps';
import { assignLicense, chooseNumber, resolveLicense } from './assign-steps';
import { compensate } from './compensate';
import { waitFitsDeadline } from './deadline';
import { checkMoveJob, chooseMoveTarget, startMoveJobStep, validateMoveStep } from './move-steps';
import { buildFailure, buildResult, targetDetail } from './result';
import { checkCurrentCalling, resolveLocationStep, resolveUser } from './resolve-steps';
import { callingStep, type CallingStepDef, type StepContext } from './step-def';
import { verifyCalling } from './verify-calling';

/**
 * The steps of Enable Webex Calling for User, one Task state each in statemachines/enable-calling.asl.json, one
 * row each here: what its Task state runs (the step's function, in its module: resolve-steps.ts, assign-steps.ts,
 * move-steps.ts, verify-calling.ts, compensate.ts), the part of the execution's JSON it writes (parts.ts), its
 * Webex requests, and how the result lists it. The step names the Task states may send, the order and progress of
 * the result, each step's detail and the pacing figures all come from here: a new step is its Task state in the
 * ASL and its row. test/unit/state-machines/asl-follows-tables.test.ts checks the ASL against the rows.
 *
 * Each row's `webex` counts one run's requests when nothing fails, on warm functions (the location and the
 * calling-location check from the cache when the request gives the location's id).
 */

export const DEFAULT_CALLING_LICENSE = 'Webex Calling - Professional';

export const ENABLE_CALLING_STEP_TABLE = {
  resolveUser: callingStep({
    webex: { requests: 1 },
    writes: 'user',
    run: (ctx, state) => resolveUser(ctx.client, state),
    shown: {
      paths: ['enable', 'move'],
      status: 'completed',
      detail: (s) => s.user && `${s.user.email ?? s.user.id} (${s.user.id})${s.user.nameWarning ? `; warning: ${s.user.nameWarning}` : ''}`,
    },
  }),
  resolveLocation: callingStep({
    webex: { requests: 1, when: { locationById: 0 } },
    writes: 'location',
    run: (ctx, state) => resolveLocationStep(ctx.client, state),
    shown: { paths: ['enable', 'move'], status: 'completed', detail: (s) => s.location && `"${s.location.name}" (${s.location.id})` },
  }),
  checkCurrentCalling: callingStep({
    webex: { requests: 0 },
    writes: 'current',
    run: (ctx, state) => checkCurrentCalling(ctx.client, state),
    shown: { paths: ['enable', 'move'], status: 'completed', detail: (s) => s.current?.detail },
  }),
  resolveLicense: callingStep({
    webex: { requests: 1 },
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
    webex: { requests: 1 },
    writes: 'target',
    run: (ctx, state) => chooseNumber(ctx.client, state),
    shown: { paths: ['enable'], status: 'completed', detail: targetDetail, skippedWhenEnabled: true },
  }),
  assignLicense: callingStep({
    webex: { requests: 2 },
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
  // The move path's steps come after assignLicense and before verifyCalling, which both paths end with.
  chooseMoveTarget: callingStep({
    webex: { requests: 1, when: { numberNamed: 0 } },
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
    webex: { requests: 1 },
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
    webex: { requests: 2 },
    writes: 'moveJob',
    run: (ctx, state) => startMoveJobStep(ctx.client, state),
    shown: {
      paths: ['move'],
      status: 'applied',
      detail: ({ moveJob: j }) => j && (j.recovered ? 'already moved by an earlier attempt; no job started again' : `move-users job ${j.id} started`),
    },
  }),
  checkMoveJob: callingStep({
    webex: { requests: 1 },
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
  verifyCalling: callingStep({
    webex: { requests: 2 },
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
  }),
  compensate: callingStep({ webex: { requests: 3 }, writes: 'compensation', run: (ctx, state) => compensate(ctx.client, state) }),
  buildResult: callingStep({ writes: 'outcome', run: (_ctx, state, executionName): unknown => buildResult(ENABLE_CALLING_STEP_TABLE, state, executionName) }),
  buildFailure: callingStep({ writes: 'outcome', run: (_ctx, state, executionName): unknown => buildFailure(ENABLE_CALLING_STEP_TABLE, state, executionName) }),
} satisfies Record<string, CallingStepDef>;

export type EnableCallingStep = keyof typeof ENABLE_CALLING_STEP_TABLE;
export const ENABLE_CALLING_STEPS = Object.keys(ENABLE_CALLING_STEP_TABLE) as [EnableCallingStep, ...EnableCallingStep[]];

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

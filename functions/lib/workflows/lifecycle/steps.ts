import * as z from 'zod';
import type { ActivityStore } from '../../activity/store';
import type { WebexClient } from '../../webex/client';
import { runStep } from '../step-error';
import { JoinerState, joinerCreateUser } from './joiner';
import {
  LeaverState, leaverDeactivateUser, leaverDeleteUser, leaverFindUser, leaverKeepUser, leaverRemoveCallingLicense, leaverUnassignAlternates,
} from './leaver';
import { MoverState, moverPrepare, moverUpdateProfile } from './mover';
import { lifecycleActivity } from './activity';
import { buildOutcome } from './outcome';
import { LifecycleEnvelope } from './state';

/**
 * The steps of the lifecycle state machines (statemachines/joiner.asl.json, mover.asl.json,
 * leaver.asl.json), one Task state each, one row here: each reads the execution's JSON through its flow's
 * schema and returns its own part; each looks at Webex first, so a step run again (Retry, a redriven
 * execution) never applies anything twice. The flows are in joiner.ts, mover.ts, leaver.ts; the
 * Completed / Failed event in outcome.ts.
 */

export interface LifecycleStepContext {
  client: WebexClient;
  /** Where BuildOutcome records the run (one record for the user). Made on first use: the other steps never touch it. */
  activity: () => ActivityStore;
}

type LifecycleStepFn = (
  ctx: LifecycleStepContext,
  input: { state: z.infer<typeof LifecycleEnvelope>; executionName: string; flow?: 'joiner' | 'mover' | 'leaver'; startedAt?: string },
) => unknown;

export const LIFECYCLE_STEP_TABLE = {
  joinerCreateUser: (ctx, { state }) => joinerCreateUser(ctx.client, JoinerState.parse(state)),
  leaverFindUser: (ctx, { state }) => leaverFindUser(ctx.client, LeaverState.parse(state)),
  leaverUnassignAlternates: (ctx, { state }) => leaverUnassignAlternates(ctx.client, LeaverState.parse(state)),
  leaverRemoveCallingLicense: (ctx, { state }) => leaverRemoveCallingLicense(ctx.client, LeaverState.parse(state)),
  leaverDeleteUser: (ctx, { state }) => leaverDeleteUser(ctx.client, LeaverState.parse(state)),
  leaverDeactivateUser: (ctx, { state }) => leaverDeactivateUser(ctx.client, LeaverState.parse(state)),
  leaverKeepUser: (ctx, { state }) => leaverKeepUser(ctx.client, LeaverState.parse(state)),
  moverPrepare: (ctx, { state }) => moverPrepare(ctx.client, MoverState.parse(state)),
  moverUpdateProfile: (ctx, { state }) => moverUpdateProfile(ctx.client, MoverState.parse(state)),
  // The run's outcome, recorded in the activity table before it is published: the one place a lifecycle run
  // writes its history, inside a step the machine runs anyway (no extra state, no extra invocation).
  buildOutcome: async (ctx, { state, executionName, flow = 'joiner', startedAt }) => {
    const outcome = buildOutcome(state, executionName, flow);
    await ctx.activity().record([lifecycleActivity(state, flow, outcome, startedAt ?? new Date().toISOString(), new Date())]);
    return outcome;
  },
} satisfies Record<string, LifecycleStepFn>;

export type LifecycleStep = keyof typeof LIFECYCLE_STEP_TABLE;
export const LIFECYCLE_STEPS = Object.keys(LIFECYCLE_STEP_TABLE) as [LifecycleStep, ...LifecycleStep[]];

export const LifecycleStepInput = z.strictObject({
  step: z.enum(LIFECYCLE_STEPS),
  state: LifecycleEnvelope,
  executionName: z.string().optional(),
  flow: z.enum(['joiner', 'mover', 'leaver']).optional(),
  /** The execution's StartTime (BuildOutcome): the activity record's key, the same on a retry. */
  startedAt: z.string().optional(),
});
export type LifecycleStepInput = z.infer<typeof LifecycleStepInput>;

export async function runLifecycleStep(ctx: LifecycleStepContext, input: LifecycleStepInput): Promise<unknown> {
  const run: LifecycleStepFn = LIFECYCLE_STEP_TABLE[input.step];
  // Every failure at info: the state machine retries faults and reports the rest in the outcome.
  return runStep(input.step, { workflow: 'lifecycle' }, () =>
    run(ctx, { state: input.state, executionName: input.executionName ?? 'unknown', flow: input.flow, startedAt: input.startedAt }),
  );
}

import * as z from 'zod';
import type { ActivityStore } from '../../activity/store';
import type { WebexClient } from '../../webex/client';
import { runTaskStep, taskStep, taskStepInput, type PacedStepContext, type StepDeclarations, type TaskStepInput, type TaskStepTable } from '../task-steps';
import { JoinerState, joinerCreateUser } from './joiner';
import {
  LeaverState, leaverDeactivateUser, leaverDeleteUser, leaverFindUser, leaverKeepUser, leaverRemoveCallingLicense, leaverUnassignAlternates,
} from './leaver';
import { MoverState, moverPrepare, moverUpdateProfile } from './mover';
import { lifecycleActivity } from './activity';
import { OutcomeInput, buildOutcome } from './outcome';

/**
 * The steps of the lifecycle state machines (statemachines/joiner.asl.json, mover.asl.json,
 * leaver.asl.json), one Task state each, one row here: each reads the execution's JSON through its flow's
 * schema and returns its own part; each looks at Webex first, so a step run again (Retry, a redriven
 * execution) never applies anything twice. The flows are in joiner.ts, mover.ts, leaver.ts; the
 * Completed / Failed event in outcome.ts.
 */

/** `pacing`: each request of a step waits for its own send slot (runTaskStep), where the composition gives the budget. */
export interface LifecycleStepContext extends PacedStepContext {
  client: WebexClient;
  /** Where BuildOutcome records the run (one record for the user). Made on first use: the other steps never touch it. */
  activity: () => ActivityStore;
}

/**
 * A row of one flow: its Task state sends `state` (the execution's JSON), parsed once against the flow's
 * schema where the payload arrives (taskHandler), and the step function is given it typed.
 */
const flowStep = <F extends z.ZodObject<{ state: z.ZodObject }>>(fields: F) =>
  (run: (client: WebexClient, state: z.infer<F>['state']) => Promise<unknown>, declares?: StepDeclarations) =>
    taskStep(fields, (ctx: LifecycleStepContext, input: z.infer<F>) => run(ctx.client, input.state), declares);
const joinerStep = flowStep(z.strictObject({ state: JoinerState }));
const moverStep = flowStep(z.strictObject({ state: MoverState }));
const leaverStep = flowStep(z.strictObject({ state: LeaverState }));

/**
 * Each row's `webex` lists its requests on a run where nothing fails (the user found, with calling; no alternate
 * numbers held, `holdsAlternates` otherwise); the pacing figures count them (scripts/request-figures.ts).
 */
export const LIFECYCLE_STEP_TABLE = {
  // The e-mail look-up, then the create (an existing user is found and read instead, not created again).
  joinerCreateUser: joinerStep(joinerCreateUser, { webex: { calls: ['GET /people', 'POST /people'] } }),
  // The e-mail look-up, the person and their numbers.
  leaverFindUser: leaverStep(leaverFindUser, { webex: { calls: ['GET /people', 'GET /people/{id}', 'GET /people/{id}/features/numbers'] } }),
  // The person's numbers, and one request removing the alternates they hold, when they hold any.
  leaverUnassignAlternates: leaverStep(leaverUnassignAlternates, {
    webex: { calls: ['GET /people/{id}/features/numbers'], when: { holdsAlternates: ['GET /people/{id}/features/numbers', 'PUT /telephony/config/people/{id}/numbers'] } },
  }),
  // The person, the licenses' names (cached), the PATCH and the read-back.
  leaverRemoveCallingLicense: leaverStep(leaverRemoveCallingLicense, {
    webex: { calls: ['GET /people/{id}', { cached: 'GET /licenses' }, 'PATCH /licenses/users', 'GET /people/{id}'] },
  }),
  leaverDeleteUser: leaverStep(leaverDeleteUser, { webex: { calls: ['DELETE /people/{id}'] } }),
  // Read-modify-write of the person, and its read-back.
  leaverDeactivateUser: leaverStep(leaverDeactivateUser, { webex: { calls: ['GET /people/{id}', 'PUT /people/{id}', 'GET /people/{id}'] } }),
  leaverKeepUser: leaverStep(leaverKeepUser, { webex: { calls: ['GET /people/{id}'] } }),
  // The e-mail look-up and the person.
  moverPrepare: moverStep(moverPrepare, { webex: { calls: ['GET /people', 'GET /people/{id}'] } }),
  // Read-modify-write of the person; nothing when the event changes no profile field.
  moverUpdateProfile: moverStep(moverUpdateProfile, { webex: { calls: ['GET /people/{id}', 'PUT /people/{id}'], when: { noProfileChange: [] } } }),
  // The run's outcome, recorded in the activity table before it is published: the one place a lifecycle run
  // writes its history, inside a step the machine runs anyway (no extra state, no extra invocation).
  buildOutcome: taskStep(OutcomeInput, async (ctx: LifecycleStepContext, run) => {
    const outcome = buildOutcome(run, run.executionName ?? 'unknown');
    await ctx.activity().record([lifecycleActivity(run, outcome, run.startedAt ?? new Date().toISOString(), new Date())]);
    return outcome;
  }),
} satisfies TaskStepTable<LifecycleStepContext>;

export type LifecycleStep = keyof typeof LIFECYCLE_STEP_TABLE;

/**
 * The rows each flow runs, in the table's order, by its way through (the leaver's by removal policy): what the
 * Resume check follows through the ASL (asl-follows-tables.test.ts) and what the pacing figures add up
 * (scripts/request-figures.ts).
 */
export const LIFECYCLE_PATHS = {
  joiner: ['joinerCreateUser', 'buildOutcome'],
  mover: ['moverPrepare', 'moverUpdateProfile', 'buildOutcome'],
  leaverDelete: ['leaverFindUser', 'leaverUnassignAlternates', 'leaverRemoveCallingLicense', 'leaverDeleteUser', 'buildOutcome'],
  leaverDeactivate: ['leaverFindUser', 'leaverUnassignAlternates', 'leaverRemoveCallingLicense', 'leaverDeactivateUser', 'buildOutcome'],
  leaverRemoveCalling: ['leaverFindUser', 'leaverUnassignAlternates', 'leaverRemoveCallingLicense', 'leaverKeepUser', 'buildOutcome'],
} as const satisfies Record<string, readonly LifecycleStep[]>;
export const LIFECYCLE_STEPS = Object.keys(LIFECYCLE_STEP_TABLE) as [LifecycleStep, ...LifecycleStep[]];

export const LifecycleStepInput = taskStepInput(LIFECYCLE_STEP_TABLE);
export type LifecycleStepInput = TaskStepInput<typeof LIFECYCLE_STEP_TABLE>;

// Every failure at info: the state machine retries faults and reports the rest in the outcome.
export const runLifecycleStep = (ctx: LifecycleStepContext, input: LifecycleStepInput): Promise<unknown> =>
  runTaskStep('lifecycle', LIFECYCLE_STEP_TABLE, ctx, input);

// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import type { Env } from '../config';
import { importsBucket } from '../storage/imports-bucket';
import type { ObjectStore } from '../storage/object-store';
import type { WebexClient } from '../webex/client';
import { runStep } from '../workflows/step-error';
import { prepareApply } from './apply-items';
import { checkAction } from './check-action';
import { brokenApplyOutcome, buildApplyResults, describeActionFailure } from './results';
import { PlanAction } from './schemas';

/**
 * The ReconcileApply state machine's steps (statemachines/reconcile-apply.asl.json), one Task state each,
 * one row here: which of the two task functions runs it (`function`: `steps` never calls Webex and reads
 * and writes the imports bucket; `check` reads Webex and nothing else), its payload's schema and its
 * function. test/unit/reconcile/apply-step-table.test.ts fails when the ASL's Task states and this table differ.
 */

export interface ApplyStepContext {
  env: () => Env;
  objectStore: () => ObjectStore;
  client: () => WebexClient;
}

const failure = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
const planId = z.string().min(1);
const executionName = z.string().min(1);

interface StepRow<S extends z.ZodType> {
  function: 'steps' | 'check';
  input: S;
  run: (ctx: ApplyStepContext, input: z.infer<S>) => Promise<unknown> | unknown;
}
const row = <S extends z.ZodType>(r: StepRow<S>) => r;

export const RECONCILE_APPLY_STEP_TABLE = {
  /** Reads the plan, writes the Map's items (each action's machine, input, name and slot). */
  prepare: row({
    function: 'steps',
    input: z.strictObject({ step: z.literal('prepare'), planId, executionName, startedAt: z.string() }),
    run: (ctx, i) => prepareApply(ctx.objectStore(), importsBucket(ctx.env()), i, ctx.env()),
  }),
  /** Re-reads the user: has Webex changed since the plan? */
  checkAction: row({
    function: 'check',
    input: z.strictObject({ step: z.literal('checkAction'), action: PlanAction }),
    run: (ctx, i) => checkAction(ctx.client(), i.action),
  }),
  /** A failed action's result from its Catch. */
  describeFailure: row({
    function: 'steps',
    input: z.strictObject({ step: z.literal('describeFailure'), index: z.number().int().min(0), failure }),
    run: (_ctx, i) => describeActionFailure(i.index, i.failure),
  }),
  /** The report from the Map's results: plans/<id>.results.json and .csv, and the event to publish. */
  buildResults: row({
    function: 'steps',
    input: z.strictObject({ step: z.literal('buildResults'), planId, executionName, manifest: z.object({ Bucket: z.string(), Key: z.string() }).optional() }),
    run: (ctx, i) => buildApplyResults(ctx.objectStore(), importsBucket(ctx.env()), i),
  }),
  /** The Failed event of a run that broke before its report. */
  describeBrokenRun: row({
    function: 'steps',
    input: z.strictObject({ step: z.literal('describeBrokenRun'), planId, executionName, failure }),
    run: (ctx, i) => brokenApplyOutcome(ctx.objectStore(), importsBucket(ctx.env()), i),
  }),
};

export type ApplyStep = keyof typeof RECONCILE_APPLY_STEP_TABLE;
export type ApplyStepFunction = StepRow<z.ZodType>['function'];

export const applyStepsOf = (fn: ApplyStepFunction) =>
  (Object.keys(RECONCILE_APPLY_STEP_TABLE) as ApplyStep[]).filter((s) => RECONCILE_APPLY_STEP_TABLE[s].function === fn);

/** The payload a function accepts: `{ step, … }` of its own steps only. */
export const ApplyStepInput = (fn: ApplyStepFunction) =>
  z.looseObject({ step: z.enum(applyStepsOf(fn) as [ApplyStep, ...ApplyStep[]]) });

export async function runApplyStep(ctx: ApplyStepContext, payload: { step: ApplyStep } & Record<string, unknown>): Promise<unknown> {
  const found = RECONCILE_APPLY_STEP_TABLE[payload.step] as StepRow<z.ZodType>;
  return runStep(payload.step, { workflow: 'reconcile-apply', levelByStatus: true }, () => found.run(ctx, found.input.parse(payload)));
}

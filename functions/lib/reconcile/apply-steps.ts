import * as z from 'zod';
import type { Env } from '../config';
import { importsBucket } from '../storage/imports-bucket';
import type { ObjectStore } from '../storage/object-store';
import type { WebexClient } from '../webex/client';
import { runTaskStep, taskStep, taskStepInput, type PacedStepContext, type TaskStepInput, type TaskStepTable } from '../workflows/task-steps';
import type { ActivityStore } from '../activity/store';
import type { PacingBudget } from '../pacing/budget';
import { ApplyRunInput, prepareApply } from './apply-items';
import { checkAction } from './check-action';
import { brokenApplyOutcome, buildApplyResults, describeActionFailure } from './results';
import { PlanAction } from './schemas';

/**
 * The ReconcileApply state machine's steps (statemachines/reconcile-apply.asl.json), one Task state each,
 * one row in the table of the task function that runs it: `RECONCILE_APPLY_STEPS_TABLE` (the steps function:
 * never calls Webex, reads and writes the imports bucket) and `RECONCILE_APPLY_CHECK_TABLE` (the check
 * function: reads Webex and nothing else), each over the ports its function has.
 * test/unit/reconcile/apply-step-table.test.ts fails when the ASL's Task states, per function, and its table differ.
 */

/** What the steps function's rows are given: the settings, the imports bucket and the pacing budget, no Webex. */
export interface ApplyStepsContext {
  env: () => Env;
  objectStore: () => ObjectStore;
  /** The plan's line in GET /reconcile/plans: applying, applied, failed. */
  activity: () => ActivityStore;
  /** The deployment's shared Webex pacing budget, each action's requests drawn from it. */
  pacing: () => PacingBudget;
}

/** What the check function's row is given: Webex, no bucket; `pacing`: its read waits for its send slot (runTaskStep). */
export interface ApplyCheckContext extends PacedStepContext {
  client: () => WebexClient;
}

const failure = z.object({ Error: z.string().optional(), Cause: z.string().optional() });
const planId = z.string().min(1);
const executionName = z.string().min(1);

/** Which workflow a failed step's log line names (both functions run the same machine). */
const WORKFLOW = 'reconcile-apply';

/** The apply's end on the plan's line: APPLIED with its counts, or APPLY_FAILED. */
async function recordApply<O extends { detail: { status: string; counts: { succeeded: number; failed: number; skipped: number } } }>(ctx: ApplyStepsContext, planId: string, outcome: O): Promise<O> {
  const { status, counts } = outcome.detail;
  await ctx.activity().updatePlan(planId, {
    status: status === 'COMPLETED' ? 'APPLIED' : 'APPLY_FAILED',
    appliedAt: new Date().toISOString(),
    applied: { succeeded: counts.succeeded, failed: counts.failed, skipped: counts.skipped },
  });
  return outcome;
}

export const RECONCILE_APPLY_STEPS_TABLE = {
  /** Checks the plan is the one reviewed (the execution's input `run`), writes the Map's items (each action's machine, input, name and requests). */
  prepare: taskStep(z.strictObject({ planId, executionName, run: ApplyRunInput }), async (ctx: ApplyStepsContext, i) => {
    const prepared = await prepareApply(ctx.objectStore(), importsBucket(ctx.env()), i, ctx.env());
    await ctx.activity().updatePlan(i.planId, { status: 'APPLYING', applyExecutionName: i.executionName });
    return prepared;
  }),
  /**
   * One action's requests from the deployment's pacing budget: `at` is when it may start (now, or a slot reserved
   * ahead), or, when not `granted`, when to ask again; the ASL's Wait honours `at` either way.
   */
  paceAction: taskStep(z.strictObject({ requests: z.number().int().min(1) }), (ctx: ApplyStepsContext, i) => ctx.pacing().slot(i.requests)),
  /** A failed action's result from its Catch. */
  describeFailure: taskStep(z.strictObject({ index: z.number().int().min(0), failure }), (_ctx: ApplyStepsContext, i) => describeActionFailure(i.index, i.failure)),
  /** The report from the Map's results: applies/<id>.results.json, .csv and .html, and the event to publish. */
  buildResults: taskStep(
    z.strictObject({ planId, executionName, manifest: z.object({ Bucket: z.string(), Key: z.string() }).optional() }),
    async (ctx: ApplyStepsContext, i) => recordApply(ctx, i.planId, await buildApplyResults(ctx.objectStore(), importsBucket(ctx.env()), i)),
  ),
  /** The Failed event of a run that broke before its report. */
  describeBrokenRun: taskStep(z.strictObject({ planId, executionName, failure }), async (ctx: ApplyStepsContext, i) =>
    recordApply(ctx, i.planId, await brokenApplyOutcome(ctx.objectStore(), importsBucket(ctx.env()), i)),
  ),
} satisfies TaskStepTable<ApplyStepsContext>;

export const RECONCILE_APPLY_CHECK_TABLE = {
  /** Re-reads the user (one request: by id, or a joiner's e-mail look-up): has Webex changed since the plan? */
  checkAction: taskStep(z.strictObject({ action: PlanAction }), (ctx: ApplyCheckContext, i) => checkAction(ctx.client(), i.action), {
    webex: { calls: ['GET /people/{id}'], when: { joiner: ['GET /people'] } },
  }),
} satisfies TaskStepTable<ApplyCheckContext>;

export const ReconcileApplyStepsInput = taskStepInput(RECONCILE_APPLY_STEPS_TABLE);
export type ReconcileApplyStepsInput = TaskStepInput<typeof RECONCILE_APPLY_STEPS_TABLE>;
export const ReconcileApplyCheckInput = taskStepInput(RECONCILE_APPLY_CHECK_TABLE);
export type ReconcileApplyCheckInput = TaskStepInput<typeof RECONCILE_APPLY_CHECK_TABLE>;

/** Faults and rate limits at warn: a failed step here is the apply's, not a caller's, concern. */
export const runApplyStepsStep = (ctx: ApplyStepsContext, input: ReconcileApplyStepsInput) =>
  runTaskStep(WORKFLOW, RECONCILE_APPLY_STEPS_TABLE, ctx, input, { levelByStatus: true });
export const runApplyCheckStep = (ctx: ApplyCheckContext, input: ReconcileApplyCheckInput) =>
  runTaskStep(WORKFLOW, RECONCILE_APPLY_CHECK_TABLE, ctx, input, { levelByStatus: true });

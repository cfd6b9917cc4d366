import * as z from 'zod';
import { cutToBytes } from '../bulk/joiners';
import type { Deps } from '../runtime/deps';
import { importsBucket } from '../storage/imports-bucket';
import { errorDetailFromCause } from '../workflows/step-error';
import { runTaskStep, taskStep, taskStepInput, type PacedStepContext, type TaskStepInput, type TaskStepTable } from '../workflows/task-steps';
import { createReconcilePlan } from './create-plan';
import { reconcilePlanDefaults } from './plan-defaults';
import { planIdField } from './plan-route-schemas';
import type { PlanSummary } from './plan-store';
import type { ReconcileCounts } from './results-schema';
import { scheduledPlanId } from './scheduled-plan-id';
import { UploadedObject, uploadPlanId } from './upload-plan';

/**
 * The ReconcilePlan state machine's steps (statemachines/reconcile-plan.asl.json), one Task state each, one
 * row here; test/unit/reconcile/plan-step-table.test.ts fails when the ASL's Task steps and this table differ.
 */

// Composed without a pacing port: its reads scale with the organisation, each waiting for its own slot (in the client).
export type PlanStepContext = Pick<Deps, 'env' | 'objectStore' | 'webex' | 'activity'> & PacedStepContext;

/** The fields of a Catch's error output (`ResultPath: $.failure`). */
const Failure = z.object({ Error: z.string().optional(), Cause: z.string().optional() });

/** At most this many of the planner's field errors go into the event (a bad roster can have thousands). */
export const MAX_FIELDS_IN_EVENT = 20;

/** The detail of `Webex Reconcile Failed` for a planning run: the apply's Failed shape, `stage: 'plan'`, nothing applied. */
export interface PlanFailedDetail {
  stage: 'plan';
  planId: string;
  executionName: string;
  status: 'FAILED';
  counts: ReconcileCounts;
  error: { code: string; message: string; httpStatus: number; fields?: { field: string; message: string }[] };
}

/**
 * The planner's error as POST /reconcile/plans would answer it (errorDetailFromCause over the Catch's
 * Cause, which the Fail state then fails the execution with): code, message, status and the first fields.
 * Only what the planner's StepError says, cut: never the request, the roster or a token.
 */
export function planFailedDetail(input: { planId: string; executionName: string; failure: z.infer<typeof Failure> }): PlanFailedDetail {
  const detail = errorDetailFromCause(input.failure.Error ?? 'States.Runtime', input.failure.Cause);
  const fields = detail.fields?.slice(0, MAX_FIELDS_IN_EVENT).map((f) => ({ field: cutToBytes(f.field, 120), message: cutToBytes(f.message) }));
  return {
    stage: 'plan',
    planId: input.planId,
    executionName: input.executionName,
    status: 'FAILED',
    counts: { total: 0, succeeded: 0, failed: 0, skipped: 0 },
    error: { code: cutToBytes(detail.code, 64), message: cutToBytes(detail.message, 500), httpStatus: detail.httpStatus, ...(fields?.length ? { fields } : {}) },
  };
}

export const RECONCILE_PLAN_STEP_TABLE = {
  /** A scheduled run's plan id and execution name, the same for every retry of one scheduled time (no port). */
  scheduledPlanId: taskStep(z.object({ scheduleArn: z.string().min(1), scheduledTime: z.string().min(1) }), (_ctx: PlanStepContext, input) =>
    scheduledPlanId(input.scheduleArn, input.scheduledTime),
  ),
  /** An uploaded roster's plan id and execution name, the same for every delivery of one upload's event (no port). */
  uploadPlanId: taskStep(z.object({ upload: UploadedObject }), (_ctx: PlanStepContext, input) => uploadPlanId(input.upload)),
  /**
   * Reads the roster and the org, diffs them, stores plans/<id>.json and .csv; answers the summary.
   * `request` is checked by the planner itself, so its 400 names the request's own fields.
   */
  createPlan: taskStep(z.object({ planId: planIdField, request: z.unknown() }), async (ctx: PlanStepContext, input): Promise<PlanSummary> => {
    const settings = ctx.env();
    const { summary } = await createReconcilePlan(
      { client: ctx.webex(), store: ctx.objectStore(), bucket: importsBucket(settings), defaults: reconcilePlanDefaults(settings), newId: () => input.planId },
      input.request,
    );
    // Listed by GET /reconcile/plans; the digest where the plan carries one.
    const digest = (summary as { digest?: unknown }).digest;
    await ctx.activity().putPlan({
      planId: summary.id, status: 'PLANNED', createdAt: summary.createdAt, counts: { ...summary.counts },
      ...(typeof digest === 'string' ? { digest } : {}),
    });
    return summary;
  }, { webex: { scalesWith: 'the organisation: its people, locations and numbers, read page by page' } }),
  /** The Failed event's detail from CreatePlan's Catch (no port: it only reads the error). */
  describeFailure: taskStep(z.object({ planId: z.string().min(1), executionName: z.string().min(1), failure: Failure }), (_ctx: PlanStepContext, input) =>
    planFailedDetail(input),
  ),
} satisfies TaskStepTable<PlanStepContext>;

export const ReconcilePlanStepInput = taskStepInput(RECONCILE_PLAN_STEP_TABLE);
export type ReconcilePlanStepInput = TaskStepInput<typeof RECONCILE_PLAN_STEP_TABLE>;

/** Runs the payload's step; its error leaves as a StepError (the planner's status and fields in its message). */
export const runPlanStep = (ctx: PlanStepContext, input: ReconcilePlanStepInput) =>
  runTaskStep('reconcile', RECONCILE_PLAN_STEP_TABLE, ctx, input, { levelByStatus: true });

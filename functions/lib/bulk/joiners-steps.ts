// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import type { ActivityStore } from '../activity/store';
import type { PacingBudget } from '../pacing/budget';
import { JOINER_WEBEX_REQUESTS } from './pacing';
import { runTaskStep, taskStep, taskStepInput, type TaskStepInput, type TaskStepTable } from '../workflows/task-steps';
import { buildBulkReport, describeItemFailure } from './joiners';

/** What the BulkJoiners steps are given besides their payload: the activity table and its pacing budget (no Webex calls, no bucket). */
export interface BulkJoinersStepContext {
  activity: () => ActivityStore;
  pacing: () => PacingBudget;
}

const ItemResult = z.object({
  index: z.number().int().min(0),
  email: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  userId: z.string().optional(),
  existed: z.literal(true).optional(),
  error: z.object({ code: z.string(), message: z.string(), step: z.string().optional(), trackingId: z.string().optional() }).optional(),
});

/**
 * The steps of statemachines/bulk-joiners.asl.json, one row per Task state of its steps function: one
 * failed user's entry from the nested Joiner's failure, and the per-user report from the Map's results.
 * test/unit/bulk/bulk-step-tables.test.ts checks the ASL sends exactly these steps.
 */
export const BULK_JOINERS_STEP_TABLE = {
  /**
   * One joiner's requests from the deployment's pacing budget: `at` is when it may start (now, or a slot reserved
   * ahead), or, when not `granted`, when to ask again; the ASL's Wait honours `at` either way.
   */
  paceJoiner: taskStep(z.object({}), async (ctx: BulkJoinersStepContext) => {
    const { grant, pace } = await ctx.pacing().acquire(JOINER_WEBEX_REQUESTS);
    return { granted: grant.granted, at: new Date(grant.granted ? grant.notBeforeMs : grant.retryAtMs).toISOString(), pace };
  }),
  describeFailure: taskStep(
    z.object({ index: z.number().int().min(0), email: z.string(), failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }) }),
    (_ctx: BulkJoinersStepContext, i) => describeItemFailure(i.index, i.email, i.failure),
  ),
  buildReport: taskStep(z.object({ executionName: z.string(), results: z.array(ItemResult) }), async (ctx: BulkJoinersStepContext, i) => {
    const report = buildBulkReport(i.executionName, i.results);
    // The run's line in GET /bulk/joiners; a CSV run's batch was never listed, and stays so.
    await ctx.activity().endBulkRun(i.executionName, { status: 'SUCCEEDED', endedAt: new Date().toISOString(), total: report.total, succeeded: report.succeeded, failed: report.failed });
    return report;
  }),
} satisfies TaskStepTable<BulkJoinersStepContext>;

export type BulkJoinersStep = keyof typeof BULK_JOINERS_STEP_TABLE;
export const BULK_JOINERS_STEPS = Object.keys(BULK_JOINERS_STEP_TABLE) as BulkJoinersStep[];

export const BulkJoinersStepInput = taskStepInput(BULK_JOINERS_STEP_TABLE);
export type BulkJoinersStepInput = TaskStepInput<typeof BULK_JOINERS_STEP_TABLE>;

export const runBulkJoinersStep = (ctx: BulkJoinersStepContext, input: BulkJoinersStepInput) => runTaskStep('bulk joiners', BULK_JOINERS_STEP_TABLE, ctx, input);

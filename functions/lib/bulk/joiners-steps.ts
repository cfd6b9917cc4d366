import * as z from 'zod';
import type { ActivityStore } from '../activity/store';
import type { Env } from '../config';
import type { PacingBudget } from '../pacing/budget';
import { BulkUserResult } from '../schemas/bulk-answers';
import type { ObjectStore } from '../storage/object-store';
import { importsBucket } from '../storage/imports-bucket';
import { JOINER_WEBEX_REQUESTS } from './pacing';
import { runTaskStep, taskStep, taskStepInput, type TaskStepInput, type TaskStepTable } from '../workflows/task-steps';
import { buildBulkReport, describeItemFailure, writeJsonRunReport } from './joiners';

/**
 * What the BulkJoiners steps are given besides their payload: the activity table and its pacing budget, and the
 * imports bucket a run of its own writes its report files to (no Webex calls).
 */
export interface BulkJoinersStepContext {
  env: () => Env;
  objectStore: () => ObjectStore;
  activity: () => ActivityStore;
  pacing: () => PacingBudget;
}

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
  paceJoiner: taskStep(z.object({}), (ctx: BulkJoinersStepContext) => ctx.pacing().slot(JOINER_WEBEX_REQUESTS)),
  describeFailure: taskStep(
    z.object({ index: z.number().int().min(0), email: z.string(), location: z.string().optional(), failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }) }),
    // The location as the request named it, unless the Joiner's detail names the one it resolved.
    (_ctx: BulkJoinersStepContext, i) => {
      const r = describeItemFailure(i.index, i.email, i.failure);
      return r.location || !i.location ? r : { ...r, location: i.location };
    },
  ),
  buildReport: taskStep(z.object({
    executionName: z.string(),
    results: z.array(BulkUserResult),
    /**
     * A run of its own (POST /bulk/joiners, the machine input's publishOutcome) writes its report files; a CSV
     * run's batch does not (the CSV run writes one report for the file). Optional: an execution started before it was sent.
     */
    writeFiles: z.boolean().optional(),
  }), async (ctx: BulkJoinersStepContext, i) => {
    const report = buildBulkReport(i.executionName, i.results);
    // From the results this step already holds: nothing more passes through the state. Before the run is
    // marked ended, so a run listed as ended has its report.
    if (i.writeFiles) await writeJsonRunReport(ctx.objectStore(), importsBucket(ctx.env()), report);
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

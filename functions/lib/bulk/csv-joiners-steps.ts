import * as z from 'zod';
import type { ActivityStore } from '../activity/store';
import type { ObjectStore } from '../storage/object-store';
import { runTaskStep, taskStep, taskStepInput, type PacedStepContext, type TaskStepInput, type TaskStepTable } from '../workflows/task-steps';
import { buildCsvReport, prepareCsvBatch } from './csv-joiners';

/** What the BulkJoinersCsv steps are given besides their payload: the imports bucket. */
export interface BulkJoinersCsvStepContext extends PacedStepContext {
  objectStore: () => ObjectStore;
  activity: () => ActivityStore;
}

const Origin = z.object({ source: z.string(), detailType: z.string() });

/**
 * The steps of statemachines/bulk-joiners-csv.asl.json, one row per Task state of its steps function: a
 * batch of rows made ready for the BulkJoiners machine, and the report from the Distributed Map's results.
 * test/unit/bulk/bulk-step-tables.test.ts checks the ASL sends exactly these steps.
 */
export const BULK_JOINERS_CSV_STEP_TABLE = {
  prepareBatch: taskStep(
    z.object({
      items: z.array(z.object({ index: z.number().int().min(0), row: z.record(z.string(), z.string()) })).min(1),
      run: z.object({
        bulkName: z.string().min(1),
        startedAt: z.iso.datetime({ offset: true }),
        intervalMs: z.number().min(0),
        maxConcurrency: z.number().int().min(1),
        origin: Origin,
      }),
    }),
    (_ctx: BulkJoinersCsvStepContext, i) => prepareCsvBatch(i.items, i.run),
  ),
  buildReport: taskStep(
    z.object({
      executionName: z.string().min(1),
      bucket: z.string().min(1),
      /** The file run, so the report numbers users by its lines (optional: an execution started before it was sent). */
      key: z.string().min(1).optional(),
      manifest: z.object({ Bucket: z.string().min(1), Key: z.string().min(1) }),
    }),
    async (ctx: BulkJoinersCsvStepContext, i) => {
      const report = await buildCsvReport(ctx.objectStore(), i);
      await ctx.activity().endBulkRun(i.executionName, { status: 'SUCCEEDED', endedAt: new Date().toISOString(), total: report.total, succeeded: report.succeeded, failed: report.failed });
      return report;
    },
  ),
} satisfies TaskStepTable<BulkJoinersCsvStepContext>;

export type BulkJoinersCsvStep = keyof typeof BULK_JOINERS_CSV_STEP_TABLE;
export const BULK_JOINERS_CSV_STEPS = Object.keys(BULK_JOINERS_CSV_STEP_TABLE) as BulkJoinersCsvStep[];

export const BulkJoinersCsvStepInput = taskStepInput(BULK_JOINERS_CSV_STEP_TABLE);
export type BulkJoinersCsvStepInput = TaskStepInput<typeof BULK_JOINERS_CSV_STEP_TABLE>;

export const runBulkJoinersCsvStep = (ctx: BulkJoinersCsvStepContext, input: BulkJoinersCsvStepInput) =>
  runTaskStep('bulk joiners csv', BULK_JOINERS_CSV_STEP_TABLE, ctx, input);

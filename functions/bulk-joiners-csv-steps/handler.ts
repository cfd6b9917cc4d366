import * as z from 'zod';
import { buildCsvReport, prepareCsvBatch } from '../lib/bulk/csv-joiners';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';

const Origin = z.object({ source: z.string(), detailType: z.string() });

const BulkJoinersCsvStepInput = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('prepareBatch'),
    items: z.array(z.object({ index: z.number().int().min(0), row: z.record(z.string(), z.string()) })).min(1),
    run: z.object({
      bulkName: z.string().min(1),
      startedAt: z.iso.datetime({ offset: true }),
      intervalMs: z.number().min(0),
      maxConcurrency: z.number().int().min(1),
      origin: Origin,
    }),
  }),
  z.object({
    step: z.literal('buildReport'),
    executionName: z.string().min(1),
    bucket: z.string().min(1),
    manifest: z.object({ Bucket: z.string().min(1), Key: z.string().min(1) }),
  }),
]);

/**
 * The BulkJoinersCsv state machine's Task function (never behind API Gateway), no Webex calls: a batch
 * of rows made ready for the BulkJoiners machine, and the report from the Distributed Map's results.
 */
export const createHandler = ({ objectStore }: Pick<Deps, 'objectStore'>) =>
  taskHandler({
    input: BulkJoinersCsvStepInput,
    run: async (input) => {
      if (input.step === 'prepareBatch') return prepareCsvBatch(input.items, input.run);
      return buildCsvReport(objectStore(), input);
    },
  });

export const handler = createHandler({ objectStore: s3ObjectStore });

import * as z from 'zod';
import { buildBulkReport, describeItemFailure } from '../lib/bulk/joiners';
import { taskHandler } from '../lib/http/api-handler';

const ItemResult = z.object({
  index: z.number().int().min(0),
  email: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  userId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});

const BulkJoinersStepInput = z.discriminatedUnion('step', [
  z.object({
    step: z.literal('describeFailure'),
    index: z.number().int().min(0),
    email: z.string(),
    failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }),
  }),
  z.object({ step: z.literal('buildReport'), executionName: z.string(), results: z.array(ItemResult) }),
]);

/**
 * The BulkJoiners state machine's Task function (never behind API Gateway), no Webex calls: one failed
 * user's entry from the nested Joiner's failure, and the per-user report from the Map's results.
 */
export const handler = taskHandler({
  input: BulkJoinersStepInput,
  run: async (input) => {
    if (input.step === 'describeFailure') return describeItemFailure(input.index, input.email, input.failure);
    return buildBulkReport(input.executionName, input.results);
  },
});

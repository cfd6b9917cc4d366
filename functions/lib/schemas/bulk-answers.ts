// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';

/**
 * What GET /bulk/joiners/{executionName} answers: its row' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

export const BulkUserResult = z.object({
  index: z.number().int(),
  email: z.string(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  userId: z.string().optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type BulkUserResult = z.infer<typeof BulkUserResult>;

const counts = { executionName: z.string(), total: z.number().int(), succeeded: z.number().int(), failed: z.number().int() };
/** A JSON run's report: every user. */
export const BulkJoinersReport = z.object({ ...counts, results: z.array(BulkUserResult) });
export type BulkJoinersReport = z.infer<typeof BulkJoinersReport>;
/** A CSV run's report: the counts, where the full report is, and the first failures. */
export const BulkJoinersCsvReport = z.object({
  ...counts,
  report: z.object({ bucket: z.string(), json: z.string(), csv: z.string() }),
  failures: z.array(BulkUserResult),
});
export type BulkJoinersCsvReport = z.infer<typeof BulkJoinersCsvReport>;

/** GET /bulk/joiners/{executionName}. */
export const BulkJoinersStatusView = z.object({
  executionName: z.string(),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']),
  startDate: z.string().optional(),
  stopDate: z.string().optional(),
  /** Once SUCCEEDED: the per-user report, or for a CSV run its summary and where the full report is. */
  report: z.union([BulkJoinersReport, BulkJoinersCsvReport]).optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type BulkJoinersStatus = z.infer<typeof BulkJoinersStatusView>;

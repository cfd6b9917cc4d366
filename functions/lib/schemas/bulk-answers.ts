import * as z from 'zod';
import { MapProgressView } from './progress-answers';
import { PaceView } from './pace-answers';

/**
 * What GET /bulk/joiners/{executionName} answers: its row' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

export const BulkUserResult = z.object({
  index: z.number().int(),
  email: z.string(),
  /**
   * The calling location's name, as the user's Enable Calling run resolved it, whether the request (or the file's row)
   * named it by name or by Webex location id; as the request named it when it was never resolved (an unknown location,
   * a user that failed before calling).
   */
  location: z.string().optional(),
  status: z.enum(['SUCCEEDED', 'FAILED']),
  userId: z.string().optional(),
  /** True when the Joiner found the user already in Webex rather than creating it. */
  existed: z.literal(true).optional(),
  /** `step`: the Joiner's step that failed; `trackingId`: Webex's, whole (Cisco support asks for it). */
  error: z.object({ code: z.string(), message: z.string(), step: z.string().optional(), trackingId: z.string().optional() }).optional(),
});
export type BulkUserResult = z.infer<typeof BulkUserResult>;

/** A result with its outcome in plain words (outcome-words.ts): what reports and GET show. */
export const BulkUserOutcome = BulkUserResult.extend({ outcome: z.string() });
export type BulkUserOutcome = z.infer<typeof BulkUserOutcome>;

/**
 * One user of a CSV run as every report and GET names it: by `line`, the file's line number (the header is
 * line 1), the number the preflight's `lines.<line>` refusals use; with its outcome in plain words.
 */
export const CsvUserResult = BulkUserOutcome.omit({ index: true }).extend({ line: z.number().int() });
export type CsvUserResult = z.infer<typeof CsvUserResult>;

const counts = { executionName: z.string(), total: z.number().int(), succeeded: z.number().int(), failed: z.number().int() };
/** A JSON run's report as its execution answers it: every user. */
export const BulkJoinersReport = z.object({ ...counts, results: z.array(BulkUserResult) });
export type BulkJoinersReport = z.infer<typeof BulkJoinersReport>;
/**
 * A JSON run's report as GET shows it and as reports/<execution>.json holds it: every user, numbered by `index`
 * (its position in the request's `users`), with its outcome in plain words.
 */
export const BulkJoinersReportView = z.object({ ...counts, results: z.array(BulkUserOutcome) });
export type BulkJoinersReportView = z.infer<typeof BulkJoinersReportView>;
/** A CSV run's report: the counts, where the full report is (JSON, CSV, HTML), and the first failures. */
export const BulkJoinersCsvReport = z.object({
  ...counts,
  report: z.object({ bucket: z.string(), json: z.string(), csv: z.string(), html: z.string() }),
  failures: z.array(CsvUserResult),
});
export type BulkJoinersCsvReport = z.infer<typeof BulkJoinersCsvReport>;

/** The full report of a CSV run as written to reports/<execution>.json. */
export const CsvRunReport = z.object({
  executionName: z.string(),
  /** The file it ran. */
  source: z.object({ bucket: z.string(), key: z.string() }).optional(),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  results: z.array(CsvUserResult),
});
export type CsvRunReport = z.infer<typeof CsvRunReport>;

/** GET /bulk/joiners/{executionName}. */
export const BulkJoinersStatusView = z.object({
  executionName: z.string(),
  status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']),
  startDate: z.string().optional(),
  stopDate: z.string().optional(),
  /** Once SUCCEEDED: the per-user report, or for a CSV run its summary and where the full report is. */
  report: z.union([BulkJoinersReportView, BulkJoinersCsvReport]).optional(),
  /** While a CSV run runs: its Distributed Map's rows by how their batches ended, and the time left at that pace. */
  progress: MapProgressView.optional(),
  /** While it runs: the deployment's Webex pacing budget (shared by every run), its found rate and its 429 count. */
  pace: PaceView.optional(),
  error: z.string().optional(),
  cause: z.string().optional(),
});
export type BulkJoinersStatus = z.infer<typeof BulkJoinersStatusView>;

/** GET /bulk/joiners/{executionName}/report: a short-lived URL of a bulk run's HTML report (a JSON run's or a CSV run's). */
export const BulkReportUrlView = z.object({ url: z.string(), expiresInSeconds: z.number().int() });
export type BulkReportUrl = z.infer<typeof BulkReportUrlView>;

import * as z from 'zod';
import { ACTION_KINDS, type ActionKind } from './schemas';

/**
 * The apply's report as stored (applies/<id>.results.json): its schema alone, so the plan store can read it
 * (GET /reconcile/plans/{id}) without the report's builder, which itself reads plans through the store.
 */

export const ActionStatus = z.enum(['succeeded', 'failed', 'skipped']);
const KindCounts = z.object({ succeeded: z.number().int(), failed: z.number().int(), skipped: z.number().int() });

export const ActionResult = z.object({
  /** The action's index in the plan's `actions`. */
  index: z.number().int().min(0),
  kind: z.enum(ACTION_KINDS),
  /** The roster row, as the plan and its refusals name it (`lines.<line>`, `users.<index>`); none for a leave. */
  where: z.string().optional(),
  email: z.string(),
  userId: z.string().optional(),
  status: ActionStatus,
  /** `changedSincePlan` for a skip: Webex no longer matched what the plan saw. */
  reason: z.string().optional(),
  /** `step`: the nested machine's step that failed; `trackingId`: Webex's, whole. */
  error: z.object({ code: z.string(), message: z.string(), step: z.string().optional(), trackingId: z.string().optional() }).optional(),
  /** What happened, in plain words (reports/outcome-words.ts); absent in reports written before it was. */
  outcome: z.string().optional(),
});
export type ActionResult = z.infer<typeof ActionResult>;

export const ReconcileCounts = z.object({ total: z.number().int(), succeeded: z.number().int(), failed: z.number().int(), skipped: z.number().int() });
export type ReconcileCounts = z.infer<typeof ReconcileCounts>;

export const ReconcileResults = z.object({
  planId: z.string(),
  executionName: z.string(),
  finishedAt: z.string(),
  counts: ReconcileCounts,
  byKind: z.object(Object.fromEntries(ACTION_KINDS.map((k) => [k, KindCounts])) as Record<ActionKind, typeof KindCounts>),
  results: z.array(ActionResult),
});
export type ReconcileResults = z.infer<typeof ReconcileResults>;

/** Where an apply writes a plan's report: under applies/, the apply's own prefix (plans/ is the planner's alone). */
export const resultKeys = (planId: string) => ({ json: `applies/${planId}.results.json`, csv: `applies/${planId}.results.csv`, html: `applies/${planId}.results.html` });

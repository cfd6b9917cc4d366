import * as z from 'zod';

/**
 * What the activity table holds, one schema per item kind. The table is single-table by design: each item
 * says its `kind`, so the state that later features keep there (SCIM resources, a shared pacing budget) is
 * another kind beside these, with its own keys (keys.ts), never a second table.
 */

/** What started a run: the API caller, an event's source, a schedule, a SCIM client, or a parent run. */
export const ActivityTrigger = z.discriminatedUnion('type', [
  z.object({ type: z.literal('api'), caller: z.string().optional(), requestId: z.string().optional() }),
  z.object({ type: z.literal('event'), source: z.string(), eventId: z.string(), detailType: z.string().optional() }),
  z.object({ type: z.literal('schedule'), name: z.string() }),
  z.object({ type: z.literal('scim'), client: z.string() }),
  z.object({ type: z.literal('bulk'), run: z.string() }),
  z.object({ type: z.literal('reconcile'), planId: z.string().optional(), run: z.string().optional() }),
]);
export type ActivityTrigger = z.infer<typeof ActivityTrigger>;

export const ACTIVITY_KINDS = ['joiner', 'mover', 'leaver', 'enableCalling', 'createUser', 'updateUser', 'deleteUser'] as const;

/** One field a run changed: its value before and after (absent: the field was not set). */
export const FieldChange = z.object({ field: z.string(), before: z.unknown().optional(), after: z.unknown().optional() });
export type FieldChange = z.infer<typeof FieldChange>;

/** One step's part of the run, in the words the lifecycle events use. */
export const ActivityStep = z.object({ step: z.string(), status: z.enum(['applied', 'unchanged', 'skipped', 'failed']), detail: z.string().optional() });

/** One record per user a workflow run touched. `startedAt` and `executionName` make its key: a retried write is the same item. */
export const ActivityRecord = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  /** The user's e-mail: the record's partition (keys.ts lower-cases it). */
  email: z.string(),
  userId: z.string().optional(),
  /** When the run started (its execution's StartTime): part of the key, so a retry writes the same item. */
  startedAt: z.iso.datetime({ offset: true }),
  /** When the run ended. */
  at: z.iso.datetime({ offset: true }),
  outcome: z.enum(['succeeded', 'failed']),
  executionName: z.string(),
  trigger: ActivityTrigger,
  changes: z.array(FieldChange),
  steps: z.array(ActivityStep).optional(),
  error: z.object({ code: z.string(), message: z.string() }).optional(),
  /** The Webex TrackingIDs the run's state carried (Cisco support asks for them), in full. */
  trackingIds: z.array(z.string()),
  note: z.string().optional(),
});
export type ActivityRecord = z.infer<typeof ActivityRecord>;

export const RUN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;

/** A bulk joiners run (JSON or CSV): written when it starts, again when its report is built. */
export const BulkRunSummary = z.object({
  executionName: z.string(),
  source: z.enum(['json', 'csv']),
  status: z.enum(RUN_STATUSES),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  /** Rows in the request (JSON) or, for a CSV, once the report counts them. */
  total: z.number().int().nonnegative().optional(),
  succeeded: z.number().int().nonnegative().optional(),
  failed: z.number().int().nonnegative().optional(),
  trigger: ActivityTrigger.optional(),
});
export type BulkRunSummary = z.infer<typeof BulkRunSummary>;

export const PLAN_STATUSES = ['PLANNED', 'APPLYING', 'APPLIED', 'APPLY_FAILED'] as const;

/** A reconcile plan: written when the plan is stored, again when an apply starts and ends. */
export const PlanSummary = z.object({
  planId: z.string(),
  status: z.enum(PLAN_STATUSES),
  createdAt: z.iso.datetime({ offset: true }),
  appliedAt: z.iso.datetime({ offset: true }).optional(),
  /** Actions by kind (joiners, movers, leavers, …) as the plan counts them. */
  counts: z.record(z.string(), z.number().int().nonnegative()),
  /** The plan's digest, where the plan carries one. */
  digest: z.string().optional(),
  applyExecutionName: z.string().optional(),
  applied: z.object({ succeeded: z.number().int(), failed: z.number().int(), skipped: z.number().int() }).optional(),
});
export type PlanSummary = z.infer<typeof PlanSummary>;

/** One page of a list, newest first; `nextCursor` when there is more. */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}

/** The answer of a list route: one page of its items, newest first. */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().optional() });

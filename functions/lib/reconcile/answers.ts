import * as z from 'zod';
import { ReconcileResults } from './results-schema';
import { ActionCounts, PlanAction, ReconcilePlan } from './schemas';
import { MapProgressView } from '../schemas/progress-answers';

/**
 * What the reconcile routes answer (their rows' responses; the OpenAPI document is built from them and the
 * integration tests check every answer against it).
 */

const errorDetail = z.object({
  code: z.string(),
  message: z.string(),
  fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});

/** A plan's summary: counts per kind, whether it needs confirmation, where its files are. */
const PlanSummaryFields = {
  id: z.string(),
  createdAt: z.string(),
  /** SHA-256 of the canonical plan: what a reviewer approves (`confirm` may carry it) and apply verifies. */
  digest: z.string(),
  needsConfirmation: z.boolean(),
  /** With needsConfirmation: the `confirm` apply wants (the plan's leaver count). */
  confirmWith: z.number().int().optional(),
  counts: ActionCounts,
  unchanged: z.number().int(),
  inScope: z.number().int(),
  rosterOutOfScope: z.number().int(),
  skipped: z.number().int(),
  plan: z.object({ bucket: z.string(), json: z.string(), csv: z.string(), html: z.string() }),
  statusUrl: z.string(),
  applyUrl: z.string(),
};

/** POST /reconcile/plans 201. */
export const PlanCreatedView = z.object({ ...PlanSummaryFields, status: z.literal('planned') });

/** 202 from POST, and GET while the plan execution runs. */
export const PlanningView = z.object({ id: z.string(), status: z.literal('PLANNING'), statusUrl: z.string() });

/** Planning failed: the planner's error, at the status it maps to (POST), or 200 with it (GET). */
export const PlanFailedView = z.object({ id: z.string(), status: z.literal('FAILED'), statusUrl: z.string().optional(), error: errorDetail });

/** GET /reconcile/plans/{id} of a stored plan: a page of its actions, its apply and, once written, a page of its results. */
export const PlanView = z.object({
  ...PlanSummaryFields,
  status: z.enum(['planned', 'applying', 'applied', 'apply-failed']),
  scope: ReconcilePlan.shape.scope,
  policy: ReconcilePlan.shape.policy,
  total: z.number().int(),
  offset: z.number().int(),
  limit: z.number().int(),
  nextOffset: z.number().int().optional(),
  actions: z.array(PlanAction),
  apply: z
    .object({
      executionName: z.string(),
      status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']),
      startDate: z.string().optional(),
      stopDate: z.string().optional(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
      progress: MapProgressView.optional(),
    })
    .optional(),
  results: ReconcileResults.extend({ resultsTotal: z.number().int(), resultsNextOffset: z.number().int().optional() }).optional(),
});

/** POST /reconcile/plans/{id}/apply. */
export const ApplyStartedView = z.object({
  planId: z.string(),
  executionName: z.string().optional(),
  /** STARTED / DUPLICATE as Step Functions answers; NOTHING_TO_APPLY for a plan without actions (nothing starts). */
  status: z.enum(['STARTED', 'DUPLICATE', 'NOTHING_TO_APPLY']),
  actions: z.number().int(),
  statusUrl: z.string(),
});

/** GET /reconcile/plans/{id}/report: a short-lived URL of the plan's HTML report, the apply's once it has run. */
export const PlanReportUrlView = z.object({
  url: z.string(),
  /** Which report: the apply's (once written), else the plan's. */
  report: z.enum(['apply', 'plan']),
  expiresInSeconds: z.number().int(),
});
export type PlanReportUrl = z.infer<typeof PlanReportUrlView>;

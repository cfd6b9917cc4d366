import * as z from 'zod';
import { MAX_ACTIONS_PAGE } from './plan-view';
import { planIdField } from './plan-store';

/** What GET /reconcile/plans/{id} takes: the plan id (a uuid, so it can name no other key) and a page of actions. */

export { planIdField };

const queryInt = (min: number, max: number) =>
  z
    .union([z.number(), z.string().regex(/^\d+$/, 'must be a whole number').transform(Number)])
    .pipe(z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

export const GetReconcilePlanInput = z.strictObject({
  id: planIdField,
  /** Actions (and results) a page: default 100. */
  limit: queryInt(1, MAX_ACTIONS_PAGE).optional(),
  offset: queryInt(0, 1_000_000).optional(),
});
export type GetReconcilePlanInput = z.infer<typeof GetReconcilePlanInput>;

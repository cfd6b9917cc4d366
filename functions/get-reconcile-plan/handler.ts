import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { defineRoute, routeHandler } from '../lib/http/route';
import { describeApply } from '../lib/reconcile/describe-apply';
import { GetReconcilePlanInput } from '../lib/reconcile/plan-route-schemas';
import { viewPlan } from '../lib/reconcile/plan-view';
import { importsBucket } from '../lib/storage/imports-bucket';
import { PlanFailedView, PlanningView, PlanView } from '../lib/reconcile/answers';
import * as z from 'zod';

/**
 * GET /reconcile/plans/{id}?limit&offset — the stored plan: its summary, `status` (planned, applying,
 * applied, apply-failed: plan-view.ts `applyStatus`), its `apply` execution, a page of its actions (`total`,
 * `nextOffset`) and, once written, the results; while
 * there is no plan yet, its `plan-<id>` execution: PLANNING, or FAILED with the planner's error. 404
 * for an id never planned; 400 naming `id` for one that is not a uuid.
 */
export const route = defineRoute({
  id: 'GetReconcilePlan', method: 'GET', path: '/reconcile/plans/{id}', entry: 'functions/get-reconcile-plan/handler.ts', scope: 'reconcile.read',
  summary: 'A reconciliation plan: its summary, a page of its actions and, once applied, its results (or PLANNING / FAILED)',
  importsBucket: 'read',
  needs: ['env', 'stateMachines', 'objectStore'],
  responses: {
    200: { description: 'The stored plan with a page of its actions (and its apply and results), or PLANNING, or FAILED', body: z.union([PlanView, PlanningView, PlanFailedView]) },
    404: { description: 'No such plan' },
  },
  input: GetReconcilePlanInput,
  queryParams: ['limit', 'offset'],
  run: async (input, { env, stateMachines, objectStore }) => ({
    statusCode: 200,
    body: await viewPlan(
      {
        store: objectStore(),
        bucket: importsBucket(env()),
        describe: (name) => stateMachines.describe('ReconcilePlan', name),
        describeApply: (planId) => describeApply(stateMachines, planId),
      },
      input,
    ),
  }),
});

export const handler = routeHandler(route, { env: lambdaEnv, stateMachines: sfnStateMachines(lambdaEnv), objectStore: s3ObjectStore });

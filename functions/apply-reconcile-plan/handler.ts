import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { defineRoute, routeHandler } from '../lib/http/route';
import { logger } from '../lib/logger';
import { ApplyPlanInput, applyPlan } from '../lib/reconcile/apply-plan';
import { importsBucket } from '../lib/storage/imports-bucket';
import { ApplyStartedView } from '../lib/reconcile/answers';

/**
 * POST /reconcile/plans/{id}/apply: applies a stored plan (exactly its actions) with the ReconcileApply
 * state machine, named from the plan id, so a second request for the same plan starts nothing (200
 * DUPLICATE). 404 for a plan that does not exist, 400 naming `confirm` when the plan needs confirmation and
 * the body does not repeat its number of leavers; nothing starts and nothing reaches Webex then. A plan
 * without actions: 200 NOTHING_TO_APPLY, nothing started. Progress and results: GET /reconcile/plans/{id}.
 */
export const route = defineRoute({
  id: 'ApplyReconcilePlan', method: 'POST', path: '/reconcile/plans/{id}/apply', entry: 'functions/apply-reconcile-plan/handler.ts', scope: 'reconcile.apply',
  summary: 'Apply a reconciliation plan: its actions through the joiner, mover, leaver and calling machines, paced, each reported',
  importsBucket: 'read',
  bulkBudget: true,
  needs: ['env', 'stateMachines', 'objectStore'],
  responses: {
    200: { description: 'DUPLICATE (applied once already) or NOTHING_TO_APPLY: nothing starts', body: ApplyStartedView },
    202: { description: 'STARTED: the ReconcileApply execution runs; follow statusUrl', body: ApplyStartedView },
    404: { description: 'No such plan' },
    409: { description: '`PlanIntegrityError`: the stored plan is not the one reviewed (its bytes, digest, scope, exclusions, thresholds or confirmation differ); nothing is applied' },
  },
  input: ApplyPlanInput,
  run: async (input, { env, stateMachines, objectStore }, _context, request) => {
    const started = await applyPlan({ env: env(), stateMachines, store: objectStore(), bucket: importsBucket(env()) }, input);
    logger.info('reconcile apply', { caller: request.caller, planId: started.planId, status: started.status, actions: started.actions });
    return { statusCode: started.status === 'STARTED' ? 202 : 200, body: started };
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, stateMachines: sfnStateMachines(lambdaEnv), objectStore: s3ObjectStore });

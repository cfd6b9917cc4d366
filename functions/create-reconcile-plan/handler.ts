import { randomUUID } from 'node:crypto';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { defineRoute, routeHandler } from '../lib/http/route';
import { followDeadlineMs } from '../lib/state-machines/follow-execution';
import { logger } from '../lib/logger';
import { preflightRoster, startPlan } from '../lib/reconcile/plan-run';
import { deploymentThresholds, planThresholds } from '../lib/reconcile/threshold-ceiling';
import { ReconcilePlanInput } from '../lib/reconcile/schemas';
import { importsBucket } from '../lib/storage/imports-bucket';
import { PlanCreatedView, PlanFailedView, PlanningView } from '../lib/reconcile/answers';

/**
 * POST /reconcile/plans — checks the request and the roster (a bad row is a 400 naming
 * `lines.<line>.<column>`; thresholds above the deployment's a 400 naming `thresholds.<field>`; nothing starts,
 * nothing reaches Webex), then starts the ReconcilePlan Standard
 * execution `plan-<id>` and follows it while the request can wait: 201 with the plan's summary, the
 * planner's error at its status (an unknown location, a roster removing every in-scope user), or 202
 * `{ id, status: PLANNING, statusUrl }` when planning a large org outlasts the request.
 */
export const route = defineRoute({
  id: 'CreateReconcilePlan', method: 'POST', path: '/reconcile/plans', entry: 'functions/create-reconcile-plan/handler.ts', scope: 'reconcile.plan',
  summary: 'Plan a reconciliation of Webex with an HR roster (nothing in Webex changes; runs the ReconcilePlan state machine)',
  importsBucket: 'read',
  needs: ['env', 'stateMachines', 'objectStore'],
  responses: {
    201: { description: 'Planned: the plan\'s summary', body: PlanCreatedView },
    202: { description: 'PLANNING: the plan outlasts the request; follow statusUrl', body: PlanningView },
    400: { description: 'The planner refused the roster or scope', body: PlanFailedView },
    404: { description: 'A location the request names does not exist', body: PlanFailedView },
    502: { description: 'Webex failed while planning', body: PlanFailedView },
    504: { description: 'Planning did not finish in time', body: PlanFailedView },
    500: { description: 'The plan execution failed or was stopped', body: PlanFailedView },
  },
  input: ReconcilePlanInput,
  run: async (input, { env, stateMachines, objectStore }, context, request) => {
    const bucket = importsBucket(env());
    // The deployment's thresholds are a ceiling: a request raising them is a 400 here, before anything starts
    // (the planner checks it again, for the schedule's runs).
    planThresholds(deploymentThresholds(env()), input.thresholds);
    const { rows } = await preflightRoster(objectStore(), bucket, input);
    const planId = randomUUID();
    const answer = await startPlan(
      { starter: stateMachines.starter(), describe: (name) => stateMachines.describe('ReconcilePlan', name) },
      input,
      // A direct call without a clock follows as long as API Gateway would let it.
      { planId, deadlineMs: followDeadlineMs(context, 28_000) },
    );
    logger.info('reconcile: plan requested', { caller: request.caller, planId, rows, key: input.key, status: answer.statusCode });
    return answer;
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, stateMachines: sfnStateMachines(lambdaEnv), objectStore: s3ObjectStore });

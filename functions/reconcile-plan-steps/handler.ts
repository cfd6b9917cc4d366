import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { drawingLambdaWebex } from '../lib/aws/lambda-webex';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { taskHandler } from '../lib/http/api-handler';
import { ReconcilePlanStepInput, runPlanStep, type PlanStepContext } from '../lib/reconcile/plan-steps';

/**
 * The ReconcilePlan state machine's Task function (never behind API Gateway), its steps in
 * functions/lib/reconcile/plan-steps.ts: `createPlan` reads the roster (the CSV from the imports bucket, or
 * the JSON users) and the organisation, diffs them and stores the plan as `plans/<id>.json` and `.csv`,
 * answering the plan's summary; nothing in Webex changes. Its error leaves as a StepError (the planner's
 * status and fields in its message), which POST and GET read back from the execution's Cause. Repeating it
 * (a Retry) rewrites the same plan under the same id. `describeFailure` turns that error into the
 * `Webex Reconcile Failed` event's detail. Its reads are many (a page of 100 people each): each waits for its slot in
 * the deployment's shared pacing budget and reports its 429s there, as the runs' requests do.
 */
export const createHandler = (deps: PlanStepContext) =>
  taskHandler({
    input: ReconcilePlanStepInput,
    run: (input) => runPlanStep(deps, input),
  });

export const handler = createHandler({ env: lambdaEnv, objectStore: s3ObjectStore, webex: drawingLambdaWebex(lambdaPacing.pacing).webex, ...lambdaActivity });

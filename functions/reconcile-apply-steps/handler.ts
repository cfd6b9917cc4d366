import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { taskHandler } from '../lib/http/api-handler';
import { ReconcileApplyStepsInput, runApplyStepsStep } from '../lib/reconcile/apply-steps';
import type { Deps } from '../lib/runtime/deps';

/**
 * The ReconcileApply state machine's bucket steps (never behind API Gateway, no Webex calls: its table's
 * context has no client): prepare the Map's items from the plan, each action's slot from the pacing budget,
 * describe a failed action, build the results report, describe a broken run.
 */
export const createHandler = ({ env, objectStore, activity, pacing }: Pick<Deps, 'env' | 'objectStore' | 'activity' | 'pacing'>) =>
  taskHandler({
    input: ReconcileApplyStepsInput,
    run: (input) => runApplyStepsStep({ env, objectStore, activity, pacing }, input),
  });

export const handler = createHandler({ env: lambdaEnv, objectStore: s3ObjectStore, ...lambdaActivity, ...lambdaPacing });

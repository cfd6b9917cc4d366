import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { taskHandler } from '../lib/http/api-handler';
import { ApplyStepInput, runApplyStep } from '../lib/reconcile/apply-steps';
import type { Deps } from '../lib/runtime/deps';

/**
 * The ReconcileApply state machine's bucket steps (never behind API Gateway, no Webex calls): prepare the
 * Map's items from the plan, describe a failed action, build the results report, describe a broken run.
 */
export const createHandler = ({ env, objectStore }: Pick<Deps, 'env' | 'objectStore'>) =>
  taskHandler({
    input: ApplyStepInput('steps'),
    run: (input) =>
      runApplyStep(
        {
          env,
          objectStore,
          client: () => {
            throw new Error('the reconcile apply steps function does not call Webex');
          },
        },
        input,
      ),
  });

export const handler = createHandler({ env: lambdaEnv, objectStore: s3ObjectStore });

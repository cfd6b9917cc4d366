import { lambdaEnv } from '../lib/aws/lambda-env';
import { taskHandler } from '../lib/http/api-handler';
import { ApplyStepInput, runApplyStep } from '../lib/reconcile/apply-steps';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import type { Deps } from '../lib/runtime/deps';

/**
 * The ReconcileApply state machine's CheckAction (never behind API Gateway): re-reads the action's user in
 * Webex and answers whether it changed since the plan. No bucket access.
 */
export const createHandler = ({ env, webex }: Pick<Deps, 'env' | 'webex'>) =>
  taskHandler({
  input: ApplyStepInput('check'),
  run: (input) =>
    runApplyStep(
      {
        env,
        client: webex,
        objectStore: () => {
          throw new Error('the reconcile check function reads no bucket');
        },
      },
      input,
    ),
});

export const handler = createHandler({ env: lambdaEnv, webex: lambdaWebex.webex });

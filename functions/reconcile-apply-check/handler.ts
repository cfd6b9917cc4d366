import { lambdaEnv } from '../lib/aws/lambda-env';
import { taskHandler } from '../lib/http/api-handler';
import { ApplyStepInput, runApplyStep } from '../lib/reconcile/apply-steps';
import { webexClient } from '../lib/runtime/webex-client-from-env';

/**
 * The ReconcileApply state machine's CheckAction (never behind API Gateway): re-reads the action's user in
 * Webex and answers whether it changed since the plan. No bucket access.
 */
export const handler = taskHandler({
  input: ApplyStepInput('check'),
  run: (input) =>
    runApplyStep(
      {
        env: lambdaEnv,
        client: webexClient,
        objectStore: () => {
          throw new Error('the reconcile check function reads no bucket');
        },
      },
      input,
    ),
});

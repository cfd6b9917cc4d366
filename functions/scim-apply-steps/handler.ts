import { lambdaPacing, lambdaScim } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { pacedLambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { ScimApplyStepInput, runScimApplyStep } from '../lib/scim/apply-steps';

/**
 * The ScimApply state machine's Task function (never behind API Gateway): `{step, …}` in (SCIM_APPLY_STEP_TABLE),
 * the step's result out; errors leave as StepErrors under their own names.
 */
export const createHandler = ({ scim, env, webex, pacing }: Pick<Deps, 'scim' | 'env' | 'webex' | 'pacing'>) =>
  taskHandler({
    input: ScimApplyStepInput,
    run: (input) => runScimApplyStep({ scim, env, webex, pacing }, input),
  });

// It draws each action's requests from the deployment's pacing budget, and reports its own 429s to it.
export const handler = createHandler({ ...lambdaScim, ...lambdaPacing, env: lambdaEnv, webex: pacedLambdaWebex(lambdaPacing.pacing).webex });

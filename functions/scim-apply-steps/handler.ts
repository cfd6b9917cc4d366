import { lambdaScim } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { ScimApplyStepInput, runScimApplyStep } from '../lib/scim/apply-steps';

/**
 * The ScimApply state machine's Task function (never behind API Gateway): `{step, …}` in (SCIM_APPLY_STEP_TABLE),
 * the step's result out; errors leave as StepErrors under their own names.
 */
export const createHandler = ({ scim, env, webex }: Pick<Deps, 'scim' | 'env' | 'webex'>) =>
  taskHandler({
    input: ScimApplyStepInput,
    run: (input) => runScimApplyStep({ scim, env, webex }, input),
  });

export const handler = createHandler({ ...lambdaScim, env: lambdaEnv, webex: lambdaWebex.webex });

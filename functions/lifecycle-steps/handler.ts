import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { pacedLambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { LifecycleStepInput, runLifecycleStep } from '../lib/workflows/lifecycle/steps';

/**
 * The lifecycle state machines' Task function (never behind API Gateway): `{step, state}` in, the step's
 * part of the state out; errors leave with stable names for Retry/Catch. Composed with the runtime's Webex
 * client: the Lambda's below, the local runtime's in functions/local/local-runtime.ts.
 */
export const createHandler = ({ webex, activity }: Pick<Deps, 'webex' | 'activity'>) =>
  taskHandler({
    input: LifecycleStepInput,
    run: (input) => runLifecycleStep({ client: webex(), activity }, input),
  });

// Its 429s are reported to the deployment's pacing budget.
export const handler = createHandler({ ...pacedLambdaWebex(lambdaPacing.pacing), ...lambdaActivity });

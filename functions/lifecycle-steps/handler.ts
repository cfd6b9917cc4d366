import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { pacedLambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { LifecycleStepInput, runLifecycleStep } from '../lib/workflows/lifecycle/steps';

/**
 * The lifecycle state machines' Task function (never behind API Gateway): `{step, state}` in, the step's
 * part of the state out; errors leave with stable names for Retry/Catch. Composed with the runtime's Webex
 * client: the Lambda's below, the local runtime's in functions/local/local-runtime.ts. Given the pacing budget, each
 * step takes a send slot in it for each of its row's requests, and each waits for its own (runTaskStep), so a run's requests leave at the runs' rate.
 */
export const createHandler = ({ webex, activity, pacing }: Pick<Deps, 'webex' | 'activity'> & Partial<Pick<Deps, 'pacing'>>) =>
  taskHandler({
    input: LifecycleStepInput,
    run: (input) => runLifecycleStep({ client: webex(), activity, pacing }, input),
  });

// Its steps are spaced by, and its 429s reported to, the deployment's pacing budget.
export const handler = createHandler({ ...pacedLambdaWebex(lambdaPacing.pacing), ...lambdaActivity, ...lambdaPacing });

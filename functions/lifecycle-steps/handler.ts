import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { pacedLambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { spaceStep } from '../lib/pacing/spaced-step';
import { LIFECYCLE_STEP_TABLE, LifecycleStepInput, runLifecycleStep } from '../lib/workflows/lifecycle/steps';

/**
 * The lifecycle state machines' Task function (never behind API Gateway): `{step, state}` in, the step's
 * part of the state out; errors leave with stable names for Retry/Catch. Composed with the runtime's Webex
 * client: the Lambda's below, the local runtime's in functions/local/local-runtime.ts. Given the pacing budget, each
 * step first waits for its send slot in it (its row's requests), so a run's requests leave at the runs' rate.
 */
export const createHandler = ({ webex, activity, pacing }: Pick<Deps, 'webex' | 'activity'> & Partial<Pick<Deps, 'pacing'>>) =>
  taskHandler({
    input: LifecycleStepInput,
    run: async (input) => {
      await spaceStep(pacing, LIFECYCLE_STEP_TABLE[input.step]);
      return runLifecycleStep({ client: webex(), activity }, input);
    },
  });

// Its steps are spaced by, and its 429s reported to, the deployment's pacing budget.
export const handler = createHandler({ ...pacedLambdaWebex(lambdaPacing.pacing), ...lambdaActivity, ...lambdaPacing });

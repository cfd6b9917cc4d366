import { lambdaEnv } from '../lib/aws/lambda-env';
import { lambdaPacing } from '../lib/aws/lambda-activity';
import { pacedLambdaWebex } from '../lib/aws/lambda-webex';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { DEFAULT_CALLING_LICENSE, EnableCallingStepInput, runEnableCallingStep } from '../lib/workflows/calling/steps';

/**
 * The Enable Calling state machine's Task function (never behind API Gateway): `{step, state}` in, the
 * step's part of the state out. Errors leave with stable names for Retry/Catch and their details as
 * JSON in the message (StepError). Composed with the runtime's Webex client and configuration: the
 * Lambda's below, the local runtime's in functions/local/local-runtime.ts. Given the pacing budget, each step takes
 * a send slot in it for each of its row's requests, and each waits for its own (runTaskStep), so a run's requests leave at the runs' rate.
 */
export const createHandler = ({ env, webex, pacing }: Pick<Deps, 'env' | 'webex'> & Partial<Pick<Deps, 'pacing'>>) =>
  taskHandler({
    input: EnableCallingStepInput,
    run: (input) => runEnableCallingStep({ client: webex(), defaultLicense: env().WEBEX_CALLING_LICENSE || DEFAULT_CALLING_LICENSE, pacing }, input),
  });

// Its steps are spaced by, and its 429s reported to, the deployment's pacing budget: most of a joiner's requests are Enable Calling's.
export const handler = createHandler({ env: lambdaEnv, webex: pacedLambdaWebex(lambdaPacing.pacing).webex, ...lambdaPacing });

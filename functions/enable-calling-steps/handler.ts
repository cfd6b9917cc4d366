import { taskHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { DEFAULT_CALLING_LICENSE, EnableCallingStepInput, runEnableCallingStep } from '../lib/workflows/calling/steps';

/**
 * The Enable Calling state machine's Task function (never behind API Gateway): `{step, state}` in, the
 * step's part of the state out. Errors leave with stable names for Retry/Catch and their details as
 * JSON in the message (StepError).
 */
export const handler = taskHandler({
  input: EnableCallingStepInput,
  run: (input) => runEnableCallingStep({ client: webexClient(), defaultLicense: process.env.WEBEX_CALLING_LICENSE || DEFAULT_CALLING_LICENSE }, input),
});

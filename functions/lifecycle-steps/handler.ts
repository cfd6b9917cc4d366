import { taskHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { LifecycleStepInput, runLifecycleStep } from '../lib/workflows/lifecycle/steps';

/**
 * The lifecycle state machines' Task function (never behind API Gateway): `{step, state}` in, the step's
 * part of the state out; errors leave with stable names for Retry/Catch.
 */
export const handler = taskHandler({
  input: LifecycleStepInput,
  run: (input) => runLifecycleStep({ client: webexClient() }, input),
});

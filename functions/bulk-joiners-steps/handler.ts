import { BulkJoinersStepInput, runBulkJoinersStep } from '../lib/bulk/joiners-steps';
import { taskHandler } from '../lib/http/api-handler';

/**
 * The BulkJoiners state machine's Task function (never behind API Gateway), no Webex calls: `{step, …}`
 * in, the step's result out (the steps: BULK_JOINERS_STEP_TABLE); errors leave as StepErrors under their
 * own names.
 */
export const handler = taskHandler({
  input: BulkJoinersStepInput,
  run: (input) => runBulkJoinersStep(input),
});

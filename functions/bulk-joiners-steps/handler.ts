import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { BulkJoinersStepInput, runBulkJoinersStep } from '../lib/bulk/joiners-steps';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';

/**
 * The BulkJoiners state machine's Task function (never behind API Gateway), no Webex calls (each joiner's slot from
 * the pacing budget, the run's end to the activity table, a run's report files to the imports bucket): `{step, …}`
 * in, the step's result out (the steps: BULK_JOINERS_STEP_TABLE); errors leave as StepErrors under their
 * own names.
 */
export const createHandler = ({ env, objectStore, activity, pacing }: Pick<Deps, 'env' | 'objectStore' | 'activity' | 'pacing'>) =>
  taskHandler({
    input: BulkJoinersStepInput,
    run: (input) => runBulkJoinersStep({ env, objectStore, activity, pacing }, input),
  });

export const handler = createHandler({ env: lambdaEnv, objectStore: s3ObjectStore, ...lambdaActivity, ...lambdaPacing });

import { lambdaActivity } from '../lib/aws/lambda-activity';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { BulkJoinersCsvStepInput, runBulkJoinersCsvStep } from '../lib/bulk/csv-joiners-steps';
import { taskHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';

/**
 * The BulkJoinersCsv state machine's Task function (never behind API Gateway), no Webex calls: `{step, …}`
 * in, the step's result out (the steps: BULK_JOINERS_CSV_STEP_TABLE); errors leave as StepErrors under
 * their own names.
 */
export const createHandler = ({ objectStore, activity }: Pick<Deps, 'objectStore' | 'activity'>) =>
  taskHandler({
    input: BulkJoinersCsvStepInput,
    run: (input) => runBulkJoinersCsvStep({ objectStore, activity }, input),
  });

export const handler = createHandler({ objectStore: s3ObjectStore, ...lambdaActivity });

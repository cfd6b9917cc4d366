import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { describeBulkJoiners } from '../lib/bulk/joiners';
import { workflowHandler } from '../lib/http/api-handler';
import type { Deps } from '../lib/runtime/deps';
import { BulkJoinersRef } from '../lib/schemas/bulk';

/**
 * GET /bulk/joiners/{executionName}: RUNNING, or how the execution ended with, once SUCCEEDED, the
 * per-user report { total, succeeded, failed, results }. 404 for a name never started.
 */
export const createHandler = ({ stateMachines }: Pick<Deps, 'stateMachines'>) =>
  workflowHandler({
    input: BulkJoinersRef,
    run: async ({ executionName }) => ({ statusCode: 200, body: await describeBulkJoiners(executionName, stateMachines.describe) }),
  });

export const handler = createHandler({ stateMachines: sfnStateMachines(lambdaEnv) });

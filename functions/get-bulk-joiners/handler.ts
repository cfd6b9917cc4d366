import { lambdaActivity, lambdaPacing } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { describeBulkJoiners } from '../lib/bulk/joiners';
import { defineRoute, routeHandler } from '../lib/http/route';
import { BulkJoinersRef } from '../lib/schemas/bulk';
import { BulkJoinersStatusView } from '../lib/schemas/bulk-answers';

/**
 * GET /bulk/joiners/{executionName}: RUNNING with its progress (a CSV run's from its Map Run, a JSON run's from the
 * outcomes its children recorded), or how the execution ended with, once SUCCEEDED, the
 * per-user report { total, succeeded, failed, results }. 404 for a name never started.
 */
export const route = defineRoute({
  id: 'GetBulkJoiners', method: 'GET', path: '/bulk/joiners/{executionName}', entry: 'functions/get-bulk-joiners/handler.ts', scope: 'bulk.read',
  summary: 'Bulk Joiners status and, once ended, the per-user report',
  input: BulkJoinersRef,
  needs: ['stateMachines', 'activity', 'pacing'],
  responses: {
    200: { description: 'The run\'s status and, once ended, its report', body: BulkJoinersStatusView },
    404: { description: 'No bulk joiners execution of that name' },
  },
  run: async ({ executionName }, { stateMachines, activity, pacing }) => ({
    statusCode: 200,
    body: await describeBulkJoiners(executionName, stateMachines.describe, stateMachines.mapProgress, activity, () => pacing().view()),
  }),
});

export const handler = routeHandler(route, { stateMachines: sfnStateMachines(lambdaEnv), ...lambdaActivity, ...lambdaPacing });

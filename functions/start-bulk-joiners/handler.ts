import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { bulkExecutionName, bulkJoinersMachineInput } from '../lib/bulk/joiners';
import { apiTrigger } from '../lib/activity/trigger';
import { defineRoute, routeHandler } from '../lib/http/route';
import { logger } from '../lib/logger';
import { BulkJoinersInput } from '../lib/schemas/bulk';
import { BulkStartedView } from '../lib/schemas/started-answers';

/**
 * POST /bulk/joiners: validates every user (nothing reaches Webex on a bad request), starts the
 * BulkJoiners state machine under a name derived from the idempotency key (or the users), and answers
 * 202 with that name (200 DUPLICATE when that name was started before: nothing new runs). The report:
 * GET /bulk/joiners/{executionName}.
 */
export const route = defineRoute({
  id: 'StartBulkJoiners', method: 'POST', path: '/bulk/joiners', entry: 'functions/start-bulk-joiners/handler.ts', scope: 'bulk.write',
  summary: 'Start Bulk Joiners: the Joiner for each of up to 500 users, once per idempotency key',
  bulkBudget: true,
  recordsActivity: true,
  needs: ['env', 'stateMachines', 'activity'],
  responses: {
    200: { description: 'DUPLICATE: these users (or idempotency key) ran before', body: BulkStartedView },
    202: { description: 'STARTED: follow statusUrl', body: BulkStartedView },
  },
  input: BulkJoinersInput,
  run: async (input, { env, stateMachines, activity }, _context, request) => {
    const executionName = bulkExecutionName(input);
    const machineInput = bulkJoinersMachineInput(input, env());
    const started = await stateMachines.starter().start('BulkJoiners', machineInput, executionName);
    // Listed by GET /bulk/joiners from now on; a repeated start (DUPLICATE) keeps the first item.
    await activity().startBulkRun({ executionName, source: 'json', status: 'RUNNING', startedAt: new Date().toISOString(), total: input.users.length, trigger: apiTrigger(request) });
    logger.info('bulk joiners started', { caller: request.caller, users: input.users.length, maxConcurrency: machineInput.maxConcurrency, ...started });
    return {
      statusCode: started.status === 'STARTED' ? 202 : 200,
      body: { ...started, users: input.users.length, maxConcurrency: machineInput.maxConcurrency, statusUrl: `/bulk/joiners/${executionName}` },
    };
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, stateMachines: sfnStateMachines(lambdaEnv), ...lambdaActivity });

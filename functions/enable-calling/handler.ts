import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { defineRoute, routeHandler } from '../lib/http/route';
import { followDeadlineMs } from '../lib/state-machines/follow-execution';
import { EnableCallingInput } from '../lib/schemas/calling';
import { enableCallingInTime, executionNameFor } from '../lib/workflows/calling/enable-calling';

/**
 * POST /users/{user}/calling — runs the Enable Calling state machine (StartSyncExecution of the Express
 * machine in AWS, in-process locally) and answers with its result and execution name: 200 (changed:
 * false when nothing needed doing), or the failed step's status with the steps applied and what remains.
 * The run gets the moment this function stops waiting as its deadline, checked before every wait. A move,
 * or a run that stopped at that deadline, runs as a Standard execution followed while the request can
 * wait: its result, or 202 with the execution name and `statusUrl` (GET /users/{user}/calling/{executionName}).
 */
export const route = defineRoute({
  id: 'EnableCalling', method: 'POST', path: '/users/{user}/calling', entry: 'functions/enable-calling/handler.ts', scope: 'calling.write',
  summary: 'Enable Webex Calling for User (runs the EnableCalling state machine synchronously)',
  needs: ['stateMachines'],
  input: EnableCallingInput,
  run: async (input, { stateMachines }, context, request) => {
    const deps = {
      runner: stateMachines.runner('EnableCalling'),
      starter: stateMachines.starter(),
      describe: (name: string) => stateMachines.describe('EnableCallingStandard', name),
    };
    const res = await enableCallingInTime(deps, input, {
      executionName: executionNameFor(request.requestId ?? context.awsRequestId),
      deadlineMs: followDeadlineMs(context),
    });
    return { statusCode: res.httpStatus, body: res.body, headers: res.headers };
  },
});

export const handler = routeHandler(route, { stateMachines: sfnStateMachines(lambdaEnv) });

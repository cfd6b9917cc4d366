import { recordedApiCall } from '../lib/activity/api-call';
import { trackingIdsIn } from '../lib/activity/trigger';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { defineRoute, routeHandler } from '../lib/http/route';
import { followDeadlineMs } from '../lib/state-machines/follow-execution';
import { EnableCallingInput, EnableCallingResult } from '../lib/schemas/calling';
import { enableCallingInTime, executionNameFor } from '../lib/workflows/calling/enable-calling';
import { callingChanges } from '../lib/workflows/lifecycle/activity';
import { isEmail } from '../lib/workflows/users/resolve-user';

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
  needs: ['stateMachines', 'activity'],
  recordsActivity: true,
  responses: {
    200: { description: 'SUCCEEDED: every step; `changed: false` when the user already had that location and number', body: EnableCallingResult },
    202: { description: 'RUNNING: a move, or a run past the request\'s time, goes on as a Standard execution; GET statusUrl', body: EnableCallingResult },
    // A run that fails answers its steps and error at the error's status (answerFor).
    ...Object.fromEntries(
      ([[400, 'a step refused the input (e.g. an emergency number as extension)'], [404, 'unknown user or location'], [409, 'enabled in another location without move, number or extension taken, a move job already running'],
        [422, 'no license units, number not in the location, not a Webex Calling location'], [429, 'Webex kept rate-limiting past the workflow\'s wait budget'],
        [500, 'the workflow failed unexpectedly'], [502, 'Webex faults, or a failed move job'], [504, 'the run or a move job outlasted its time']] as const)
        .map(([status, description]) => [status, { description: `FAILED: ${description}; the steps and what remains`, body: EnableCallingResult }]),
    ),
  },
  input: EnableCallingInput,
  run: async (input, { stateMachines, activity }, context, request) => {
    const deps = {
      runner: stateMachines.runner('EnableCalling'),
      starter: stateMachines.starter(),
      describe: (name: string) => stateMachines.describe('EnableCallingStandard', name),
    };
    const res = await recordedApiCall({
      activity, request, kind: 'enableCalling', email: isEmail(input.user) ? input.user : undefined,
      run: async () => {
        const res = await enableCallingInTime(deps, input, {
          executionName: executionNameFor(request.requestId ?? context.awsRequestId),
          deadlineMs: followDeadlineMs(context),
        });
        const email = res.body.user?.email ?? (isEmail(input.user) ? input.user : undefined);
        // A run still going on (202) has no outcome to record yet; its GET reports it.
        if (res.body.status === 'RUNNING' || !email) return { value: res };
        const failed = res.body.status === 'FAILED' ? { code: res.body.error?.code ?? 'EnableCallingFailed', message: res.body.error?.message ?? 'Enable Calling failed' } : undefined;
        return {
          value: res,
          effect: { email, userId: res.body.user?.id, changes: failed ? [] : callingChanges(res.body), failed, trackingIds: trackingIdsIn(res.body) },
        };
      },
    });
    return { statusCode: res.httpStatus, body: res.body, headers: res.headers };
  },
});

export const handler = routeHandler(route, { stateMachines: sfnStateMachines(lambdaEnv), ...lambdaActivity });

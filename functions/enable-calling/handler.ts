import { workflowHandler } from '../lib/http/api-handler';
import { executionStarter } from '../lib/lifecycle/starter';
import { EnableCallingInput } from '../lib/schemas/calling';
import { describeExecution } from '../lib/state-machines/execution-status';
import { runnerFor } from '../lib/state-machines/runner';
import { enableCallingInTime, executionNameFor } from '../lib/workflows/calling/enable-calling';

// Answer before API Gateway's 29 s limit, so the caller learns the execution name even when it runs on.
const RESPONSE_MARGIN_MS = 2_000;

/**
 * POST /users/{user}/calling — runs the Enable Calling state machine (StartSyncExecution of the Express
 * machine in AWS, in-process locally) and answers with its result and execution name: 200 (changed:
 * false when nothing needed doing), or the failed step's status with the steps applied and what remains.
 * The run gets the moment this function stops waiting as its deadline, checked before every wait. A move,
 * or a run that stopped at that deadline, runs as a Standard execution followed while the request can
 * wait: its result, or 202 with the execution name and `statusUrl` (GET /users/{user}/calling/{executionName}).
 */
export const handler = workflowHandler({
  input: EnableCallingInput,
  run: async (input, context, request) => {
    const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
    const deps = {
      runner: runnerFor('EnableCalling'),
      starter: executionStarter(),
      describe: (name: string) => describeExecution('EnableCallingStandard', name),
    };
    const res = await enableCallingInTime(deps, input, {
      executionName: executionNameFor(request.requestId ?? context.awsRequestId),
      deadlineMs: remaining ? Math.max(1_000, remaining - RESPONSE_MARGIN_MS) : undefined,
    });
    return { statusCode: res.httpStatus, body: res.body, headers: res.headers };
  },
});

import { workflowHandler } from '../lib/http/api-handler';
import { EnableCallingInput } from '../lib/schemas/calling';
import { runnerFor } from '../lib/state-machines/runner';
import { enableCalling, executionNameFor } from '../lib/workflows/calling/enable-calling';

// Answer before API Gateway's 29 s limit, so the caller learns the execution name even when it runs on.
const RESPONSE_MARGIN_MS = 2_000;

/**
 * POST /users/{user}/calling — runs the Enable Calling state machine to its end (StartSyncExecution in
 * AWS, in-process locally) and answers with its result and execution name: 200 (changed: false when
 * nothing needed doing), or the failed step's status with the steps applied and what remains.
 */
export const handler = workflowHandler({
  input: EnableCallingInput,
  run: async (input, context, request) => {
    const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
    const res = await enableCalling(runnerFor('EnableCalling'), input, {
      executionName: executionNameFor(request.requestId ?? context.awsRequestId),
      deadlineMs: remaining ? Math.max(1_000, remaining - RESPONSE_MARGIN_MS) : undefined,
    });
    return { statusCode: res.httpStatus, body: res.body, headers: res.headers };
  },
});

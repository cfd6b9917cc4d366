import type { Context } from 'aws-lambda';

/**
 * A Lambda context for running a handler in-process (local API, local state machines), as Lambda would pass it.
 * `now`: the clock its remaining time counts down on (a test's virtual clock; the system's by default).
 */
export function lambdaContext(functionName: string, awsRequestId: string, timeoutMs = 28_000, now: () => number = Date.now): Context {
  const deadline = now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

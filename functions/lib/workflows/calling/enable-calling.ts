import { randomUUID } from 'node:crypto';
import { EnableCallingResult, type EnableCallingInput, type ErrorDetail } from '../../schemas/calling';
import { StateMachineStartError } from '../../errors';
import type { StateMachineRunner } from '../../state-machines/runner';
import { executionName } from '../../state-machines/execution-name';
import { errorDetailFromCause } from './errors';

export interface EnableCallingResponse {
  httpStatus: number;
  body: EnableCallingResult;
  headers?: Record<string, string>;
}

/** One from the API request id ties logs together (execution-name.ts). */
export function executionNameFor(requestId?: string): string {
  return executionName('enable-calling-', requestId || randomUUID());
}

/**
 * Enable Webex Calling for User: runs the state machine to its end and turns how it ended into the
 * API's answer. The result (steps, calling details, error) is the state machine's own output, or on
 * failure its Fail state's cause; the HTTP status is the failed step's.
 */
export async function enableCalling(
  runner: StateMachineRunner,
  input: EnableCallingInput,
  options: { executionName: string; deadlineMs?: number },
): Promise<EnableCallingResponse> {
  const { executionName } = options;
  let outcome;
  try {
    outcome = await runner.run(input, options);
  } catch (error) {
    if (!(error instanceof StateMachineStartError)) throw error;
    return failed(executionName, { code: error.name, message: error.message, httpStatus: error.httpStatus });
  }

  if (outcome.status === 'SUCCEEDED') {
    const parsed = EnableCallingResult.safeParse(outcome.output);
    if (parsed.success) return { httpStatus: 200, body: parsed.data };
    return failed(executionName, { code: 'InvalidWorkflowOutput', message: 'The workflow succeeded but returned no result', httpStatus: 500 });
  }
  if (outcome.status === 'TIMED_OUT' || outcome.status === 'ABORTED') {
    return failed(executionName, {
      code: outcome.status === 'TIMED_OUT' ? 'WorkflowTimedOut' : 'WorkflowStillRunning',
      message:
        (outcome.status === 'TIMED_OUT' ? 'The workflow did not finish in time' : 'The workflow is still running') +
        `; it may have enabled calling. Repeat the request (it is safe to repeat) or check the user. Execution: ${executionName}`,
      httpStatus: 504,
    });
  }

  const fromCause = parseResult(outcome.cause);
  const body = fromCause ?? { status: 'FAILED' as const, executionName, steps: [], error: errorDetailFromCause(outcome.error ?? 'States.Runtime', outcome.cause) };
  const error = body.error ?? { code: outcome.error ?? 'WorkflowFailed', message: 'The workflow failed', httpStatus: 500 };
  return {
    httpStatus: error.httpStatus,
    body,
    ...(error.httpStatus === 429 ? { headers: { 'Retry-After': String(error.retryAfterSeconds ?? 60) } } : {}),
  };
}

function parseResult(cause: string | undefined): EnableCallingResult | undefined {
  if (!cause) return undefined;
  try {
    const parsed = EnableCallingResult.safeParse(JSON.parse(cause));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function failed(executionName: string, error: ErrorDetail): EnableCallingResponse {
  return { httpStatus: error.httpStatus, body: { status: 'FAILED', executionName, steps: [], error } };
}

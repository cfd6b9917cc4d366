import { randomUUID } from 'node:crypto';
import { EnableCallingResult, type EnableCallingInput, type ErrorDetail } from '../../schemas/calling';
import { StateMachineStartError } from '../../errors';
import type { ExecutionStarter } from '../../state-machines/starter';
import type { ExecutionStatus } from '../../state-machines/execution-status';
import { followExecution } from '../../state-machines/follow-execution';
import type { ExecutionOutcome, StateMachineRunner } from '../../state-machines/runner';
import { executionName } from '../../state-machines/execution-name';
import { errorDetailFromCause } from '../step-error';

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
 * The machine's input: the request, with the moment the caller stops waiting when there is one; the
 * workflow checks it before every wait (statemachines/enable-calling.asl.json, calling/deadline.ts).
 */
export const machineInput = (input: EnableCallingInput, deadline?: Date) => (deadline ? { request: input, deadline: deadline.toISOString() } : input);

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
    const deadline = options.deadlineMs ? new Date(Date.now() + options.deadlineMs) : undefined;
    outcome = await runner.run(machineInput(input, deadline), options);
  } catch (error) {
    if (!(error instanceof StateMachineStartError)) throw error;
    return failed(executionName, { code: error.name, message: error.message, httpStatus: error.httpStatus });
  }
  return answerFor(outcome, executionName);
}

/** The error a run ends with when it stopped at its deadline before a wait (DeadlineReached in the ASL). */
export const WORKFLOW_DEADLINE_REACHED = 'WorkflowDeadlineReached';

type RunDeps = Parameters<typeof enableCallingStandard>[0] & { runner: StateMachineRunner };

/**
 * POST /users/{user}/calling within the request: a move as a Standard execution; anything else through
 * the Express machine, given the request's deadline; when that run stops at its deadline before a wait
 * (a Retry-After it could not sit out in time), the same request carries on as a Standard execution,
 * whose steps find what the first run applied: answered if it ends in time, else 202.
 */
export async function enableCallingInTime(deps: RunDeps, input: EnableCallingInput, options: { executionName: string; deadlineMs?: number }): Promise<EnableCallingResponse> {
  if (input.move) return enableCallingStandard(deps, input, options);
  const started = Date.now();
  const res = await enableCalling(deps.runner, input, options);
  if (res.body.status !== 'FAILED' || res.body.error?.code !== WORKFLOW_DEADLINE_REACHED) return res;
  const left = options.deadlineMs === undefined ? undefined : Math.max(0, options.deadlineMs - (Date.now() - started));
  // Express and Standard names are apart (per machine): the same name ties both runs to the request.
  return enableCallingStandard(deps, input, { executionName: options.executionName, deadlineMs: left });
}

/**
 * A move as a Standard execution (the move-users job can outlast API Gateway's 29 s): started, then
 * followed with DescribeExecution while the request can wait; answered as a synchronous run would be
 * when it ends in time, otherwise 202 with the execution name and where to follow it.
 */
export async function enableCallingStandard(
  deps: { starter: ExecutionStarter; describe: (executionName: string) => Promise<ExecutionStatus | undefined>; sleep?: (ms: number) => Promise<void> },
  input: EnableCallingInput,
  options: { executionName: string; deadlineMs?: number },
): Promise<EnableCallingResponse> {
  const { executionName } = options;
  try {
    await deps.starter.start('EnableCallingStandard', input, executionName);
  } catch (error) {
    if (!(error instanceof StateMachineStartError)) throw error;
    return failed(executionName, { code: error.name, message: error.message, httpStatus: error.httpStatus });
  }
  const status = await followExecution(deps, executionName, options.deadlineMs ?? 0);
  return status ? answerFor(outcomeOf(executionName, status), executionName) : running(executionName, input.user);
}

/** A described execution as the synchronous runner reports one. */
export function outcomeOf(executionName: string, status: ExecutionStatus): ExecutionOutcome {
  if (status.status === 'SUCCEEDED') return { executionName, status: 'SUCCEEDED', output: status.output };
  if (status.status === 'TIMED_OUT') return { executionName, status: 'TIMED_OUT' };
  return { executionName, status: 'FAILED', error: status.error, cause: status.cause };
}

export const statusUrlFor = (user: string, executionName: string) => `/users/${encodeURIComponent(user)}/calling/${executionName}`;

/** 202: the run goes on; GET statusUrl reports its steps and outcome. */
export function running(executionName: string, user: string): EnableCallingResponse {
  return { httpStatus: 202, body: { status: 'RUNNING', executionName, statusUrl: statusUrlFor(user, executionName), steps: [] } };
}

/** How an execution ended, as the API answers it. */
export function answerFor(outcome: ExecutionOutcome, executionName: string): EnableCallingResponse {
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

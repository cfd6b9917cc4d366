import type { ExecutionStatus } from './execution-status';

/**
 * An API route that starts a Standard execution (a move, a reconciliation plan) follows it with
 * DescribeExecution while API Gateway's request can wait, and answers 202 with where to follow it when
 * the run outlasts that: the timing both share.
 */

type LambdaClock = { getRemainingTimeInMillis?: () => number };

/** How often a route looks at the execution it started. */
export const FOLLOW_INTERVAL_MS = 500;

/** Answer before API Gateway's 29 s limit, so the caller learns the execution's name even when it runs on. */
export const RESPONSE_MARGIN_MS = 2_000;

/**
 * How long a route may follow: the Lambda's remaining time less the margin, at least 1 s. A context without
 * a clock (a direct call) counts as `assumeRemainingMs`, or, without one, as no time to follow at all.
 */
export function followDeadlineMs(context: LambdaClock, assumeRemainingMs: number): number;
export function followDeadlineMs(context: LambdaClock): number | undefined;
export function followDeadlineMs(context: LambdaClock, assumeRemainingMs?: number): number | undefined {
  const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : assumeRemainingMs;
  return remaining ? Math.max(1_000, remaining - RESPONSE_MARGIN_MS) : undefined;
}

export interface FollowDeps {
  describe: (executionName: string) => Promise<ExecutionStatus | undefined>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * The execution's status once it has ended, or undefined when it still runs at `deadlineMs` from now (the
 * next look would come too late). Not yet visible (DescribeExecution right after StartExecution) counts as running.
 */
export async function followExecution(deps: FollowDeps, executionName: string, deadlineMs: number): Promise<ExecutionStatus | undefined> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const stopAt = now() + deadlineMs;
  for (;;) {
    const status = await deps.describe(executionName);
    if (status && status.status !== 'RUNNING') return status;
    if (now() + FOLLOW_INTERVAL_MS > stopAt) return undefined;
    await sleep(FOLLOW_INTERVAL_MS);
  }
}

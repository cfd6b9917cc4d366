import { isThrottlingError, isTransientError } from '@smithy/service-error-classification';
import type { ExecutionStatus } from './execution-status';
import { systemClock } from '../clock';

/**
 * An API route that starts a Standard execution (a move, a reconciliation plan) follows it with
 * DescribeExecution while API Gateway's request can wait, and answers 202 with where to follow it when
 * the run outlasts that: the timing both share.
 *
 * DescribeExecution is throttled per account and Region by a token bucket (250 tokens refilled at 10/s outside
 * us-east-1, us-west-2 and eu-west-1: docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general),
 * shared with every other caller in the account. The look therefore backs off, and a throttled or failed look
 * after the start never fails the request: the run has started, so the caller is told where to follow it
 * (repeating the request would only meet the same execution, or a second one).
 */

type LambdaClock = { getRemainingTimeInMillis?: () => number };

/** The first pause between looks at the execution a route started. */
export const FOLLOW_INTERVAL_MS = 500;

/** Each further pause grows by this factor, up to FOLLOW_MAX_INTERVAL_MS: a long run costs few tokens. */
export const FOLLOW_BACKOFF = 1.5;

/** The longest pause between two looks, also after DescribeExecution throttled. */
export const FOLLOW_MAX_INTERVAL_MS = 4_000;

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
 * A look that may be repeated: the API throttled it (ThrottlingException and the SDK's other throttling
 * codes, HTTP 429) or it met a transient fault (5xx, a timeout, a dropped connection), as the AWS SDK's own
 * retry classifies them. Anything else (access denied, a missing ARN) is a configuration error and surfaces.
 */
export function isRetryableDescribeError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Parameters<typeof isThrottlingError>[0];
  if (isThrottlingError(e) || isTransientError(e)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 0;
  return status >= 500;
}

/** The pauses between looks: FOLLOW_INTERVAL_MS growing by FOLLOW_BACKOFF; doubled after a throttled look; at most FOLLOW_MAX_INTERVAL_MS. */
export function nextFollowInterval(previousMs: number | undefined, throttled: boolean): number {
  if (previousMs === undefined) return throttled ? FOLLOW_INTERVAL_MS * 2 : FOLLOW_INTERVAL_MS;
  return Math.min(FOLLOW_MAX_INTERVAL_MS, Math.round(previousMs * (throttled ? 2 : FOLLOW_BACKOFF)));
}

/**
 * The execution's status once it has ended, or undefined when it still runs at `deadlineMs` from now (the
 * next look would come too late). Not yet visible (DescribeExecution right after StartExecution) counts as
 * running, and so does a look that was throttled or met a transient fault: the caller answers 202.
 */
export async function followExecution(deps: FollowDeps, executionName: string, deadlineMs: number): Promise<ExecutionStatus | undefined> {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? systemClock.sleep;
  const stopAt = now() + deadlineMs;
  let interval: number | undefined;
  for (;;) {
    let throttled = false;
    try {
      const status = await deps.describe(executionName);
      if (status && status.status !== 'RUNNING') return status;
    } catch (error) {
      if (!isRetryableDescribeError(error)) throw error;
      throttled = true;
    }
    interval = nextFollowInterval(interval, throttled);
    if (now() + interval > stopAt) return undefined;
    await sleep(interval);
  }
}

import { logger } from '../logger';
import type { ErrorDetail } from '../schemas/calling';
import { WebexApiError, isRateLimitStatus } from '../webex/errors';
import { WEBEX_RATE_LIMIT_WAIT_SECONDS } from '../webex/retry-after';
import { errorToResult } from './error-status';
import { hashEmails } from '../redaction';

/**
 * How a state machine's step fails: the one module the Enable Calling, lifecycle and bulk steps share.
 * A step's error becomes a StepError (a stable name for Retry/Catch, the details as JSON), and a Catch
 * clause's `Cause` is read back into those details.
 */

/**
 * An error as it crosses the Lambda boundary into Step Functions. Lambda keeps only a thrown error's
 * name and message (its `errorType` and `errorMessage`), so the message carries the details as JSON:
 * the HTTP status the API will answer, Webex's trackingId, and for rate limits the wait Webex asked for,
 * which the state machine's Wait state reads (ASL Retry cannot wait a variable time).
 */
export class StepError extends Error {
  constructor(
    override readonly name: string,
    readonly detail: ErrorDetail,
    options?: ErrorOptions,
  ) {
    // The cause stays in this process (Lambda serialises only the name and message): logs and tests can see it.
    super(JSON.stringify(detail), options);
  }
}

export function toErrorDetail(error: unknown): ErrorDetail {
  const mapped = errorToResult(error);
  const detail: ErrorDetail = { ...mapped.body.error, httpStatus: mapped.statusCode };
  if (error instanceof WebexApiError && isRateLimitStatus(error.status)) {
    detail.retryAfterSeconds = error.retryAfterSeconds ?? WEBEX_RATE_LIMIT_WAIT_SECONDS;
  }
  return detail;
}

export function toStepError(error: unknown): StepError {
  const name = error instanceof Error ? error.name : 'Error';
  return new StepError(name, toErrorDetail(error), { cause: error });
}

/**
 * The details back from a Catch clause's `Cause`: Lambda's error payload (`{errorType, errorMessage}` as
 * JSON), whose message is a StepError's JSON. Anything else (a Lambda timeout, a States.* error) gets a
 * status from its name.
 */
export function errorDetailFromCause(errorName: string, cause: string | undefined): ErrorDetail {
  let message = cause ?? errorName;
  try {
    const payload = JSON.parse(cause ?? '') as { errorMessage?: unknown };
    if (typeof payload.errorMessage === 'string') message = payload.errorMessage;
  } catch {
    // not Lambda's payload: keep the text
  }
  try {
    const detail = JSON.parse(message) as Partial<ErrorDetail>;
    if (typeof detail.httpStatus === 'number' && typeof detail.message === 'string') {
      return { ...(detail as ErrorDetail), code: errorName };
    }
  } catch {
    // a plain message
  }
  const httpStatus = errorName === 'States.Timeout' ? 504 : errorName.startsWith('Lambda.') || errorName.startsWith('Sandbox.') ? 502 : 500;
  return { code: errorName, message, httpStatus };
}

/** Whose step it is (the log line's prefix), and the level a failure is logged at. */
export interface StepLog {
  workflow: string;
  /** Faults (5xx) and rate limits at warn, refusals at info, unexpected errors (500) also at error; else all at info. */
  levelByStatus?: true;
}

/**
 * Runs one step: its error leaves as a StepError (after `adjust`, which may rewrite its message), logged
 * with the step's name, the status and Webex's trackingId (never the request or a token).
 */
export async function runStep<T>(step: string, log: StepLog, run: () => Promise<T> | T, adjust?: (wire: StepError) => void): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const wire = toStepError(error);
    adjust?.(wire);
    const { httpStatus, trackingId } = wire.detail;
    const warn = log.levelByStatus && (httpStatus >= 500 || httpStatus === 429);
    (warn ? logger.warn.bind(logger) : logger.info.bind(logger))(`${log.workflow}: step failed`, { step, error: wire.name, status: httpStatus, trackingId });
    if (log.levelByStatus && httpStatus === 500 && error instanceof Error) {
      logger.error(`${log.workflow}: unexpected error`, { step, name: error.name, message: hashEmails(error.message) });
    }
    throw wire;
  }
}

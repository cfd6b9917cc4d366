import { ConflictError, UnprocessableError } from '../../errors';
import { errorToResult } from '../error-status';
import { WebexApiError } from '../../webex/errors';
import type { ErrorDetail } from '../../schemas/calling';

/** 409: the user already has Webex Calling, in another location or with another number/extension. */
export class CallingAlreadyEnabledError extends ConflictError {
  override readonly name: string = 'CallingAlreadyEnabledError';
}

/** 422: every unit of the calling license is in use. */
export class NoLicenseUnitsError extends UnprocessableError {
  override readonly name: string = 'NoLicenseUnitsError';
}

/** 422: no license of the org matches the configured or requested calling license. */
export class LicenseNotFoundError extends UnprocessableError {
  override readonly name: string = 'LicenseNotFoundError';
}

/** 422: the location has no unassigned number to pick. */
export class NoNumberAvailableError extends UnprocessableError {
  override readonly name: string = 'NoNumberAvailableError';
}

/** 422: Webex answered the license request without assigning the calling license (a 206, or a list without it). */
export class LicenseNotAppliedError extends UnprocessableError {
  override readonly name: string = 'LicenseNotAppliedError';
}

/** 502: after the assignment, Webex shows a calling setup other than the one requested (half applied). */
export class CallingVerificationError extends Error {
  override readonly name: string = 'CallingVerificationError';
}

/**
 * 502: Webex accepted a change but, read back, does not show it (a leaver's calling license still assigned,
 * sign-in still enabled); the message says what is still in place.
 */
export class ChangeNotAppliedError extends Error {
  override readonly name: string = 'ChangeNotAppliedError';
}

/** 409: Webex's move dry run says the number or extension is taken in the new location (codes 4202, 27966). */
export class MoveConflictError extends ConflictError {
  override readonly name: string = 'MoveConflictError';
}

/** 422: Webex refuses the move for another reason (its dry run's errors, or a 400 on the request). */
export class MoveRejectedError extends UnprocessableError {
  override readonly name: string = 'MoveRejectedError';
}

/** 409: Webex answered 409 to starting the job: the user is already in a move job. */
export class MoveInProgressError extends ConflictError {
  override readonly name: string = 'MoveInProgressError';
}

/** 502: the move job ended FAILED (or with errors); the message has Webex's job errors and what was moved. */
export class MoveJobFailedError extends Error {
  override readonly name: string = 'MoveJobFailedError';
}

/** 504: the move job had not finished when this workflow stopped polling; it may still complete. */
export class MoveJobTimeoutError extends Error {
  override readonly name: string = 'MoveJobTimeoutError';
}

/** Seconds to wait on a 429 without a readable Retry-After (wxc_sdk's default). */
export const DEFAULT_RETRY_AFTER_SECONDS = 5;

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
  ) {
    super(JSON.stringify(detail));
  }
}

export function toErrorDetail(error: unknown): ErrorDetail {
  if (error instanceof CallingVerificationError || error instanceof MoveJobFailedError || error instanceof ChangeNotAppliedError) {
    return { code: error.name, message: error.message, httpStatus: 502 };
  }
  if (error instanceof MoveJobTimeoutError) return { code: error.name, message: error.message, httpStatus: 504 };
  const mapped = errorToResult(error);
  const detail: ErrorDetail = { ...mapped.body.error, httpStatus: mapped.statusCode };
  if (error instanceof WebexApiError && (error.status === 429 || error.status === 423)) {
    detail.retryAfterSeconds = error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS;
  }
  return detail;
}

export function toStepError(error: unknown): StepError {
  const name = error instanceof Error ? error.name : 'Error';
  return new StepError(name, toErrorDetail(error));
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

import { ConflictError, UnprocessableError } from '../../errors';

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

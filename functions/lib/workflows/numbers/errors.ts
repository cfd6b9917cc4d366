import { ConflictError, NotFoundError, UnprocessableError } from '../../errors';

/**
 * Voice errors shared by the number workflows and Enable Calling. Each has its own stable `name` (the
 * API's error code and what Step Functions Catch clauses match) and the HTTP status of its base class.
 */

/** 409: the number belongs to someone (or something) else. */
export class NumberTakenError extends ConflictError {
  override readonly name: string = 'NumberTakenError';
}

/** 409: another user or feature in the location has the extension. */
export class ExtensionTakenError extends ConflictError {
  override readonly name: string = 'ExtensionTakenError';
}

/** 409: number operations need a Webex Calling user. */
export class NotCallingEnabledError extends ConflictError {
  override readonly name: string = 'NotCallingEnabledError';
}

/** 409: the primary number is set with the calling license, not with the alternate-number call. */
export class PrimaryNumberError extends ConflictError {
  override readonly name: string = 'PrimaryNumberError';
}

/** 404: the user does not hold that number. */
export class NumberNotHeldError extends NotFoundError {
  override readonly name: string = 'NumberNotHeldError';
}

/** 422: the number does not exist in the location the user (or request) is in. */
export class NumberNotInLocationError extends UnprocessableError {
  override readonly name: string = 'NumberNotInLocationError';
}

/** 422: Cisco forbids adding numbers through the API to Cisco Calling Plan / integrated CCP locations. */
export class IntegratedPstnError extends UnprocessableError {
  override readonly name: string = 'IntegratedPstnError';
}

/** 422: the location exists but is not enabled for Webex Calling (not in /telephony/config/locations). */
export class NotCallingLocationError extends UnprocessableError {
  override readonly name: string = 'NotCallingLocationError';
}

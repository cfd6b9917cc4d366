/**
 * Errors the workflows raise. Their `name`s are stable: the HTTP layer maps them to status codes and
 * Step Functions `Catch` clauses match on them.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(readonly fields: FieldIssue[]) {
    super(`Invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`);
  }
}

// `name: string` (not the literal) so workflows can subclass with a more specific stable name
// (NumberTakenError is a ConflictError) that Step Functions Catch clauses match on.
export class NotFoundError extends Error {
  override readonly name: string = 'NotFoundError';
}

export class ConflictError extends Error {
  override readonly name: string = 'ConflictError';
}

/** Well-formed, but Webex's state forbids it (no license units left, a number in another location). */
export class UnprocessableError extends Error {
  override readonly name: string = 'UnprocessableError';
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/**
 * A workflow could not be started at all (Step Functions throttled or unavailable): `httpStatus` is what the
 * API answers, with Retry-After; a direct invocation rethrows it so Lambda's async retries (EventBridge invokes
 * asynchronously) repeat it.
 */
export class StateMachineStartError extends Error {
  override readonly name = 'StateMachineStartError';
  constructor(
    message: string,
    readonly httpStatus: number,
  ) {
    super(message);
  }
}

/** The deployment is missing configuration (no secret, no base URL); not the caller's fault. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

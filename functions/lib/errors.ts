/**
 * Errors the workflows raise. Their `name`s are stable: the HTTP layer maps them to status codes and
 * Step Functions `Catch` clauses match on them.
 */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Issues one ValidationError carries: the first ones are enough to fix the input, and the answer stays small. */
export const MAX_FIELD_ISSUES = 50;
/** Characters of one issue's field name and of its message; both may quote the caller's input. */
export const MAX_FIELD_NAME_CHARS = 200;
export const MAX_ISSUE_MESSAGE_CHARS = 500;
/** Characters of the summary message (it is also what the logs write). */
export const MAX_VALIDATION_MESSAGE_CHARS = 2000;

/** `text` cut to `max` characters, with an ellipsis saying so; never splits a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = /[\ud800-\udbff]/.test(text[max - 2] ?? '') ? max - 2 : max - 1;
  return `${text.slice(0, cut)}…`;
}

export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  readonly fields: FieldIssue[];
  constructor(fields: FieldIssue[], options?: ErrorOptions) {
    const shown = fields.slice(0, MAX_FIELD_ISSUES).map((f) => ({ field: clip(f.field, MAX_FIELD_NAME_CHARS), message: clip(f.message, MAX_ISSUE_MESSAGE_CHARS) }));
    const more = fields.length > shown.length ? ` (and ${fields.length - shown.length} more)` : '';
    super(clip(`Invalid request: ${shown.map((f) => `${f.field}: ${f.message}`).join('; ')}${more}`, MAX_VALIDATION_MESSAGE_CHARS), options);
    this.fields = shown;
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

/**
 * A stored reconciliation plan is not the plan that was reviewed (its digest, its scope, its thresholds or
 * its confirmation no longer agree): nothing of it is applied. 409, naming the plan and what differs.
 */
export class PlanIntegrityError extends ConflictError {
  override readonly name = 'PlanIntegrityError';
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
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * A file the suite itself wrote (a plan's results report) does not read as what wrote it: not the caller's
 * fault, so a 500 naming the object and what is wrong with it (never its content).
 */
export class StoredObjectInvalidError extends Error {
  override readonly name = 'StoredObjectInvalidError';
}

/**
 * A route's function reached its time limit before it could answer (a call with no timeout of its own hung: an AWS
 * API, a socket). Part of the request may have been applied, so the caller is told to read before sending it again.
 */
export class InvocationTimeoutError extends Error {
  override readonly name = 'InvocationTimeoutError';
}

/** The deployment is missing configuration (no secret, no base URL); not the caller's fault. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

/** Raised when the secret is missing or malformed; its message never quotes the secret's content. */
export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
  constructor(
    message: string,
    /** The secret still holds the stack's empty placeholder: nobody has run `npm run connect` yet. */
    readonly notConnected = false,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

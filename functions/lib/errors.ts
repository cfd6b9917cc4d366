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

export class NotFoundError extends Error {
  override readonly name = 'NotFoundError';
}

export class ConflictError extends Error {
  override readonly name = 'ConflictError';
}

export class PayloadTooLargeError extends Error {
  override readonly name = 'PayloadTooLargeError';
}

/** The deployment is missing configuration (no secret, no base URL); not the caller's fault. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}

import { isThrottlingError } from '@smithy/service-error-classification';
import * as z from 'zod';
import { ConfigurationError, ConflictError, InvocationTimeoutError, NotFoundError, PayloadTooLargeError, SecretUnavailableError, StateMachineStartError, StoredObjectInvalidError, UnprocessableError, ValidationError } from '../errors';
import { WebexApiError, WebexLinkRefusedError, WebexNetworkError, WebexResponseShapeError, isRateLimitStatus } from '../webex/errors';
import { CallingVerificationError, ChangeNotAppliedError, MoveJobFailedError, MoveJobTimeoutError } from './calling/errors';

export interface ApiResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Every error the API answers: the body of each 4xx and 5xx the OpenAPI document lists. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    webexStatus: z.number().int().optional(),
    trackingId: z.string().optional(),
    retryAfterSeconds: z.number().int().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** An error class, abstract or not. */
type ErrorClass = abstract new (...args: never[]) => Error;

/** What the API answers for one class of error: its status, and how its body is built. */
interface ErrorStatusRow {
  error: ErrorClass;
  /** The status, or how the error itself decides it (a Webex status, a timeout). */
  status: number | ((error: never) => number);
}

const row = <E extends ErrorClass>(error: E, status: number | ((error: InstanceType<E>) => number)): ErrorStatusRow =>
  ({ error, status: status as ErrorStatusRow['status'] });

/**
 * Every error class the suite exports, and the status the API answers for it: fix the request (4xx),
 * retry later (429, 502, 503, 504), or call an admin (500: the deployment is misconfigured). The first row
 * an error is an instance of decides, so a subclass with another status comes before its base. The Step
 * Functions steps report the same statuses (step-error.ts), so a workflow's failure reads like the API's.
 */
export const ERROR_STATUS_TABLE: readonly ErrorStatusRow[] = [
  row(ValidationError, 400),
  row(PayloadTooLargeError, 413),
  row(NotFoundError, 404),
  row(ConflictError, 409),
  row(UnprocessableError, 422),
  row(WebexApiError, webexApiStatus),
  // Webex answered, but not in a shape we can act on: a fault on Webex's side of the contract.
  row(WebexResponseShapeError, 502),
  row(WebexLinkRefusedError, 502),
  row(WebexNetworkError, (error) => (error.kind === 'timeout' ? 504 : 502)),
  // Webex accepted a calling change that, read back, is not (or only half) there, or its move job failed.
  row(CallingVerificationError, 502),
  row(ChangeNotAppliedError, 502),
  row(MoveJobFailedError, 502),
  // The move job had not finished when the workflow stopped polling: it may still complete.
  row(MoveJobTimeoutError, 504),
  row(InvocationTimeoutError, 504),
  row(StateMachineStartError, (error) => error.httpStatus),
  row(SecretUnavailableError, 500),
  row(ConfigurationError, 500),
  row(StoredObjectInvalidError, 500),
];
// Any other error (the activity table unavailable, a socket's, one meant for the CLI or the rotation function)
// is our fault: a plain 500 InternalError, its message (an AWS or socket detail) kept to the logs. The unit
// test of this table names each such class, so a new error class is placed here or there on purpose.

/** Webex's refusals pass on as what the caller can do about them; its faults as 502. */
function webexApiStatus(error: WebexApiError): number {
  if (isRateLimitStatus(error.status)) return 429;
  if (error.status === 404 || error.status === 409) return error.status;
  // Webex refused our credentials: the caller can do nothing about it, the admin must.
  if (error.status === 401 || error.status === 403) return 502;
  if (error.status >= 400 && error.status < 500) return 422;
  return 502;
}

/**
 * Maps an error to the API's answer (ERROR_STATUS_TABLE). Webex's trackingId is passed on because Cisco
 * support asks for it.
 */
export function errorToResult(error: unknown): ApiResult & { body: ErrorBody } {
  const match = ERROR_STATUS_TABLE.find((r) => error instanceof r.error);
  if (!match || !(error instanceof Error)) {
    // An AWS API this request needs (DescribeExecution, S3) throttled it past the SDK's own retries: the account's
    // token bucket refills within seconds (docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
    if (isAwsThrottling(error)) {
      return result(429, { code: 'ThrottlingException', message: 'AWS throttled a call this request needs; retry after the pause', retryAfterSeconds: AWS_THROTTLE_RETRY_AFTER_SECONDS }, { 'Retry-After': String(AWS_THROTTLE_RETRY_AFTER_SECONDS) });
    }
    return INTERNAL_ERROR();
  }
  const statusCode = typeof match.status === 'number' ? match.status : match.status(error as never);
  const body: ErrorBody['error'] = { code: error.name, message: error.message };
  if (error instanceof ValidationError) body.fields = error.fields;
  if (error instanceof WebexApiError) {
    Object.assign(body, { webexStatus: error.status, trackingId: error.trackingId });
    if (statusCode === 429) {
      const retryAfter = retryAfterSeconds(error.retryAfterSeconds);
      return result(429, { ...body, retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
    }
  }
  if (error instanceof WebexResponseShapeError && error.trackingId) body.trackingId = error.trackingId;
  if (error instanceof StateMachineStartError) return result(statusCode, body, { 'Retry-After': String(START_RETRY_AFTER_SECONDS) });
  return result(statusCode, body);
}

const INTERNAL_ERROR = () => result(500, { code: 'InternalError', message: 'Internal error' });

/** Retry-After when AWS throttled a call past the SDK's retries. */
const AWS_THROTTLE_RETRY_AFTER_SECONDS = 2;
/** Retry-After when Step Functions could not start a workflow (throttled or unavailable). */
const START_RETRY_AFTER_SECONDS = 5;

/** An AWS SDK error (it carries `$metadata`) that the SDK's retry classifies as throttling. */
function isAwsThrottling(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error && isThrottlingError(error as Parameters<typeof isThrottlingError>[0]);
}

/** Longest wait our 429 asks for: a Retry-After of 400 digits parses as Infinity, which no client can act on. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
/**
 * Our 429's Retry-After when Webex rate limited us without saying how long. The client has already waited
 * (WEBEX_RATE_LIMIT_WAIT_SECONDS between attempts) and Webex still refused, so the caller waits longer.
 */
const RETRY_AFTER_WHEN_WEBEX_GAVE_NONE_SECONDS = 60;

function retryAfterSeconds(asked: number | undefined): number {
  if (asked === undefined || Number.isNaN(asked)) return RETRY_AFTER_WHEN_WEBEX_GAVE_NONE_SECONDS;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil(asked)));
}

function result(statusCode: number, error: ErrorBody['error'], headers?: Record<string, string>) {
  return { statusCode, body: { error }, headers };
}

import { isThrottlingError } from '@smithy/service-error-classification';
// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { ConfigurationError, ConflictError, NotFoundError, PayloadTooLargeError, SecretUnavailableError, StateMachineStartError, StoredObjectInvalidError, UnprocessableError, ValidationError } from '../errors';
import { WebexApiError, WebexLinkRefusedError, WebexNetworkError, WebexResponseShapeError, isRateLimitStatus } from '../webex/errors';

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

/**
 * Maps an error to a status that tells the caller what to do: fix the request (4xx), retry later (429,
 * 502, 504), or call an admin (500: the deployment is misconfigured). Webex's trackingId is passed on
 * because Cisco support asks for it.
 */
export function errorToResult(error: unknown): ApiResult & { body: ErrorBody } {
  if (error instanceof ValidationError) {
    return result(400, { code: error.name, message: error.message, fields: error.fields });
  }
  if (error instanceof PayloadTooLargeError) return result(413, { code: error.name, message: error.message });
  if (error instanceof NotFoundError) return result(404, { code: error.name, message: error.message });
  if (error instanceof ConflictError) return result(409, { code: error.name, message: error.message });
  if (error instanceof UnprocessableError) return result(422, { code: error.name, message: error.message });
  if (error instanceof WebexApiError) {
    const base = { code: error.name, message: error.message, webexStatus: error.status, trackingId: error.trackingId };
    if (isRateLimitStatus(error.status)) {
      const retryAfter = retryAfterSeconds(error.retryAfterSeconds);
      return result(429, { ...base, retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
    }
    if (error.status === 404) return result(404, base);
    if (error.status === 409) return result(409, base);
    // Webex refused our credentials: the caller can do nothing about it, the admin must.
    if (error.status === 401 || error.status === 403) return result(502, base);
    if (error.status >= 400 && error.status < 500) return result(422, base);
    return result(502, base);
  }
  // Webex answered, but not in a shape we can act on: a fault on Webex's side of the contract.
  if (error instanceof WebexResponseShapeError) {
    return result(502, { code: error.name, message: error.message, ...(error.trackingId ? { trackingId: error.trackingId } : {}) });
  }
  if (error instanceof WebexLinkRefusedError) return result(502, { code: error.name, message: error.message });
  if (error instanceof WebexNetworkError) {
    return result(error.kind === 'timeout' ? 504 : 502, { code: error.name, message: error.message });
  }
  if (error instanceof StateMachineStartError) {
    return result(error.httpStatus, { code: error.name, message: error.message }, { 'Retry-After': '5' });
  }
  // An AWS API this request needs (DescribeExecution, S3) throttled it past the SDK's own retries: the account's
  // token bucket refills within seconds (docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html).
  if (isAwsThrottling(error)) {
    return result(429, { code: 'ThrottlingException', message: 'AWS throttled a call this request needs; retry after the pause', retryAfterSeconds: AWS_THROTTLE_RETRY_AFTER_SECONDS }, { 'Retry-After': String(AWS_THROTTLE_RETRY_AFTER_SECONDS) });
  }
  if (error instanceof SecretUnavailableError || error instanceof ConfigurationError || error instanceof StoredObjectInvalidError) {
    return result(500, { code: error.name, message: error.message });
  }
  return result(500, { code: 'InternalError', message: 'Internal error' });
}

const AWS_THROTTLE_RETRY_AFTER_SECONDS = 2;

/** An AWS SDK error (it carries `$metadata`) that the SDK's retry classifies as throttling. */
function isAwsThrottling(error: unknown): boolean {
  return typeof error === 'object' && error !== null && '$metadata' in error && isThrottlingError(error as Parameters<typeof isThrottlingError>[0]);
}

/** Longest wait our 429 asks for: a Retry-After of 400 digits parses as Infinity, which no client can act on. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
const DEFAULT_RETRY_AFTER_SECONDS = 60;

function retryAfterSeconds(asked: number | undefined): number {
  if (asked === undefined || Number.isNaN(asked)) return DEFAULT_RETRY_AFTER_SECONDS;
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, Math.ceil(asked)));
}

function result(statusCode: number, error: ErrorBody['error'], headers?: Record<string, string>) {
  return { statusCode, body: { error }, headers };
}

import { NotFoundError, PayloadTooLargeError, ValidationError } from '../errors';
import { errorToResult, type ApiResult } from '../workflows/error-status';
import { SCIM_MEDIA_TYPE, SCIM_URN } from './schema';

/** RFC 7644 §3.12's scimType values the endpoint answers. */
export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers';

/** A request the SCIM protocol refuses with a status and a scimType, and a detail naming the attribute. */
export class ScimError extends Error {
  override readonly name = 'ScimError';
  constructor(readonly status: number, readonly scimType: ScimType | undefined, detail: string, options?: ErrorOptions) {
    super(detail, options);
  }
}

/** A write that meets another resource's unique attribute (userName, externalId; a group's displayName): 409 uniqueness. */
export const uniqueness = (attribute: string) => new ScimError(409, 'uniqueness', `${attribute}: another resource already has this value`);

/** Which scimType a refused field means: the filter, a PATCH path, or a value. */
function scimTypeOfField(field: string): ScimType {
  if (field === 'filter') return 'invalidFilter';
  if (field === 'body') return 'invalidSyntax';
  if (/^Operations\.\d+\.path$/.test(field)) return 'invalidPath';
  return 'invalidValue';
}

/**
 * Every error of a SCIM route as the SCIM Error schema (RFC 7644 §3.12), sent as application/scim+json: a
 * validation error names each attribute in `detail`; anything else keeps the status the rest of the API answers
 * (errorToResult), its message as the detail (a 500 says no more than "Internal error").
 */
export function scimErrorResult(error: unknown): ApiResult {
  if (error instanceof ScimError) return scimError(error.status, error.scimType, error.message);
  if (error instanceof ValidationError) {
    const first = error.fields[0]?.field ?? 'body';
    return scimError(400, scimTypeOfField(first), error.fields.map((f) => `${f.field}: ${f.message}`).join('; ') || error.message);
  }
  if (error instanceof PayloadTooLargeError) return scimError(413, undefined, error.message);
  if (error instanceof NotFoundError) return scimError(404, undefined, error.message);
  const mapped = errorToResult(error);
  const { 'Content-Type': _ct, ...headers } = mapped.headers ?? {};
  return { ...scimError(mapped.statusCode, undefined, mapped.body.error.message), headers: { ...headers, 'Content-Type': SCIM_MEDIA_TYPE } };
}

export function scimError(status: number, scimType: ScimType | undefined, detail: string): ApiResult {
  return {
    statusCode: status,
    headers: { 'Content-Type': SCIM_MEDIA_TYPE },
    body: { schemas: [SCIM_URN.error], status: String(status), ...(scimType ? { scimType } : {}), detail },
  };
}

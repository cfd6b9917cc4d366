/**
 * The SCIM error response (RFC 7644 §3.12): `status` is the HTTP status as a string, `detail` readable text,
 * `scimType` for the 400/409 kinds the RFC names. What the SCIM API's gateway responses send (a refused token,
 * throttling, an unknown path), so Entra ID and Okta show the reason in their provisioning logs.
 */
export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';
export const SCIM_MEDIA_TYPE = 'application/scim+json';

export function scimErrorBody(status: number | string, detail: string, scimType?: string): { schemas: string[]; status: string; detail: string; scimType?: string } {
  return { schemas: [SCIM_ERROR_SCHEMA], status: String(status), detail, ...(scimType ? { scimType } : {}) };
}

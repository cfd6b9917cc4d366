// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { e164, email, extension, locationRef, text } from '../schemas/fields';

/** The schema URNs the endpoint speaks (RFC 7643 §8.7, and the product's own extension). */
export const SCIM_URN = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  product: 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** What every SCIM answer is sent as (RFC 7644 §3.1); requests may use it or application/json. */
export const SCIM_MEDIA_TYPE = 'application/scim+json';

/**
 * A SCIM boolean. Entra ID sends some booleans as strings ("True", "False": Microsoft Learn, "Known issues and
 * resolutions with SCIM 2.0 protocol compliance", "boolean values sent as strings"); RFC 7643 wants JSON booleans.
 * Both are accepted; the stored and answered value is a JSON boolean.
 */
export const scimBoolean = z.preprocess(
  (v) => (typeof v === 'string' && /^(true|false)$/i.test(v) ? v.toLowerCase() === 'true' : v),
  z.boolean({ message: 'must be true or false' }),
);

const multiValued = <T extends z.ZodRawShape>(value: T) =>
  z.array(z.looseObject({ ...value, type: z.string().max(64).optional(), primary: scimBoolean.optional(), display: z.string().max(256).optional() })).max(20);

/** Attributes the resource carries in answers only (RFC 7643 §3.1 "readOnly"): ignored when a client sends them. */
const readOnlyCommon = {
  id: z.string().max(128).optional(),
  meta: z.unknown().optional(),
};

/**
 * The product extension: where and how the user gets Webex Calling. Explicit values override the calling rules
 * (`scimCallingRules`); `callingStatus` and `lastError` are read-only (what the apply did), ignored on input.
 */
export const ProductExtension = z.strictObject({
  callingLocation: locationRef.optional(),
  phoneNumber: e164.optional(),
  extension: extension.optional(),
  callingLicense: text(256).optional(),
  callingStatus: z.unknown().optional(),
  lastError: z.unknown().optional(),
});

export const EnterpriseExtension = z.looseObject({
  department: text(128).optional(),
  employeeNumber: z.string().max(128).optional(),
  costCenter: z.string().max(256).optional(),
  organization: z.string().max(256).optional(),
  division: z.string().max(256).optional(),
  manager: z.unknown().optional(),
});

/**
 * A User as a client writes it (POST, PUT, and what a PATCH leaves). The top level is strict: an attribute no
 * schema of ours declares is a 400 naming it. Besides what the product uses, it accepts what Entra ID's and Okta's
 * default attribute mappings send (preferredLanguage, locale, addresses, the `password` Okta may push, …): kept as
 * sent (never the password) so a client comparing its values with ours finds no difference to send again.
 */
export const ScimUserInput = z.strictObject({
  schemas: z.array(z.string().max(128)).max(8).optional(),
  ...readOnlyCommon,
  userName: email.describe('The Webex e-mail address (the unique identifier Entra ID and Okta match on)'),
  externalId: z.string().min(1).max(256).optional(),
  name: z.looseObject({
    givenName: text(64).optional(),
    familyName: text(64).optional(),
    formatted: z.string().max(256).optional(),
    middleName: z.string().max(64).optional(),
    honorificPrefix: z.string().max(64).optional(),
    honorificSuffix: z.string().max(64).optional(),
  }).optional(),
  displayName: text(256).optional(),
  nickName: z.string().max(256).optional(),
  title: text(128).optional(),
  userType: z.string().max(64).optional(),
  preferredLanguage: z.string().max(35).optional(),
  locale: z.string().max(35).optional(),
  timezone: z.string().max(64).optional(),
  profileUrl: z.string().max(512).optional(),
  active: scimBoolean.optional(),
  password: z.string().max(256).optional(),
  emails: multiValued({ value: email }).optional(),
  phoneNumbers: multiValued({ value: z.string().min(1).max(64) }).optional(),
  addresses: z.array(z.looseObject({})).max(10).optional(),
  roles: z.array(z.looseObject({})).max(20).optional(),
  groups: z.array(z.looseObject({})).max(200).optional(),
  [SCIM_URN.enterprise]: EnterpriseExtension.optional(),
  [SCIM_URN.product]: ProductExtension.optional(),
});
export type ScimUserInput = z.infer<typeof ScimUserInput>;

/** What is stored as the requested state: the input without what is read-only or secret. */
export type ScimUserState = Omit<ScimUserInput, 'id' | 'meta' | 'password' | 'groups'>;

export function userState(input: ScimUserInput): ScimUserState {
  const { id: _id, meta: _meta, password: _password, groups: _groups, ...state } = input;
  const product = state[SCIM_URN.product];
  if (product) {
    const { callingStatus: _s, lastError: _e, ...writable } = product;
    state[SCIM_URN.product] = writable;
  }
  return { ...state, schemas: schemasOf(state) };
}

function schemasOf(state: ScimUserState): string[] {
  return [SCIM_URN.user, ...(state[SCIM_URN.enterprise] ? [SCIM_URN.enterprise] : []), ...(state[SCIM_URN.product] ? [SCIM_URN.product] : [])];
}

export const GroupMember = z.looseObject({ value: z.string().min(1).max(128), display: z.string().max(256).optional(), $ref: z.string().max(512).optional(), type: z.string().max(32).optional() });

export const ScimGroupInput = z.strictObject({
  schemas: z.array(z.string().max(128)).max(8).optional(),
  ...readOnlyCommon,
  displayName: text(256),
  externalId: z.string().min(1).max(256).optional(),
  members: z.array(GroupMember).max(1000).optional(),
});
export type ScimGroupInput = z.infer<typeof ScimGroupInput>;
export type ScimGroupState = Omit<ScimGroupInput, 'id' | 'meta'>;

export const CALLING_STATUSES = ['pending', 'applied', 'failed'] as const;
export type CallingStatus = (typeof CALLING_STATUSES)[number];

const Meta = z.object({ resourceType: z.string(), created: z.string(), lastModified: z.string(), location: z.string(), version: z.string() });

/** A User as the endpoint answers it: what was written, with id, meta and the product extension's read-only status. */
export const ScimUserResource = z.looseObject({
  schemas: z.array(z.string()),
  id: z.string(),
  userName: z.string(),
  active: z.boolean().optional(),
  meta: Meta,
  [SCIM_URN.product]: z.looseObject({ callingStatus: z.enum(CALLING_STATUSES), lastError: z.string().optional() }).optional(),
});

export const ScimGroupResource = z.looseObject({ schemas: z.array(z.string()), id: z.string(), displayName: z.string(), meta: Meta, members: z.array(GroupMember).optional() });

export const ListResponse = (resource: z.ZodType) =>
  z.object({ schemas: z.array(z.string()), totalResults: z.number().int(), startIndex: z.number().int(), itemsPerPage: z.number().int(), Resources: z.array(resource) });

/** The SCIM error body (RFC 7644 §3.12): `status` is a string, `scimType` the kind of mistake, `detail` names the attribute. */
export const ScimErrorBody = z.object({
  schemas: z.array(z.string()),
  status: z.string(),
  scimType: z.string().optional(),
  detail: z.string(),
});

/**
 * A PatchOp (RFC 7644 §3.5.2). `op` is matched case-insensitively: Entra ID sends "Add", "Replace", "Remove"
 * (Microsoft Learn, "Known issues … SCIM 2.0 protocol compliance"). `path` is optional: Okta's deactivation is
 * `{"op":"replace","value":{"active":false}}` (Okta, "SCIM 2.0 protocol reference").
 */
export const PatchOperation = z.looseObject({
  op: z.string().regex(/^(add|replace|remove)$/i, 'must be add, replace or remove').transform((op) => op.toLowerCase() as 'add' | 'replace' | 'remove'),
  path: z.string().min(1).max(512).optional(),
  value: z.unknown().optional(),
});
export const PatchRequest = {
  schemas: z.array(z.string().max(128)).max(4).optional(),
  Operations: z.array(PatchOperation).min(1, 'must hold at least one operation').max(100),
};

/** Most resources one list answer holds (ServiceProviderConfig `filter.maxResults`). */
export const MAX_RESULTS = 200;

/** The list query of /Users and /Groups (RFC 7644 §3.4.2): the query parameters, as strings on the wire. */
export const ListQuery = {
  filter: z.string().max(1024).optional(),
  // RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1, a negative count as 0; a count above the maximum as it.
  startIndex: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').transform((n) => Math.max(1, n)).optional(),
  count: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').transform((n) => Math.min(MAX_RESULTS, Math.max(0, n))).optional(),
  attributes: z.string().max(1024).optional(),
  excludedAttributes: z.string().max(1024).optional(),
};
export const LIST_QUERY_PARAMS = Object.keys(ListQuery);
export const PROJECTION_QUERY_PARAMS = ['attributes', 'excludedAttributes'] as const;

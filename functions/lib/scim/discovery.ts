import { SCIM_BASE_PATH } from './resource';
import { MAX_RESULTS, SCIM_URN } from './schema';

/**
 * The discovery resources (RFC 7644 §4, RFC 7643 §5–7): what Entra ID's and Okta's setup read, and what an admin's
 * tooling reads to build attribute mappings. They say only what the endpoint does: PATCH, filters (an `eq` on an
 * indexed attribute, see filter.ts), no bulk, no sort, no ETags, no password change; bearer auth.
 */
export function serviceProviderConfig() {
  return {
    schemas: [SCIM_URN.serviceProviderConfig],
    documentationUri: 'https://github.com/webex-provisioning/webex-provisioning/blob/main/docs/api-guide.md#scim-20',
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      { type: 'oauthbearertoken', name: 'OAuth Bearer Token', description: 'A bearer token carrying the scim scope', primary: true },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${SCIM_BASE_PATH}/ServiceProviderConfig` },
  };
}

export function resourceTypes() {
  const types = [
    { id: 'User', name: 'User', endpoint: '/Users', description: 'A Webex user, with Webex Calling', schema: SCIM_URN.user, schemaExtensions: [{ schema: SCIM_URN.enterprise, required: false }, { schema: SCIM_URN.product, required: false }] },
    { id: 'Group', name: 'Group', endpoint: '/Groups', description: 'A group pushed by the directory: an input of the calling rules', schema: SCIM_URN.group, schemaExtensions: [] },
  ];
  return listOf(types.map((t) => ({ schemas: [SCIM_URN.resourceType], ...t, meta: { resourceType: 'ResourceType', location: `${SCIM_BASE_PATH}/ResourceTypes/${t.id}` } })));
}

type Attr = { name: string; type?: string; multiValued?: boolean; required?: boolean; mutability?: string; uniqueness?: string; caseExact?: boolean; returned?: string; subAttributes?: Attr[]; description?: string };
const attr = (name: string, more: Partial<Attr> = {}): Attr => ({
  name, type: 'string', multiValued: false, required: false, caseExact: false, mutability: 'readWrite', returned: 'default', uniqueness: 'none', ...more,
});
const multi = (name: string, value: Partial<Attr> = {}) => attr(name, { type: 'complex', multiValued: true, subAttributes: [attr('value', value), attr('type'), attr('primary', { type: 'boolean' }), attr('display')] });

const SCHEMAS = [
  {
    id: SCIM_URN.user, name: 'User', description: 'User Account (userName is the Webex e-mail address)',
    attributes: [
      attr('userName', { required: true, uniqueness: 'server', description: 'The Webex e-mail address' }),
      attr('externalId', { caseExact: true, uniqueness: 'server' }),
      attr('name', { type: 'complex', subAttributes: ['givenName', 'familyName', 'formatted', 'middleName', 'honorificPrefix', 'honorificSuffix'].map((n) => attr(n)) }),
      attr('displayName'), attr('nickName'), attr('title'), attr('userType'), attr('preferredLanguage'), attr('locale'), attr('timezone'), attr('profileUrl', { type: 'reference' }),
      attr('active', { type: 'boolean' }),
      attr('password', { mutability: 'writeOnly', returned: 'never', description: 'Accepted and never stored: Webex users sign in through the identity provider' }),
      multi('emails'), multi('phoneNumbers'),
      attr('addresses', { type: 'complex', multiValued: true }), attr('roles', { type: 'complex', multiValued: true }),
      attr('groups', { type: 'complex', multiValued: true, mutability: 'readOnly' }),
    ],
  },
  {
    id: SCIM_URN.enterprise, name: 'EnterpriseUser', description: 'Enterprise User',
    attributes: [attr('department'), attr('employeeNumber'), attr('costCenter'), attr('organization'), attr('division'), attr('manager', { type: 'complex', subAttributes: [attr('value'), attr('displayName')] })],
  },
  {
    id: SCIM_URN.product, name: 'WebexCallingUser', description: 'Webex Calling for the user (explicit values override the calling rules)',
    attributes: [
      attr('callingLocation', { description: 'The Webex Calling location: its id or name' }),
      attr('phoneNumber', { description: 'The primary number, E.164' }),
      attr('extension'),
      attr('callingLicense', { description: 'The calling license, by name or id' }),
      attr('callingStatus', { mutability: 'readOnly', description: 'pending, applied or failed: whether Webex has the latest write' }),
      attr('lastError', { mutability: 'readOnly', description: 'Why the latest apply failed' }),
    ],
  },
  {
    id: SCIM_URN.group, name: 'Group', description: 'Group',
    attributes: [attr('displayName', { required: true, uniqueness: 'server' }), attr('externalId', { caseExact: true }), attr('members', { type: 'complex', multiValued: true, subAttributes: [attr('value', { caseExact: true }), attr('display'), attr('type')] })],
  },
];

export function schemas() {
  return listOf(SCHEMAS.map((s) => ({ schemas: [SCIM_URN.schema], ...s, meta: { resourceType: 'Schema', location: `${SCIM_BASE_PATH}/Schemas/${s.id}` } })));
}

function listOf(resources: readonly object[]) {
  return { schemas: [SCIM_URN.listResponse], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

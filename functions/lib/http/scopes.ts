/**
 * The OAuth scopes of the API, declared once: each route row names one (`scope`), and the stack (the Cognito
 * resource server, the authorizer), the local API and the OpenAPI document read them from the rows.
 * Reading and writing are separate scopes, and applying a reconciliation is apart from planning one: a
 * service desk is granted only what its workflows call.
 */
export const API_SCOPES = [
  'users.read',
  'users.write',
  'calling.write',
  'numbers.read',
  'numbers.write',
  'events.write',
  'bulk.read',
  'bulk.write',
  'reconcile.read',
  'reconcile.plan',
  'reconcile.apply',
  'webex.request',
  'connection.read',
  'scim',
] as const;

export type ApiScope = (typeof API_SCOPES)[number];

/** The Cognito resource server's identifier, and the prefix of every scope on the wire. */
export const RESOURCE_SERVER = 'webex-provisioning';

/** What a route's scope is called in tokens and token requests: `webex-provisioning/users.read`. */
export function wireScope(scope: ApiScope): string {
  return `${RESOURCE_SERVER}/${scope}`;
}

/** What each scope lets a client do: the resource server's scope descriptions and the OpenAPI document's. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<ApiScope, string>> = {
  'users.read': 'Read Webex users, their numbers and their Enable Calling runs',
  'users.write': 'Create, update and delete Webex users',
  'calling.write': 'Enable Webex Calling for a user (or move them)',
  'numbers.read': 'List phone numbers',
  'numbers.write': 'Add numbers to a location, assign and unassign them',
  'events.write': 'Send joiner, mover and leaver events',
  'bulk.read': 'Read bulk joiner runs',
  'bulk.write': 'Start bulk joiner runs',
  'reconcile.read': 'Read reconciliation plans and their apply runs',
  'reconcile.plan': 'Plan a reconciliation against a roster',
  'reconcile.apply': 'Apply a reconciliation plan (changes and deletes users)',
  'webex.request': 'Send guarded requests to the Webex API and list what it accepts (an admin right over the org)',
  'connection.read': 'Read the health of the Webex connection',
  scim: 'Provision users and groups through the SCIM 2.0 endpoint (/scim/v2): an identity provider such as Entra ID or Okta',
};

import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { ScimUserInput, ScimUserResource } from '../lib/scim/schema';
import { replaceUser } from '../lib/scim/users';

/** PUT /scim/v2/Users/{resourceId}: the whole User replaced (Okta's profile push and deactivation). */
export const route = defineRoute({
  id: 'ScimReplaceUser', method: 'PUT', path: '/scim/v2/Users/{resourceId}', entry: 'functions/scim-replace-user/handler.ts', scope: 'scim',
  summary: 'SCIM: replace a User',
  input: ScimUserInput.extend({ resourceId }),
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: {
    200: { description: 'Replaced, callingStatus pending until Webex has it', body: ScimUserResource },
    ...NOT_FOUND,
    409: { description: 'scimType uniqueness: another user has this userName or externalId' },
  },
  run: async ({ resourceId: id, ...input }, deps, _context, request) => ({ statusCode: 200, body: await replaceUser(scimContext(deps, request), id, input) }),
});

export const handler = routeHandler(route, lambdaScim);

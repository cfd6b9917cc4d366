import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { replaceGroup } from '../lib/scim/groups';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { ScimGroupInput, ScimGroupResource } from '../lib/scim/schema';

/** PUT /scim/v2/Groups/{resourceId}: the whole Group replaced. */
export const route = defineRoute({
  id: 'ScimReplaceGroup', method: 'PUT', path: '/scim/v2/Groups/{resourceId}', entry: 'functions/scim-replace-group/handler.ts', scope: 'scim',
  summary: 'SCIM: replace a Group',
  input: ScimGroupInput.extend({ resourceId }),
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'Replaced', body: ScimGroupResource }, ...NOT_FOUND, 409: { description: 'scimType uniqueness: another group has this displayName or externalId' } },
  run: async ({ resourceId: id, ...input }, deps, _context, request) => ({ statusCode: 200, body: await replaceGroup(scimContext(deps, request), id, input) }),
});

export const handler = routeHandler(route, lambdaScim);

import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { createGroup } from '../lib/scim/groups';
import { SCIM_PROTOCOL, scimContext } from '../lib/http/scim-protocol';
import { ScimGroupInput, ScimGroupResource } from '../lib/scim/schema';

/** POST /scim/v2/Groups: a pushed group (its members are an input of the calling rules). */
export const route = defineRoute({
  id: 'ScimCreateGroup', method: 'POST', path: '/scim/v2/Groups', entry: 'functions/scim-create-group/handler.ts', scope: 'scim',
  summary: 'SCIM: create a Group',
  input: ScimGroupInput,
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: {
    201: { description: 'Created', body: ScimGroupResource },
    409: { description: 'scimType uniqueness: another group has this displayName or externalId' },
  },
  run: async (input, deps, _context, request) => ({ statusCode: 201, body: await createGroup(scimContext(deps, request), input) }),
});

export const handler = routeHandler(route, lambdaScim);

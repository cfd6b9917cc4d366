import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { SCIM_PROTOCOL, scimContext } from '../lib/http/scim-protocol';
import { ScimUserInput, ScimUserResource } from '../lib/scim/schema';
import { createUser } from '../lib/scim/users';

/**
 * POST /scim/v2/Users: stored at once and answered 201 with callingStatus pending; Webex gets it at the budget's pace.
 * A re-sent POST of the same content is answered with the user the first made (users.ts createUser).
 */
export const route = defineRoute({
  id: 'ScimCreateUser', method: 'POST', path: '/scim/v2/Users', entry: 'functions/scim-create-user/handler.ts', scope: 'scim',
  summary: 'SCIM: create a User (a joiner: the Webex user, then calling as its attributes or the calling rules say)',
  input: ScimUserInput,
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: {
    201: { description: 'Created (or the user an identical earlier POST created), callingStatus pending', body: ScimUserResource },
    409: { description: 'scimType uniqueness: another user has this userName or externalId' },
  },
  run: async (input, deps, _context, request) => {
    const { status, resource } = await createUser(scimContext(deps, request), input);
    return { statusCode: status, body: resource, headers: { Location: String((resource.meta as { location: string }).location) } };
  },
});

export const handler = routeHandler(route, lambdaScim);

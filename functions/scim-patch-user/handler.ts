import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { PatchRequest, ScimUserResource } from '../lib/scim/schema';
import { patchUser } from '../lib/scim/users';
import * as z from 'zod';

/** PATCH /scim/v2/Users/{resourceId}: a PatchOp (Entra ID's updates and deactivation, Okta's path-less replace). */
export const route = defineRoute({
  id: 'ScimPatchUser', method: 'PATCH', path: '/scim/v2/Users/{resourceId}', entry: 'functions/scim-patch-user/handler.ts', scope: 'scim',
  summary: 'SCIM: change a User with a PatchOp (add, replace, remove)',
  input: z.strictObject({ resourceId, ...PatchRequest }),
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: {
    200: { description: 'Changed, callingStatus pending until Webex has it', body: ScimUserResource },
    ...NOT_FOUND,
    409: { description: 'scimType uniqueness: another user has this userName or externalId' },
  },
  run: async ({ resourceId: id, Operations }, deps, _context, request) => ({ statusCode: 200, body: await patchUser(scimContext(deps, request), id, Operations) }),
});

export const handler = routeHandler(route, lambdaScim);

import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { deleteResource } from '../lib/scim/users';
import * as z from 'zod';

/** DELETE /scim/v2/Users/{resourceId}: 204, gone for the protocol at once. */
export const route = defineRoute({
  id: 'ScimDeleteUser', method: 'DELETE', path: '/scim/v2/Users/{resourceId}', entry: 'functions/scim-delete-user/handler.ts', scope: 'scim',
  summary: 'SCIM: delete a User',
  input: z.strictObject({ resourceId }),
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 204: { description: 'Deleted' }, ...NOT_FOUND },
  run: async ({ resourceId: id }, deps, _context, request) => {
    await deleteResource(scimContext(deps, request), 'User', id);
    return { statusCode: 204 };
  },
});

export const handler = routeHandler(route, lambdaScim);

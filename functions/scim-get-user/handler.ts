import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { ListQuery, PROJECTION_QUERY_PARAMS, ScimUserResource } from '../lib/scim/schema';
import { getResource } from '../lib/scim/users';
import * as z from 'zod';

/** GET /scim/v2/Users/{resourceId}?attributes&excludedAttributes. */
export const route = defineRoute({
  id: 'ScimGetUser', method: 'GET', path: '/scim/v2/Users/{resourceId}', entry: 'functions/scim-get-user/handler.ts', scope: 'scim',
  summary: 'SCIM: read a User',
  input: z.strictObject({ resourceId, attributes: ListQuery.attributes, excludedAttributes: ListQuery.excludedAttributes }),
  queryParams: PROJECTION_QUERY_PARAMS,
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'The User', body: ScimUserResource }, ...NOT_FOUND },
  run: async ({ resourceId: id, ...query }, deps) => ({ statusCode: 200, body: await getResource(scimContext(deps), 'User', id, query) }),
});

export const handler = routeHandler(route, lambdaScim);

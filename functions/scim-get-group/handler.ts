import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { ListQuery, PROJECTION_QUERY_PARAMS, ScimGroupResource } from '../lib/scim/schema';
import { getResource } from '../lib/scim/users';
import * as z from 'zod';

/** GET /scim/v2/Groups/{resourceId}?attributes&excludedAttributes. */
export const route = defineRoute({
  id: 'ScimGetGroup', method: 'GET', path: '/scim/v2/Groups/{resourceId}', entry: 'functions/scim-get-group/handler.ts', scope: 'scim',
  summary: 'SCIM: read a Group',
  input: z.strictObject({ resourceId, attributes: ListQuery.attributes, excludedAttributes: ListQuery.excludedAttributes }),
  queryParams: PROJECTION_QUERY_PARAMS,
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'The Group', body: ScimGroupResource }, ...NOT_FOUND },
  run: async ({ resourceId: id, ...query }, deps) => ({ statusCode: 200, body: await getResource(scimContext(deps), 'Group', id, query) }),
});

export const handler = routeHandler(route, lambdaScim);

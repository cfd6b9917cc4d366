import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { SCIM_PROTOCOL, scimContext } from '../lib/http/scim-protocol';
import { LIST_QUERY_PARAMS, ListQuery, ListResponse, ScimUserResource } from '../lib/scim/schema';
import { listResources } from '../lib/scim/users';
import * as z from 'zod';

/** GET /scim/v2/Users?filter&startIndex&count&attributes&excludedAttributes: Entra ID's and Okta's lookups and setup probe. */
export const route = defineRoute({
  id: 'ScimListUsers', method: 'GET', path: '/scim/v2/Users', entry: 'functions/scim-list-users/handler.ts', scope: 'scim',
  summary: 'SCIM: list or find Users (filter by userName, externalId or a work e-mail)',
  input: z.strictObject(ListQuery),
  queryParams: LIST_QUERY_PARAMS,
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'A ListResponse: the matches (none is a 200 with totalResults 0)', body: ListResponse(ScimUserResource) } },
  run: async (query, deps) => ({ statusCode: 200, body: await listResources(scimContext(deps), 'User', query) }),
});

export const handler = routeHandler(route, lambdaScim);

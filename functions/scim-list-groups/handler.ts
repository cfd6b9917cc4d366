import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { SCIM_PROTOCOL, scimContext } from '../lib/http/scim-protocol';
import { LIST_QUERY_PARAMS, ListQuery, ListResponse, ScimGroupResource } from '../lib/scim/schema';
import { listResources } from '../lib/scim/users';
import * as z from 'zod';

/** GET /scim/v2/Groups?filter&…: the setup probe, and the group push's lookup by displayName (or id and a member). */
export const route = defineRoute({
  id: 'ScimListGroups', method: 'GET', path: '/scim/v2/Groups', entry: 'functions/scim-list-groups/handler.ts', scope: 'scim',
  summary: 'SCIM: list or find Groups (filter by displayName, externalId or id)',
  input: z.strictObject(ListQuery),
  queryParams: LIST_QUERY_PARAMS,
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'A ListResponse: the matches', body: ListResponse(ScimGroupResource) } },
  run: async (query, deps) => ({ statusCode: 200, body: await listResources(scimContext(deps), 'Group', query) }),
});

export const handler = routeHandler(route, lambdaScim);

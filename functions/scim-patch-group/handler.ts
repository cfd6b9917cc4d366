import { lambdaScim } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { patchGroup } from '../lib/scim/groups';
import { NOT_FOUND, SCIM_PROTOCOL, resourceId, scimContext } from '../lib/http/scim-protocol';
import { PatchRequest, ScimGroupResource } from '../lib/scim/schema';
import * as z from 'zod';

/** PATCH /scim/v2/Groups/{resourceId}: members added or removed, or a rename. */
export const route = defineRoute({
  id: 'ScimPatchGroup', method: 'PATCH', path: '/scim/v2/Groups/{resourceId}', entry: 'functions/scim-patch-group/handler.ts', scope: 'scim',
  summary: 'SCIM: change a Group with a PatchOp (members add/remove, displayName)',
  input: z.strictObject({ resourceId, ...PatchRequest }),
  needs: ['scim'],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'Changed', body: ScimGroupResource }, ...NOT_FOUND, 409: { description: 'scimType uniqueness: another group has this displayName' } },
  run: async ({ resourceId: id, Operations }, deps, _context, request) => ({ statusCode: 200, body: await patchGroup(scimContext(deps, request), id, Operations) }),
});

export const handler = routeHandler(route, lambdaScim);

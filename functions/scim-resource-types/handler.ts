import { defineRoute, routeHandler } from '../lib/http/route';
import { resourceTypes } from '../lib/scim/discovery';
import { SCIM_PROTOCOL } from '../lib/http/scim-protocol';
import * as z from 'zod';

/** GET /scim/v2/ResourceTypes: discovery (RFC 7644 §4), read by the identity provider's setup. */
export const route = defineRoute({
  id: 'ScimResourceTypes', method: 'GET', path: '/scim/v2/ResourceTypes', entry: 'functions/scim-resource-types/handler.ts', scope: 'scim',
  summary: 'SCIM: ResourceTypes (discovery)',
  input: z.strictObject({}),
  needs: [],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'What the endpoint supports', body: z.looseObject({ schemas: z.array(z.string()) }) } },
  run: async () => ({ statusCode: 200, body: resourceTypes() }),
});

export const handler = routeHandler(route, {});

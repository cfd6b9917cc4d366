import { defineRoute, routeHandler } from '../lib/http/route';
import { schemas } from '../lib/scim/discovery';
import { SCIM_PROTOCOL } from '../lib/http/scim-protocol';
import * as z from 'zod';

/** GET /scim/v2/Schemas: discovery (RFC 7644 §4), read by the identity provider's setup. */
export const route = defineRoute({
  id: 'ScimSchemas', method: 'GET', path: '/scim/v2/Schemas', entry: 'functions/scim-schemas/handler.ts', scope: 'scim',
  summary: 'SCIM: Schemas (discovery)',
  input: z.strictObject({}),
  needs: [],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'What the endpoint supports', body: z.looseObject({ schemas: z.array(z.string()) }) } },
  run: async () => ({ statusCode: 200, body: schemas() }),
});

export const handler = routeHandler(route, {});

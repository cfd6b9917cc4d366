import { defineRoute, routeHandler } from '../lib/http/route';
import { serviceProviderConfig } from '../lib/scim/discovery';
import { SCIM_PROTOCOL } from '../lib/http/scim-protocol';
import * as z from 'zod';

/** GET /scim/v2/ServiceProviderConfig: discovery (RFC 7644 §4), read by the identity provider's setup. */
export const route = defineRoute({
  id: 'ScimServiceProviderConfig', method: 'GET', path: '/scim/v2/ServiceProviderConfig', entry: 'functions/scim-service-provider-config/handler.ts', scope: 'scim',
  summary: 'SCIM: ServiceProviderConfig (discovery)',
  input: z.strictObject({}),
  needs: [],
  protocol: SCIM_PROTOCOL,
  responses: { 200: { description: 'What the endpoint supports', body: z.looseObject({ schemas: z.array(z.string()) }) } },
  run: async () => ({ statusCode: 200, body: serviceProviderConfig() }),
});

export const handler = routeHandler(route, {});

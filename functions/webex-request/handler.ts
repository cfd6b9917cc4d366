import { lambdaEnv } from '../lib/aws/lambda-env';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { logger } from '../lib/logger';
import { allowedPrefixesFromEnv } from '../lib/workflows/webex-requests/allowed-prefixes';
import { WebexRequestInput } from '../lib/workflows/webex-requests/guard';
import { performWebexRequest } from '../lib/workflows/webex-requests/perform-request';
import { WebexRequestView } from '../lib/schemas/webex-request-answers';

/** POST /webex/requests — a guarded People or Calling-configuration call. */
export const route = defineRoute({
  id: 'WebexRequest', method: 'POST', path: '/webex/requests', entry: 'functions/webex-request/handler.ts', scope: 'webex.request',
  summary: 'Guarded Webex People / Calling configuration request',
  input: WebexRequestInput,
  needs: ['env', 'webex'],
  // The one request its input names (none on a dry run), every page of it with `all`: no list of its own.
  webex: { fromInput: 'the method and path of its body, sent as given once the guard allows them' },
  responses: { 200: { description: 'Webex\'s answer (`status`, `trackingId`, `data`), every page of a listing (`all`), or the checked request (`dryRun`)', body: WebexRequestView } },
  run: async (input, { env, webex }, _context, request) => {
    const config = env();
    const result = await performWebexRequest(webex(), input, {
      allowedPrefixes: allowedPrefixesFromEnv(config),
      // Off unless the stack's webexRequestAllowPrivilegeFields sets it: bodies may not grant roles or change sign-in addresses.
      allowPrivilegeFields: config.WEBEX_REQUEST_ALLOW_PRIVILEGE_FIELDS === 'true',
      caller: request.caller,
      log: logger,
    });
    return { statusCode: 200, body: result };
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, ...lambdaWebex });

import { defineRoute, routeHandler } from '../lib/http/route';
import { logger } from '../lib/logger';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { allowedPrefixesFromEnv } from '../lib/workflows/webex-requests/allowed-prefixes';
import { WebexRequestInput } from '../lib/workflows/webex-requests/guard';
import { performWebexRequest } from '../lib/workflows/webex-requests/perform-request';

const allowedPrefixes = allowedPrefixesFromEnv();
// Off unless the stack's webexRequestAllowPrivilegeFields sets it: bodies may not grant roles or change sign-in addresses.
const allowPrivilegeFields = process.env.WEBEX_REQUEST_ALLOW_PRIVILEGE_FIELDS === 'true';

/** POST /webex/requests — a guarded People or Calling-configuration call. */
export const route = defineRoute({
  id: 'WebexRequest', method: 'POST', path: '/webex/requests', entry: 'functions/webex-request/handler.ts',
  summary: 'Guarded Webex People / Calling configuration request',
  input: WebexRequestInput,
  needs: [],
  run: async (input, _deps, _context, request) => {
    const result = await performWebexRequest(webexClient(), input, { allowedPrefixes, allowPrivilegeFields, caller: request.caller, log: logger });
    return { statusCode: 200, body: result };
  },
});

export const handler = routeHandler(route, {});

import { lambdaEnv } from '../lib/aws/lambda-env';
import { defineRoute, routeHandler } from '../lib/http/route';
import { allowedPrefixesFromEnv } from '../lib/workflows/webex-requests/allowed-prefixes';
import { listWebexOperations, ListWebexOperationsInput } from '../lib/workflows/webex-requests/list-operations';
import { WebexOperationsView } from '../lib/schemas/webex-request-answers';

/** GET /webex/operations?search&prefix&method&limit&offset — what POST /webex/requests accepts here. */
export const route = defineRoute({
  id: 'ListWebexOperations', method: 'GET', path: '/webex/operations', entry: 'functions/list-webex-operations/handler.ts', scope: 'webex.request',
  summary: 'List what the guarded Webex request accepts: method, path, summary, scopes, body (search, prefix, method; paged)',
  input: ListWebexOperationsInput,
  queryParams: ['search', 'prefix', 'method', 'limit', 'offset'],
  needs: ['env'],
  responses: { 200: { description: 'A page of the operations the guarded request accepts', body: WebexOperationsView } },
  run: async (input, { env }) => ({ statusCode: 200, body: listWebexOperations(input, allowedPrefixesFromEnv(env())) }),
});

export const handler = routeHandler(route, { env: lambdaEnv });

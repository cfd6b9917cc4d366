import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { ListNumbersInput } from '../lib/schemas/numbers';
import { listNumbers } from '../lib/workflows/numbers/list-numbers';
import { ListNumbersView } from '../lib/schemas/number-answers';

/** GET /numbers?available&location&ownerType&limit&cursor — the org's numbers, every Webex page, in parts for large orgs. */
export const route = defineRoute({
  id: 'ListNumbers', method: 'GET', path: '/numbers', entry: 'functions/list-numbers/handler.ts', scope: 'numbers.read', summary: 'List Webex Phone Numbers',
  input: ListNumbersInput,
  queryParams: ['available', 'location', 'ownerType', 'limit', 'cursor'],
  needs: ['webex'],
  // One page of numbers (as many as `limit` asks, one more to tell whether a next part exists); a location named
  // is looked up first, by name (`locationByName`, not cached: names change) or by id (cached). A limit over
  // Webex's page size, or a page Webex cuts short, reads one more page each: that depends on the org.
  webex: {
    calls: ['GET /telephony/config/numbers'],
    when: {
      locationByName: ['GET /locations', 'GET /telephony/config/numbers'],
      locationById: [{ cached: 'GET /locations/{id}' }, 'GET /telephony/config/numbers'],
    },
  },
  responses: { 200: { description: 'The numbers; `nextCursor` when more match', body: ListNumbersView } },
  run: async (input, { webex }) => ({ statusCode: 200, body: await listNumbers(webex(), input) }),
});

export const handler = routeHandler(route, lambdaWebex);

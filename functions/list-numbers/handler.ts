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
  responses: { 200: { description: 'The numbers; `nextCursor` when more match', body: ListNumbersView } },
  run: async (input, { webex }) => ({ statusCode: 200, body: await listNumbers(webex(), input) }),
});

export const handler = routeHandler(route, lambdaWebex);

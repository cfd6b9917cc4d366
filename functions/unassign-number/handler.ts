import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UnassignNumberInput } from '../lib/schemas/numbers';
import { unassignNumber } from '../lib/workflows/numbers/unassign-number';

/** DELETE /users/{user}/numbers/{phoneNumber} — 200 with the numbers the user keeps. */
export const route = defineRoute({
  id: 'UnassignNumber', method: 'DELETE', path: '/users/{user}/numbers/{phoneNumber}', entry: 'functions/unassign-number/handler.ts', scope: 'numbers.write',
  summary: 'Unassign Phone Number from Webex User',
  input: UnassignNumberInput,
  needs: ['webex'],
  run: async (input, { webex }) => {
    const { changed, numbers } = await unassignNumber(webex(), input);
    return { statusCode: 200, body: { changed, ...numbers } };
  },
});

export const handler = routeHandler(route, lambdaWebex);

import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UnassignNumberInput } from '../lib/schemas/numbers';
import { unassignNumber } from '../lib/workflows/numbers/unassign-number';
import { USER_NUMBERS_VIEW_READS } from '../lib/workflows/numbers/user-numbers';
import { afterResolvingPerson } from '../lib/workflows/users/resolve-user';
import { NumbersChangeView } from '../lib/schemas/number-answers';

/** DELETE /users/{user}/numbers/{phoneNumber} — 200 with the numbers the user keeps. */
export const route = defineRoute({
  id: 'UnassignNumber', method: 'DELETE', path: '/users/{user}/numbers/{phoneNumber}', entry: 'functions/unassign-number/handler.ts', scope: 'numbers.write',
  summary: 'Unassign Phone Number from Webex User',
  input: UnassignNumberInput,
  needs: ['webex'],
  webex: afterResolvingPerson([
    'GET /people/{id}/features/numbers', 'PUT /telephony/config/people/{id}/numbers', 'GET /people/{id}/features/numbers', ...USER_NUMBERS_VIEW_READS,
  ]),
  responses: { 200: { description: 'Returned to the location\'s pool: the user\'s numbers after', body: NumbersChangeView } },
  run: async (input, { webex }) => {
    const { changed, numbers } = await unassignNumber(webex(), input);
    return { statusCode: 200, body: { changed, ...numbers } };
  },
});

export const handler = routeHandler(route, lambdaWebex);

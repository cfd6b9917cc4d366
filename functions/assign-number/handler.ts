import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { AssignNumberInput } from '../lib/schemas/numbers';
import { assignNumber } from '../lib/workflows/numbers/assign-number';
import { afterResolvingPerson } from '../lib/workflows/users/resolve-user';
import { NumbersChangeView } from '../lib/schemas/number-answers';

/** POST /users/{user}/numbers — 201 with the user's numbers, or 200 (changed: false) when the user already holds it. */
export const route = defineRoute({
  id: 'AssignNumber', method: 'POST', path: '/users/{user}/numbers', entry: 'functions/assign-number/handler.ts', scope: 'numbers.write',
  summary: 'Assign Phone Number to Webex User (alternate number)',
  input: AssignNumberInput,
  needs: ['webex'],
  // The user's numbers, their location (cached), the number's own read (in their location, nobody's), the change and
  // the numbers after. Not listed: an extension named adds Validate Extensions after the number's read (and, when
  // Webex calls it a duplicate, a read naming its holder); a number the user already holds ends after the first read.
  webex: afterResolvingPerson([
    'GET /people/{id}/features/numbers', { cached: 'GET /locations/{id}' }, 'GET /telephony/config/numbers',
    'PUT /telephony/config/people/{id}/numbers', 'GET /people/{id}/features/numbers',
  ]),
  responses: {
    200: { description: 'The number was on the user already: nothing changed', body: NumbersChangeView },
    201: { description: 'Assigned: the user\'s numbers after', body: NumbersChangeView },
  },
  run: async (input, { webex }) => {
    const { changed, numbers } = await assignNumber(webex(), input);
    return { statusCode: changed ? 201 : 200, body: { changed, ...numbers } };
  },
});

export const handler = routeHandler(route, lambdaWebex);

import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { AssignNumberInput } from '../lib/schemas/numbers';
import { assignNumber } from '../lib/workflows/numbers/assign-number';
import { NumbersChangeView } from '../lib/schemas/number-answers';

/** POST /users/{user}/numbers — 201 with the user's numbers, or 200 (changed: false) when the user already holds it. */
export const route = defineRoute({
  id: 'AssignNumber', method: 'POST', path: '/users/{user}/numbers', entry: 'functions/assign-number/handler.ts', scope: 'numbers.write',
  summary: 'Assign Phone Number to Webex User (alternate number)',
  input: AssignNumberInput,
  needs: ['webex'],
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

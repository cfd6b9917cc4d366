import { defineRoute, routeHandler } from '../lib/http/route';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { AssignNumberInput } from '../lib/schemas/numbers';
import { assignNumber } from '../lib/workflows/numbers/assign-number';

/** POST /users/{user}/numbers — 201 with the user's numbers, or 200 (changed: false) when the user already holds it. */
export const route = defineRoute({
  id: 'AssignNumber', method: 'POST', path: '/users/{user}/numbers', entry: 'functions/assign-number/handler.ts',
  summary: 'Assign Phone Number to Webex User (alternate number)',
  input: AssignNumberInput,
  needs: [],
  run: async (input) => {
    const { changed, numbers } = await assignNumber(webexClient(), input);
    return { statusCode: changed ? 201 : 200, body: { changed, ...numbers } };
  },
});

export const handler = routeHandler(route, {});

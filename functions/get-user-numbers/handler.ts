import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UserRefInput } from '../lib/schemas/users';
import { getUserNumbers } from '../lib/workflows/numbers/user-numbers';
import { UserNumbersView } from '../lib/schemas/numbers';

/** GET /users/{user}/numbers — primary number, extension and alternates (empty for a user without calling). */
export const route = defineRoute({
  id: 'GetUserNumbers', method: 'GET', path: '/users/{user}/numbers', entry: 'functions/get-user-numbers/handler.ts', scope: 'numbers.read', summary: 'Get Webex User Phone Numbers',
  input: UserRefInput,
  needs: ['webex'],
  responses: { 200: { description: 'Primary number, extension and alternates', body: UserNumbersView } },
  run: async ({ user }, { webex }) => ({ statusCode: 200, body: await getUserNumbers(webex(), user) }),
});

export const handler = routeHandler(route, lambdaWebex);

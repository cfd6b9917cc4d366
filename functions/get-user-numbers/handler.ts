import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UserRefInput } from '../lib/schemas/users';
import { getUserNumbers, USER_NUMBERS_VIEW_READS } from '../lib/workflows/numbers/user-numbers';
import { afterResolvingPerson } from '../lib/workflows/users/resolve-user';
import { UserNumbersView } from '../lib/schemas/numbers';

/** GET /users/{user}/numbers — primary number, extension and alternates (empty for a user without calling). */
export const route = defineRoute({
  id: 'GetUserNumbers', method: 'GET', path: '/users/{user}/numbers', entry: 'functions/get-user-numbers/handler.ts', scope: 'numbers.read', summary: 'Get Webex User Phone Numbers',
  input: UserRefInput,
  needs: ['webex'],
  // A calling user's numbers (nobody else has any to read in Webex Calling).
  webex: afterResolvingPerson(['GET /people/{id}/features/numbers', ...USER_NUMBERS_VIEW_READS]),
  responses: { 200: { description: 'Primary number, extension and alternates', body: UserNumbersView } },
  run: async ({ user }, { webex }) => ({ statusCode: 200, body: await getUserNumbers(webex(), user) }),
});

export const handler = routeHandler(route, lambdaWebex);

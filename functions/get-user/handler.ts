import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UserRefInput } from '../lib/schemas/users';
import { getUser } from '../lib/workflows/users/get-user';
import { afterResolvingPerson } from '../lib/workflows/users/resolve-user';
import { USER_VIEW_READS } from '../lib/workflows/users/user-view';
import { UserView } from '../lib/schemas/users';

/** GET /users/{user} — the user with licenses and calling details; 404 when absent. */
export const route = defineRoute({
  id: 'GetUser', method: 'GET', path: '/users/{user}', entry: 'functions/get-user/handler.ts', scope: 'users.read', summary: 'Get Webex User (with calling details)',
  input: UserRefInput,
  needs: ['webex'],
  webex: afterResolvingPerson(USER_VIEW_READS),
  responses: { 200: { description: 'The user with licenses and calling details', body: UserView } },
  run: async ({ user }, { webex }) => ({ statusCode: 200, body: await getUser(webex(), user) }),
});

export const handler = routeHandler(route, lambdaWebex);

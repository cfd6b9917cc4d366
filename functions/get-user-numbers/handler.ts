import { defineRoute, routeHandler } from '../lib/http/route';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { UserRefInput } from '../lib/schemas/users';
import { getUserNumbers } from '../lib/workflows/numbers/user-numbers';

/** GET /users/{user}/numbers — primary number, extension and alternates (empty for a user without calling). */
export const route = defineRoute({
  id: 'GetUserNumbers', method: 'GET', path: '/users/{user}/numbers', entry: 'functions/get-user-numbers/handler.ts', summary: 'Get Webex User Phone Numbers',
  input: UserRefInput,
  needs: [],
  run: async ({ user }) => ({ statusCode: 200, body: await getUserNumbers(webexClient(), user) }),
});

export const handler = routeHandler(route, {});

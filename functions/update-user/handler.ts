import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UpdateUserInput } from '../lib/schemas/users';
import { updateUser } from '../lib/workflows/users/update-user';
import { UserView } from '../lib/schemas/users';

/** PATCH /users/{user} — profile fields only; everything else on the record is preserved. */
export const route = defineRoute({
  id: 'UpdateUser', method: 'PATCH', path: '/users/{user}', entry: 'functions/update-user/handler.ts', scope: 'users.write', summary: 'Update Webex User',
  input: UpdateUserInput,
  needs: ['webex'],
  responses: { 200: { description: 'The updated user', body: UserView } },
  run: async (input, { webex }) => ({ statusCode: 200, body: await updateUser(webex(), input) }),
});

export const handler = routeHandler(route, lambdaWebex);

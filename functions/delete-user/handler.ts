import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UserRefInput } from '../lib/schemas/users';
import { deleteUser } from '../lib/workflows/users/delete-user';

/** DELETE /users/{user} — 204; 404 when absent. */
export const route = defineRoute({
  id: 'DeleteUser', method: 'DELETE', path: '/users/{user}', entry: 'functions/delete-user/handler.ts', scope: 'users.write', summary: 'Delete Webex User',
  input: UserRefInput,
  needs: ['webex'],
  responses: { 204: { description: 'Deleted: Webex frees the user\'s licenses, numbers and extension' } },
  run: async ({ user }, { webex }) => {
    await deleteUser(webex(), user);
    return { statusCode: 204 };
  },
});

export const handler = routeHandler(route, lambdaWebex);

import { recordedApiCall } from '../lib/activity/api-call';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UserRefInput } from '../lib/schemas/users';
import { deleteUser } from '../lib/workflows/users/delete-user';
import { isEmail } from '../lib/workflows/users/resolve-user';

/** DELETE /users/{user} — 204; 404 when absent. */
export const route = defineRoute({
  id: 'DeleteUser', method: 'DELETE', path: '/users/{user}', entry: 'functions/delete-user/handler.ts', scope: 'users.write', summary: 'Delete Webex User',
  input: UserRefInput,
  needs: ['webex', 'activity'],
  // By id, the person read for the e-mail the activity record names; by e-mail, the search finds the id.
  webex: { calls: ['GET /people/{id}', 'DELETE /people/{id}'], when: { userByEmail: ['GET /people', 'DELETE /people/{id}'] } },
  recordsActivity: true,
  responses: { 204: { description: 'Deleted: Webex frees the user\'s licenses, numbers and extension' } },
  run: async ({ user }, { webex, activity }, _context, request) => {
    await recordedApiCall({
      activity, request, kind: 'deleteUser', email: isEmail(user) ? user : undefined,
      run: async () => {
        const deleted = await deleteUser(webex(), user);
        return { value: deleted, effect: { ...deleted, changes: [{ field: 'user', before: 'present', after: 'deleted' }] } };
      },
    });
    return { statusCode: 204 };
  },
});

export const handler = routeHandler(route, { ...lambdaWebex, ...lambdaActivity });

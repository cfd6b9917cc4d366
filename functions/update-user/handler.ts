import { recordedApiCall } from '../lib/activity/api-call';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { UpdateUserInput } from '../lib/schemas/users';
import { updateUserWithChanges } from '../lib/workflows/users/update-user';
import { afterResolvingPerson, isEmail } from '../lib/workflows/users/resolve-user';
import { USER_VIEW_READS } from '../lib/workflows/users/user-view';
import { UserView } from '../lib/schemas/users';

/** PATCH /users/{user} — profile fields only; everything else on the record is preserved. */
export const route = defineRoute({
  id: 'UpdateUser', method: 'PATCH', path: '/users/{user}', entry: 'functions/update-user/handler.ts', scope: 'users.write', summary: 'Update Webex User',
  input: UpdateUserInput,
  needs: ['webex', 'activity'],
  webex: afterResolvingPerson(['PUT /people/{id}', ...USER_VIEW_READS]),
  recordsActivity: true,
  responses: { 200: { description: 'The updated user', body: UserView } },
  run: async (input, { webex, activity }, _context, request) => ({
    statusCode: 200,
    body: await recordedApiCall({
      activity, request, kind: 'updateUser', email: isEmail(input.user) ? input.user : undefined,
      run: async () => {
        const { user, changes } = await updateUserWithChanges(webex(), input);
        return { value: user, effect: { email: user.email ?? input.user, userId: user.id, changes } };
      },
    }),
  }),
});

export const handler = routeHandler(route, { ...lambdaWebex, ...lambdaActivity });

import { recordedApiCall } from '../lib/activity/api-call';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { CreateUserInput } from '../lib/schemas/users';
import { createdChanges, createUser } from '../lib/workflows/users/create-user';
import { CreatedUserView } from '../lib/schemas/user-answers';

/** POST /users — 201 with the new user, or 200 with the existing one (`created: false`). */
export const route = defineRoute({
  id: 'CreateUser', method: 'POST', path: '/users', entry: 'functions/create-user/handler.ts', scope: 'users.write', summary: 'Create Webex User',
  input: CreateUserInput,
  needs: ['webex', 'activity'],
  recordsActivity: true,
  responses: {
    200: { description: 'The e-mail exists in the organisation already: that user, `created: false`', body: CreatedUserView },
    201: { description: 'Created', body: CreatedUserView },
  },
  run: async (input, { webex, activity }, _context, request) => {
    const { created, user } = await recordedApiCall({
      activity, request, kind: 'createUser', email: input.email,
      run: async () => {
        const result = await createUser(webex(), input);
        const effect = { email: input.email, userId: result.user.id, changes: result.created ? createdChanges(input) : [] };
        return { value: result, effect: result.created ? effect : { ...effect, note: 'the user already existed' } };
      },
    });
    return { statusCode: created ? 201 : 200, body: { ...user, created } };
  },
});

export const handler = routeHandler(route, { ...lambdaWebex, ...lambdaActivity });

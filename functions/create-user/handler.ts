import { recordedApiCall } from '../lib/activity/api-call';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { CreateUserInput } from '../lib/schemas/users';
import { createdChanges, createUser } from '../lib/workflows/users/create-user';
import { USER_VIEW_READS } from '../lib/workflows/users/user-view';
import { CreatedUserView } from '../lib/schemas/user-answers';

/** POST /users — 201 with the new user, or 200 with the existing one (`created: false`). */
export const route = defineRoute({
  id: 'CreateUser', method: 'POST', path: '/users', entry: 'functions/create-user/handler.ts', scope: 'users.write', summary: 'Create Webex User',
  input: CreateUserInput,
  needs: ['webex', 'activity'],
  // The e-mail searched first; `exists`: found, so read rather than created. A new user has no calling location,
  // and licences only where the org's auto-assign template gives some. After a failed POST the search is repeated
  // before any resend (createUser): that is a fault's path, not counted here.
  webex: {
    calls: ['GET /people', 'POST /people', { cached: 'GET /licenses' }],
    when: { exists: ['GET /people', 'GET /people/{id}', ...USER_VIEW_READS] },
  },
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

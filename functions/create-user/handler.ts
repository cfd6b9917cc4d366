import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { CreateUserInput } from '../lib/schemas/users';
import { createUser } from '../lib/workflows/users/create-user';
import { CreatedUserView } from '../lib/schemas/user-answers';

/** POST /users — 201 with the new user, or 200 with the existing one (`created: false`). */
export const route = defineRoute({
  id: 'CreateUser', method: 'POST', path: '/users', entry: 'functions/create-user/handler.ts', scope: 'users.write', summary: 'Create Webex User',
  input: CreateUserInput,
  needs: ['webex'],
  responses: {
    200: { description: 'The e-mail exists in the organisation already: that user, `created: false`', body: CreatedUserView },
    201: { description: 'Created', body: CreatedUserView },
  },
  run: async (input, { webex }) => {
    const { created, user } = await createUser(webex(), input);
    return { statusCode: created ? 201 : 200, body: { ...user, created } };
  },
});

export const handler = routeHandler(route, lambdaWebex);

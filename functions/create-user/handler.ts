import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { CreateUserInput } from '../lib/schemas/users';
import { createUser } from '../lib/workflows/users/create-user';

/** POST /users — 201 with the new user, or 200 with the existing one (`created: false`). */
export const route = defineRoute({
  id: 'CreateUser', method: 'POST', path: '/users', entry: 'functions/create-user/handler.ts', scope: 'users.write', summary: 'Create Webex User',
  input: CreateUserInput,
  needs: ['webex'],
  run: async (input, { webex }) => {
    const { created, user } = await createUser(webex(), input);
    return { statusCode: created ? 201 : 200, body: { ...user, created } };
  },
});

export const handler = routeHandler(route, lambdaWebex);

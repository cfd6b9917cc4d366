import { defineRoute, routeHandler } from '../lib/http/route';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { CreateUserInput } from '../lib/schemas/users';
import { createUser } from '../lib/workflows/users/create-user';

/** POST /users — 201 with the new user, or 200 with the existing one (`created: false`). */
export const route = defineRoute({
  id: 'CreateUser', method: 'POST', path: '/users', entry: 'functions/create-user/handler.ts', summary: 'Create Webex User',
  input: CreateUserInput,
  needs: [],
  run: async (input) => {
    const { created, user } = await createUser(webexClient(), input);
    return { statusCode: created ? 201 : 200, body: { ...user, created } };
  },
});

export const handler = routeHandler(route, {});

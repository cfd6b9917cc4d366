import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { CreateUserInput } from '../lib/schemas/users';
import { createUser } from '../lib/workflows/users/create-user';

/** POST /users — 201 with the new user, or 200 with the existing one (`created: false`). */
export const handler = workflowHandler({
  input: CreateUserInput,
  run: async (input) => {
    const { created, user } = await createUser(webexClient(), input);
    return { statusCode: created ? 201 : 200, body: { ...user, created } };
  },
});

import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { UserRefInput } from '../lib/schemas/users';
import { getUser } from '../lib/workflows/users/get-user';

/** GET /users/{user} — the user with licenses and calling details; 404 when absent. */
export const handler = workflowHandler({
  input: UserRefInput,
  run: async ({ user }) => ({ statusCode: 200, body: await getUser(webexClient(), user) }),
});

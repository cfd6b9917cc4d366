import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { UserRefInput } from '../lib/schemas/users';
import { deleteUser } from '../lib/workflows/users/delete-user';

/** DELETE /users/{user} — 204; 404 when absent. */
export const handler = workflowHandler({
  input: UserRefInput,
  run: async ({ user }) => {
    await deleteUser(webexClient(), user);
    return { statusCode: 204 };
  },
});

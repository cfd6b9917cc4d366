import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { UserRefInput } from '../lib/schemas/users';
import { getUserNumbers } from '../lib/workflows/numbers/user-numbers';

/** GET /users/{user}/numbers — primary number, extension and alternates (empty for a user without calling). */
export const handler = workflowHandler({
  input: UserRefInput,
  run: async ({ user }) => ({ statusCode: 200, body: await getUserNumbers(webexClient(), user) }),
});

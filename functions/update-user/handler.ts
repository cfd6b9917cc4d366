import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { UpdateUserInput } from '../lib/schemas/users';
import { updateUser } from '../lib/workflows/users/update-user';

/** PATCH /users/{user} — profile fields only; everything else on the record is preserved. */
export const handler = workflowHandler({
  input: UpdateUserInput,
  run: async (input) => ({ statusCode: 200, body: await updateUser(webexClient(), input) }),
});

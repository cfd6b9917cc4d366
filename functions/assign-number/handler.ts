import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { AssignNumberInput } from '../lib/schemas/numbers';
import { assignNumber } from '../lib/workflows/numbers/assign-number';

/** POST /users/{user}/numbers — 201 with the user's numbers, or 200 (changed: false) when the user already holds it. */
export const handler = workflowHandler({
  input: AssignNumberInput,
  run: async (input) => {
    const { changed, numbers } = await assignNumber(webexClient(), input);
    return { statusCode: changed ? 201 : 200, body: { changed, ...numbers } };
  },
});

import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { UnassignNumberInput } from '../lib/schemas/numbers';
import { unassignNumber } from '../lib/workflows/numbers/unassign-number';

/** DELETE /users/{user}/numbers/{phoneNumber} — 200 with the numbers the user keeps. */
export const handler = workflowHandler({
  input: UnassignNumberInput,
  run: async (input) => {
    const { changed, numbers } = await unassignNumber(webexClient(), input);
    return { statusCode: 200, body: { changed, ...numbers } };
  },
});

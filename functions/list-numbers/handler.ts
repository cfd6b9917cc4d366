import { workflowHandler } from '../lib/http/api-handler';
import { webexClient } from '../lib/runtime/webex-client-from-env';
import { ListNumbersInput } from '../lib/schemas/numbers';
import { listNumbers } from '../lib/workflows/numbers/list-numbers';

/** GET /numbers?available&location&ownerType&limit&cursor — the org's numbers, every Webex page, in parts for large orgs. */
export const handler = workflowHandler({
  input: ListNumbersInput,
  queryParams: ['available', 'location', 'ownerType', 'limit', 'cursor'],
  run: async (input) => ({ statusCode: 200, body: await listNumbers(webexClient(), input) }),
});

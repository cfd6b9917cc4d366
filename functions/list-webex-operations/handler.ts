import { workflowHandler } from '../lib/http/api-handler';
import { allowedPrefixesFromEnv } from '../lib/workflows/webex-requests/allowed-prefixes';
import { listWebexOperations, ListWebexOperationsInput } from '../lib/workflows/webex-requests/list-operations';

const allowedPrefixes = allowedPrefixesFromEnv();

/** GET /webex/operations?search&prefix&method&limit&offset — what POST /webex/requests accepts here. */
export const handler = workflowHandler({
  input: ListWebexOperationsInput,
  queryParams: ['search', 'prefix', 'method', 'limit', 'offset'],
  run: async (input) => ({ statusCode: 200, body: listWebexOperations(input, allowedPrefixes) }),
});

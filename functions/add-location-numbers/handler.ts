import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { AddLocationNumbersInput } from '../lib/schemas/numbers';
import { addLocationNumbers, addNumbersHttpStatus } from '../lib/workflows/numbers/add-location-numbers';

/**
 * POST /locations/{location}/numbers — a report per number: 201 added, 200 nothing to add, 207 some
 * refused, 409/502 none could be added; 422 for a location on integrated PSTN.
 */
export const route = defineRoute({
  id: 'AddLocationNumbers', method: 'POST', path: '/locations/{location}/numbers', entry: 'functions/add-location-numbers/handler.ts', scope: 'numbers.write',
  summary: 'Add Phone Numbers to Webex Location',
  input: AddLocationNumbersInput,
  needs: ['webex'],
  run: async (input, { webex }) => {
    const result = await addLocationNumbers(webex(), input);
    return { statusCode: addNumbersHttpStatus(result), body: result };
  },
});

export const handler = routeHandler(route, lambdaWebex);

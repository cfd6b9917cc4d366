import { lambdaWebex } from '../lib/aws/lambda-webex';
import { defineRoute, routeHandler } from '../lib/http/route';
import { AddLocationNumbersInput } from '../lib/schemas/numbers';
import { addLocationNumbers, addNumbersHttpStatus } from '../lib/workflows/numbers/add-location-numbers';
import { AddNumbersView } from '../lib/schemas/number-answers';

/**
 * POST /locations/{location}/numbers — a report per number: 201 added, 200 nothing to add, 207 some
 * refused, 409/502 none could be added; 422 for a location on integrated PSTN.
 */
export const route = defineRoute({
  id: 'AddLocationNumbers', method: 'POST', path: '/locations/{location}/numbers', entry: 'functions/add-location-numbers/handler.ts', scope: 'numbers.write',
  summary: 'Add Phone Numbers to Webex Location',
  input: AddLocationNumbersInput,
  needs: ['webex'],
  // The location by name (`locationByName`) or by id (cached), whether it has calling (cached once yes), its PSTN
  // connection (not for mobile numbers), one Validate Numbers and one add per batch (ADD_BATCH_SIZE), as listed for one
  // batch. Numbers Webex calls duplicates add one paged read of the location's numbers: that depends on the org.
  webex: {
    calls: [
      { cached: 'GET /locations/{id}' }, { cached: 'GET /telephony/config/locations/{id}' }, 'GET /telephony/pstn/locations/{id}/connection',
      'POST /telephony/config/actions/validateNumbers/invoke', 'POST /telephony/config/locations/{id}/numbers',
    ],
    when: {
      locationByName: [
        'GET /locations', { cached: 'GET /telephony/config/locations/{id}' }, 'GET /telephony/pstn/locations/{id}/connection',
        'POST /telephony/config/actions/validateNumbers/invoke', 'POST /telephony/config/locations/{id}/numbers',
      ],
    },
  },
  responses: {
    200: { description: 'Nothing added: every number was already in the location', body: AddNumbersView },
    201: { description: 'Numbers added; each number\'s outcome in request order', body: AddNumbersView },
    207: { description: 'Some numbers placed, others refused: each number\'s outcome', body: AddNumbersView },
    409: { description: 'Every number refused (in another location, unavailable, invalid)', body: AddNumbersView },
    422: { description: 'The location is on integrated PSTN, or not enabled for Webex Calling' },
    502: { description: 'Every number failed in Webex', body: AddNumbersView },
  },
  run: async (input, { webex }) => {
    const result = await addLocationNumbers(webex(), input);
    return { statusCode: addNumbersHttpStatus(result), body: result };
  },
});

export const handler = routeHandler(route, lambdaWebex);

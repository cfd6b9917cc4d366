import { WebexApiError, isRateLimitStatus } from '../../../functions/lib/webex/errors';
import type { WebexClient } from '../../../functions/lib/webex/client';
import * as telephony from '../../../functions/lib/webex/telephony-api';
import { addLocationNumbers } from '../../../functions/lib/workflows/numbers/add-location-numbers';

// The Webex calls this workflow makes, stood in for: the rule under test is what it does after a batch fails.
jest.mock('../../../functions/lib/webex/telephony-api');
jest.mock('../../../functions/lib/workflows/numbers/resolve-location', () => ({
  resolveCallingLocation: async () => ({ id: 'L1', name: 'Headquarters' }),
}));
const mocked = jest.mocked(telephony);
const client = {} as WebexClient;
const numbers = Array.from({ length: 21 }, (_, i) => `+1408555${String(1000 + i)}`);

describe('adding numbers stops after a transient batch failure (isTransientWebexError, declared once)', () => {
  beforeEach(() => {
    jest.resetAllMocks();
    mocked.validateNumbers.mockImplementation(async (_c, batch) => batch.map((number) => ({ number, state: 'Available' })) as never);
    mocked.listLocationNumbers.mockResolvedValue([]);
  });

  it.each([429, 423, 503])('after a %i, the later batches are not sent', async (status) => {
    expect(isRateLimitStatus(status) || status >= 500).toBe(true);
    mocked.addNumbersToLocation.mockRejectedValueOnce(new WebexApiError({ status, method: 'POST', path: '/telephony/config/locations/L1/numbers' }));
    const result = await addLocationNumbers(client, { location: 'Headquarters', phoneNumbers: numbers, numberType: 'MOBILE' } as never);
    // MOBILE numbers go 20 a request: the first batch failed, the second was never sent.
    expect(mocked.addNumbersToLocation).toHaveBeenCalledTimes(1);
    expect(result.numbers[20]).toEqual({ phoneNumber: numbers[20], status: 'failed', detail: expect.stringContaining('not sent') });
  });

  it('after a refusal (400), the later batches are still sent', async () => {
    mocked.addNumbersToLocation.mockRejectedValueOnce(new WebexApiError({ status: 400, method: 'POST', path: '/telephony/config/locations/L1/numbers' }));
    mocked.addNumbersToLocation.mockResolvedValueOnce(undefined as never);
    const result = await addLocationNumbers(client, { location: 'Headquarters', phoneNumbers: numbers, numberType: 'MOBILE' } as never);
    expect(mocked.addNumbersToLocation).toHaveBeenCalledTimes(2);
    expect(result.numbers[20]).toEqual({ phoneNumber: numbers[20], status: 'added' });
  });
});

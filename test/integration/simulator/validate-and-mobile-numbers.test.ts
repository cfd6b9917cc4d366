import { DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call, expectWebexError } from './helpers';

const { locations: LOC } = DEMO_IDS;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const validate = (phoneNumbers: unknown) => call(sim, 'POST', '/telephony/config/actions/validateNumbers/invoke', { body: { phoneNumbers } });
const addNumbers = (locationId: string, body: unknown) => call(sim, 'POST', `/telephony/config/locations/${locationId}/numbers`, { body });

describe('POST /telephony/config/actions/validateNumbers/invoke', () => {
  it('reports each number: Available, Duplicate (in the org), Duplicate In List, Invalid; toll-free flagged', async () => {
    const res = await validate(['+14085550300', DEMO_NUMBERS.carolAlternate, '+14085550300', 'abc', '4085550301', '+18005550199']);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ERRORS',
      numbers: [
        { number: '+14085550300', state: 'Available', tollFreeNumber: false },
        { number: DEMO_NUMBERS.carolAlternate, state: 'Duplicate', tollFreeNumber: false, detail: [expect.stringContaining('8363')] },
        { number: '+14085550300', state: 'Duplicate In List', tollFreeNumber: false },
        { number: 'abc', state: 'Invalid', tollFreeNumber: false, detail: [expect.any(String)] },
        { number: '4085550301', state: 'Available', tollFreeNumber: false },
        { number: '+18005550199', state: 'Available', tollFreeNumber: true },
      ],
    });
  });

  it('answers OK when all are available, and 400 without a list', async () => {
    expect((await validate(['+14085550300'])).body.status).toBe('OK');
    expectWebexError(await validate([]), 400);
  });
});

describe('mobile numbers on POST /telephony/config/locations/{id}/numbers', () => {
  const mobiles = (n: number) => Array.from({ length: n }, (_, i) => `+1408777${String(i).padStart(4, '0')}`);

  it('adds up to 20 per request, inactive until assigned, listed as MOBILE_NUMBER', async () => {
    expect((await addNumbers(LOC.headquarters, { phoneNumbers: mobiles(20), numberType: 'MOBILE' })).status).toBe(201);
    const listed = await call(sim, 'GET', '/telephony/config/numbers', { query: { includedTelephonyTypes: 'MOBILE_NUMBER' } });
    // The seed's own mobile number (DEMO_NUMBERS.headquartersMobile) and the 20 new ones.
    expect(listed.body.phoneNumbers).toHaveLength(21);
    expect(listed.body.phoneNumbers.find((n: { phoneNumber: string }) => n.phoneNumber === '+14087770000')).toMatchObject({ includedTelephonyTypes: 'MOBILE_NUMBER', state: 'INACTIVE' });
    const pstn = await call(sim, 'GET', '/telephony/config/numbers', { query: { includedTelephonyTypes: 'PSTN_NUMBER' } });
    expect(pstn.body.phoneNumbers).toHaveLength(36);
    // "By default, this API returns standard and mobile numbers … that are unassigned" (webex-user-call-settings-2-2.yml).
    const candidates = await call(sim, 'GET', '/telephony/config/people/primary/availableNumbers', { query: { locationId: LOC.headquarters } });
    expect(candidates.body.phoneNumbers.find((n: { phoneNumber: string }) => n.phoneNumber === '+14087770000')).toMatchObject({ includedTelephonyTypes: 'MOBILE_NUMBER', state: 'INACTIVE' });
  });

  it('refuses more than 20 in one request', async () => {
    const res = await addNumbers(LOC.headquarters, { phoneNumbers: mobiles(21), numberType: 'MOBILE' });
    expectWebexError(res, 400);
    expect(res.body.message).toMatch(/20 mobile numbers/);
  });

  it('accepts mobile numbers on an integrated-PSTN location', async () => {
    expect((await addNumbers(LOC.partnerHub, { phoneNumbers: mobiles(2), numberType: 'MOBILE' })).status).toBe(201);
  });
});

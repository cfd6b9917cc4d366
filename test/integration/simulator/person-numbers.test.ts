import { DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call, expectWebexError, nextLink } from './helpers';

const { people: P, locations: LOC } = DEMO_IDS;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const getNumbers = (personId: string, preferE164Format = true) =>
  call(sim, 'GET', `/people/${personId}/features/numbers`, { query: { preferE164Format } });
const putNumbers = (personId: string, body: unknown) => call(sim, 'PUT', `/telephony/config/people/${personId}/numbers`, { body });

describe('GET /people/{id}/features/numbers', () => {
  it('lists the primary first, then alternates with their ring pattern', async () => {
    const res = await getNumbers(P.carol);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      distinctiveRingEnabled: false,
      phoneNumbers: [
        { primary: true, directNumber: DEMO_NUMBERS.carolPrimary, extension: '2001', routingPrefix: '8002', esn: '80022001' },
        { primary: false, directNumber: DEMO_NUMBERS.carolAlternate, ringPattern: 'NORMAL' },
      ],
    });
  });

  it('answers in the legacy national format unless preferE164Format=true', async () => {
    const res = await getNumbers(P.carol, false);
    expect(res.body.phoneNumbers[0].directNumber).toBe('2125550101');
  });

  it('404 for an unknown person, and 404 "[Error 4008] User not found" for a person without calling', async () => {
    expectWebexError(await getNumbers('ghost'), 404);
    const res = await getNumbers(P.bob);
    expectWebexError(res, 404);
    expect(res.body.errors[0].errorCode).toBe(4008);
  });
});

describe('PUT /telephony/config/people/{id}/numbers', () => {
  it('adds and deletes alternate numbers by external, the field Webex reads (204)', async () => {
    const res = await putNumbers(P.alice, {
      enableDistinctiveRingPattern: true,
      phoneNumbers: [{ action: 'ADD', external: '+14085550112', extension: '1012', primary: false, ringPattern: 'SHORT_LONG_SHORT' }],
    });
    expect(res.status).toBe(204);
    const after = await getNumbers(P.alice);
    expect(after.body.distinctiveRingEnabled).toBe(true);
    expect(after.body.phoneNumbers[1]).toEqual({
      primary: false, directNumber: '+14085550112', extension: '1012', routingPrefix: '8001', esn: '80011012', ringPattern: 'SHORT_LONG_SHORT',
    });
    expect((await call(sim, 'GET', '/telephony/config/numbers', { query: { phoneNumber: '+14085550112' } })).body.phoneNumbers[0])
      .toMatchObject({ phoneNumberType: 'ALTERNATE', owner: { id: P.alice } });

    expect((await putNumbers(P.alice, { phoneNumbers: [{ action: 'DELETE', external: '+14085550112', primary: false }] })).status).toBe(204);
    expect((await getNumbers(P.alice)).body.phoneNumbers).toHaveLength(1);
    expect(sim.state.numbers.get('+14085550112')?.owner).toBeUndefined();
  });

  it('accepts the number as directNumber alone (Cisco\'s document), external alone (wxc_sdk) or both agreeing; refuses two different numbers or none', async () => {
    expect((await putNumbers(P.alice, { phoneNumbers: [{ action: 'ADD', directNumber: '+14085550111', primary: false }] })).status).toBe(204);
    expect(sim.state.numbers.get('+14085550111')?.owner).toMatchObject({ personId: P.alice, kind: 'ALTERNATE' });
    expect((await putNumbers(P.alice, { phoneNumbers: [{ action: 'DELETE', directNumber: '+14085550111', primary: false }] })).status).toBe(204);
    expect(sim.state.numbers.get('+14085550111')?.owner).toBeUndefined();
    expectWebexError(await putNumbers(P.alice, { phoneNumbers: [{ action: 'ADD', primary: false }] }), 400);
    expectWebexError(await putNumbers(P.alice, { phoneNumbers: [{ action: 'ADD', directNumber: '+14085550112', external: '+14085550113', primary: false }] }), 400);
    expect((await putNumbers(P.alice, { phoneNumbers: [{ action: 'ADD', directNumber: '+14085550112', external: '+14085550112', primary: false }] })).status).toBe(204);
  });

  it('accepts a US national number', async () => {
    expect((await putNumbers(P.alice, { phoneNumbers: [{ action: 'ADD', external: '4085550113', primary: false }] })).status).toBe(204);
    expect(sim.state.numbers.get('+14085550113')?.owner?.personId).toBe(P.alice);
  });

  it('refuses assigned numbers, other locations, primaries, non-held deletes and non-calling people with 400', async () => {
    const add = (directNumber: string, extra: object = {}) => ({ phoneNumbers: [{ action: 'ADD', external: directNumber, primary: false, ...extra }] });
    expectWebexError(await putNumbers(P.alice, add(DEMO_NUMBERS.carolPrimary)), 400);
    expectWebexError(await putNumbers(P.alice, add('+12125550105')), 400);
    expectWebexError(await putNumbers(P.alice, add('+14085550114', { primary: true })), 400);
    expectWebexError(await putNumbers(P.alice, add('+14085550114', { extension: '1001' })), 400);
    expectWebexError(await putNumbers(P.alice, { phoneNumbers: [{ action: 'DELETE', external: DEMO_NUMBERS.alicePrimary, primary: false }] }), 400);
    expectWebexError(await putNumbers(P.carol, { phoneNumbers: [{ action: 'DELETE', external: '+12125550109', primary: false }] }), 400);
    expectWebexError(await putNumbers(P.bob, add('+14085550114')), 400);
    expectWebexError(await putNumbers('ghost', add('+14085550114')), 404);
    expect(sim.state.numbers.get('+14085550114')?.owner).toBeUndefined();
  });

  it('allows at most 10 alternates', async () => {
    const numbers = Array.from({ length: 11 }, (_, i) => `+140855501${String(2 + i).padStart(2, '0')}`);
    const res = await putNumbers(P.alice, { phoneNumbers: numbers.map((directNumber) => ({ action: 'ADD', external: directNumber, primary: false })) });
    expectWebexError(res, 400);
    expect(res.body.message).toMatch(/10/);
    const ten = await putNumbers(P.alice, { phoneNumbers: numbers.slice(0, 10).map((directNumber) => ({ action: 'ADD', external: directNumber, primary: false })) });
    expect(ten.status).toBe(204);
  });
});

describe('GET /telephony/config/people/primary/availableNumbers', () => {
  it('lists unassigned numbers of the location, main number flagged, with start/max paging', async () => {
    const res = await call(sim, 'GET', '/telephony/config/people/primary/availableNumbers', {
      query: { locationId: LOC.branchOffice, licenseType: 'Webex Calling Professional', max: 5 },
    });
    expect(res.status).toBe(200);
    expect(res.body.phoneNumbers).toHaveLength(5);
    expect(res.body.phoneNumbers[0]).toEqual({
      phoneNumber: DEMO_NUMBERS.branchOfficeMain, state: 'ACTIVE', isMainNumber: true, telephonyType: 'PSTN_NUMBER', isServiceNumber: false,
    });
    expect(res.body.phoneNumbers.map((n: any) => n.phoneNumber)).not.toContain(DEMO_NUMBERS.carolPrimary);
    const rest = await call(sim, 'GET', nextLink(res.headers) as string);
    expect(rest.body.phoneNumbers).toHaveLength(3);
    expect(nextLink(rest.headers)).toBeUndefined();
    expectWebexError(await call(sim, 'GET', '/telephony/config/people/primary/availableNumbers', { query: { licenseType: 'Gold' } }), 400);
  });

  it('lists alternate candidates in the person’s location', async () => {
    const res = await call(sim, 'GET', `/telephony/config/people/${P.carol}/secondary/availableNumbers`);
    expect(res.body.phoneNumbers).toHaveLength(8);
  });
});

import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { WebexClient } from '../../../functions/lib/webex/client';
import { DEMO_IDS, DEMO_NUMBERS, SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call, collectAll, expectWebexError, nextLink } from './helpers';

const { people: P, locations: LOC, licenses: L } = DEMO_IDS;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const numbersPath = (locationId: string) => `/telephony/config/locations/${locationId}/numbers`;
const list = (query: Record<string, string | number | boolean> = {}) => call(sim, 'GET', '/telephony/config/numbers', { query });

describe('GET /telephony/config/numbers', () => {
  it('lists NumberObjects with owner, location and main number', async () => {
    const res = await list({ locationId: LOC.branchOffice });
    expect(res.status).toBe(200);
    expect(res.body.phoneNumbers).toHaveLength(10);
    expect(res.body.phoneNumbers[0]).toEqual({
      phoneNumber: DEMO_NUMBERS.branchOfficeMain, state: 'ACTIVE', phoneNumberType: 'PRIMARY', mainNumber: true,
      includedTelephonyTypes: 'PSTN_NUMBER', tollFreeNumber: false, isServiceNumber: false, isReservedNumber: false,
      location: { id: LOC.branchOffice, name: 'Branch Office' },
    });
    expect(res.body.phoneNumbers[1]).toMatchObject({
      phoneNumber: DEMO_NUMBERS.carolPrimary, extension: '2001', routingPrefix: '8002', esn: '80022001',
      owner: { id: P.carol, type: 'PEOPLE', firstName: 'Carol', lastName: 'Calling' },
    });
    expect(res.body.phoneNumbers[2]).toMatchObject({ phoneNumber: DEMO_NUMBERS.carolAlternate, phoneNumberType: 'ALTERNATE' });
  });

  it('filters available numbers (unassigned, not main), by owner and by number', async () => {
    const available = await list({ locationId: LOC.headquarters, available: true });
    // 18 standard numbers, plus the inactive, mobile, service, reserved and toll-free ones of the seed.
    expect(available.body.phoneNumbers).toHaveLength(23);
    expect(available.body.phoneNumbers.every((n: any) => !n.owner && !n.mainNumber)).toBe(true);
    const owned = await list({ ownerId: P.carol });
    expect(owned.body.phoneNumbers.map((n: any) => n.phoneNumber)).toEqual([DEMO_NUMBERS.carolPrimary, DEMO_NUMBERS.carolAlternate]);
    const uuid = Buffer.from(P.alice, 'base64url').toString().split('/').pop() as string;
    expect((await list({ ownerId: uuid })).body.phoneNumbers).toHaveLength(1);
    expect((await list({ phoneNumber: DEMO_NUMBERS.alicePrimary })).body.phoneNumbers).toHaveLength(1);
    expect((await list({ ownerType: 'PEOPLE' })).body.phoneNumbers).toHaveLength(3);
    expectWebexError(await list({ available: true, ownerType: 'PEOPLE' }), 400);
  });

  it('lists a calling user without a number as an extension-only entry', async () => {
    await call(sim, 'POST', '/people', {
      body: { emails: ['ext@example.com'], displayName: 'Ext Only', licenses: [L.callingProfessional], locationId: LOC.headquarters, extension: '1050' },
    });
    const res = await list({ numberType: 'EXTENSION' });
    expect(res.body.phoneNumbers).toEqual([expect.objectContaining({ extension: '1050', esn: '80011050', owner: expect.objectContaining({ type: 'PEOPLE' }) })]);
    expect(res.body.phoneNumbers[0].phoneNumber).toBeUndefined();
  });

  it('pages with start/max and a next link', async () => {
    const first = await list({ max: 7 });
    expect(first.body.phoneNumbers).toHaveLength(7);
    const next = new URL(nextLink(first.headers) as string);
    expect(next.searchParams.get('start')).toBe('7');
    expect(next.searchParams.get('max')).toBe('7');
    const page = await list({ start: 36, max: 7 });
    expect(page.body.phoneNumbers).toHaveLength(1);
    expect(nextLink(page.headers)).toBeUndefined();
    const { items, pages } = await collectAll(sim, '/telephony/config/numbers', 'phoneNumbers', { max: 7 });
    expect(pages).toBe(6);
    expect(new Set(items.map((n: any) => n.phoneNumber)).size).toBe(37);
    expect((await list()).body.phoneNumbers).toHaveLength(37);
  });
});

describe('reserved numbers (isReservedNumber: "Reserved numbers cannot be assigned to people, features, or services")', () => {
  it('lists them marked, filters by reservedNumber (not with available), and refuses assigning one', async () => {
    const reserved = await list({ reservedNumber: true });
    expect(reserved.body.phoneNumbers).toEqual([expect.objectContaining({ phoneNumber: DEMO_NUMBERS.headquartersReserved, isReservedNumber: true })]);
    expectWebexError(await list({ reservedNumber: true, available: true }), 400);
    const res = await call(sim, 'POST', '/people', {
      body: { emails: ['reserved@example.com'], displayName: 'Reserved', licenses: [L.callingProfessional], locationId: LOC.headquarters, phoneNumbers: [{ type: 'work', value: DEMO_NUMBERS.headquartersReserved }] },
    });
    expectWebexError(res, 400);
    expect(JSON.stringify(res.body)).toMatch(/is reserved and cannot be assigned/);
    expect(sim.state.numbers.get(DEMO_NUMBERS.headquartersReserved)?.owner).toBeUndefined();
  });
});

describe('POST /telephony/config/locations/{id}/numbers', () => {
  it('adds E.164 numbers (201, ACTIVE by default)', async () => {
    const res = await call(sim, 'POST', numbersPath(LOC.headquarters), { body: { phoneNumbers: ['+14085550150', '+14085550151'] } });
    expect(res.status).toBe(201);
    expect(res.body).toBeUndefined();
    expect(sim.state.numbers.get('+14085550150')).toMatchObject({ locationId: LOC.headquarters, state: 'ACTIVE' });
    await call(sim, 'POST', numbersPath(LOC.headquarters), { body: { phoneNumbers: ['+14085550152'], state: 'INACTIVE' } });
    expect(sim.state.numbers.get('+14085550152')?.state).toBe('INACTIVE');
  });

  it('answers 409 (8363/25223) for a number the location already has, as Webex does (wxc_sdk TestAddExisting), adding nothing', async () => {
    const res = await call(sim, 'POST', numbersPath(LOC.headquarters), { body: { phoneNumbers: ['+14085550150', '+14085550119'] } });
    expectWebexError(res, 409);
    expect(res.body.errors[0].errorCode).toBe(8363);
    expect(sim.state.numbers.has('+14085550150')).toBe(false);
  });

  it('does not refuse DID numbers on an integrated PSTN location (Cisco only warns against it)', async () => {
    const integrated = await call(sim, 'POST', numbersPath(LOC.partnerHub), { body: { phoneNumbers: ['+13125550150'] } });
    expect(integrated.status).toBe(201);
  });

  it('answers 400 for a location without Webex Calling', async () => {
    expectWebexError(await call(sim, 'POST', numbersPath(LOC.warehouse), { body: { phoneNumbers: ['+13035550150'] } }), 400);
  });

  it('rejects non-E.164, the main number (409 25223/8363) and numbers of another location', async () => {
    expectWebexError(await call(sim, 'POST', numbersPath(LOC.headquarters), { body: { phoneNumbers: ['4085550150'] } }), 400);
    const main = await call(sim, 'POST', numbersPath(LOC.headquarters), { body: { phoneNumbers: [DEMO_NUMBERS.headquartersMain] } });
    expectWebexError(main, 409);
    expect(main.body.errorCode).toBe(25223);
    expect(main.body.errors[0].errorCode).toBe(8363);
    expectWebexError(await call(sim, 'POST', numbersPath(LOC.headquarters), { body: { phoneNumbers: ['+12125550105'] } }), 409);
    expectWebexError(await call(sim, 'POST', numbersPath('nowhere'), { body: { phoneNumbers: ['+14085550150'] } }), 404);
  });
});

describe('PUT /telephony/config/locations/{id}/numbers', () => {
  it('deactivates and activates unassigned numbers', async () => {
    const path = numbersPath(LOC.headquarters);
    expect((await call(sim, 'PUT', path, { body: { phoneNumbers: ['+14085550111'], action: 'DEACTIVATE' } })).status).toBe(204);
    expect((await list({ phoneNumber: '+14085550111' })).body.phoneNumbers[0].state).toBe('INACTIVE');
    expect((await call(sim, 'PUT', path, { body: { phoneNumbers: ['+14085550111'] } })).status).toBe(204);
    expect(sim.state.numbers.get('+14085550111')?.state).toBe('ACTIVE');
    expectWebexError(await call(sim, 'PUT', path, { body: { phoneNumbers: [DEMO_NUMBERS.alicePrimary], action: 'DEACTIVATE' } }), 400);
  });
});

describe('DELETE /telephony/config/locations/{id}/numbers', () => {
  const remove = (locationId: string, phoneNumbers: string[]) => call(sim, 'DELETE', numbersPath(locationId), { body: { phoneNumbers } });

  it('removes up to 5 unassigned numbers given in a JSON body', async () => {
    const res = await remove(LOC.headquarters, ['+14085550115', '+14085550116']);
    expect(res.status).toBe(204);
    expect(sim.state.numbers.has('+14085550115')).toBe(false);
    const six = ['+14085550110', '+14085550111', '+14085550112', '+14085550113', '+14085550114', '+14085550117'];
    expectWebexError(await remove(LOC.headquarters, six), 400);
    expect(sim.state.numbers.has('+14085550110')).toBe(true);
  });

  it('refuses the main number, assigned numbers and integrated locations with 400', async () => {
    expectWebexError(await remove(LOC.headquarters, [DEMO_NUMBERS.headquartersMain]), 400);
    expectWebexError(await remove(LOC.headquarters, [DEMO_NUMBERS.alicePrimary]), 400);
    expectWebexError(await remove(LOC.partnerHub, ['+13125550101']), 400);
  });

  it('answers 502 with cisco-spark-error-codes: 4251 for a number the location does not have', async () => {
    const res = await remove(LOC.headquarters, ['+14085550199']);
    expectWebexError(res, 502);
    expect(res.headers.get('cisco-spark-error-codes')).toBe('4251');
    expectWebexError(await remove(LOC.headquarters, [DEMO_NUMBERS.carolPrimary]), 502);
  });
});

describe('POST /telephony/config/locations/{id}/actions/validateExtensions/invoke', () => {
  it('reports each extension as Cisco\'s example does: call park 9495, emergency 4911, not digits 4910, repeats 9498', async () => {
    const res = await call(sim, 'POST', `/telephony/config/locations/${LOC.headquarters}/actions/validateExtensions/invoke`, {
      body: { extensions: ['1900', '1234', '1234', '911', 'a234', '1001'] },
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ERRORS');
    expect(res.body.extensionStatus.map((e: { state: string; errorCode?: number }) => [e.state, e.errorCode])).toEqual([
      ['DUPLICATE', 9495], ['VALID', undefined], ['DUPLICATE_IN_LIST', 9498], ['INVALID', 4911], ['INVALID', 4910], ['DUPLICATE', undefined],
    ]);
  });
});

describe('our client pages a telephony list by the simulator\'s Link headers (as real Webex sends them)', () => {
  it('reads 200 numbers at max=100 as 200 unique items in two requests', async () => {
    for (let i = 0; i < 200; i++) {
      const phoneNumber = `+1650555${String(i).padStart(4, '0')}`;
      sim.state.numbers.set(phoneNumber, { phoneNumber, locationId: LOC.branchOffice, state: 'ACTIVE', tollFree: false, service: false });
    }
    sim.clearRequests();
    const client = new WebexClient({ baseUrl: sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
    const items = await client.list<{ phoneNumber?: string }>('/telephony/config/numbers', {
      query: { locationId: LOC.branchOffice, phoneNumber: '+1650555' },
      itemsKey: 'phoneNumbers',
      offsetPaging: { max: 100 },
    });
    expect(items).toHaveLength(200);
    expect(new Set(items.map((n) => n.phoneNumber)).size).toBe(200);
    expect(sim.requests.filter((r) => r.path === '/telephony/config/numbers')).toHaveLength(2);
  });
});

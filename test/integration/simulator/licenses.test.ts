import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { call, expectWebexError } from './helpers';

const { people: P, licenses: L, locations: LOC } = DEMO_IDS;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const patch = (body: unknown) => call(sim, 'PATCH', '/licenses/users', { body });
const units = async () => {
  const res = await call(sim, 'GET', '/licenses');
  return Object.fromEntries(res.body.items.map((l: any) => [l.name, `${l.consumedUnits}/${l.totalUnits}`]));
};

describe('GET /licenses', () => {
  it('lists the seeded licenses with consumed units matching the assignments', async () => {
    expect(await units()).toEqual({
      'Webex Calling - Professional': '1/10',
      'Webex Calling - Basic': '1/5',
      'Webex Meetings - Enterprise': '2/100',
      Messaging: '1/100',
    });
    const res = await call(sim, 'GET', `/licenses/${L.meetingsEnterprise}`, { query: { includeAssignedTo: 'user' } });
    expect(res.body).toMatchObject({ consumedByUsers: 2, siteUrl: 'sim-demo.webex.com', siteType: 'Control Hub managed site' });
    expect(res.body.users.map((u: any) => u.email).sort()).toEqual([DEMO_EMAILS.alice, DEMO_EMAILS.bob]);
    expectWebexError(await call(sim, 'GET', '/licenses/nope'), 404);
  });
});

describe('PATCH /licenses/users', () => {
  it('assigns a calling license with properties (by email) and answers UserLicensesResponse', async () => {
    const res = await patch({
      email: DEMO_EMAILS.bob,
      licenses: [{ id: L.callingProfessional, properties: { locationId: LOC.headquarters, phoneNumber: '14085550107', extension: '1007' } }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      orgId: DEMO_IDS.orgId, personId: P.bob, email: DEMO_EMAILS.bob,
      licenses: [L.messaging, L.meetingsEnterprise, L.callingProfessional],
      siteUrls: [{ siteUrl: 'sim-demo.webex.com', accountType: 'host' }],
    });
    const person = await call(sim, 'GET', `/people/${P.bob}`, { query: { callingData: true } });
    expect(person.body).toMatchObject({ locationId: LOC.headquarters, extension: '1007' });
    expect(person.body.phoneNumbers).toContainEqual({ type: 'work', value: '+14085550107', primary: true });
    expect((await units())['Webex Calling - Professional']).toBe('2/10');
  });

  it('takes the location from the number when locationId is left out', async () => {
    const res = await patch({ personId: P.bob, licenses: [{ id: L.callingBasic, properties: { phoneNumber: '+12125550105' } }] });
    expect(res.status).toBe(200);
    expect(sim.state.people.get(P.bob)?.calling?.locationId).toBe(LOC.branchOffice);
  });

  it('uses the documented error codes', async () => {
    const cases: [unknown, number][] = [
      [[{ id: L.callingProfessional }], 400411],
      [[{ id: L.callingProfessional, properties: { locationId: 'nowhere', extension: '1234' } }], 400],
      [[{ id: 'not-a-license' }], 400000],
    ];
    for (const [licenses, errorCode] of cases) {
      const res = await patch({ personId: P.bob, licenses });
      expectWebexError(res, 400);
      expect(res.body.errors[0].errorCode).toBe(errorCode);
    }
    // Without a number the location is mandatory.
    expectWebexError(await patch({ personId: P.bob, licenses: [{ id: L.callingProfessional, properties: { extension: '1234' } }] }), 400);
    expectWebexError(await patch({ licenses: [] }), 400);
    expectWebexError(await patch({ personId: 'ghost', licenses: [] }), 404);
  });

  it('refuses numbers that are taken or elsewhere, and extensions in use', async () => {
    const bad = [
      { locationId: LOC.headquarters, phoneNumber: DEMO_NUMBERS.alicePrimary },
      { locationId: LOC.headquarters, phoneNumber: DEMO_NUMBERS.carolAlternate },
      { locationId: LOC.headquarters, extension: '1001' },
      { phoneNumber: '+19995550000' },
    ];
    for (const properties of bad) {
      expectWebexError(await patch({ personId: P.bob, licenses: [{ id: L.callingProfessional, properties }] }), 400);
    }
    expect(sim.state.people.get(P.bob)?.licenses).not.toContain(L.callingProfessional);
  });

  it('answers 206 when some licenses applied and others not', async () => {
    const res = await patch({
      personId: P.bob,
      licenses: [{ id: L.callingProfessional }, { id: L.messaging, operation: 'remove' }],
    });
    expect(res.status).toBe(206);
    expect(res.body.licenses).toEqual([L.meetingsEnterprise]);
  });

  it('refuses a license with no units left', async () => {
    sim.state.licenses.get(L.callingBasic)!.totalUnits = 1;
    const res = await patch({ personId: P.bob, licenses: [{ id: L.callingBasic, properties: { locationId: LOC.branchOffice, extension: '2002' } }] });
    expectWebexError(res, 400);
    expect(res.body.message).toMatch(/No units left/);
  });

  it('removing a calling license frees the unit and the calling data', async () => {
    const res = await patch({ personId: P.carol, licenses: [{ id: L.callingBasic, operation: 'remove' }] });
    expect(res.status).toBe(200);
    expect(res.body.licenses).toEqual([]);
    expect((await units())['Webex Calling - Basic']).toBe('0/5');
    expect(sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.owner).toBeUndefined();
    const person = await call(sim, 'GET', `/people/${P.carol}`, { query: { callingData: true } });
    expect(person.body.locationId).toBeUndefined();
    // The number is free for someone else now.
    const again = await patch({ personId: P.bob, licenses: [{ id: L.callingBasic, properties: { phoneNumber: DEMO_NUMBERS.carolPrimary } }] });
    expect(again.status).toBe(200);
  });

  it('swaps calling licenses in one request (removals first)', async () => {
    const res = await patch({
      personId: P.carol,
      licenses: [
        { id: L.callingProfessional, properties: { locationId: LOC.branchOffice, phoneNumber: DEMO_NUMBERS.carolPrimary, extension: '2001' } },
        { id: L.callingBasic, operation: 'remove' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.licenses).toEqual([L.callingProfessional]);
  });
});

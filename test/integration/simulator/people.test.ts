import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS, SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { WebexClient } from '../../../functions/lib/webex/client';
import { call, collectAll, expectWebexError, nextLink } from './helpers';

const { people: P, licenses: L, locations: LOC } = DEMO_IDS;

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => sim.reset());

const consumed = async (licenseId: string): Promise<number> => (await call(sim, 'GET', `/licenses/${licenseId}`)).body.consumedUnits;

describe('GET /people', () => {
  it('lists people, filtering by exact email (case-insensitive) and displayName prefix', async () => {
    const all = await call(sim, 'GET', '/people');
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(3);
    const byEmail = await call(sim, 'GET', '/people', { query: { email: DEMO_EMAILS.alice.toUpperCase() } });
    expect(byEmail.body.items.map((p: any) => p.id)).toEqual([P.alice]);
    expect((await call(sim, 'GET', '/people', { query: { email: 'alice' } })).body.items).toEqual([]);
    const byName = await call(sim, 'GET', '/people', { query: { displayName: 'car' } });
    expect(byName.body.items.map((p: any) => p.id)).toEqual([P.carol]);
  });

  it('rejects unknown query parameters', async () => {
    expectWebexError(await call(sim, 'GET', '/people', { query: { mail: 'x' } }), 400);
  });

  it('omits licenses and roles when listing by id, and reports unknown ids', async () => {
    const res = await call(sim, 'GET', '/people', { query: { id: `${P.alice},${P.bob},bogus` } });
    expect(res.body.items).toHaveLength(2);
    for (const p of res.body.items) {
      expect(p.licenses).toBeUndefined();
      expect(p.roles).toBeUndefined();
    }
    expect(res.body.notFoundIds).toEqual(['bogus']);
  });

  it('adds calling fields only with callingData=true, and filters by location', async () => {
    const plain = (await call(sim, 'GET', '/people', { query: { email: DEMO_EMAILS.alice } })).body.items[0];
    expect(plain.locationId).toBeUndefined();
    expect(plain.extension).toBeUndefined();
    expect(plain.phoneNumbers).toEqual([{ type: 'mobile', value: '+14085559001', primary: false }]);
    const res = await call(sim, 'GET', '/people', { query: { callingData: true, locationId: LOC.branchOffice } });
    expect(res.body.items.map((p: any) => p.id)).toEqual([P.carol]);
    expect(res.body.items[0]).toMatchObject({
      extension: '2001',
      locationId: LOC.branchOffice,
      phoneNumbers: [
        { type: 'work', value: DEMO_NUMBERS.carolPrimary, primary: true },
        { type: 'work_extension', value: '80022001' },
        { type: 'mobile', value: '+12125559003', primary: false },
      ],
    });
  });

  it('pages with an absolute Link rel="next" that keeps the other parameters', async () => {
    for (let i = 0; i < 7; i++) {
      await call(sim, 'POST', '/people', { body: { emails: [`user${i}@example.com`], displayName: `User ${i}` } });
    }
    const first = await call(sim, 'GET', '/people', { query: { max: 3, callingData: true } });
    expect(first.body.items).toHaveLength(3);
    const next = nextLink(first.headers) as string;
    expect(next.startsWith(`${sim.url}/people?`)).toBe(true);
    const url = new URL(next);
    expect(url.searchParams.get('max')).toBe('3');
    expect(url.searchParams.get('callingData')).toBe('true');
    expect(url.searchParams.get('cursor')).toBeTruthy();

    const { items, pages } = await collectAll(sim, '/people', 'items', { max: 3 });
    expect(pages).toBe(4);
    expect(new Set(items.map((p: any) => p.id)).size).toBe(10);
  });

  it('does not repeat or skip people deleted between pages', async () => {
    for (let i = 0; i < 3; i++) await call(sim, 'POST', '/people', { body: { emails: [`u${i}@example.com`], firstName: `U${i}` } });
    const first = await call(sim, 'GET', '/people', { query: { max: 2 } });
    await call(sim, 'DELETE', `/people/${first.body.items[1].id}`);
    const { items } = await collectAll(sim, nextLink(first.headers) as string);
    expect(items.map((p: any) => p.emails[0])).toEqual([DEMO_EMAILS.carol, 'u0@example.com', 'u1@example.com', 'u2@example.com']);
  });

  it('caps max at 100 with callingData=true and at 50 with locationId, with a next link', async () => {
    sim.state.licenses.get(L.callingProfessional)!.totalUnits = 200;
    const created = [];
    for (let i = 0; i < 100; i++) {
      created.push(call(sim, 'POST', '/people', {
        body: {
          emails: [`bulk${i}@example.com`], displayName: `Bulk ${i}`, licenses: [L.callingProfessional],
          locationId: LOC.headquarters, extension: String(3000 + i),
        },
      }));
    }
    expect((await Promise.all(created)).every((r) => r.status === 200)).toBe(true);
    const calling = await call(sim, 'GET', '/people', { query: { callingData: true, max: 500 } });
    expect(calling.body.items).toHaveLength(100);
    expect(nextLink(calling.headers)).toBeDefined();
    const plain = await call(sim, 'GET', '/people', { query: { max: 500 } });
    expect(plain.body.items).toHaveLength(103);
    expect(nextLink(plain.headers)).toBeUndefined();
    const byLocation = await call(sim, 'GET', '/people', { query: { locationId: LOC.headquarters, max: 80 } });
    expect(byLocation.body.items).toHaveLength(50);
    const rest = await collectAll(sim, nextLink(byLocation.headers) as string);
    expect(rest.items).toHaveLength(51);
  });

  it('a large org (callingDataPageLimit): calling-data pages above the limit answer 504 with Cisco\'s text, smaller ones and plain lists do not', async () => {
    sim.state.callingDataPageLimit = 2;
    const big = await call(sim, 'GET', '/people', { query: { callingData: 'true', excludeStatus: 'true', max: '3' } });
    expectWebexError(big, 504);
    expect(JSON.stringify(big.body)).toMatch(/please try to reduce it/);
    expect((await call(sim, 'GET', '/people', { query: { callingData: 'true', max: '2' } })).status).toBe(200);
    expect((await call(sim, 'GET', '/people', { query: { max: '3' } })).status).toBe(200);
    sim.reset();
    expect(sim.state.callingDataPageLimit).toBeUndefined();
  });

  it('works with the suite Webex client following the links', async () => {
    for (let i = 0; i < 4; i++) await call(sim, 'POST', '/people', { body: { emails: [`c${i}@example.com`], lastName: `C${i}` } });
    const client = new WebexClient({ baseUrl: sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
    const people = await client.list<{ id: string }>('/people', { query: { max: 2 } });
    expect(people).toHaveLength(7);
  });
});

describe('GET /people/{id}', () => {
  it('returns the Person with string invitePending/loginEnabled, 404 when absent', async () => {
    const res = await call(sim, 'GET', `/people/${P.bob}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: P.bob, emails: [DEMO_EMAILS.bob], displayName: 'Bob Builder', orgId: DEMO_IDS.orgId,
      licenses: [L.messaging, L.meetingsEnterprise], invitePending: 'false', loginEnabled: 'true', type: 'person',
    });
    expect(Buffer.from(res.body.id, 'base64').toString()).toMatch(/^ciscospark:\/\/us\/PEOPLE\//);
    expectWebexError(await call(sim, 'GET', '/people/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub3BlAA'), 404);
  });
});

describe('POST /people', () => {
  it('creates with 200 (not 201), needs emails and a name, refuses duplicate emails with 409', async () => {
    const res = await call(sim, 'POST', '/people', {
      body: { emails: ['dave@example.com'], firstName: 'Dave', lastName: 'Doe', licenses: [L.messaging] },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ displayName: 'Dave Doe', nickName: 'Dave', licenses: [L.messaging], invitePending: 'true' });
    expect(await consumed(L.messaging)).toBe(2);

    expectWebexError(await call(sim, 'POST', '/people', { body: { displayName: 'No Mail' } }), 400);
    expectWebexError(await call(sim, 'POST', '/people', { body: { emails: ['x@example.com'] } }), 400);
    expectWebexError(await call(sim, 'POST', '/people', { body: { emails: ['DAVE@example.com'], displayName: 'Again' } }), 409);
  });

  it('creates a calling user with license, location and number in one call', async () => {
    const res = await call(sim, 'POST', '/people', {
      query: { callingData: true },
      body: {
        emails: ['erin@example.com'], displayName: 'Erin', licenses: [L.callingProfessional],
        locationId: LOC.headquarters, phoneNumbers: [{ type: 'work', value: '+14085550105' }], extension: '1005',
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locationId: LOC.headquarters, extension: '1005' });
    expect(res.body.phoneNumbers).toContainEqual({ type: 'work', value: '+14085550105', primary: true });
    expect(await consumed(L.callingProfessional)).toBe(2);
    expect(sim.state.numbers.get('+14085550105')?.owner?.personId).toBe(res.body.id);
  });

  it('refuses incomplete or impossible calling data with 400 and creates nobody', async () => {
    const base = { emails: ['frank@example.com'], displayName: 'Frank', licenses: [L.callingProfessional] };
    expectWebexError(await call(sim, 'POST', '/people', { body: { ...base, extension: '1006' } }), 400);
    expectWebexError(await call(sim, 'POST', '/people', { body: { ...base, locationId: LOC.headquarters } }), 400);
    // Taken, or in another location.
    for (const value of [DEMO_NUMBERS.alicePrimary, '+12125550105']) {
      const res = await call(sim, 'POST', '/people', {
        body: { ...base, locationId: LOC.headquarters, phoneNumbers: [{ type: 'work', value }] },
      });
      expectWebexError(res, 400);
    }
    expectWebexError(await call(sim, 'POST', '/people', { body: { ...base, locationId: LOC.headquarters, extension: '1001' } }), 400);
    expectWebexError(await call(sim, 'POST', '/people', { body: { emails: ['g@example.com'], displayName: 'G', extension: '1009' } }), 400);
    expect((await call(sim, 'GET', '/people', { query: { email: 'frank@example.com' } })).body.items).toEqual([]);
  });

  it('refuses a calling license without free units', async () => {
    sim.state.licenses.get(L.callingBasic)!.totalUnits = 1;
    const res = await call(sim, 'POST', '/people', {
      body: { emails: ['h@example.com'], displayName: 'H', licenses: [L.callingBasic], locationId: LOC.branchOffice, extension: '2005' },
    });
    expectWebexError(res, 400);
    expect(res.body.message).toMatch(/No units left/);
  });
});

describe('PUT /people/{id} replaces the record', () => {
  const get = async (id: string) => (await call(sim, 'GET', `/people/${id}`, { query: { callingData: true } })).body;
  /** The PUT body a careful client sends: the whole record, read-only fields left out. */
  const fullBody = (person: any) => {
    const { id, created, lastModified, timezone, lastActivity, sipAddresses, status, invitePending, type, nickName, ...rest } = person;
    return {
      ...rest,
      loginEnabled: person.loginEnabled === 'true',
      // Every entry as read, as wxc_sdk and wxcadm write it back.
      phoneNumbers: person.phoneNumbers ?? [],
    };
  };

  it('requires displayName', async () => {
    expectWebexError(await call(sim, 'PUT', `/people/${P.bob}`, { body: { emails: [DEMO_EMAILS.bob] } }), 400);
  });

  it('clears every field left out, including licenses, and frees their units', async () => {
    expect(await consumed(L.messaging)).toBe(1);
    const res = await call(sim, 'PUT', `/people/${P.bob}`, { body: { displayName: 'Robert Builder' } });
    expect(res.status).toBe(200);
    expect(res.body.displayName).toBe('Robert Builder');
    expect(res.body.licenses).toEqual([]);
    for (const field of ['firstName', 'lastName', 'nickName', 'department', 'siteUrls']) expect(res.body[field]).toBeUndefined();
    expect(res.body.emails).toEqual([DEMO_EMAILS.bob]);
    expect(await consumed(L.messaging)).toBe(0);
    expect(await consumed(L.meetingsEnterprise)).toBe(1);
  });

  it('keeps everything on a read-modify-write PUT, and nickName follows firstName', async () => {
    const before = await get(P.alice);
    const res = await call(sim, 'PUT', `/people/${P.alice}`, {
      query: { callingData: true },
      body: { ...fullBody(before), title: 'Chief Admin', firstName: 'Ally', nickName: 'ignored' },
    });
    expect(res.status).toBe(200);
    const { title, firstName, nickName, lastModified, ...rest } = res.body;
    expect(title).toBe('Chief Admin');
    expect(firstName).toBe('Ally');
    expect(nickName).toBe('Ally');
    expect(rest).toEqual((({ title: _t, firstName: _f, nickName: _n, lastModified: _l, ...r }) => r)(before));
    // The mobile number went back as read, and is kept.
    expect(res.body.phoneNumbers).toContainEqual({ type: 'mobile', value: '+14085559001', primary: false });
  });

  it('erases mobile and fax numbers a PUT leaves out (PUT replaces the record)', async () => {
    const before = await get(P.bob);
    expect(before.phoneNumbers).toEqual([
      { type: 'mobile', value: '+14085559002', primary: false },
      { type: 'fax', value: '+14085559102', primary: false },
    ]);
    const kept = await call(sim, 'PUT', `/people/${P.bob}`, { query: { callingData: true }, body: { ...fullBody(before), title: 'Foreman' } });
    expect(kept.body.phoneNumbers).toEqual(before.phoneNumbers);
    const { phoneNumbers: _dropped, ...withoutNumbers } = fullBody(before);
    const erased = await call(sim, 'PUT', `/people/${P.bob}`, { query: { callingData: true }, body: withoutNumbers });
    expect(erased.body.phoneNumbers).toBeUndefined();
  });

  it('removing the calling license frees the unit, the numbers, extension and location', async () => {
    const carol = await get(P.carol);
    const res = await call(sim, 'PUT', `/people/${P.carol}`, { query: { callingData: true }, body: { ...fullBody(carol), licenses: [] } });
    expect(res.status).toBe(200);
    expect(res.body.locationId).toBeUndefined();
    expect(res.body.extension).toBeUndefined();
    expect(await consumed(L.callingBasic)).toBe(0);
    expect(sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.owner).toBeUndefined();
    expect(sim.state.numbers.get(DEMO_NUMBERS.carolAlternate)?.owner).toBeUndefined();
  });

  it('honours calling fields only with callingData=true', async () => {
    const alice = fullBody(await get(P.alice));
    // Without callingData the calling fields are ignored.
    await call(sim, 'PUT', `/people/${P.alice}`, { body: { ...alice, extension: '1999' } });
    expect((await get(P.alice)).extension).toBe('1001');
    const res = await call(sim, 'PUT', `/people/${P.alice}`, {
      query: { callingData: true },
      body: { ...alice, extension: '1999', phoneNumbers: [{ type: 'work', value: '+14085550110' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.extension).toBe('1999');
    expect(res.body.phoneNumbers).toContainEqual({ type: 'work', value: '+14085550110', primary: true });
    expect(sim.state.numbers.get(DEMO_NUMBERS.alicePrimary)?.owner).toBeUndefined();
    // Full replace with callingData: leaving out the number removes it.
    const noNumber = await call(sim, 'PUT', `/people/${P.alice}`, {
      query: { callingData: true }, body: { ...alice, extension: '1999', phoneNumbers: [] },
    });
    expect(noNumber.body.phoneNumbers.find((n: any) => n.type === 'work')).toBeUndefined();
  });

  it('refuses to change the location of a calling user (move-users job)', async () => {
    const alice = fullBody(await get(P.alice));
    const res = await call(sim, 'PUT', `/people/${P.alice}`, {
      query: { callingData: true }, body: { ...alice, locationId: LOC.branchOffice },
    });
    expectWebexError(res, 400);
    expect(res.body.message).toMatch(/move/i);
  });

  it('enables calling when the calling license is added with callingData and calling fields', async () => {
    const bob = fullBody(await get(P.bob));
    const withLicense = { ...bob, licenses: [...bob.licenses, L.callingProfessional] };
    expectWebexError(await call(sim, 'PUT', `/people/${P.bob}`, { body: withLicense }), 400);
    const res = await call(sim, 'PUT', `/people/${P.bob}`, {
      query: { callingData: true }, body: { ...withLicense, locationId: LOC.headquarters, extension: '1002' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ locationId: LOC.headquarters, extension: '1002' });
    expect(res.body.licenses).toEqual(expect.arrayContaining([L.messaging, L.meetingsEnterprise, L.callingProfessional]));
  });

  it('409 when taking another person’s email', async () => {
    const bob = fullBody(await get(P.bob));
    expectWebexError(await call(sim, 'PUT', `/people/${P.bob}`, { body: { ...bob, emails: [DEMO_EMAILS.alice] } }), 409);
  });
});

describe('DELETE /people/{id}', () => {
  it('answers 204, then 404, and releases licenses and numbers', async () => {
    const res = await call(sim, 'DELETE', `/people/${P.carol}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expectWebexError(await call(sim, 'GET', `/people/${P.carol}`), 404);
    expectWebexError(await call(sim, 'DELETE', `/people/${P.carol}`), 404);
    expect(await consumed(L.callingBasic)).toBe(0);
    expect(sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.owner).toBeUndefined();
    // The email is free again.
    expect((await call(sim, 'POST', '/people', { body: { emails: [DEMO_EMAILS.carol], displayName: 'Carol 2' } })).status).toBe(200);
  });
});

import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';

const { people: P, locations: LOC } = DEMO_IDS;
const enc = encodeURIComponent;
const ALICE = DEMO_EMAILS.alice;
const CAROL = DEMO_EMAILS.carol;
const HQ_FREE = '+14085550105';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const numbers = (user: string) => `/users/${enc(user)}/numbers`;
const puts = () => h.webexCalls('PUT', '/telephony/config/people');

describe('GET /users/{user}/numbers (Get Webex User Phone Numbers)', () => {
  it('returns primary number, extension and alternates in E.164', async () => {
    const res = await h.call('GET', numbers(CAROL));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      user: { id: P.carol, email: CAROL },
      callingEnabled: true,
      location: { id: LOC.branchOffice, name: 'Branch Office' },
      primaryNumber: DEMO_NUMBERS.carolPrimary,
      extension: '2001',
      esn: '80022001',
      alternates: [{ phoneNumber: DEMO_NUMBERS.carolAlternate, ringPattern: 'NORMAL' }],
      distinctiveRingEnabled: false,
    });
  });

  it('answers a user without calling with callingEnabled: false, without asking the Calling backend', async () => {
    const res = await h.call('GET', numbers(DEMO_EMAILS.bob));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ user: { id: P.bob, email: DEMO_EMAILS.bob }, callingEnabled: false, alternates: [] });
    expect(h.webexCalls('GET', `/people/${P.bob}/features`)).toHaveLength(0);
  });

  it('answers 404 for an unknown user and 400 for a malformed reference', async () => {
    expect((await h.call('GET', numbers('nobody@example.com'))).status).toBe(404);
    expect((await h.call('GET', numbers('not a user'))).status).toBe(400);
  });
});

describe('POST /users/{user}/numbers (Assign Phone Number to Webex User)', () => {
  it('adds an alternate number with its extension, named as directNumber and external, and is a no-op the second time', async () => {
    const res = await h.call('POST', numbers(ALICE), { phoneNumber: HQ_FREE, extension: '1105', ringPattern: 'LONG_LONG' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ changed: true, primaryNumber: DEMO_NUMBERS.alicePrimary, alternates: [{ phoneNumber: HQ_FREE, extension: '1105', ringPattern: 'LONG_LONG' }] });
    expect(puts().map((r) => r.body)).toEqual([
      // directNumber for Cisco's document, external for what wxc_sdk sends on live orgs.
      { phoneNumbers: [{ action: 'ADD', directNumber: HQ_FREE, external: HQ_FREE, extension: '1105', ringPattern: 'LONG_LONG', primary: false }] },
    ]);
    const again = await h.call('POST', numbers(ALICE), { phoneNumber: HQ_FREE });
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);
    expect(puts()).toHaveLength(1);
  });

  it('treats the primary number as already held', async () => {
    const res = await h.call('POST', numbers(ALICE), { phoneNumber: DEMO_NUMBERS.alicePrimary });
    expect(res.status).toBe(200);
    expect(res.body.changed).toBe(false);
    expect(puts()).toHaveLength(0);
  });

  it('answers 409 for a user without calling, naming the reason', async () => {
    const res = await h.call('POST', numbers(DEMO_EMAILS.bob), { phoneNumber: HQ_FREE });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NotCallingEnabledError', message: expect.stringMatching(/not a Webex Calling user/) });
    expect(puts()).toHaveLength(0);
  });

  it('answers 422 for a number outside the user\'s location and 409 for a number or extension someone holds', async () => {
    const elsewhere = await h.call('POST', numbers(ALICE), { phoneNumber: '+12125550105' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toMatchObject({ code: 'NumberNotInLocationError', message: expect.stringContaining('Branch Office') });
    await h.call('POST', `/users/${enc(DEMO_EMAILS.bob)}/calling`, { location: 'Branch Office', extension: '2002' });
    const other = await h.call('POST', numbers(DEMO_EMAILS.bob), { phoneNumber: DEMO_NUMBERS.carolAlternate });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'NumberTakenError', message: expect.stringContaining('Carol Calling') });
    const ext = await h.call('POST', numbers(ALICE), { phoneNumber: HQ_FREE, extension: '1001' });
    expect(ext.status).toBe(409);
    expect(ext.body.error.code).toBe('ExtensionTakenError');
    expect(puts()).toHaveLength(0);
  });

  it('recognises an ADD that Webex applied before failing, instead of resending it', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/telephony/config/people' }, kind: 'applyThenFail', status: 502 });
    const res = await h.call('POST', numbers(ALICE), { phoneNumber: HQ_FREE });
    expect(res.status).toBe(201);
    expect(res.body.alternates).toEqual([{ phoneNumber: HQ_FREE, ringPattern: 'NORMAL' }]);
    expect(puts().map((r) => r.status)).toEqual([502]);
  });

  it('resends once after a 5xx that was not applied', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/telephony/config/people' }, kind: 'status', status: 503 });
    const res = await h.call('POST', numbers(ALICE), { phoneNumber: HQ_FREE });
    expect(res.status).toBe(201);
    expect(puts().map((r) => r.status)).toEqual([503, 204]);
  });

  it.each([
    ['a national number', { phoneNumber: '4085550105' }, ['phoneNumber']],
    ['a bad extension', { phoneNumber: HQ_FREE, extension: '12345678901' }, ['extension']],
    ['a bad ring pattern', { phoneNumber: HQ_FREE, ringPattern: 'LOUD' }, ['ringPattern']],
    ['an unknown field', { phoneNumber: HQ_FREE, primary: true }, ['primary']],
  ])('answers %s with a 400 naming the field, sending nothing', async (_, body, fields) => {
    const res = await h.call('POST', numbers(ALICE), body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    expect(h.webexCalls()).toHaveLength(0);
  });
});

describe('DELETE /users/{user}/numbers/{phoneNumber} (Unassign Phone Number)', () => {
  it('returns an alternate number to the location\'s pool', async () => {
    const res = await h.call('DELETE', `${numbers(CAROL)}/${enc(DEMO_NUMBERS.carolAlternate)}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ changed: true, primaryNumber: DEMO_NUMBERS.carolPrimary, alternates: [] });
    expect(puts().map((r) => r.body)).toEqual([
      { phoneNumbers: [{ action: 'DELETE', directNumber: DEMO_NUMBERS.carolAlternate, external: DEMO_NUMBERS.carolAlternate, primary: false }] },
    ]);
    const pool = await h.call('GET', `/numbers?available=true&location=${enc('Branch Office')}`);
    expect(pool.body.items.map((n: { phoneNumber: string }) => n.phoneNumber)).toContain(DEMO_NUMBERS.carolAlternate);
  });

  it('accepts the number with a literal + in the path', async () => {
    const res = await h.call('DELETE', `${numbers(CAROL)}/${DEMO_NUMBERS.carolAlternate}`);
    expect(res.status).toBe(200);
  });

  it('refuses the primary number with 409 and a number the user does not hold with 404', async () => {
    const primary = await h.call('DELETE', `${numbers(CAROL)}/${enc(DEMO_NUMBERS.carolPrimary)}`);
    expect(primary.status).toBe(409);
    expect(primary.body.error).toMatchObject({ code: 'PrimaryNumberError', message: expect.stringMatching(/primary number/) });
    const notHeld = await h.call('DELETE', `${numbers(CAROL)}/${enc('+12125550105')}`);
    expect(notHeld.status).toBe(404);
    expect(notHeld.body.error.code).toBe('NumberNotHeldError');
    expect(puts()).toHaveLength(0);
  });

  it('answers a malformed number with 400, sending nothing', async () => {
    const res = await h.call('DELETE', `${numbers(CAROL)}/12345`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('phoneNumber');
    expect(h.webexCalls()).toHaveLength(0);
  });
});

describe('GET /numbers (List Webex Phone Numbers)', () => {
  it('lists every number with its location and owner', async () => {
    const res = await h.call('GET', '/numbers');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(37);
    expect(res.body.nextCursor).toBeUndefined();
    expect(res.body.items).toContainEqual(expect.objectContaining({
      phoneNumber: DEMO_NUMBERS.alicePrimary, extension: '1001', phoneNumberType: 'PRIMARY',
      location: { id: LOC.headquarters, name: 'Headquarters' }, owner: expect.objectContaining({ id: P.alice, type: 'PEOPLE' }),
    }));
  });

  it('filters by available, location (name or id) and ownerType', async () => {
    const available = await h.call('GET', `/numbers?available=true&location=Headquarters`);
    expect(available.body.count).toBe(23);
    expect(h.webexCalls('GET', '/telephony/config/numbers')[0].query).toMatchObject({ available: 'true', locationId: LOC.headquarters });
    const byId = await h.call('GET', `/numbers?available=true&location=${LOC.headquarters}`);
    expect(byId.body.items).toEqual(available.body.items);
    const people = await h.call('GET', '/numbers?ownerType=PEOPLE');
    expect(people.body.items.map((n: { phoneNumber: string }) => n.phoneNumber).sort()).toEqual(
      [DEMO_NUMBERS.alicePrimary, DEMO_NUMBERS.carolPrimary, DEMO_NUMBERS.carolAlternate].sort(),
    );
  });

  it('pages through every Webex page of a large org', async () => {
    for (let i = 0; i < 4500; i++) {
      const phoneNumber = `+1650555${String(i).padStart(4, '0')}`;
      h.sim.state.numbers.set(phoneNumber, { phoneNumber, locationId: LOC.headquarters, state: 'ACTIVE', tollFree: false, service: false });
    }
    const res = await h.call('GET', '/numbers');
    expect(res.body.count).toBe(4537);
    expect(new Set(res.body.items.map((n: { phoneNumber: string }) => n.phoneNumber)).size).toBe(4537);
    expect(h.webexCalls('GET', '/telephony/config/numbers').map((r) => [r.query.start, r.query.max])).toEqual([
      // The last page asks for one more than the 5000 an answer holds, to know whether a next part exists.
      ['0', '2000'], ['2000', '2000'], ['4000', '1001'],
    ]);
  });

  it('hands out a large listing in parts with limit and cursor', async () => {
    const first = await h.call('GET', '/numbers?location=Headquarters&limit=8');
    expect(first.body.count).toBe(8);
    const seen = [...first.body.items];
    let cursor = first.body.nextCursor;
    while (cursor) {
      const next = await h.call('GET', `/numbers?location=Headquarters&limit=8&cursor=${cursor}`);
      expect(next.status).toBe(200);
      seen.push(...next.body.items);
      cursor = next.body.nextCursor;
    }
    expect(seen.map((n) => n.phoneNumber)).toEqual([
      DEMO_NUMBERS.headquartersInactive, DEMO_NUMBERS.headquartersMobile, DEMO_NUMBERS.headquartersService, DEMO_NUMBERS.headquartersReserved,
      ...Array.from({ length: 20 }, (_, i) => `+1408555${String(100 + i).padStart(4, '0')}`),
      DEMO_NUMBERS.headquartersTollFree,
    ]);
    const mismatch = await h.call('GET', `/numbers?location=${enc('Branch Office')}&limit=8&cursor=${first.body.nextCursor}`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields[0]).toMatchObject({ field: 'cursor', message: expect.stringMatching(/other filters/) });
  });

  it.each([
    ['available with ownerType', '?available=true&ownerType=PEOPLE', 'ownerType'],
    ['an unknown ownerType', '?ownerType=ROBOT', 'ownerType'],
    ['a bad limit', '?limit=0', 'limit'],
    ['a forged cursor', '?cursor=abc', 'cursor'],
    ...['null', '[]', '"x"', '{"s":1e400,"f":"x"}', '{"s":1.5,"f":"x"}', '{"s":0}'].map(
      (json) => [`a cursor decoding to ${json}`, `?location=Headquarters&cursor=${Buffer.from(json).toString('base64url')}`, 'cursor'],
    ),
    ['an unknown parameter', '?order=dn', 'order'],
  ])('answers %s with a 400 naming it', async (_, query, field) => {
    const res = await h.call('GET', `/numbers${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe(field);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('answers 404 for an unknown location', async () => {
    expect((await h.call('GET', '/numbers?location=Atlantis')).status).toBe(404);
  });
});

describe('POST /locations/{location}/numbers (Add Phone Numbers to Webex Location)', () => {
  const add = (location: string, body: unknown) => h.call('POST', `/locations/${enc(location)}/numbers`, body);
  const posts = () => h.webexCalls('POST', '/telephony/config/locations');

  it('adds new numbers and reports each one', async () => {
    const res = await add('Headquarters', { phoneNumbers: ['+14085550201', '+14085550202'], state: 'INACTIVE' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      location: { id: LOC.headquarters, name: 'Headquarters' }, numberType: 'DID', state: 'INACTIVE', added: 2,
      numbers: [{ phoneNumber: '+14085550201', status: 'added' }, { phoneNumber: '+14085550202', status: 'added' }],
    });
    expect(posts().map((r) => r.body)).toEqual([{ phoneNumbers: ['+14085550201', '+14085550202'], numberType: 'DID', state: 'INACTIVE' }]);
    const listed = await h.call('GET', `/numbers?location=Headquarters`);
    expect(listed.body.items.find((n: { phoneNumber: string }) => n.phoneNumber === '+14085550201').state).toBe('INACTIVE');
  });

  it('reports duplicates per number and sends only the new ones (207)', async () => {
    const res = await add(LOC.headquarters, {
      phoneNumbers: ['+14085550201', DEMO_NUMBERS.headquartersMain, '+12125550105', '+14085550201', '+14085550110'],
    });
    expect(res.status).toBe(207);
    expect(res.body.numbers).toEqual([
      { phoneNumber: '+14085550201', status: 'added' },
      { phoneNumber: DEMO_NUMBERS.headquartersMain, status: 'alreadyInLocation' },
      { phoneNumber: '+12125550105', status: 'inAnotherLocation', detail: expect.stringContaining('+12125550105') },
      { phoneNumber: '+14085550201', status: 'duplicateInRequest', detail: 'listed more than once' },
      { phoneNumber: '+14085550110', status: 'alreadyInLocation' },
    ]);
    // The main number is never sent: Webex answers 409 for it although existing numbers are "ignored".
    expect(posts().map((r) => (r.body as { phoneNumbers: string[] }).phoneNumbers)).toEqual([['+14085550201']]);
  });

  it('answers 200 when every number is already there, 409 when none could be added', async () => {
    const there = await add('Headquarters', { phoneNumbers: [DEMO_NUMBERS.alicePrimary] });
    expect(there.status).toBe(200);
    const elsewhere = await add('Headquarters', { phoneNumbers: ['+12125550105'] });
    expect(elsewhere.status).toBe(409);
    expect(posts()).toHaveLength(0);
  });

  it('sends at most 100 DID numbers and 20 mobile numbers per request, as Webex allows', async () => {
    const did = Array.from({ length: 250 }, (_, i) => `+1408666${String(i).padStart(4, '0')}`);
    expect((await add('Headquarters', { phoneNumbers: did })).status).toBe(201);
    const mobile = Array.from({ length: 45 }, (_, i) => `+1408777${String(i).padStart(4, '0')}`);
    const res = await add('Headquarters', { phoneNumbers: mobile, numberType: 'MOBILE' });
    expect(res.status).toBe(201);
    expect(res.body.added).toBe(45);
    expect(posts().map((r) => (r.body as { phoneNumbers: string[] }).phoneNumbers.length)).toEqual([100, 100, 50, 20, 20, 5]);
    expect(h.webexCalls('POST', '/telephony/config/actions/validateNumbers')).toHaveLength(6);
  });

  it('answers 422 for a location on integrated PSTN, read from its PSTN connection, before sending anything', async () => {
    // Webex does not refuse it (Cisco only warns of backend data issues, webex-numbers.yml), nor does the simulator.
    const res = await add('Partner Hub', { phoneNumbers: ['+13125550150'] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'IntegratedPstnError', message: expect.stringMatching(/Partner Hub.*CISCO_PSTN/) });
    expect(h.webexCalls('GET', '/telephony/pstn/locations/')).toHaveLength(1);
    expect(posts()).toHaveLength(0);
    expect(h.webexCalls('POST', '/telephony/config/actions/validateNumbers')).toHaveLength(0);
  });

  it('answers 422 naming a location that is not enabled for Webex Calling, sending nothing', async () => {
    const res = await add('Warehouse', { phoneNumbers: ['+13035550150'] });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'NotCallingLocationError', message: expect.stringContaining('"Warehouse"') });
    expect(posts()).toHaveLength(0);
  });

  it('reports a batch as added when Webex applied it, answered 500, and refused the resend with 409', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: '/telephony/config/locations' }, kind: 'applyThenFail', status: 500 });
    const res = await add('Headquarters', { phoneNumbers: ['+14085550201', '+14085550202'] });
    expect(posts().map((r) => r.status)).toEqual([500, 409]);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ added: 2, numbers: [{ phoneNumber: '+14085550201', status: 'added' }, { phoneNumber: '+14085550202', status: 'added' }] });
  });

  it('marks a batch Webex refused as failed and keeps going', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: '/telephony/config/locations' }, kind: 'status', status: 400,
      body: { message: 'Number blocked', errors: [{ description: 'Number blocked' }], trackingId: 'SIM_X' } });
    const numbersToAdd = Array.from({ length: 101 }, (_, i) => `+1408666${String(i).padStart(4, '0')}`);
    const res = await add('Headquarters', { phoneNumbers: numbersToAdd });
    expect(res.status).toBe(207);
    expect(res.body.added).toBe(1);
    expect(res.body.numbers[0]).toMatchObject({ status: 'failed', detail: expect.stringContaining('Number blocked') });
    expect(res.body.numbers[100]).toEqual({ phoneNumber: '+14086660100', status: 'added' });
  });

  it.each([
    ['a number not in E.164', { phoneNumbers: ['4085550201'] }, 'phoneNumbers.0'],
    ['no numbers', { phoneNumbers: [] }, 'phoneNumbers'],
    ['a bad state', { phoneNumbers: ['+14085550201'], state: 'ON' }, 'state'],
    ['a bad numberType', { phoneNumbers: ['+14085550201'], numberType: 'FAX' }, 'numberType'],
  ])('answers %s with a 400 naming the field, sending nothing', async (_, body, field) => {
    const res = await add('Headquarters', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe(field);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('answers 404 for an unknown location', async () => {
    expect((await add('Atlantis', { phoneNumbers: ['+14085550201'] })).status).toBe(404);
  });
});

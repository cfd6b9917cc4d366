import { startHarness, type Harness } from '../../support/harness';
import { SkippingClock } from '../../support/virtual-clock';
import { DEMO_IDS } from '../../../functions/simulator/seed';

let h: Harness;

beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const enc = encodeURIComponent;

describe('POST /users (Create Webex User)', () => {
  it('creates the user: 201 with the user and created: true', async () => {
    const res = await h.call('POST', '/users', { email: 'dana.new@example.com', firstName: 'Dana', lastName: 'New', department: 'Sales' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      created: true,
      email: 'dana.new@example.com',
      displayName: 'Dana New',
      firstName: 'Dana',
      department: 'Sales',
      calling: { enabled: false },
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
    });
    expect(h.webexCalls('POST', '/people')).toHaveLength(1);
  });

  it('returns the existing user with 200 and created: false, sending no POST', async () => {
    const res = await h.call('POST', '/users', { email: 'Alice.Admin@example.com', displayName: 'Someone Else' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: false, email: 'alice.admin@example.com', calling: { enabled: true } });
    expect(h.webexCalls('POST')).toHaveLength(0);
  });

  it('a retried request never duplicates the user', async () => {
    const first = await h.call('POST', '/users', { email: 'erin@example.com', displayName: 'Erin' });
    const second = await h.call('POST', '/users', { email: 'erin@example.com', displayName: 'Erin' });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    expect(h.webexCalls('POST', '/people')).toHaveLength(1);
  });

  it('looks the e-mail up after a POST that failed after being applied, instead of creating it twice', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'applyThenFail', status: 500 });
    const res = await h.call('POST', '/users', { email: 'frank@example.com', displayName: 'Frank' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: true, email: 'frank@example.com' });
    expect(h.webexCalls('POST', '/people')).toHaveLength(1);
    const found = await h.call('GET', `/users/${enc('frank@example.com')}`);
    expect(found.status).toBe(200);
  });

  it('sends the POST again after a 5xx that was not applied, once the look-up shows no user', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'status', status: 503 });
    const res = await h.call('POST', '/users', { email: 'gina@example.com', displayName: 'Gina' });
    expect(res.status).toBe(201);
    expect(h.webexCalls('POST', '/people').map((r) => r.status)).toEqual([503, 200]);
  });

  it('reports a persistent Webex fault as 502 with the trackingId, having created nothing twice', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'status', status: 500, times: Infinity });
    const res = await h.call('POST', '/users', { email: 'hal@example.com', displayName: 'Hal' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'WebexServerError', webexStatus: 500, trackingId: expect.any(String) });
    h.sim.faults.clear();
    const lookup = await h.call('GET', `/users/${enc('hal@example.com')}`);
    expect(lookup.status).toBe(404);
  });

  it.each([
    ['malformed e-mail', { email: 'nope', displayName: 'X' }, ['email']],
    ['missing e-mail', { displayName: 'X' }, ['email']],
    ['no name at all', { email: 'x@example.com' }, ['displayName']],
    ['unknown field', { email: 'x@example.com', displayName: 'X', licenses: ['all'] }, ['licenses']],
    ['wrong type', { email: 'x@example.com', displayName: 7 }, ['displayName']],
    ['oversized string', { email: 'x@example.com', displayName: 'y'.repeat(300) }, ['displayName']],
  ])('answers %s with a 400 naming the field and sends nothing to Webex', async (_, body, fields) => {
    const res = await h.call('POST', '/users', body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('answers malformed JSON with 400 and an oversized body with 413, sending nothing', async () => {
    expect((await h.call('POST', '/users', '{"email": ')).status).toBe(400);
    expect((await h.call('POST', '/users', { email: 'x@example.com', displayName: 'z'.repeat(70_000) })).status).toBe(413);
    expect(h.webexCalls()).toHaveLength(0);
  });
});

describe('GET /users/{user} (Get Webex User)', () => {
  it('returns calling details by e-mail: licenses by name, location, primary number, extension', async () => {
    const res = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      email: 'alice.admin@example.com',
      calling: { enabled: true, location: { name: 'Headquarters' }, primaryNumber: '+14085550101', extension: '1001' },
    });
    expect(res.body.licenses.map((l: { name: string }) => l.name)).toEqual(
      expect.arrayContaining(['Webex Calling - Professional']),
    );
  });

  it('finds the same user by Webex person id', async () => {
    const byEmail = await h.call('GET', `/users/${enc('carol.calling@example.com')}`);
    const byId = await h.call('GET', `/users/${enc(byEmail.body.id)}`);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual(byEmail.body);
  });

  it('answers 404 for an unknown e-mail or id', async () => {
    expect((await h.call('GET', `/users/${enc('nobody@example.com')}`)).status).toBe(404);
    expect((await h.call('GET', '/users/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub2JvZHk')).status).toBe(404);
  });

  it('answers a malformed reference with 400 and sends nothing', async () => {
    const res = await h.call('GET', `/users/${enc('not an id')}`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields[0].field).toBe('user');
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('caches licenses and locations across invocations of a warm function', async () => {
    await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    h.sim.clearRequests();
    await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(h.webexCalls().map((r) => `${r.method} ${r.path.replace(/\/people\/.+/, '/people/{id}')}`)).toEqual([
      'GET /people',
      'GET /people/{id}',
    ]);
  });
});

describe('PATCH /users/{user} (Update Webex User)', () => {
  it('changes only the requested fields and preserves licenses, calling data and numbers', async () => {
    const before = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    const res = await h.call('PATCH', `/users/${enc('alice.admin@example.com')}`, { title: 'CTO', department: 'Engineering' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ title: 'CTO', department: 'Engineering' });
    const after = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(after.body.licenses).toEqual(before.body.licenses);
    expect(after.body.calling).toEqual(before.body.calling);
    expect(after.body.displayName).toBe(before.body.displayName);
    const put = h.webexCalls('PUT', '/people')[0];
    expect(put.query.callingData).toBe('true');
    expect(put.body).toMatchObject({ licenses: expect.any(Array), locationId: expect.any(String), extension: '1001' });
  });

  it('keeps a directory user\'s mobile and fax numbers: every phone number goes back as read', async () => {
    const bob = () => h.sim.state.people.get(DEMO_IDS.people.bob)!.otherNumbers;
    const before = structuredClone(bob());
    expect(before.map((n) => n.type)).toEqual(['mobile', 'fax']);
    expect((await h.call('PATCH', `/users/${enc('bob.builder@example.com')}`, { title: 'Foreman' })).status).toBe(200);
    expect(bob()).toEqual(before);
    expect(h.webexCalls('PUT', '/people')[0].body).toMatchObject({
      phoneNumbers: [{ type: 'mobile', value: '+14085559002' }, { type: 'fax', value: '+14085559102' }],
    });
  });

  it('clears department with null', async () => {
    await h.call('PATCH', `/users/${enc('bob.builder@example.com')}`, { department: 'Ops' });
    const res = await h.call('PATCH', `/users/${enc('bob.builder@example.com')}`, { department: null });
    expect(res.status).toBe(200);
    expect(res.body.department).toBeUndefined();
  });

  it('answers 404 for an unknown user and 400 for an empty or invalid patch, without writing', async () => {
    expect((await h.call('PATCH', `/users/${enc('ghost@example.com')}`, { title: 'x' })).status).toBe(404);
    const empty = await h.call('PATCH', `/users/${enc('bob.builder@example.com')}`, {});
    expect(empty.status).toBe(400);
    const bad = await h.call('PATCH', `/users/${enc('bob.builder@example.com')}`, { email: 'new@example.com', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['email', 'title']);
    expect(h.webexCalls('PUT')).toHaveLength(0);
  });

  it('retries the PUT on a 5xx (a full-record PUT is safe to resend)', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/people' }, kind: 'status', status: 502 });
    const res = await h.call('PATCH', `/users/${enc('bob.builder@example.com')}`, { title: 'Lead' });
    expect(res.status).toBe(200);
    expect(h.webexCalls('PUT').map((r) => r.status)).toEqual([502, 200]);
  });
});

describe('DELETE /users/{user} (Delete Webex User)', () => {
  it('deletes: 204, then 404', async () => {
    const res = await h.call('DELETE', `/users/${enc('bob.builder@example.com')}`);
    expect(res.status).toBe(204);
    expect(res.body).toBeUndefined();
    expect((await h.call('GET', `/users/${enc('bob.builder@example.com')}`)).status).toBe(404);
    expect((await h.call('DELETE', `/users/${enc('bob.builder@example.com')}`)).status).toBe(404);
  });

  it('deletes by id, and a DELETE retried after an applied-then-failed attempt still answers 204', async () => {
    const bob = await h.call('GET', `/users/${enc('bob.builder@example.com')}`);
    h.sim.faults.add({ match: { method: 'DELETE', path: '/people' }, kind: 'applyThenFail', status: 502 });
    const res = await h.call('DELETE', `/users/${enc(bob.body.id)}`);
    expect(res.status).toBe(204);
    expect(h.webexCalls('DELETE').map((r) => r.status)).toEqual([502, 404]);
  });

  it('answers 404 for an unknown id', async () => {
    expect((await h.call('DELETE', '/users/Y2lzY29zcGFyazovL3VzL1BFT1BMRS9ub2JvZHk')).status).toBe(404);
  });
});

describe('Webex faults and rate limits', () => {
  it('waits out a 429 with Retry-After and succeeds', async () => {
    // The client's waits recorded (and skipped) by its clock: the one it took is the second Webex asked for, plus the
    // spread of up to a second that keeps refused requests from coming back together (client.ts afterRateLimit).
    const clock = new SkippingClock();
    await h.close();
    h = await startHarness({}, { webexClock: clock });
    h.sim.faults.add({ match: { method: 'GET', path: '/people' }, kind: 'status', status: 429, retryAfter: '1' });
    const res = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(res.status).toBe(200);
    // The refused look-up, sent again after the wait (then the person read by id).
    const [refused, resent] = h.webexCalls('GET', '/people');
    expect([refused.status, resent.status]).toEqual([429, 200]);
    expect(resent.query).toEqual(refused.query);
    expect(clock.sleeps).toHaveLength(1);
    expect(clock.sleeps[0]).toBeGreaterThanOrEqual(1_000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(2_000);
  });

  it('passes on a 429 whose wait is too long for one request, with Retry-After', async () => {
    h.sim.faults.add({ match: { path: '/people' }, kind: 'status', status: 429, retryAfter: '120' });
    const res = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('120');
    expect(res.body.error.retryAfterSeconds).toBe(120);
  });

  it('survives a dropped connection on a read', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: '/people' }, kind: 'drop' });
    const res = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(res.status).toBe(200);
  });

  it('answers 502 with the trackingId when Webex keeps failing', async () => {
    h.sim.faults.add({ match: { path: '/people' }, kind: 'status', status: 503, times: Infinity });
    const res = await h.call('GET', `/users/${enc('alice.admin@example.com')}`);
    expect(res.status).toBe(502);
    expect(res.body.error.trackingId).toEqual(expect.any(String));
  });
});

describe('routing', () => {
  it('answers unknown routes with 404 and wrong methods with 405', async () => {
    expect((await h.call('GET', '/nope')).status).toBe(404);
    const res = await h.call('PUT', '/users/a%40example.com', { title: 'x' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, PATCH, DELETE');
  });
});

import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

const enc = encodeURIComponent;
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const EMAIL = 'dana.direct@example.com';
const history = async (user: string) => {
  const res = await h.call('GET', `/users/${enc(user)}/history`);
  expect(res.status).toBe(200);
  return res.body.items as Record<string, any>[];
};
/** The TrackingIDs of the Webex answers since `from`, and of the successful ones. */
const answered = (from: number) => {
  const calls = h.webexCalls().slice(from);
  return { all: calls.map((c) => c.trackingId), ok: calls.filter((c) => c.status < 400).map((c) => c.trackingId) };
};

describe('activity records of direct API calls (read back through GET /users/{user}/history)', () => {
  it('POST /users, PATCH, POST …/calling and DELETE each write one record: kind, outcome, before/after, the API caller, every trackingId', async () => {
    let from = h.webexCalls().length;
    const created = await h.call('POST', '/users', { email: EMAIL, firstName: 'Dana', lastName: 'Direct', title: 'Engineer' });
    expect(created.status).toBe(201);
    const [createRecord] = await history(EMAIL);
    expect(createRecord).toMatchObject({
      kind: 'createUser', email: EMAIL, userId: created.body.id, outcome: 'succeeded',
      trigger: { type: 'api', caller: expect.any(String), requestId: created.headers.get('x-amzn-requestid') },
      changes: expect.arrayContaining([{ field: 'email', after: EMAIL }, { field: 'firstName', after: 'Dana' }, { field: 'title', after: 'Engineer' }]),
    });
    // Every Webex answer's TrackingID, the successful ones included (Cisco support asks for them).
    const createIds = answered(from);
    expect(createIds.ok.length).toBeGreaterThan(0);
    expect(createRecord.trackingIds).toEqual(createIds.all);

    from = h.webexCalls().length;
    const patched = await h.call('PATCH', `/users/${enc(EMAIL)}`, { title: 'Senior Engineer' });
    expect(patched.status).toBe(200);
    const [updateRecord] = await history(EMAIL);
    expect(updateRecord).toMatchObject({
      kind: 'updateUser', outcome: 'succeeded', userId: created.body.id,
      changes: [{ field: 'title', before: 'Engineer', after: 'Senior Engineer' }],
      trackingIds: answered(from).all,
    });

    const calling = await h.call('POST', `/users/${enc(EMAIL)}/calling`, { location: 'Headquarters', extension: '5301' });
    expect(calling.status).toBe(200);
    const [callingRecord] = await history(EMAIL);
    expect(callingRecord).toMatchObject({
      kind: 'enableCalling', outcome: 'succeeded', userId: created.body.id,
      changes: expect.arrayContaining([{ field: 'calling.location', after: 'Headquarters' }, { field: 'calling.extension', after: '5301' }]),
    });
    expect(callingRecord.trackingIds.length).toBeGreaterThan(0);

    from = h.webexCalls().length;
    expect((await h.call('DELETE', `/users/${enc(EMAIL)}`)).status).toBe(204);
    const records = await history(EMAIL);
    expect(records.map((r) => r.kind)).toEqual(['deleteUser', 'enableCalling', 'updateUser', 'createUser']);
    expect(records[0]).toMatchObject({ outcome: 'succeeded', userId: created.body.id, changes: [{ field: 'user', before: 'present', after: 'deleted' }], trackingIds: answered(from).all });
    // One record per call: each its own request id.
    expect(new Set(records.map((r) => r.executionName)).size).toBe(4);
  });

  it('a creation of a user who exists is recorded with nothing changed, saying so', async () => {
    const res = await h.call('POST', '/users', { email: 'bob.builder@example.com', firstName: 'Bob' });
    expect(res.status).toBe(200);
    const [record] = await history('bob.builder@example.com');
    expect(record).toMatchObject({ kind: 'createUser', outcome: 'succeeded', changes: [], note: 'the user already existed' });
  });

  it('a call Webex fails is recorded as failed with the error and its trackingId; a user that does not exist is not recorded', async () => {
    const email = 'carol.calling@example.com';
    h.sim.faults.add({ match: { method: 'PUT', path: '/people' }, kind: 'status', status: 500, times: Infinity });
    let res;
    try {
      res = await h.call('PATCH', `/users/${enc(email)}`, { title: 'Lead' });
    } finally {
      h.sim.faults.clear();
    }
    expect(res.status).toBeGreaterThanOrEqual(500);
    const [record] = await history(email);
    expect(record).toMatchObject({ kind: 'updateUser', outcome: 'failed', changes: [], error: { code: expect.stringMatching(/^Webex/) } });
    const failedIds = h.webexCalls().filter((c) => c.method === 'PUT' && c.status === 500).map((c) => c.trackingId);
    expect(record.trackingIds).toEqual(expect.arrayContaining(failedIds.slice(-1)));

    expect((await h.call('DELETE', `/users/${enc('nobody.here@example.com')}`)).status).toBe(404);
    expect(await history('nobody.here@example.com')).toEqual([]);
  });
});

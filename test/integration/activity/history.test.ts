import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

const enc = encodeURIComponent;
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
const event = (detailType: string, detail: Record<string, unknown>) => ({
  id: `7c1d2e3f-0000-4000-8000-${String(++seq).padStart(12, '0')}`, source: 'hr.system', 'detail-type': detailType, detail,
});

async function run(detailType: string, detail: Record<string, unknown>) {
  const res = await h.call('POST', '/events', event(detailType, detail));
  expect(res.status).toBe(202);
  const outcome = await h.runtime.executions.outcome(res.body.stateMachine, res.body.executionName);
  return { executionName: res.body.executionName as string, outcome: await outcome };
}

const EMAIL = 'erin.history@example.com';

describe('user history (activity table, written by the lifecycle runs)', () => {
  it('lists a joiner, a move and a leaver newest first, with what changed, the trigger and the outcome; paged; by e-mail or person id', async () => {
    const joiner = await run('Webex User Joined', { email: EMAIL, firstName: 'Erin', lastName: 'History', title: 'AE', location: 'Headquarters', autoAssignNumber: true });
    expect(joiner.outcome?.status).toBe('SUCCEEDED');
    const mover = await run('Webex User Moved', { email: EMAIL, profile: { title: 'Senior AE' } });
    expect(mover.outcome?.status).toBe('SUCCEEDED');
    const leaver = await run('Webex User Left', { email: EMAIL, policy: 'deactivate' });
    expect(leaver.outcome?.status).toBe('SUCCEEDED');

    const all = await h.call('GET', `/users/${enc(EMAIL)}/history`);
    expect(all.status).toBe(200);
    expect(all.body.items.map((r: { kind: string }) => r.kind)).toEqual(['leaver', 'mover', 'joiner']);
    const [left, moved, joined] = all.body.items;
    expect(joined).toMatchObject({
      kind: 'joiner', email: EMAIL, outcome: 'succeeded', executionName: joiner.executionName,
      trigger: { type: 'event', source: 'hr.system', detailType: 'Webex User Joined' },
      changes: expect.arrayContaining([{ field: 'email', after: EMAIL }, { field: 'title', after: 'AE' }, { field: 'calling.location', after: 'Headquarters' }]),
      steps: [{ step: 'createUser', status: 'applied' }, expect.objectContaining({ step: 'enableCalling', status: 'applied' })],
    });
    expect(moved).toMatchObject({ kind: 'mover', outcome: 'succeeded', changes: [{ field: 'title', before: 'AE', after: 'Senior AE' }] });
    expect(left).toMatchObject({ kind: 'leaver', outcome: 'succeeded', changes: expect.arrayContaining([{ field: 'loginEnabled', before: true, after: false }]) });
    expect(all.body.nextCursor).toBeUndefined();

    // By person id: the same records (each run knew the user's id).
    const byId = await h.call('GET', `/users/${enc(joined.userId)}/history`);
    expect(byId.body.items.map((r: { executionName: string }) => r.executionName)).toEqual(all.body.items.map((r: { executionName: string }) => r.executionName));

    // Paged: one at a time, following the cursor, the same order and nothing twice.
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await h.call('GET', `/users/${enc(EMAIL)}/history?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(1);
      names.push(...page.body.items.map((r: { executionName: string }) => r.executionName));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual([leaver.executionName, mover.executionName, joiner.executionName]);
  }, 120_000);

  it('records a failed run with its error and its Webex trackingIds in full', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/people/' }, kind: 'status', status: 500, times: Infinity });
    const failed = await run('Webex User Moved', { email: 'alice.admin@example.com', profile: { title: 'Never' } });
    expect(failed.outcome?.status).toBe('FAILED');
    const history = await h.call('GET', `/users/${enc('alice.admin@example.com')}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({
      kind: 'mover', outcome: 'failed', executionName: failed.executionName, error: expect.objectContaining({ code: expect.any(String) }),
      steps: expect.arrayContaining([expect.objectContaining({ status: 'failed' })]),
    })]);
    expect(history.body.items[0].trackingIds.length).toBeGreaterThan(0);
    expect(history.body.items[0].trackingIds.every((id: string) => /^WEBEXPROV_/.test(id))).toBe(true);

  });

  it('an outcome step run twice with the same payload (a Retry after a timeout) leaves one record, the first', async () => {
    const origin = { eventId: 'e-1', source: 'hr.system', detailType: 'Webex User Left' };
    const payload = (note: string) => ({
      step: 'buildOutcome', flow: 'leaver', executionName: 'leaver-e-1', startedAt: '2026-12-07T01:00:00.000Z',
      state: { origin, detail: { email: 'gone@example.com', policy: 'delete', note }, user: { found: false, email: 'gone@example.com' } },
    });
    const handler = h.runtime.taskHandlers.LifecycleStepsFunctionArn;
    await handler(payload('first'), {} as never);
    const first = await h.call('GET', `/users/${enc('gone@example.com')}/history`);
    await handler(payload('second'), {} as never);
    const again = await h.call('GET', `/users/${enc('gone@example.com')}/history`);
    expect(again.body.items).toHaveLength(1);
    expect(again.body.items).toEqual(first.body.items);
    expect(first.body.items[0]).toMatchObject({ kind: 'leaver', executionName: 'leaver-e-1', startedAt: '2026-12-07T01:00:00.000Z', outcome: 'succeeded' });
  });

  it('answers 400 naming the field for a bad limit or a cursor it never gave, before reading the table', async () => {
    const limit = await h.call('GET', `/users/${enc(EMAIL)}/history?limit=1000`);
    expect(limit.status).toBe(400);
    expect(limit.body.error.fields[0].field).toBe('limit');
    const cursor = await h.call('GET', `/users/${enc(EMAIL)}/history?cursor=bm90LWEtY3Vyc29y`);
    expect(cursor.status).toBe(400);
    expect(cursor.body.error.fields[0].field).toBe('cursor');
    const user = await h.call('GET', `/users/${enc('not an email@')}/history`);
    expect(user.status).toBe(400);
    expect(user.body.error.fields[0].field).toBe('user');
  });
});


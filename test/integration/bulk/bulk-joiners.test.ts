import { DEMO_EMAILS, DEMO_IDS } from '../../../functions/simulator/seed';
import { finishedBulkRun, peopleCreated } from '../../support/bulk-runs';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

const { people: P } = DEMO_IDS;
const enc = encodeURIComponent;

let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
/** Extension-only users: the locations' number pools are small. */
const user = (n = ++seq, extra: Record<string, unknown> = {}) => ({
  email: `bulk.user${n}@example.com`,
  firstName: 'Bulk',
  lastName: `User${n}`,
  location: n % 2 ? 'Headquarters' : 'Branch Office',
  extension: String(5000 + n),
  ...extra,
});

const finished = (executionName: string) => finishedBulkRun(h, 'BulkJoiners', executionName);
const created = () => peopleCreated(h);

describe('POST /bulk/joiners', () => {
  it('runs the Joiner for each of 5 users and reports each; GET answers the status and the report', async () => {
    const users = [user(), user(), user(), user(), user()];
    const res = await h.call('POST', '/bulk/joiners', { users });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'STARTED', stateMachine: 'BulkJoiners', users: 5, maxConcurrency: 4, executionName: expect.stringMatching(/^bulk-b-[0-9a-f]{40}$/) });
    const status = await finished(res.body.executionName);
    expect(status).toMatchObject({ executionName: res.body.executionName, status: 'SUCCEEDED' });
    expect(status.report).toEqual({
      executionName: res.body.executionName,
      total: 5,
      succeeded: 5,
      failed: 0,
      results: users.map((u, index) => ({ index, email: u.email, location: u.location, status: 'SUCCEEDED', outcome: 'created', userId: expect.any(String) })),
    });
    expect(Object.values(created())).toEqual([1, 1, 1, 1, 1]);
    // Each Joiner publishes its own outcome, as for a single event.
    expect(h.runtime.eventBus.published.filter((e) => e.detailType === 'Webex Lifecycle Completed')).toHaveLength(5);
    const third = await h.call('GET', `/users/${enc(users[2].email)}`);
    expect(third.body).toMatchObject({ id: status.report.results[2].userId, calling: { enabled: true, extension: users[2].extension } });
  });

  it('one user Webex refuses fails alone: the others succeed and the report names the failure', async () => {
    // Carol already has calling in Branch Office: her Joiner fails at Enable Calling (409), after finding her.
    const users = [user(), { email: DEMO_EMAILS.carol, firstName: 'Carol', location: 'Headquarters', extension: '5999' }, user(), user()];
    const res = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'hr-batch-carol' });
    expect(res.status).toBe(202);
    expect(res.body.executionName).toBe('bulk-k-hr-batch-carol');
    const { status, report } = await finished(res.body.executionName);
    expect(status).toBe('SUCCEEDED');
    expect(report).toMatchObject({ total: 4, succeeded: 3, failed: 1 });
    expect(report.results[1]).toEqual({
      index: 1,
      email: DEMO_EMAILS.carol,
      location: 'Headquarters',
      status: 'FAILED',
      userId: P.carol,
      existed: true,
      // In plain words: she was in Webex already (not created), and calling was not enabled.
      outcome: expect.stringMatching(/^already in Webex; calling not enabled: .*Branch Office/),
      error: { code: 'CallingAlreadyEnabledError', message: expect.stringContaining('Branch Office'), step: 'enableCalling' },
    });
    expect(report.results.filter((r: { status: string }) => r.status === 'SUCCEEDED').map((r: { index: number }) => r.index)).toEqual([0, 2, 3]);
    expect(h.runtime.eventBus.published.filter((e) => e.detailType === 'Webex Lifecycle Failed')).toHaveLength(1);
    // The run itself tells the people who follow up, once, with its counts and where to look.
    expect(h.runtime.eventBus.published.filter((e) => e.detailType === 'Webex Bulk Joiners Failed')).toEqual([
      expect.objectContaining({
        source: 'webex-provisioning.lifecycle',
        detail: { executionName: 'bulk-k-hr-batch-carol', total: 4, succeeded: 3, failed: 1, statusPath: '/bulk/joiners/bulk-k-hr-batch-carol' },
      }),
    ]);
  });

  it('a user whose calling location does not exist fails alone, with the user still created', async () => {
    const users = [user(), user(undefined, { location: 'No Such Place' })];
    const res = await h.call('POST', '/bulk/joiners', { users });
    const { report } = await finished(res.body.executionName);
    expect(report).toMatchObject({ total: 2, succeeded: 1, failed: 1 });
    expect(report.results[1]).toMatchObject({ index: 1, status: 'FAILED', userId: expect.any(String), error: { code: expect.any(String), message: expect.stringContaining('No Such Place') } });
  });

  it('a retried request never runs twice: the same idempotencyKey is a DUPLICATE', async () => {
    const users = [user(), user(), user()];
    const first = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'retry-me' });
    expect(first.status).toBe(202);
    const again = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'retry-me' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', executionName: first.body.executionName });
    // A key of other characters is hashed into the name, never cleaned up into a colliding one.
    const odd = await h.call('POST', '/bulk/joiners', { users: [user()], idempotencyKey: 'batch 2024/06: HR' });
    expect(odd.body.executionName).toMatch(/^bulk-k-h[0-9a-f]{40}$/);
    await h.runtime.executions.settle();
    expect(Object.values(created()).every((n) => n === 1)).toBe(true);
    expect(Object.keys(created())).toHaveLength(4);
  });

  it('the same users without a key are the same execution', async () => {
    const users = [user(), user()];
    const first = await h.call('POST', '/bulk/joiners', { users });
    const again = await h.call('POST', '/bulk/joiners', { users });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', executionName: first.body.executionName });
    await finished(first.body.executionName);
    expect(Object.values(created())).toEqual([1, 1]);
  });

  it('under an org rate limit every user is still created exactly once', async () => {
    h.sim.faults.rateLimit({ limit: 15, windowMs: 1000 });
    // The pacing may keep the runs under the limit: two creates are refused as the limit would refuse them, so the
    // resend path is always taken.
    h.sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'status', status: 429, retryAfter: '1', skip: 2, times: 2 });
    const users = Array.from({ length: 8 }, () => user());
    const res = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'rate-limited' });
    const { report } = await finished(res.body.executionName);
    expect(report).toMatchObject({ total: 8, succeeded: 8, failed: 0 });
    expect(h.webexCalls().some((r) => r.status === 429)).toBe(true);
    const counts = created();
    expect(Object.keys(counts).sort()).toEqual(users.map((u) => u.email).sort());
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);
  }, 60_000);
});

describe('POST /bulk/joiners validation (nothing reaches Webex)', () => {
  const fields = (res: { body: any }) => res.body.error.fields.map((f: { field: string }) => f.field);

  it('names each bad field by index', async () => {
    const users = [user(), user(), user(), { ...user(), email: 'not-an-email' }, { email: 'x@example.com', location: 'Headquarters' }];
    const res = await h.call('POST', '/bulk/joiners', { users });
    expect(res.status).toBe(400);
    expect(fields(res)).toEqual(expect.arrayContaining(['users.3.email', 'users.4.displayName']));
    const unknown = await h.call('POST', '/bulk/joiners', { users: [{ ...user(), shoeSize: 9 }], extra: true });
    expect(fields(unknown)).toEqual(expect.arrayContaining(['users.0.shoeSize', 'extra']));
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('refuses duplicate e-mails in one request, naming the index and the first occurrence', async () => {
    const a = user();
    const res = await h.call('POST', '/bulk/joiners', { users: [a, user(), { ...user(), email: a.email.toUpperCase() }] });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'users.2.email', message: expect.stringContaining('users.0.email') }]);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('bounds the batch: none, or more than 500, users is a 400; a bad key is a 400', async () => {
    expect(fields(await h.call('POST', '/bulk/joiners', { users: [] }))).toEqual(['users']);
    expect(fields(await h.call('POST', '/bulk/joiners', {}))).toEqual(['users']);
    const many = Array.from({ length: 501 }, (_, i) => ({ email: `m${i}@x.io`, displayName: 'M', location: 'L' }));
    const tooMany = await h.call('POST', '/bulk/joiners', { users: many });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany)).toEqual(['users']);
    expect(fields(await h.call('POST', '/bulk/joiners', { users: [user()], idempotencyKey: '  ' }))).toEqual(['idempotencyKey']);
    expect(h.runtime.executions.describe('BulkJoiners', 'anything')).toBeUndefined();
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('GET: a malformed name is a 400, one never started a 404', async () => {
    expect((await h.call('GET', '/bulk/joiners/joiner-123')).status).toBe(400);
    const missing = await h.call('GET', '/bulk/joiners/bulk-k-never');
    expect(missing.status).toBe(404);
  });
});

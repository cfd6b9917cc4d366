import { DEMO_IDS } from '../../../functions/simulator/seed';
import { finishedBulkRun, peopleCreated } from '../../support/bulk-runs';
import { startHarness, type Harness } from '../../support/harness';

let seq = 0;
/** Extension-only users: the locations' number pools are small. */
const user = () => {
  const n = ++seq;
  return { email: `paced.user${n}@example.com`, firstName: 'Paced', lastName: `User${n}`, location: n % 2 ? 'Headquarters' : 'Branch Office', extension: String(6000 + n) };
};

/** Units of the calling license for every user (the seed has 10). */
const roomForAll = (h: Harness) => {
  h.sim.state.licenses.get(DEMO_IDS.licenses.callingProfessional)!.totalUnits = 1000;
};

/** Every user once, all succeeded. */
async function expectEveryUserOnce(h: Harness, executionName: string, users: { email: string }[]) {
  const { report } = await finishedBulkRun(h, 'BulkJoiners', executionName);
  expect(report.results.filter((r: { status: string }) => r.status !== 'SUCCEEDED')).toEqual([]);
  expect(report).toMatchObject({ total: users.length, succeeded: users.length, failed: 0 });
  const counts = peopleCreated(h);
  expect(Object.keys(counts).sort()).toEqual(users.map((u) => u.email).sort());
  expect(Object.values(counts).every((n) => n === 1)).toBe(true);
}

describe('adaptive pacing on the real ASL and the local runtime', () => {
  let h: Harness;
  afterEach(async () => {
    await h.runtime.executions.settle();
    await h.close();
  });

  it('a bulk run under a hidden Webex limit finds it and fails no user; every 429 is reported to the shared budget', async () => {
    // Waits as in AWS: the run is paced by the budget's slots in real time, against the simulator's own clock.
    h = await startHarness({ BULK_JOINERS_MAX_CONCURRENCY: '8', WEBEX_INITIAL_REQUESTS_PER_SECOND: '5' }, { realWaits: true });
    roomForAll(h);
    h.sim.faults.rateLimit({ limit: 12, windowMs: 1000 });
    const users = Array.from({ length: 14 }, user);
    const res = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'paced-hidden-limit' });
    expect(res.status).toBe(202);
    // While it runs, its progress shows the shared budget: the rate found so far and the 429s.
    const running = await h.call('GET', `/bulk/joiners/${res.body.executionName}`);
    expect(running.body).toMatchObject({ status: 'RUNNING', pace: { requestsPerSecond: expect.any(Number), runRequestsPerSecond: expect.any(Number), rateLimited: expect.any(Number) } });
    await expectEveryUserOnce(h, res.body.executionName, users);
    const rateLimited = h.webexCalls().filter((r) => r.status === 429).length;
    const pace = await h.runtime.deps.pacing().view();
    expect(pace.rateLimited).toBe(rateLimited);
    // Started at 5, grew while Webex allowed it; where it met the limit it was cut, never left far above it.
    if (rateLimited > 0) expect(pace.runRequestsPerSecond).toBeLessThanOrEqual(12 * 1.5);
    else expect(pace.requestsPerSecond).toBeGreaterThan(5);
  }, 240_000);

  it('a storm of 429s with Retry-After 60 mid-run ends with every user applied exactly once', async () => {
    // Fast waits: the Retry-After and the budget's holds pass at once (the budget's clock jumps with them).
    h = await startHarness({ BULK_JOINERS_MAX_CONCURRENCY: '4' });
    roomForAll(h);
    const users = Array.from({ length: 10 }, user);
    // Mid-run, the People API answers 429 with Retry-After 60 (Cisco's own demo value): more than the Webex client
    // waits within a step, so each reaches the step's rate-limit path (the Joiner's Retry) and the shared budget.
    // Five in a row: what one joiner's Retry rides out if the storm falls on it alone (waits take no time here).
    h.sim.faults.add({ kind: 'status', status: 429, retryAfter: '60', match: { method: 'GET', path: /^\/people$/ }, skip: 3, times: 5 });
    const res = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: 'paced-storm' });
    await expectEveryUserOnce(h, res.body.executionName, users);
    expect(h.webexCalls().filter((r) => r.status === 429)).toHaveLength(5);
    const pace = await h.runtime.deps.pacing().view();
    expect(pace.rateLimited).toBe(5);
    // The storm was found: the budget holds a ceiling (the rate where Webex said no) and honoured the Retry-After.
    const stored = await h.runtime.activityTable.paceStore.read();
    expect(stored?.state?.ceiling).toBeGreaterThan(0);
    expect(stored!.state!.blockedUntilMs).toBeGreaterThan(Date.now() + 30_000);
  }, 240_000);
});

import { DEMO_IDS } from '../../../functions/simulator/seed';
import { finishedBulkRun, peopleCreated } from '../../support/bulk-runs';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

let h: Harness;
// Three runs of 40 at once, each 40 joiners at a time, and a budget that holds none back: 120 Joiners side by side.
useLifecycleHarness((harness) => (h = harness), async () => ({
  BULK_JOINERS_MAX_CONCURRENCY: '40', WEBEX_INITIAL_REQUESTS_PER_SECOND: '1000', WEBEX_MAX_REQUESTS_PER_SECOND: '1000',
}));

const RUNS = 3;
const PER_RUN = 40;

describe('auto-assign under concurrency', () => {
  it(`${RUNS * PER_RUN} concurrent auto-assigning joiners at one location all succeed, each with a number of its own`, async () => {
    // Room for them all: units of the calling license and free numbers at Headquarters.
    h.sim.state.licenses.get(DEMO_IDS.licenses.callingProfessional)!.totalUnits = 1000;
    for (let i = 0; i < RUNS * PER_RUN + 20; i++) {
      const phoneNumber = `+1408556${String(1000 + i)}`;
      h.sim.state.numbers.set(phoneNumber, { phoneNumber, locationId: DEMO_IDS.locations.headquarters, state: 'ACTIVE', tollFree: false, service: false });
    }
    // Webex takes its time over each assignment: the other joiners choose meanwhile, from the same free numbers.
    h.sim.faults.add({ kind: 'latency', ms: 150, match: { method: 'PATCH', path: '/licenses/users' }, times: 10_000 });
    const runs = await Promise.all(
      Array.from({ length: RUNS }, async (_, r) => {
        const users = Array.from({ length: PER_RUN }, (__, i) => ({
          email: `auto.r${r}u${i}@example.com`, firstName: 'Auto', lastName: `R${r}U${i}`, location: 'Headquarters', autoAssignNumber: true,
        }));
        const res = await h.call('POST', '/bulk/joiners', { users, idempotencyKey: `auto-assign-${r}` });
        expect(res.status).toBe(202);
        return finishedBulkRun(h, 'BulkJoiners', res.body.executionName);
      }),
    );
    const results = runs.flatMap((run) => run.report.results);
    expect(results.filter((r: { status: string }) => r.status !== 'SUCCEEDED')).toEqual([]);
    expect(results).toHaveLength(RUNS * PER_RUN);
    // Each user once, each with a primary number no other user holds.
    expect(Object.values(peopleCreated(h)).every((n) => n === 1)).toBe(true);
    const numbers = results.map((r: { userId: string }) => h.sim.state.primaryNumberOf(r.userId)?.phoneNumber);
    expect(numbers.every(Boolean)).toBe(true);
    expect(new Set(numbers).size).toBe(RUNS * PER_RUN);
    // Some lost their first choice to another run and said so; none failed for it.
    const retakes = h.webexCalls('PATCH', '/licenses/users').filter((c) => c.status === 400).length;
    expect(retakes).toBeGreaterThan(0);
  }, 600_000);
});

import type { Harness } from '../../support/harness';
import { finishedBulkRun } from '../../support/bulk-runs';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { largeOrgSeed, rosterCsv } from '../../support/reconcile-org';
import { IMPORTS, applyAndWait } from '../../support/reconcile-apply';

/** GET /bulk/joiners and GET /reconcile/plans: written by the runs themselves, listed newest first, paged. */
const bucket = useLocalImportsBucket(IMPORTS);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const user = (n: number) => ({ email: `list.${n}@example.com`, displayName: `List ${n}`, location: 'Headquarters', autoAssignNumber: true });

describe('GET /bulk/joiners', () => {
  it('lists the runs newest first with their status and counts, paged, a JSON and a CSV run alike', async () => {
    const first = await h.call('POST', '/bulk/joiners', { users: [user(1), { ...user(2), location: 'Nowhere' }] });
    expect(first.status).toBe(202);
    await finishedBulkRun(h, 'BulkJoiners', first.body.executionName);
    await bucket.store().putText(IMPORTS, 'joiners/list.csv', 'email,displayName,location\r\nlist.3@example.com,List 3,Headquarters\r\n');
    const second = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/list.csv' });
    expect(second.status).toBe(202);
    await finishedBulkRun(h, 'BulkJoinersCsv', second.body.executionName);

    const all = await h.call('GET', '/bulk/joiners');
    expect(all.status).toBe(200);
    // Only the runs started through the API: the CSV run's batches are not runs of their own.
    expect(all.body.items).toEqual([
      expect.objectContaining({ executionName: second.body.executionName, source: 'csv', status: 'SUCCEEDED', total: 1, succeeded: 1, failed: 0, trigger: expect.objectContaining({ type: 'api' }) }),
      expect.objectContaining({ executionName: first.body.executionName, source: 'json', status: 'SUCCEEDED', total: 2, succeeded: 1, failed: 1, endedAt: expect.any(String) }),
    ]);
    const page1 = await h.call('GET', '/bulk/joiners?limit=1');
    expect(page1.body.items.map((r: { executionName: string }) => r.executionName)).toEqual([second.body.executionName]);
    const page2 = await h.call('GET', `/bulk/joiners?limit=1&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((r: { executionName: string }) => r.executionName)).toEqual([first.body.executionName]);
    const bad = await h.call('GET', '/bulk/joiners?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('limit');
    const unknown = await h.call('GET', '/bulk/joiners?status=RUNNING');
    expect(unknown.status).toBe(400);
  });
});

describe('GET /reconcile/plans', () => {
  it('lists the plans newest first: PLANNED with counts and creation, then APPLIED with when and the applied counts', async () => {
    const o = largeOrgSeed(6, 3);
    h.sim.reset(o.seed);
    const { csv } = rosterCsv(o, { joiners: 0.34, movers: 0, leavers: 0, profileChanges: 0.17 });
    await bucket.store().putText(IMPORTS, 'rosters/list.csv', csv);
    const plan = async () => {
      const res = await h.call('POST', '/reconcile/plans', { key: 'rosters/list.csv', scope: { emailDomains: ['corp.example'] } });
      expect(res.status).toBe(201);
      return res.body as { id: string; createdAt: string; counts: Record<string, number> };
    };
    const older = await plan();
    const newer = await plan();
    const listed = await h.call('GET', '/reconcile/plans');
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((p: { planId: string }) => p.planId)).toEqual([newer.id, older.id]);
    expect(listed.body.items[1]).toEqual({ planId: older.id, status: 'PLANNED', createdAt: older.createdAt, counts: older.counts, digest: (older as { digest?: string }).digest });

    await applyAndWait(h, older.id);
    const after = await h.call('GET', `/reconcile/plans?limit=1&cursor=${(await h.call('GET', '/reconcile/plans?limit=1')).body.nextCursor}`);
    const total = Object.values(older.counts).reduce((a, b) => a + b, 0);
    expect(after.body.items).toEqual([expect.objectContaining({
      planId: older.id, status: 'APPLIED', appliedAt: expect.any(String), applyExecutionName: `reconcile-${older.id}`, applied: { succeeded: total, failed: 0, skipped: 0 },
    })]);
  });
});

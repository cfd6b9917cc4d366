import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { largeOrgSeed, rosterCsv } from '../../support/reconcile-org';
import { IMPORTS, UNCALLED_ROW, applyAndWait, planFor, readResults, reconcileEvents, withUncalledUser } from '../../support/reconcile-apply';

/**
 * POST /reconcile/plans/{id}/apply end to end: the real ReconcileApply ASL (its Distributed Map emulated
 * locally), each action through the real Joiner / Mover / Leaver / Enable Calling ASL, against the simulator.
 */
const bucket = useLocalImportsBucket(IMPORTS);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

/** 12 corp users over three locations, free numbers, and one corp user without calling. */
const org = () => withUncalledUser(largeOrgSeed(12, 4));

describe('POST /reconcile/plans/{id}/apply', () => {
  it('applies each kind of action through its machine: Webex then matches the roster, the report lists each action once, Completed has the counts', async () => {
    const o = org();
    h.sim.reset(o.seed);
    const { csv } = rosterCsv(o, { joiners: 0.17, movers: 0.09, leavers: 0.09, profileChanges: 0.09 });
    // The user without calling is in the roster, in Partner Hub: an enableCalling.
    const roster = `${csv}${UNCALLED_ROW}\r\n`;
    await bucket.store().putText(IMPORTS, 'rosters/r.csv', roster);
    const plan = await planFor(h, bucket.store(), { key: 'rosters/r.csv', allowMoves: true });
    expect(plan.counts).toEqual({ join: 2, enableCalling: 1, move: 1, updateProfile: 1, leave: 1 });

    const { res, outcome } = await applyAndWait(h, plan.id);
    expect(res.body).toEqual({ planId: plan.id, executionName: `reconcile-${plan.id}`, status: 'STARTED', actions: 6, statusUrl: `/reconcile/plans/${plan.id}` });
    const { json, csv: lines } = await readResults(bucket.store(), plan.id);
    expect(json.results.map((r) => [r.index, r.kind, r.status])).toEqual(plan.actions.map((a, i) => [i, a.kind, 'succeeded']));
    expect(json.counts).toEqual({ total: 6, succeeded: 6, failed: 0, skipped: 0 });
    expect(json.byKind.join).toEqual({ succeeded: 2, failed: 0, skipped: 0 });
    expect(lines[0]).toBe('index,kind,email,userId,status,reason,errorCode,errorMessage');
    expect(lines).toHaveLength(7);
    const events = reconcileEvents(h);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ detailType: 'Webex Reconcile Completed', source: 'webex-provisioning.lifecycle', detail: { planId: plan.id, counts: json.counts } });
    expect(outcome.output).toMatchObject({ planId: plan.id, status: 'COMPLETED', results: { json: `plans/${plan.id}.results.json` } });

    // Planning again finds nothing to do.
    const again = await planFor(h, bucket.store(), { key: 'rosters/r.csv', allowMoves: true });
    expect(again.actions).toEqual([]);
  });
});

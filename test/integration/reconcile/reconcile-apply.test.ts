import { planRequests } from '../../../functions/lib/reconcile/apply-items';
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

    const drawn = async () => (await h.runtime.activityTable.paceStore.read())?.state?.granted ?? 0;
    const before = await drawn();
    const { res, outcome } = await applyAndWait(h, plan.id);
    expect(res.body).toEqual({ planId: plan.id, executionName: `reconcile-${plan.id}`, status: 'STARTED', actions: 6, statusUrl: `/reconcile/plans/${plan.id}` });
    // Each action drew the requests its kind makes from the deployment's shared pacing budget, once (Pace).
    expect((await drawn()) - before).toBe(planRequests(plan));
    const { json, csv: lines } = await readResults(bucket.store(), plan.id);
    expect(json.results.map((r) => [r.index, r.kind, r.status])).toEqual(plan.actions.map((a, i) => [i, a.kind, 'succeeded']));
    expect(json.counts).toEqual({ total: 6, succeeded: 6, failed: 0, skipped: 0 });
    expect(json.byKind.join).toEqual({ succeeded: 2, failed: 0, skipped: 0 });
    expect(lines[0]).toBe('index,kind,email,userId,status,reason,errorCode,errorMessage,where,outcome,trackingId');
    expect(lines).toHaveLength(7);
    const events = reconcileEvents(h);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ detailType: 'Webex Reconcile Completed', source: 'webex-provisioning.lifecycle', detail: { planId: plan.id, counts: json.counts } });
    expect(outcome.output).toMatchObject({ planId: plan.id, status: 'COMPLETED', results: { json: `applies/${plan.id}.results.json` } });

    // Planning again finds nothing to do.
    const again = await planFor(h, bucket.store(), { key: 'rosters/r.csv', allowMoves: true });
    expect(again.actions).toEqual([]);
  });
});

/** A fresh org of 12 and a roster of every kind; the plan stored in the bucket. */
async function planEveryKind(leavers = 0.09) {
  const o = org();
  h.sim.reset(o.seed);
  const { csv } = rosterCsv(o, { joiners: 0.17, movers: 0.09, leavers, profileChanges: 0.09 });
  await bucket.store().putText(IMPORTS, 'rosters/r.csv', `${csv}${UNCALLED_ROW}\r\n`);
  const plan = await planFor(h, bucket.store(), { key: 'rosters/r.csv', allowMoves: true });
  return { o, plan };
}

const writes = () => h.webexCalls().filter((c) => c.method !== 'GET');

describe('POST /reconcile/plans/{id}/apply, once and only as planned', () => {
  it('applies a plan once: a second request is 200 DUPLICATE, one execution, no Webex write twice', async () => {
    const { plan } = await planEveryKind();
    await applyAndWait(h, plan.id);
    const written = writes().length;
    const again = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', executionName: `reconcile-${plan.id}`, planId: plan.id });
    await h.runtime.executions.settle();
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([{ executionName: `reconcile-${plan.id}` }]);
    expect(writes()).toHaveLength(written);
    // Each joiner created once.
    const created = h.webexCalls('POST', '/people').filter((c) => c.status < 300).map((c) => (c.body as { emails: string[] }).emails[0]);
    expect(new Set(created).size).toBe(created.length);
    expect(created).toHaveLength(plan.counts.join);
    expect(reconcileEvents(h)).toHaveLength(1);
  });

  it('skips, with changedSincePlan, an action whose user changed in Webex after the plan; the rest are applied', async () => {
    const { plan } = await planEveryKind();
    const profile = plan.actions.findIndex((a) => a.kind === 'updateProfile');
    const leave = plan.actions.findIndex((a) => a.kind === 'leave');
    // Someone edits one user's department and another's title by hand between plan and apply.
    h.sim.state.people.get(plan.actions[profile].userId!)!.department = 'Edited by hand';
    h.sim.state.people.get(plan.actions[leave].userId!)!.title = 'Edited by hand';
    await applyAndWait(h, plan.id);
    const { json } = await readResults(bucket.store(), plan.id);
    expect(json.results[profile]).toMatchObject({ status: 'skipped', reason: 'changedSincePlan', kind: 'updateProfile' });
    expect(json.results[leave]).toMatchObject({ status: 'skipped', reason: 'changedSincePlan', kind: 'leave' });
    expect(json.counts).toEqual({ total: plan.actions.length, succeeded: plan.actions.length - 2, failed: 0, skipped: 2 });
    // The skipped users were not written to; the leaver is still there.
    expect(writes().some((c) => c.path.includes(plan.actions[profile].userId!) || c.path.includes(plan.actions[leave].userId!))).toBe(false);
    expect(h.sim.state.people.get(plan.actions[leave].userId!)?.loginEnabled).toBe(true);
    expect(reconcileEvents(h)[0]).toMatchObject({ detailType: 'Webex Reconcile Completed', detail: { counts: json.counts } });
  });

  it('a plan that needs confirmation applies only with confirm: its leaver count (400 naming confirm otherwise, nothing started)', async () => {
    const { plan } = await planEveryKind(0.25);
    expect(plan).toMatchObject({ needsConfirmation: true, counts: { leave: 3 } });
    for (const body of [{}, { confirm: 2 }, { confirm: '3 please' }]) {
      const res = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'confirm' })]);
    }
    const refused = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {});
    expect(refused.body.error.fields[0].message).toMatch(/confirm: 3/);
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
    expect(writes()).toEqual([]);
    await applyAndWait(h, plan.id, { confirm: 3 });
    const { json } = await readResults(bucket.store(), plan.id);
    expect(json.counts).toMatchObject({ succeeded: plan.actions.length, failed: 0 });
  });

  it('400 naming id for a non-plan id, 404 for an unknown plan, 400 for an unknown field; nothing started', async () => {
    expect(await h.call('POST', '/reconcile/plans/not-a-plan/apply', {})).toMatchObject({ status: 400, body: { error: { fields: [expect.objectContaining({ field: 'id' })] } } });
    expect((await h.call('POST', '/reconcile/plans/00000000-0000-4000-8000-000000000001/apply', {})).status).toBe(404);
    const { plan } = await planEveryKind();
    expect(await h.call('POST', `/reconcile/plans/${plan.id}/apply`, { confirm: 1, force: true })).toMatchObject({ status: 400 });
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
    expect(h.webexCalls().filter((c) => c.method !== 'GET')).toEqual([]);
  });
});

describe('faults mid-apply', () => {
  it("a persistent 5xx on one user's write fails that action alone; every action is reported once; Failed has the counts", async () => {
    const { plan } = await planEveryKind();
    const profile = plan.actions.findIndex((a) => a.kind === 'updateProfile');
    const victim = plan.actions[profile].userId!;
    h.sim.faults.add({ match: { method: 'PUT', path: `/people/${victim}` }, kind: 'status', status: 503, times: 1000 });
    await applyAndWait(h, plan.id);
    const { json, csv } = await readResults(bucket.store(), plan.id);
    expect(json.results.map((r) => r.index)).toEqual(plan.actions.map((_, i) => i));
    expect(json.results[profile]).toMatchObject({ status: 'failed', error: { code: expect.any(String), message: expect.any(String) } });
    expect(json.counts).toEqual({ total: plan.actions.length, succeeded: plan.actions.length - 1, failed: 1, skipped: 0 });
    expect(csv).toHaveLength(plan.actions.length + 1);
    const [event] = reconcileEvents(h);
    expect(event).toMatchObject({ detailType: 'Webex Reconcile Failed', detail: { planId: plan.id, status: 'FAILED', counts: json.counts, failures: [expect.objectContaining({ index: profile })] } });
  });

  it("the planner's reads draw on the shared budget too: one slot for each request it sends, none left unpaced", async () => {
    const o = org();
    h.sim.reset(o.seed);
    await bucket.store().putText(IMPORTS, 'rosters/r.csv', rosterCsv(o, { joiners: 0.17, movers: 0.09, leavers: 0.09 }).csv);
    const drawn = async () => (await h.runtime.activityTable.paceStore.read())?.state?.granted ?? 0;
    const [before, sent] = [await drawn(), h.webexCalls().length];
    // The plan machine's CreatePlan (the deployed step, its Webex client as the runtime composes it), not planFor's own client.
    const res = await h.call('POST', '/reconcile/plans', { key: 'rosters/r.csv', scope: { emailDomains: ['corp.example'] }, allowMoves: true });
    expect(res.status).toBe(201);
    expect(res.body.total ?? Object.values(res.body.counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    const reads = h.webexCalls().slice(sent);
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((r) => r.method === 'GET')).toBe(true);
    expect((await drawn()) - before).toBe(reads.length);
  });

  it('waits on the shared budget: while it holds every run back (a Retry-After), each action is refused, waits, asks again, and is applied once', async () => {
    const { plan } = await planEveryKind();
    const store = h.runtime.activityTable.paceStore;
    const budget = h.runtime.deps.pacing();
    // Another run's 429 asked for a minute: the budget refuses every slot until then (the Wait takes no time here).
    await budget.rateLimited(60_000);
    const held = (await store.read())!.state!;
    expect(held.blockedUntilMs).toBeGreaterThan(Date.now() + 30_000);
    await applyAndWait(h, plan.id);
    const { json } = await readResults(bucket.store(), plan.id);
    expect(json.counts).toEqual({ total: plan.actions.length, succeeded: plan.actions.length, failed: 0, skipped: 0 });
    const after = (await store.read())!.state!;
    expect(after.granted - held.granted).toBe(planRequests(plan));
    // No action went before the hold ended: the budget's clock passed it before the first grant.
    expect(after.atMs).toBeGreaterThanOrEqual(held.blockedUntilMs);
  });

  it('a 429 storm: whatever Webex refuses, every action is reported exactly once and the counts add up', async () => {
    const { plan } = await planEveryKind();
    h.sim.faults.add({ kind: 'status', status: 429, retryAfter: '0', times: 40, skip: 5 });
    await applyAndWait(h, plan.id);
    const { json } = await readResults(bucket.store(), plan.id);
    expect(json.results.map((r) => r.index)).toEqual(plan.actions.map((_, i) => i));
    const { succeeded, failed, skipped, total } = json.counts;
    expect(succeeded + failed + skipped).toBe(total);
    expect(total).toBe(plan.actions.length);
    expect(reconcileEvents(h)).toHaveLength(1);
    expect(reconcileEvents(h)[0].detail).toMatchObject({ counts: json.counts });
  });

  it('a run that breaks as a whole publishes Failed with the error, then fails', async () => {
    const { plan } = await planEveryKind();
    const steps = h.runtime.taskHandlers.ReconcileApplyStepsFunctionArn;
    const runner = h.runtime.runnerWith('ReconcileApply', {
      ReconcileApplyStepsFunctionArn: async (event, context) => {
        if ((event as { step?: string }).step === 'buildResults') throw Object.assign(new Error('the bucket is gone'), { name: 'S3Outage' });
        return steps(event, context);
      },
    });
    const outcome = await runner.run({ planId: plan.id, digest: plan.digest }, { executionName: `reconcile-${plan.id}` });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'S3Outage' });
    const [event] = reconcileEvents(h);
    expect(event).toMatchObject({
      detailType: 'Webex Reconcile Failed',
      detail: { planId: plan.id, status: 'FAILED', counts: { total: plan.actions.length, succeeded: 0, failed: 0, skipped: 0 }, error: { code: 'S3Outage', message: expect.stringMatching(/bucket is gone/) } },
    });
  });
});

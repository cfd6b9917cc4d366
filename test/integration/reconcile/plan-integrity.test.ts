import { planDigest, serializePlan } from '../../../functions/lib/reconcile/plan-digest';
import type { ReconcilePlan } from '../../../functions/lib/reconcile/schemas';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { CORP_DOMAIN, largeOrgSeed } from '../../support/reconcile-org';
import { IMPORTS, planFor, reconcileEvents } from '../../support/reconcile-apply';

/**
 * Apply runs a plan only as it was reviewed: a stored plan rewritten after review is refused by the route
 * (409 PlanIntegrityError) and by the ReconcileApply machine's first step whoever starts it, and nothing
 * reaches Webex. Real route, real ASL, the simulator.
 */
const bucket = useLocalImportsBucket(IMPORTS);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const writes = () => h.webexCalls().filter((c) => c.method !== 'GET');
const key = (id: string) => `plans/${id}.json`;
const stored = async (id: string) => JSON.parse((await bucket.store().getText(IMPORTS, key(id))).text) as ReconcilePlan;
/** What someone able to write plans/ would do: rewrite the plan, recompute its digest, keep the planner's serialisation. */
const rewrite = async (plan: ReconcilePlan, change: (p: ReconcilePlan) => void, { redigest = true } = {}) => {
  const next = structuredClone(plan);
  change(next);
  if (redigest) next.digest = planDigest({ ...next, digest: undefined });
  await bucket.store().putText(IMPORTS, key(plan.id), serializePlan(next));
  return next;
};

/** 10 corp users, one of them the excluded administrator; the roster keeps all but one (a leaver). */
async function reviewedPlan() {
  const o = largeOrgSeed(10, 4);
  h.sim.reset(o.seed);
  const corp = o.seed.people.filter((p) => p.emails[0].endsWith(`@${CORP_DOMAIN}`));
  const admin = corp[0].emails[0];
  const rows = corp.slice(0, -1).map((p) => ({ email: p.emails[0], displayName: p.displayName, location: p.calling!.locationId }));
  const { plan } = await planWithUsers(rows, { exclude: [admin] });
  expect(plan.counts.leave).toBe(1);
  return { plan: await stored(plan.id), admin, corp };
}

async function planWithUsers(users: unknown[], scope: { exclude?: string[] } = {}) {
  await bucket.store().putText(IMPORTS, 'unused.csv', '');
  const plan = await planFor(h, bucket.store(), { users: users as never, scope: { emailDomains: [CORP_DOMAIN], ...scope }, leaverPolicy: 'delete' });
  return { plan };
}

describe('a stored plan rewritten after review', () => {
  it('a leave appended for the excluded administrator (digest recomputed) is refused: 409 naming the plan and the action, no execution, no Webex write', async () => {
    const { plan, admin, corp } = await reviewedPlan();
    const adminUser = corp[0];
    await rewrite(plan, (p) => {
      const seen = { id: adminUser.id, email: admin, loginEnabled: true, displayName: adminUser.displayName };
      p.actions.push({ kind: 'leave', email: admin, userId: adminUser.id, seen, leaverPolicy: 'delete', before: {}, after: {}, reason: 'x' });
      p.counts.leave++;
    });
    const before = writes().length;
    const res = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {});
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'PlanIntegrityError', message: expect.stringContaining(plan.id) });
    expect(res.body.error.message).toMatch(/scope\.exclude/);
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
    expect(writes()).toHaveLength(before);
  });

  it('a reviewer who confirms with the digest they read gets 409 when the plan changed since, and starts it when it did not', async () => {
    const { plan } = await reviewedPlan();
    const reviewed = plan.digest!;
    // The CSV and GET show the digest the reviewer compares.
    expect((await bucket.store().getText(IMPORTS, `plans/${plan.id}.csv`)).text.split('\r\n')[0]).toBe(`# plan ${plan.id} digest ${reviewed}`);
    expect((await h.call('GET', `/reconcile/plans/${plan.id}`)).body.digest).toBe(reviewed);
    const changed = await rewrite(plan, (p) => {
      p.actions[p.actions.length - 1].reason = 'rewritten';
    });
    const res = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, { confirm: reviewed });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(`the one approved ${reviewed}`);
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
    // Put back as reviewed: the digest approves it.
    await rewrite(changed, (p) => {
      p.actions[p.actions.length - 1].reason = plan.actions[plan.actions.length - 1].reason;
    });
    const ok = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, { confirm: reviewed });
    expect(ok.status).toBe(202);
  });

  it('whoever starts the machine: a run whose plan changed after its start was asked for fails in its first step, publishes Failed, applies nothing', async () => {
    const { plan } = await reviewedPlan();
    await rewrite(plan, (p) => {
      p.policy.thresholds = { maxLeaverPercent: 100, maxLeavers: 1_000_000 };
    });
    const before = writes().length;
    const outcome = await h.runtime.runnerWith('ReconcileApply', {}).run({ planId: plan.id, digest: plan.digest }, { executionName: `reconcile-${plan.id}` });
    expect(outcome).toMatchObject({ status: 'FAILED', error: 'PlanIntegrityError' });
    expect(outcome.cause).toMatch(/not the plan that was reviewed/);
    expect(h.runtime.executions.list('Leaver')).toEqual([]);
    expect(writes()).toHaveLength(before);
    expect(reconcileEvents(h).map((e) => [e.detailType, (e.detail as { error?: { code: string } }).error?.code])).toEqual([['Webex Reconcile Failed', 'PlanIntegrityError']]);
    // Started without a digest (not by the route or autoApply): refused too.
    const bare = await h.runtime.runnerWith('ReconcileApply', {}).run({ planId: plan.id }, { executionName: `reconcile-${plan.id}-bare` });
    expect(bare).toMatchObject({ status: 'FAILED', error: 'PlanIntegrityError' });
  });

  it('loosened thresholds, a flipped needsConfirmation or a plan re-serialised another way are refused at the route', async () => {
    const { plan } = await reviewedPlan();
    const cases: [(p: ReconcilePlan) => void, RegExp, boolean?][] = [
      [(p) => (p.policy.thresholds = { maxLeaverPercent: 100, maxLeavers: 1000 }), /above the deployment's/],
      [(p) => (p.needsConfirmation = !p.needsConfirmation), /needsConfirmation/],
      [(p) => (p.inScope = 1000), /content hashes to/, false],
    ];
    for (const [change, message, redigest] of cases) {
      await rewrite(plan, change, { redigest });
      const res = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {});
      expect([res.status, res.body.error.code]).toEqual([409, 'PlanIntegrityError']);
      expect(res.body.error.message).toMatch(message);
    }
    await bucket.store().putText(IMPORTS, key(plan.id), JSON.stringify(plan, null, 2));
    const pretty = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {});
    expect(pretty.status).toBe(409);
    expect(pretty.body.error.message).toMatch(/bytes are not as the planner wrote them/);
    expect(h.runtime.executions.list('ReconcileApply')).toEqual([]);
  });

  it('a corrupt stored plan is a named 500 saying which object, from GET and from apply', async () => {
    const { plan } = await reviewedPlan();
    await bucket.store().putText(IMPORTS, key(plan.id), '{"id": "not a plan"');
    for (const res of [await h.call('GET', `/reconcile/plans/${plan.id}`), await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {})]) {
      expect(res.status).toBe(500);
      expect(res.body.error).toMatchObject({ code: 'StoredObjectInvalidError', message: expect.stringContaining(`plans/${plan.id}.json`) });
    }
    await bucket.store().putText(IMPORTS, key(plan.id), '{"id":"x"}\n');
    const shape = await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {});
    expect(shape.status).toBe(500);
    expect(shape.body.error.message).toMatch(/is not a reconciliation plan \(/);
  });
});

import fc from 'fast-check';
import { applyPlan } from '../../../functions/lib/reconcile/apply-plan';
import { prepareApply } from '../../../functions/lib/reconcile/apply-items';
import { buildPlan } from '../../../functions/lib/reconcile/build-plan';
import { canonicalJson, planDigest, serializePlan } from '../../../functions/lib/reconcile/plan-digest';
import { planCsv, savePlan } from '../../../functions/lib/reconcile/plan-store';
import { PlanIntegrityError, StoredObjectInvalidError } from '../../../functions/lib/errors';
import type { StateMachines } from '../../../functions/lib/state-machines/ports';
import { MemoryObjectStore } from '../../support/memory-object-store';
import { org, roster, stayers, user } from './model-org';

/**
 * Apply runs a plan only as it was reviewed: the route (applyPlan) and the machine's first step
 * (prepareApply) refuse a stored plan whose bytes are not the planner's, and start or write nothing.
 */
const ID = '00000000-0000-4000-8000-0000000000aa';
const BUCKET = 'imports';
// A fixed seed: the same draws in every run, so a landing never depends on them.
const runs = { numRuns: 200, seed: 20261207 };

async function storedPlan() {
  const kept = stayers(12);
  const plan = buildPlan({
    id: ID,
    createdAt: '2026-12-07T00:00:00.000Z',
    rosterField: 'users',
    roster: [...roster({ email: 'new@example.com', location: 'Two', extension: '2001' }, { email: 'renamed@example.com', title: 'New' }), ...kept.rows],
    org: org([user('renamed@example.com', { locationId: 'LOC1', title: 'Old' }), user('gone@example.com', { locationId: 'LOC2' }), user('admin@example.com', { locationId: 'LOC1' }), ...kept.users]),
    scope: { emailDomains: ['example.com'], locations: ['One', 'Two'], exclude: ['admin@example.com'] },
    policy: { leaverPolicy: 'delete', allowMoves: false, thresholds: { maxLeaverPercent: 10, maxLeavers: 50 } },
  });
  const store = new MemoryObjectStore();
  const saved = await savePlan(store, BUCKET, plan);
  return { store, plan: saved.plan, text: store.objects.get(`${BUCKET}/plans/${ID}.json`)! };
}

function recordingMachines() {
  const started: unknown[] = [];
  const machines = {
    starter: () => ({ start: async (...args: unknown[]) => (started.push(args), { status: 'STARTED' as const }) }),
    runner: () => { throw new Error('not used'); },
    describe: async () => undefined,
  } as unknown as StateMachines;
  return { machines, started };
}

/** Both ways in: the route and the machine's Prepare (given the digest the route or autoApply starts it with). */
async function applyBothWays(store: MemoryObjectStore, digest: string | undefined) {
  const { machines, started } = recordingMachines();
  const outcomes: unknown[] = [];
  for (const attempt of [
    () => applyPlan({ env: {}, stateMachines: machines, store, bucket: BUCKET }, { id: ID }),
    () => prepareApply(store, BUCKET, { planId: ID, executionName: `reconcile-${ID}`, run: { planId: ID, digest } }, {}),
  ]) {
    outcomes.push(await attempt().then(() => 'accepted', (error: Error) => error));
  }
  return { outcomes, started, itemsWritten: store.objects.has(`${BUCKET}/applies/${ID}.items.json`) };
}

describe('the plan digest', () => {
  it('is shown at the top of the CSV and in the summary, and is the SHA-256 of the canonical plan without it', async () => {
    const { plan, text } = await storedPlan();
    expect(plan.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(planCsv(plan).split('\r\n')[0]).toBe(`# plan ${ID} digest ${plan.digest}`);
    expect(planDigest(JSON.parse(text))).toBe(plan.digest);
    // Key order does not matter; any value does.
    expect(canonicalJson({ b: 1, a: [1, { d: 2, c: 3 }] })).toBe('{"a":[1,{"c":3,"d":2}],"b":1}');
    expect(planDigest({ ...JSON.parse(text), inScope: plan.inScope + 1 })).not.toBe(plan.digest);
    expect(plan.scopeLocationIds).toEqual(['LOC1', 'LOC2']);
  });

  it('accepts the plan as the planner wrote it, and as re-serialised the same way', async () => {
    const { store, plan, text } = await storedPlan();
    expect(serializePlan(JSON.parse(text))).toBe(text);
    const { outcomes, started } = await applyBothWays(store, plan.digest);
    expect(outcomes).toEqual(['accepted', 'accepted']);
    expect(started).toHaveLength(1);
  });

  it('property: any other change to the stored bytes is refused by the route and by the machine, and nothing starts', async () => {
    const { store, plan, text } = await storedPlan();
    const edit = fc.oneof(
      fc.record({ op: fc.constant('replace' as const), at: fc.nat(text.length - 1), char: fc.string({ minLength: 1, maxLength: 1 }) }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(text.length), char: fc.string({ minLength: 1, maxLength: 3 }) }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(text.length - 1), char: fc.constant('') }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
        let bytes = text;
        for (const e of edits) {
          const at = Math.min(e.at, bytes.length);
          bytes = e.op === 'insert' ? bytes.slice(0, at) + e.char + bytes.slice(at) : bytes.slice(0, at) + e.char + bytes.slice(at + 1);
        }
        fc.pre(bytes !== text);
        store.objects.set(`${BUCKET}/plans/${ID}.json`, bytes);
        store.objects.delete(`${BUCKET}/applies/${ID}.items.json`);
        const { outcomes, started, itemsWritten } = await applyBothWays(store, plan.digest);
        for (const outcome of outcomes) {
          expect(outcome instanceof PlanIntegrityError || outcome instanceof StoredObjectInvalidError).toBe(true);
        }
        expect(started).toEqual([]);
        expect(itemsWritten).toBe(false);
      }),
      runs,
    );
  });

  it('property: a changed plan with its digest recomputed is still refused by the machine, started for the reviewed digest', async () => {
    const { store, plan, text } = await storedPlan();
    const change = fc.constantFrom<(p: Record<string, any>) => void>(
      (p) => (p.actions[0].reason += '!'),
      (p) => (p.policy.leaverPolicy = p.policy.leaverPolicy === 'delete' ? 'deactivate' : 'delete'),
      (p) => p.scope.exclude.pop(),
      (p) => p.skipped.push({ kind: 'move', email: 'x@example.com', reason: 'r' }),
      (p) => (p.createdAt = '2026-12-08T00:00:00.000Z'),
    );
    await fc.assert(
      fc.asyncProperty(change, async (mutate) => {
        const next = JSON.parse(text);
        mutate(next);
        next.digest = planDigest(next);
        store.objects.set(`${BUCKET}/plans/${ID}.json`, serializePlan(next));
        const { machines } = recordingMachines();
        await expect(prepareApply(store, BUCKET, { planId: ID, executionName: `reconcile-${ID}`, run: { planId: ID, digest: plan.digest } }, {})).rejects.toThrow(PlanIntegrityError);
        // A reviewer who approves by the digest they read is refused by the route too.
        await expect(applyPlan({ env: {}, stateMachines: machines, store, bucket: BUCKET }, { id: ID, confirm: plan.digest })).rejects.toThrow(/the one approved/);
      }),
      { ...runs, numRuns: 20 },
    );
  });
});

import type { LambdaHandler } from '../../../functions/local/local-runner';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { largeOrgSeed, rosterCsv } from '../../support/reconcile-org';
import { IMPORTS, planFor } from '../../support/reconcile-apply';

/**
 * `progress` while a run runs, from the local Distributed Map's counts (DescribeMapRun's in AWS): a reconcile
 * apply whose actions are held at their first step and let through one at a time.
 */
const bucket = useLocalImportsBucket(IMPORTS);
let h: Harness;
// One action at a time, so each release ends exactly one.
useLifecycleHarness((harness) => (h = harness), async () => ({ BULK_JOINERS_MAX_CONCURRENCY: '1' }));

/** Holds every call of a task handler until released, one at a time. */
function gate(handler: LambdaHandler) {
  const waiting: (() => void)[] = [];
  let arrived: (() => void) | undefined;
  const gated: LambdaHandler = async (event, context) => {
    await new Promise<void>((release) => {
      waiting.push(release);
      arrived?.();
    });
    return handler(event, context);
  };
  return {
    gated,
    async next() {
      while (!waiting.length) await new Promise<void>((r) => (arrived = r));
      waiting.shift()!();
    },
  };
}

const until = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
  for (let i = 0; i < 400; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the condition never held');
};

describe('progress of a running apply', () => {
  it('GET /reconcile/plans/{id} shows progress moving as actions end, and none once it has ended', async () => {
    const o = largeOrgSeed(6, 3);
    h.sim.reset(o.seed);
    const { csv } = rosterCsv(o, { joiners: 0.34, movers: 0, leavers: 0, profileChanges: 0.34 });
    await bucket.store().putText(IMPORTS, 'rosters/p.csv', csv);
    const plan = await planFor(h, bucket.store(), { key: 'rosters/p.csv' });
    const total = plan.actions.length;
    expect(total).toBeGreaterThanOrEqual(3);

    const check = gate(h.runtime.taskHandlers.ReconcileApplyCheckFunctionArn);
    h.runtime.taskHandlers.ReconcileApplyCheckFunctionArn = check.gated;
    expect((await h.call('POST', `/reconcile/plans/${plan.id}/apply`, {})).status).toBe(202);
    const progress = async () => (await h.call('GET', `/reconcile/plans/${plan.id}`)).body.apply?.progress;

    const first = await until(progress, (p) => p !== undefined);
    expect(first).toEqual({ total, succeeded: 0, failed: 0, pending: total, startedAt: expect.any(String) });
    for (let done = 1; done < total; done++) {
      await check.next();
      const p = await until(progress, (v) => v?.succeeded === done);
      expect(p).toEqual({ total, succeeded: done, failed: 0, pending: total - done, startedAt: first.startedAt, etaSeconds: expect.any(Number) });
    }
    await check.next();
    await h.runtime.executions.outcome('ReconcileApply', `reconcile-${plan.id}`);
    const ended = await h.call('GET', `/reconcile/plans/${plan.id}`);
    expect(ended.body.apply.status).toBe('SUCCEEDED');
    expect(ended.body.apply.progress).toBeUndefined();
  });
});

describe('progress of a running JSON bulk run (the inline Map)', () => {
  it('GET /bulk/joiners/{name} shows progress moving as joiners end, from the outcomes their runs recorded', async () => {
    h.sim.reset();
    const users = ['one', 'two', 'three'].map((n, i) => ({ email: `progress.${n}@example.com`, firstName: 'Progress', lastName: n, location: 'Headquarters', extension: String(5100 + i) }));
    // Each joiner is held at its first step (CreateUser) and let through one at a time (one joiner runs at once).
    const lifecycle = h.runtime.taskHandlers.LifecycleStepsFunctionArn;
    const check = gate(lifecycle);
    h.runtime.taskHandlers.LifecycleStepsFunctionArn = (event, context) =>
      ((event as { step?: string }).step === 'joinerCreateUser' ? check.gated : lifecycle)(event, context);
    try {
      const started = await h.call('POST', '/bulk/joiners', { users });
      if (started.status !== 202) throw new Error(JSON.stringify(started.body));
      const name: string = started.body.executionName;
      const progress = async () => {
        const res = await h.call('GET', `/bulk/joiners/${name}`);
        expect(res.status).toBe(200);
        return res.body.progress;
      };

      const first = await until(progress, (p) => p !== undefined);
      expect(first).toEqual({ total: 3, succeeded: 0, failed: 0, pending: 3, startedAt: expect.any(String) });
      for (let done = 1; done < users.length; done++) {
        await check.next();
        const p = await until(progress, (v) => v?.succeeded === done);
        expect(p).toEqual({ total: 3, succeeded: done, failed: 0, pending: 3 - done, startedAt: first.startedAt, etaSeconds: expect.any(Number) });
      }
      // The recent runs list shows the counts so far too.
      const listed = (await h.call('GET', '/bulk/joiners')).body.items.find((r: { executionName: string }) => r.executionName === name);
      expect(listed).toMatchObject({ status: 'RUNNING', total: 3, succeeded: 2 });

      await check.next();
      await h.runtime.executions.outcome('BulkJoiners', name);
      const ended = await h.call('GET', `/bulk/joiners/${name}`);
      expect(ended.body.status).toBe('SUCCEEDED');
      expect(ended.body.progress).toBeUndefined();
      expect(ended.body.report).toMatchObject({ total: 3, succeeded: 3, failed: 0 });
      // The run's end sets the report's counts once; the children counted while it ran agree.
      const after = (await h.call('GET', '/bulk/joiners')).body.items.find((r: { executionName: string }) => r.executionName === name);
      expect(after).toMatchObject({ status: 'SUCCEEDED', total: 3, succeeded: 3, failed: 0 });
    } finally {
      h.runtime.taskHandlers.LifecycleStepsFunctionArn = lifecycle;
    }
  });
});

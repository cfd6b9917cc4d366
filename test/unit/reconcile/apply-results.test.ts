import { describeApply } from '../../../functions/lib/reconcile/describe-apply';
import { describeActionFailure, mergeResults, readItemResults, resultsCsv } from '../../../functions/lib/reconcile/results';
import type { StateMachines } from '../../../functions/lib/state-machines/ports';
import { MemoryObjectStore } from '../../support/memory-object-store';

const actions = [
  { kind: 'join' as const, email: 'a@x.example' },
  { kind: 'move' as const, email: 'b@x.example', userId: 'B' },
  { kind: 'leave' as const, email: 'c@x.example', userId: 'C' },
  { kind: 'updateProfile' as const, email: 'b@x.example', userId: 'B' },
];

describe('apply results', () => {
  it('reports every action once, by index: a missing one failed NotReported, a second result for an index ignored', () => {
    const report = mergeResults('p', 'reconcile-p', actions, [
      { index: 2, status: 'skipped', reason: 'changedSincePlan' },
      { index: 0, status: 'succeeded', userId: 'A' },
      { index: 0, status: 'failed', error: { code: 'X', message: 'y' } },
      { index: 9, status: 'succeeded' },
      { index: 3, status: 'failed', error: { code: 'WebexServerError', message: 'down' } },
    ], 'now');
    expect(report.results.map((r) => [r.index, r.status, r.userId, r.reason ?? r.error?.code])).toEqual([
      [0, 'succeeded', 'A', undefined],
      [1, 'failed', 'B', 'NotReported'],
      [2, 'skipped', 'C', 'changedSincePlan'],
      [3, 'failed', 'B', 'WebexServerError'],
    ]);
    expect(report.counts).toEqual({ total: 4, succeeded: 1, failed: 2, skipped: 1 });
    expect(report.byKind.move).toEqual({ succeeded: 0, failed: 1, skipped: 0 });
    expect(resultsCsv(report).split('\r\n')[3]).toBe('2,leave,c@x.example,C,skipped,changedSincePlan,,,,skipped: changedSincePlan,');
  });

  it("reads the ResultWriter's files: a child that failed as a whole reports each of its actions failed with its error", async () => {
    const store = new MemoryObjectStore();
    store.objects.set('b/r/manifest.json', JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: 'r/SUCCEEDED_0.json' }], FAILED: [{ Key: 'r/FAILED_0.json' }] } }));
    store.objects.set('b/r/SUCCEEDED_0.json', JSON.stringify([{ Output: JSON.stringify([{ index: 0, status: 'succeeded', userId: 'A' }]) }]));
    store.objects.set('b/r/FAILED_0.json', JSON.stringify([{ Input: JSON.stringify({ actions: [{ index: 1 }, { index: 3 }] }), Error: 'States.Timeout', Cause: 'too slow' }]));
    const items = await readItemResults(store, { Bucket: 'b', Key: 'r/manifest.json' });
    expect(items).toEqual([
      { index: 0, status: 'succeeded', userId: 'A' },
      { index: 1, status: 'failed', error: { code: 'States.Timeout', message: expect.stringContaining('too slow') } },
      { index: 3, status: 'failed', error: { code: 'States.Timeout', message: expect.stringContaining('too slow') } },
    ]);
  });

  it("describes a nested machine's failure from the error its result carries (lifecycle Failed detail or Enable Calling result)", () => {
    const nested = (cause: unknown) => JSON.stringify({ StateMachineArn: 'arn:aws:states:::stateMachine:Mover', Status: 'FAILED', Error: 'WebexServerError', Cause: JSON.stringify(cause) });
    expect(describeActionFailure(4, { Error: 'States.TaskFailed', Cause: nested({ status: 'FAILED', userId: 'U', error: { code: 'WebexServerError', message: 'Webex answered 503' } }) })).toEqual({
      index: 4, status: 'failed', userId: 'U', error: { code: 'WebexServerError', message: 'Webex answered 503' },
    });
    expect(describeActionFailure(1, { Error: 'States.TaskFailed', Cause: 'plain' })).toMatchObject({ status: 'failed', error: { code: 'States.TaskFailed', message: 'plain' } });
    const long = describeActionFailure(1, { Error: 'E', Cause: 'x'.repeat(5000) });
    expect(Buffer.byteLength(long.error!.message)).toBeLessThanOrEqual(170);
  });

  it('describeApply: undefined for a plan never applied, else the execution with its outcome once it has succeeded', async () => {
    const seen: string[] = [];
    const sm = (found: Awaited<ReturnType<StateMachines['describe']>>): Pick<StateMachines, 'describe'> => ({
      describe: async (id, name) => {
        seen.push(`${id}:${name}`);
        return found;
      },
    });
    const id = '00000000-0000-4000-8000-000000000001';
    expect(await describeApply(sm(undefined), id)).toBeUndefined();
    expect(seen).toEqual([`ReconcileApply:reconcile-${id}`]);
    expect(await describeApply(sm({ status: 'RUNNING', startDate: 's' }), id)).toEqual({ executionName: `reconcile-${id}`, status: 'RUNNING', startDate: 's' });
    expect(await describeApply(sm({ status: 'SUCCEEDED', output: { counts: { total: 1 } } }), id)).toMatchObject({ status: 'SUCCEEDED', outcome: { counts: { total: 1 } } });
    expect(await describeApply(sm({ status: 'FAILED', error: 'E', cause: 'C' }), id)).toMatchObject({ status: 'FAILED', error: 'E', cause: 'C' });
  });
});

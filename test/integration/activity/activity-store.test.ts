import { localActivityTable, localDynamoClient, type LocalActivityTable } from '../../../functions/local/local-activity-table';
import type { ActivityRecord } from '../../../functions/lib/activity/records';

/** The DynamoDB adapter against dynalite: the key design, the conditional writes and the paging, with the calls counted. */
describe('activity store (DynamoDB adapter on dynalite)', () => {
  let table: LocalActivityTable;
  const calls: string[] = [];
  const recorded: ActivityRecord[] = [];
  beforeEach(() => {
    calls.length = 0;
    recorded.length = 0;
    table = localActivityTable({
      recorded: (r) => void recorded.push(r),
      client: (endpoint) => {
        const client = localDynamoClient(endpoint);
        client.middlewareStack.add((next, context) => (args) => {
          calls.push(String(context.commandName));
          return next(args);
        }, { step: 'initialize', name: 'countCalls' });
        return client;
      },
    });
  });
  afterEach(() => table.close());

  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const record = (i: number, over: Partial<ActivityRecord> = {}): ActivityRecord => ({
    kind: 'joiner', email: 'alice@example.com', userId: 'PERSON-1', startedAt: at(i), at: at(i), outcome: 'succeeded',
    executionName: `run-${i}`, trigger: { type: 'event', source: 'hr', eventId: `e-${i}` },
    changes: [{ field: 'displayName', before: undefined, after: 'Alice' }], trackingIds: [`WEBEXPROV_${i}_abcdef12`], ...over,
  });

  it('keeps a record written twice (a retried step) as the first, and reads it by e-mail and by person id', async () => {
    await table.store.record([record(1)]);
    await table.store.record([record(1, { note: 'the retry' })]);
    const byEmail = await table.store.history({ email: 'ALICE@example.com' }, {});
    expect(byEmail.items).toEqual([record(1)]);
    const byId = await table.store.history({ userId: 'PERSON-1' }, {});
    expect(byId.items).toEqual([record(1)]);
    expect(calls.filter((c) => c === 'ScanCommand')).toEqual([]);
  });

  it('tells the run-progress metrics of each record it newly wrote, never of one a retried step finds there', async () => {
    const child = record(2, { trigger: { type: 'bulk', run: 'bulk-k-1' }, executionName: 'bulk-k-1-0' });
    const applied = record(3, { email: 'bob@example.com', trigger: { type: 'reconcile', run: 'reconcile-p-0' }, outcome: 'failed', executionName: 'reconcile-p-0' });
    await table.store.record([child, applied]);
    await table.store.record([child, applied]);
    expect(recorded.map((r) => r.executionName).sort()).toEqual(['bulk-k-1-0', 'reconcile-p-0']);
  });

  it("counts a JSON run's child on its run (a Put, then an Update); a CSV batch's child is one Put, no write spent on a run item that is not there", async () => {
    calls.length = 0;
    await table.store.record([record(7, { trigger: { type: 'bulk', run: 'bulk-csv-k-f-100-3' }, executionName: 'bulk-csv-k-f-100-3' })]);
    expect(calls).toEqual(['PutItemCommand']);
    calls.length = 0;
    await table.store.record([record(8, { trigger: { type: 'bulk', run: 'bulk-k-2-0' }, executionName: 'bulk-k-2-0' })]);
    expect(calls).toEqual(['PutItemCommand', 'UpdateItemCommand']);
  });

  it('answers a user with 1,000 records newest first, one Query a page, the pages joining up without gaps', async () => {
    for (let i = 0; i < 1000; i += 100) await table.store.record(Array.from({ length: 100 }, (_, j) => record(i + j)));
    await table.store.record([record(5, { email: 'bob@example.com', userId: 'PERSON-2', executionName: 'other' })]);
    calls.length = 0;
    const first = await table.store.history({ email: 'alice@example.com' }, { limit: 50 });
    // The measure: one page of a 1,000-record history is one DynamoDB call, a Query.
    expect(calls).toEqual(['QueryCommand']);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]?.executionName).toBe('run-999');
    expect(first.nextCursor).toEqual(expect.any(String));
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await table.store.history({ email: 'alice@example.com' }, { limit: 100, cursor });
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((r) => r.executionName)).toEqual(Array.from({ length: 1000 }, (_, i) => `run-${999 - i}`));
    expect(calls.every((c) => c === 'QueryCommand')).toBe(true);
  }, 120_000);

  it('lists bulk runs newest first; a run ends once, and an end for a run never started (a CSV batch) writes nothing', async () => {
    await table.store.startBulkRun({ executionName: 'b1', source: 'json', status: 'RUNNING', startedAt: at(1), total: 3 });
    await table.store.startBulkRun({ executionName: 'b2', source: 'csv', status: 'RUNNING', startedAt: at(2) });
    await table.store.endBulkRun('b1', { status: 'SUCCEEDED', endedAt: at(3), total: 3, succeeded: 2, failed: 1 });
    // A retried start after the end changes nothing, nor does a second end, nor the end of a batch.
    await table.store.startBulkRun({ executionName: 'b1', source: 'json', status: 'RUNNING', startedAt: at(1), total: 3 });
    await table.store.endBulkRun('b1', { status: 'FAILED', endedAt: at(4) });
    await table.store.endBulkRun('bulk-csv-batch-1', { status: 'SUCCEEDED', endedAt: at(4), total: 1, succeeded: 1, failed: 0 });
    const first = await table.store.listBulkRuns({ limit: 1 });
    expect(first.items.map((r) => [r.executionName, r.status])).toEqual([['b2', 'RUNNING']]);
    const second = await table.store.listBulkRuns({ limit: 1, cursor: first.nextCursor });
    expect(second.items).toEqual([{ executionName: 'b1', source: 'json', status: 'SUCCEEDED', startedAt: at(1), endedAt: at(3), total: 3, succeeded: 2, failed: 1 }]);
    expect(second.nextCursor === undefined || (await table.store.listBulkRuns({ cursor: second.nextCursor })).items.length === 0).toBe(true);
  });

  it('lists plans newest first and records an apply, never taking an applied plan back', async () => {
    await table.store.putPlan({ planId: 'p1', status: 'PLANNED', createdAt: at(1), counts: { joiners: 2 }, digest: 'sha256:abc' });
    await table.store.putPlan({ planId: 'p2', status: 'PLANNED', createdAt: at(2), counts: {} });
    await table.store.updatePlan('p1', { status: 'APPLYING', applyExecutionName: 'apply-1' });
    await table.store.updatePlan('p1', { status: 'APPLIED', appliedAt: at(5), applied: { succeeded: 2, failed: 0, skipped: 0 } });
    await table.store.updatePlan('p1', { status: 'APPLYING', applyExecutionName: 'apply-2' });
    await table.store.updatePlan('never-stored', { status: 'APPLYING' });
    const page = await table.store.listPlans({});
    expect(page.items.map((p) => p.planId)).toEqual(['p2', 'p1']);
    expect(page.items[1]).toMatchObject({ status: 'APPLIED', appliedAt: at(5), applyExecutionName: 'apply-1', digest: 'sha256:abc', applied: { succeeded: 2 } });
    expect(page.nextCursor).toBeUndefined();
  });

  it('refuses a cursor of another list before DynamoDB sees it', async () => {
    await table.store.putPlan({ planId: 'p1', status: 'PLANNED', createdAt: at(1), counts: {} });
    await table.store.putPlan({ planId: 'p2', status: 'PLANNED', createdAt: at(2), counts: {} });
    const plans = await table.store.listPlans({ limit: 1 });
    calls.length = 0;
    await expect(table.store.history({ email: 'a@b.c' }, { cursor: plans.nextCursor })).rejects.toMatchObject({ name: 'ValidationError', fields: [{ field: 'cursor' }] });
    expect(calls).toEqual([]);
  });
});

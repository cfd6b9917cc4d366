import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BULK_JOINERS_CSV_STEPS, BulkJoinersCsvStepInput, runBulkJoinersCsvStep } from '../../../functions/lib/bulk/csv-joiners-steps';
import { BULK_JOINERS_STEPS, BulkJoinersStepInput, runBulkJoinersStep } from '../../../functions/lib/bulk/joiners-steps';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';
import { ObjectNotFoundError, type ObjectStore } from '../../../functions/lib/storage/object-store';
import { recordingActivity } from '../../support/recording-activity';
import { memoryPacing } from '../../support/memory-pacing';
import { MemoryObjectStore } from '../../support/memory-object-store';
import { StepError } from '../../../functions/lib/workflows/step-error';

const root = join(__dirname, '..', '..', '..');

interface AslState {
  Type: string;
  Resource?: string;
  Parameters?: { step?: string };
  Iterator?: { States: Record<string, AslState> };
  ItemProcessor?: { States: Record<string, AslState> };
}

/** Every state of a definition, those inside Map states' processors too. */
const allStates = (states: Record<string, AslState>): AslState[] =>
  Object.values(states).flatMap((s) => [s, ...allStates(s.ItemProcessor?.States ?? s.Iterator?.States ?? {})]);

/** The steps the machine's Task states send to its steps function (the Resource its row substitutes). */
function sentSteps(machineId: 'BulkJoiners' | 'BulkJoinersCsv'): string[] {
  const def = stateMachine(machineId);
  const resource = `\${${def.taskFunctions[0].substitution}}`;
  const raw = JSON.parse(readFileSync(join(root, def.definitionFile), 'utf8')) as { States: Record<string, AslState> };
  return allStates(raw.States)
    .filter((s) => s.Type === 'Task' && s.Resource === resource)
    .map((s) => s.Parameters?.step as string);
}

const never = (): never => {
  throw new Error('the bucket was read');
};
const noBucket: ObjectStore = { getText: never, putText: never, readUrl: never };

describe('the bulk machines’ step tables', () => {
  it('BulkJoiners: the Task states of its steps function send exactly the table’s steps', () => {
    const sent = sentSteps('BulkJoiners');
    expect(sent.length).toBeGreaterThan(0);
    expect([...new Set(sent)].sort()).toEqual([...BULK_JOINERS_STEPS].sort());
  });

  it('BulkJoinersCsv: the Task states of its steps function (inside the Distributed Map too) send exactly the table’s steps', () => {
    const sent = sentSteps('BulkJoinersCsv');
    expect(sent).toContain('prepareBatch');
    expect([...new Set(sent)].sort()).toEqual([...BULK_JOINERS_CSV_STEPS].sort());
  });

  it('checks a payload against its own step’s schema', () => {
    expect(BulkJoinersStepInput.safeParse({ step: 'describeFailure', index: 0, email: 'a@example.com', failure: {} }).success).toBe(true);
    // buildReport's fields do not make a describeFailure payload.
    const wrong = BulkJoinersStepInput.safeParse({ step: 'describeFailure', executionName: 'x', results: [] });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues.map((i) => i.path.join('.'))).toEqual(expect.arrayContaining(['index', 'email', 'failure']));
    expect(BulkJoinersCsvStepInput.safeParse({ step: 'prepareBatch', items: [], run: {} }).success).toBe(false);
    expect(BulkJoinersStepInput.safeParse({ step: 'nope' }).success).toBe(false);
  });

  it('runs a step and answers its result', async () => {
    const input = BulkJoinersStepInput.parse({
      step: 'buildReport',
      executionName: 'bulk-1',
      results: [
        { index: 1, email: 'b@example.com', status: 'FAILED', error: { code: 'X', message: 'y' } },
        { index: 0, email: 'a@example.com', status: 'SUCCEEDED', userId: 'u-1' },
      ],
    });
    const { activity, calls } = recordingActivity();
    // A CSV run's batch (no writeFiles) writes no report files: the bucket is never touched.
    await expect(runBulkJoinersStep({ env: () => ({}), objectStore: () => noBucket, activity, pacing: memoryPacing() }, input)).resolves.toMatchObject({ executionName: 'bulk-1', total: 2, succeeded: 1, failed: 1, results: [{ index: 0 }, { index: 1 }] });
    // The run's end, with its counts, for GET /bulk/joiners.
    expect(calls).toEqual([{ method: 'endBulkRun', args: ['bulk-1', { status: 'SUCCEEDED', endedAt: expect.any(String), total: 2, succeeded: 1, failed: 1 }] }]);
  });

  it("a run of its own writes its report files (JSON, CSV, HTML, numbered by index) before it is marked ended", async () => {
    const store = new MemoryObjectStore();
    const order: string[] = [];
    const { activity } = recordingActivity();
    const recorded = activity();
    const ctx = {
      env: () => ({ BULK_IMPORTS_BUCKET: 'imports' }),
      objectStore: () => ({ ...noBucket, putText: async (b: string, k: string, t: string) => { order.push(k); await store.putText(b, k, t); } }),
      activity: () => ({ ...recorded, endBulkRun: async (...args: Parameters<typeof recorded.endBulkRun>) => { order.push('endBulkRun'); return recorded.endBulkRun(...args); } }),
      pacing: memoryPacing(),
    };
    const input = BulkJoinersStepInput.parse({
      step: 'buildReport', executionName: 'bulk-k-1', writeFiles: true,
      results: [{ index: 0, email: 'a@example.com', location: 'Branch Office', status: 'FAILED', userId: 'u-1', error: { code: 'X', message: 'why', step: 'enableCalling' } }],
    });
    await runBulkJoinersStep(ctx, input);
    expect(order).toEqual(['reports/bulk-k-1.json', 'reports/bulk-k-1.csv', 'reports/bulk-k-1.html', 'endBulkRun']);
    expect(JSON.parse(store.objects.get('imports/reports/bulk-k-1.json')!).results).toEqual([expect.objectContaining({ index: 0, location: 'Branch Office', outcome: 'created; calling not enabled: why' })]);
    expect(store.objects.get('imports/reports/bulk-k-1.csv')).toBe('index,email,status,outcome,location,userId,trackingId,errorCode,errorMessage\r\n0,a@example.com,FAILED,"created; calling not enabled: why",Branch Office,u-1,,X,why\r\n');
  });

  it('lets a step’s error leave as a StepError under its own name (what Retry/Catch match), the original as its cause', async () => {
    const missing = new ObjectNotFoundError('imports', 'bulk-results/x/manifest.json');
    const store: ObjectStore = { ...noBucket, getText: () => Promise.reject(missing) };
    const input = BulkJoinersCsvStepInput.parse({ step: 'buildReport', executionName: 'bulk-csv-x', bucket: 'imports', manifest: { Bucket: 'imports', Key: 'bulk-results/x/manifest.json' } });
    const error = await runBulkJoinersCsvStep({ objectStore: () => store, activity: recordingActivity().activity }, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect(error).toMatchObject({ name: 'ObjectNotFoundError', detail: { httpStatus: 404 }, cause: missing });
    expect(JSON.parse((error as StepError).message)).toMatchObject({ code: 'ObjectNotFoundError', httpStatus: 404 });
  });
});

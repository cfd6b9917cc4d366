import { buildCsvReport, prepareCsvBatch } from '../../../functions/lib/bulk/csv-joiners';
import { describeBulkJoiners, describeItemFailure, writeJsonRunReport } from '../../../functions/lib/bulk/joiners';
import { buildApplyResults, describeActionFailure } from '../../../functions/lib/reconcile/results';
import { savePlan } from '../../../functions/lib/reconcile/plan-store';
import type { ReconcilePlan } from '../../../functions/lib/reconcile/schemas';
import { viewPlan } from '../../../functions/lib/reconcile/plan-view';
import { MemoryObjectStore } from '../../support/memory-object-store';

/**
 * A joiner whose user was created and whose calling step then failed reads "created; calling not enabled:
 * <why>" in every report (JSON, CSV, HTML) and GET answer, with Webex's whole trackingId, and the numbering
 * the roster's refusals use.
 */

const WHY = '+1 408 555 0142 is not a Branch Office number';
const WORDS = `created; calling not enabled: ${WHY}`;
const TRACKING = 'WEBEXPROV_8c1e0d5b-3f0a-4f7e-9a51-7b2f1d9c0e11_4a7b9c01';
// The nested Joiner's DescribeExecution as a Map item's Catch sees it: its Cause is the Joiner's Failed detail.
const joinerFailure = {
  Error: 'States.TaskFailed',
  Cause: JSON.stringify({
    StateMachineArn: 'arn:aws:states:us-east-1:1:stateMachine:Joiner', Status: 'FAILED', Error: 'NumberNotInLocationError',
    Cause: JSON.stringify({
      status: 'FAILED', origin: { eventId: 'e1', source: 's', detailType: 'Webex User Joined' }, executionName: 'j', email: 'a@example.com', userId: 'P1',
      applied: [{ step: 'createUser', status: 'applied', detail: 'user created' }, { step: 'enableCalling', status: 'failed' }],
      error: { code: 'NumberNotInLocationError', message: WHY, step: 'enableCalling', trackingId: TRACKING },
    }),
  }),
};

it('bulk joiners (JSON): the JSON, CSV and HTML reports and the GET answer, by the index in the request', async () => {
  const failed = { ...describeItemFailure(0, 'a@example.com', joinerFailure), location: 'Branch Office' };
  expect(failed).toMatchObject({ userId: 'P1', error: { code: 'NumberNotInLocationError', trackingId: TRACKING, step: 'enableCalling' } });
  const report = { executionName: 'bulk-k-1', total: 1, succeeded: 0, failed: 1, results: [failed] };
  const status = await describeBulkJoiners('bulk-k-1', async () => ({ status: 'SUCCEEDED', output: report }));
  expect(status.report).toMatchObject({ results: [{ index: 0, outcome: WORDS, error: { trackingId: TRACKING } }] });
  const store = new MemoryObjectStore();
  await writeJsonRunReport(store, 'b', report);
  expect(JSON.parse(store.objects.get('b/reports/bulk-k-1.json')!).results[0]).toMatchObject({ index: 0, location: 'Branch Office', outcome: WORDS, error: { trackingId: TRACKING } });
  expect(store.objects.get('b/reports/bulk-k-1.csv')).toContain(`0,a@example.com,FAILED,"${WORDS}",Branch Office,P1,${TRACKING},`);
  expect(store.objects.get('b/reports/bulk-k-1.html')).toContain(`<td>${WORDS}</td><td>Branch Office</td>`);
});

it('bulk joiners (CSV): the JSON, CSV and HTML reports and the GET answer, by the file line', async () => {
  const store = new MemoryObjectStore();
  store.objects.set('b/in.csv', 'email,displayName,location\r\na@example.com,A,Branch Office\r\n');
  const run = { bulkName: 'bulk-csv-k-1', startedAt: '2026-01-01T00:00:00.000Z', intervalMs: 0, maxConcurrency: 1, origin: { source: 's', detailType: 'd' } };
  const batch = prepareCsvBatch([{ index: 0, row: { email: 'a@example.com', displayName: 'A', location: 'Branch Office' } }], run);
  const output = { ...batch, run: { report: { executionName: batch.name, total: 1, succeeded: 0, failed: 1, results: [describeItemFailure(0, 'a@example.com', joinerFailure)] } } };
  store.objects.set('b/r/S.json', JSON.stringify([{ Status: 'SUCCEEDED', Output: JSON.stringify(output) }]));
  store.objects.set('b/r/manifest.json', JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: 'r/S.json' }] } }));
  const summary = await buildCsvReport(store, { executionName: 'bulk-csv-k-1', bucket: 'b', key: 'in.csv', manifest: { Bucket: 'b', Key: 'r/manifest.json' } });
  expect(summary.failures).toEqual([expect.objectContaining({ line: 2, outcome: WORDS })]);
  expect(JSON.parse(store.objects.get('b/reports/bulk-csv-k-1.json')!).results[0]).toMatchObject({ line: 2, outcome: WORDS, error: { trackingId: TRACKING } });
  expect(store.objects.get('b/reports/bulk-csv-k-1.csv')).toContain(`2,a@example.com,FAILED,"${WORDS}",,P1,${TRACKING},`);
  expect(store.objects.get('b/reports/bulk-csv-k-1.html')).toContain(`<td>${WORDS}</td>`);
  const status = await describeBulkJoiners('bulk-csv-k-1', async () => ({ status: 'SUCCEEDED', output: summary }));
  expect(status.report).toMatchObject({ failures: [{ line: 2, outcome: WORDS }] });
});

it('reconcile apply: the JSON, CSV and HTML results and GET /reconcile/plans/{id}, with the roster line and location name', async () => {
  const store = new MemoryObjectStore();
  const id = '00000000-0000-4000-8000-000000000001';
  const plan: ReconcilePlan = {
    id, createdAt: '2026-01-01T00:00:00.000Z', scope: { emailDomains: ['example.com'] },
    policy: { leaverPolicy: 'deactivate', allowMoves: false, thresholds: { maxLeaverPercent: 10, maxLeavers: 50 } },
    inScope: 0, unchanged: 0, rosterOutOfScope: 0, counts: { join: 1, enableCalling: 0, move: 0, updateProfile: 0, leave: 0 },
    needsConfirmation: false, skipped: [], locationNames: { 'Y2lzY29zcGFyazovL0xPQ0FUSU9OL0JP': 'Branch Office' },
    actions: [{ kind: 'join', where: 'lines.2', email: 'a@example.com', before: {}, after: { locationId: 'Y2lzY29zcGFyazovL0xPQ0FUSU9OL0JP', phoneNumber: '+14085550142' }, seen: null, reason: 'in the roster' }],
  };
  await savePlan(store, 'b', plan);
  expect(store.objects.get(`b/plans/${id}.csv`)).toContain('location=Branch Office');
  expect(store.objects.get(`b/plans/${id}.csv`)).not.toContain('locationId=');
  store.objects.set('b/r/S.json', JSON.stringify([{ Status: 'SUCCEEDED', Output: JSON.stringify([describeActionFailure(0, joinerFailure)]) }]));
  store.objects.set('b/r/manifest.json', JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: 'r/S.json' }] } }));
  const outcome = await buildApplyResults(store, 'b', { planId: id, executionName: `reconcile-${id}`, manifest: { Bucket: 'b', Key: 'r/manifest.json' } });
  expect(outcome.detail.failures).toEqual([expect.objectContaining({ where: 'lines.2', outcome: WORDS })]);
  expect(JSON.parse(store.objects.get(`b/applies/${id}.results.json`)!).results[0]).toMatchObject({ where: 'lines.2', outcome: WORDS, error: { trackingId: TRACKING } });
  expect(store.objects.get(`b/applies/${id}.results.csv`)).toContain(`,lines.2,"${WORDS}",${TRACKING}`);
  const html = store.objects.get(`b/applies/${id}.results.html`)!;
  expect(html).toContain(`<td>${WORDS}</td>`);
  expect(html).toContain('<td>line 2</td>');
  expect(html).toContain('<td>Branch Office</td>');
  const view = await viewPlan({ store, bucket: 'b', describe: async () => undefined, describeApply: async () => undefined }, { id });
  expect(view).toMatchObject({ results: { results: [{ where: 'lines.2', outcome: WORDS, error: { trackingId: TRACKING } }] } });
});

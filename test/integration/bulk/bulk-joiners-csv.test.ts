import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_EMAILS, demoSeed } from '../../../functions/simulator/seed';
import { finishedBulkRun, peopleCreated } from '../../support/bulk-runs';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';

/**
 * POST /bulk/joiners/csv end to end: the real BulkJoinersCsv ASL (its Distributed Map emulated locally:
 * local-distributed-map.ts), each batch through the real BulkJoiners and Joiner ASL, against the
 * simulator, with the imports bucket as a folder.
 */
const BUCKET = 'imports';
const bucket = useLocalImportsBucket(BUCKET);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const HEADER = 'email,firstName,lastName,location,extension,department';
const row = (n: number, extra = '') => `csv.user${n}@example.com,Csv,User ${n},${n % 2 ? 'Headquarters' : 'Branch Office'},${6000 + n},${extra}`;
const upload = (key: string, lines: string[]) => bucket.store().putText(BUCKET, key, `${lines.join('\r\n')}\r\n`);

const finished = (executionName: string) => finishedBulkRun(h, 'BulkJoinersCsv', executionName);
const createdPeople = () => peopleCreated(h);

describe('POST /bulk/joiners/csv', () => {
  it('runs every row through the Joiner in batches of 100, writes the report next to the file, and answers the summary', async () => {
    // The demo org with a calling license unit for every row.
    const seed = demoSeed();
    for (const license of seed.licenses) if (license.calling) license.totalUnits += 130;
    h.sim.reset(seed);
    const rows = Array.from({ length: 130 }, (_, i) => row(i));
    await upload('joiners/batch-130.csv', [HEADER, ...rows]);
    const res = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/batch-130.csv' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'STARTED', stateMachine: 'BulkJoinersCsv', rows: 130, executionName: expect.stringMatching(/^bulk-csv-o-[0-9a-f]{40}$/) });
    const name = res.body.executionName as string;
    const status = await finished(name);
    expect(status).toMatchObject({ status: 'SUCCEEDED', report: { executionName: name, total: 130, succeeded: 130, failed: 0, failures: [] } });
    expect(status.report.report).toEqual({ bucket: BUCKET, json: `reports/${name}.json`, csv: `reports/${name}.csv`, html: `reports/${name}.html` });
    // A run with no failure publishes no Webex Bulk Joiners Failed.
    expect(h.runtime.eventBus.published.filter((e) => e.detailType === 'Webex Bulk Joiners Failed' && (e.detail as { executionName: string }).executionName === name)).toEqual([]);

    // Every user created exactly once, with calling.
    const counts = createdPeople();
    expect(Object.keys(counts)).toHaveLength(130);
    expect(Object.values(counts).every((n) => n === 1)).toBe(true);


    // The full report, by the file's line (the header is line 1), in JSON and CSV.
    const json = JSON.parse((await bucket.store().getText(BUCKET, `reports/${name}.json`)).text);
    expect(json.results).toHaveLength(130);
    expect(json.results[110]).toEqual({ line: 112, email: 'csv.user110@example.com', location: expect.any(String), status: 'SUCCEEDED', outcome: 'created', userId: expect.any(String) });
    const csv = (await bucket.store().getText(BUCKET, `reports/${name}.csv`)).text.trim().split('\r\n');
    expect(csv[0]).toBe('line,email,status,outcome,location,userId,trackingId,errorCode,errorMessage');
    expect(csv).toHaveLength(131);
    expect(csv[111]).toMatch(/^112,csv\.user110@example\.com,SUCCEEDED,created,(Headquarters|Branch Office),\S+,,,$/);

    // The ResultWriter's manifest and result files sit under the run's results prefix.
    const resultRuns = await readdir(join(bucket.root(), BUCKET, 'bulk-results', name));
    expect(resultRuns).toHaveLength(1);
    const manifest = JSON.parse(await readFile(join(bucket.root(), BUCKET, 'bulk-results', name, resultRuns[0], 'manifest.json'), 'utf8'));
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
    // Two batches (100 rows, then 30), each one BulkJoiners execution named from the run and its first row.
    const children = JSON.parse((await bucket.store().getText(BUCKET, manifest.ResultFiles.SUCCEEDED[0].Key)).text) as { Output: string }[];
    const batches = children.map((c) => JSON.parse(c.Output) as { name: string; indexes: number[] });
    expect(batches.map((b) => [b.name, b.indexes.length])).toEqual([
      [`${name}-0`, 100],
      [`${name}-100`, 30],
    ]);
  }, 60_000);

  it('trailing blank lines, which Step Functions may hand over as empty rows, are neither users nor failures', async () => {
    await bucket.store().putText(BUCKET, 'joiners/blank-tail.csv', `${[HEADER, row(400), row(401)].join('\r\n')}\r\n\r\n\r\n`);
    const res = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/blank-tail.csv' });
    expect(res.body).toMatchObject({ status: 'STARTED', rows: 2 });
    const status = await finished(res.body.executionName);
    expect(status).toMatchObject({ status: 'SUCCEEDED', report: { total: 2, succeeded: 2, failed: 0, failures: [] } });
    expect(Object.values(createdPeople())).toEqual([1, 1]);
  });

  it('the same upload started again is a DUPLICATE: nothing runs twice', async () => {
    await upload('joiners/twice.csv', [HEADER, row(300), row(301)]);
    const first = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/twice.csv' });
    expect(first.status).toBe(202);
    await finished(first.body.executionName);
    const again = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/twice.csv' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', executionName: first.body.executionName });
    expect(Object.values(createdPeople())).toEqual([1, 1]);
  });

  it('faults mid-run (a create applied then answered 500, a 429 storm on the extension check) leave no duplicate and no unreported user', async () => {
    await upload('joiners/faults.csv', [HEADER, row(700), row(701), row(702), row(703)]);
    h.sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'applyThenFail', status: 500, skip: 1 });
    // The extension check is the location's Validate Extensions action.
    h.sim.faults.add({ match: { method: 'POST', path: '/telephony/config/locations/' }, kind: 'status', status: 429, retryAfter: '0', times: 3 });
    const res = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/faults.csv' });
    const { report } = await finished(res.body.executionName);
    // Both faults fired; every user was created exactly once, with calling, and reported as such.
    expect(h.sim.faults.list()).toEqual([]);
    expect(report).toMatchObject({ total: 4, succeeded: 4, failed: 0 });
    // One POST /people per user, the one answered 500 included: the retry found the person instead of creating another.
    const posts = h.webexCalls('POST', '/people').map((c) => (c.body as { emails: string[] }).emails[0]);
    expect(posts.sort()).toEqual([700, 701, 702, 703].map((n) => `csv.user${n}@example.com`));
    expect(h.webexCalls('POST', '/people').filter((c) => c.status === 500)).toHaveLength(1);
    for (const n of [700, 701, 702, 703]) {
      const user = await h.call('GET', `/users/${encodeURIComponent(`csv.user${n}@example.com`)}`);
      expect(user.body.calling).toMatchObject({ enabled: true, extension: String(6000 + n) });
    }
  });

  it('a user Webex refuses fails alone, and the failure is in the summary and the report', async () => {
    // Carol already has calling in Branch Office: her Joiner fails at Enable Calling.
    await upload('joiners/carol.csv', [HEADER, row(400), `${DEMO_EMAILS.carol},Carol,,Headquarters,6999,`, row(402)]);
    const res = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/carol.csv', idempotencyKey: 'hr-2026-11-30' });
    expect(res.body.executionName).toBe('bulk-csv-k-hr-2026-11-30');
    const { report } = await finished(res.body.executionName);
    expect(report).toMatchObject({ total: 3, succeeded: 2, failed: 1 });
    // Numbered by the file's line, as the preflight names it; the user existed, so not "created".
    expect(report.failures).toEqual([{
      line: 3, email: DEMO_EMAILS.carol, location: 'Headquarters', status: 'FAILED', userId: expect.any(String), existed: true,
      outcome: expect.stringMatching(/^already in Webex; calling not enabled: /),
      error: { code: 'CallingAlreadyEnabledError', message: expect.any(String), step: 'enableCalling' },
    }]);

    // GET …/report: a signed URL the local API serves (as a presigned S3 URL in AWS), the HTML report.
    const link = await h.call('GET', `/bulk/joiners/${res.body.executionName}/report`);
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ url: expect.stringMatching(/\/local-objects\/imports\/reports\/bulk-csv-k-hr-2026-11-30\.html\?expires=\d+&signature=[0-9a-f]{64}$/), expiresInSeconds: 900 });
    const page = await fetch(link.body.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('already in Webex; calling not enabled: ');
    // Any change to the URL, or its expiry passed, is refused as S3 refuses it.
    const forged = new URL(link.body.url);
    forged.pathname = forged.pathname.replace('bulk-csv-k-hr-2026-11-30.html', 'bulk-csv-k-hr-2026-11-30.json');
    expect((await fetch(forged)).status).toBe(403);
    const later = new URL(link.body.url);
    later.searchParams.set('expires', String(Number(later.searchParams.get('expires')) + 3600));
    expect((await fetch(later)).status).toBe(403);
    expect(h.runtime.objectUrls.verify(new URL(link.body.url), Date.now() + 901_000)).toEqual({ refused: 'Request has expired' });
    // A JSON run's report is its GET answer; a run never started has none.
    expect((await h.call('GET', '/bulk/joiners/bulk-k-never/report')).status).toBe(404);
    expect((await h.call('GET', '/bulk/joiners/bulk-csv-k-never/report')).status).toBe(404);
    // One Webex Bulk Joiners Failed for the file (its batches publish nothing of their own), naming the report.
    expect(h.runtime.eventBus.published.filter((e) => e.detailType === 'Webex Bulk Joiners Failed')).toEqual([
      expect.objectContaining({
        source: 'webex-provisioning.lifecycle',
        detail: {
          executionName: 'bulk-csv-k-hr-2026-11-30',
          total: 3,
          succeeded: 2,
          failed: 1,
          report: { bucket: BUCKET, json: 'reports/bulk-csv-k-hr-2026-11-30.json', csv: 'reports/bulk-csv-k-hr-2026-11-30.csv', html: 'reports/bulk-csv-k-hr-2026-11-30.html' },
          statusPath: '/bulk/joiners/bulk-csv-k-hr-2026-11-30',
        },
      }),
    ]);
  });

  it('a bad file is a 400 naming each line and column; nothing starts and nothing reaches Webex', async () => {
    await upload('joiners/bad.csv', [HEADER, row(500), 'not-an-email,Bad,Row,Headquarters,6501,', row(502), `csv.user500@example.com,Dup,Row,Headquarters,abc,`]);
    const res = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/bad.csv' });
    expect(res.status).toBe(400);
    const fields = (res.body.error.fields as { field: string }[]).map((f) => f.field);
    expect(fields).toEqual(expect.arrayContaining(['lines.3.email', 'lines.5.extension']));
    expect(h.runtime.executions.list('BulkJoinersCsv')).toHaveLength(0);
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('a header without the required columns, an unknown column or a broken quote is a 400 before any row runs', async () => {
    await upload('joiners/header.csv', ['email,firstName,site', 'a@example.com,A,HQ']);
    const header = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/header.csv' });
    expect(header.status).toBe(400);
    expect(header.body.error.fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['header.3', 'header.location']));
    await upload('joiners/quote.csv', [HEADER, '"csv.q@example.com,Q,Q,Headquarters,6601,']);
    const quote = await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/quote.csv' });
    expect(quote.status).toBe(400);
    expect(quote.body.error.fields[0]).toMatchObject({ field: 'lines.2', message: expect.stringContaining('never closed') });
    expect(h.webexCalls()).toHaveLength(0);
  });

  it('a key that is not in the bucket is a 404; a key with ".." is a 400', async () => {
    expect((await h.call('POST', '/bulk/joiners/csv', { key: 'joiners/missing.csv' })).status).toBe(404);
    const bad = await h.call('POST', '/bulk/joiners/csv', { key: '../secrets.csv' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].field).toBe('key');
  });
});

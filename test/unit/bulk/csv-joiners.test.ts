import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { batchResults, buildCsvReport, csvExecutionName, prepareCsvBatch } from '../../../functions/lib/bulk/csv-joiners';
import { reportCsv } from '../../../functions/lib/bulk/report-files';
import { csvField } from '../../../functions/lib/reports/csv-field';
import { ObjectNotFoundError, ObjectTooLargeError } from '../../../functions/lib/storage/object-store';
import { MemoryObjectStore } from '../../support/memory-object-store';
import { S3ObjectStore } from '../../../functions/lib/aws/s3-object-store';

const run = {
  bulkName: 'bulk-csv-k-hr',
  startedAt: '2026-01-01T00:00:00.000Z',
  intervalMs: 2000,
  maxConcurrency: 8,
  origin: { source: 'webex-provisioning.bulk', detailType: 'Webex User Joined' },
};
const row = (email: string, extra: Record<string, string> = {}) => ({ email, displayName: 'X', location: 'HQ', ...extra });

describe('prepareCsvBatch', () => {
  it('skips all-empty rows (what Step Functions may hand over for blank lines): neither run nor reported', () => {
    const blank = { email: '', displayName: '', location: '' };
    const batch = prepareCsvBatch([{ index: 200, row: row('a@example.com') }, { index: 201, row: blank }, { index: 202, row: { ...blank, displayName: ' ' } }], run);
    expect(batch.name).toBe('bulk-csv-k-hr-200');
    expect(batch.indexes).toEqual([200]);
    expect(batch.invalid).toEqual([]);
    expect(prepareCsvBatch([{ index: 300, row: blank }], run)).toMatchObject({ name: 'bulk-csv-k-hr-300', indexes: [], input: null, invalid: [] });
  });

  it('valid rows become users (each asks the shared pacing budget for its slot when it runs); invalid rows are FAILED results', () => {
    const batch = prepareCsvBatch(
      [
        { index: 100, row: row('a@example.com') },
        { index: 101, row: row('bad') },
        { index: 102, row: row('c@example.com', { extension: '1234' }) },
      ],
      run,
    );
    expect(batch.name).toBe('bulk-csv-k-hr-100');
    expect(batch.indexes).toEqual([100, 102]);
    expect(batch.input).toEqual({
      users: [
        { email: 'a@example.com', displayName: 'X', location: 'HQ', autoAssignNumber: true },
        { email: 'c@example.com', displayName: 'X', location: 'HQ', extension: '1234' },
      ],
      maxConcurrency: 8,
      origin: run.origin,
      publishOutcome: false,
    });
    expect(batch.invalid).toEqual([{ index: 101, email: 'bad', location: 'HQ', status: 'FAILED', error: { code: 'ValidationError', message: 'email: must be a valid e-mail address' } }]);
  });

  it('names an invalid row by its e-mail whatever the header looked like', () => {
    const batch = prepareCsvBatch([{ index: 0, row: { '\uFEFFEMAIL': ' x@example ', displayName: 'X', location: '' } }], run);
    expect(batch.invalid[0].email).toBe('x@example');
  });

  it('a batch of invalid rows only has no input: nothing runs', () => {
    expect(prepareCsvBatch([{ index: 0, row: row('bad') }], run).input).toBeNull();
  });
});

describe('batchResults', () => {
  const prepared = prepareCsvBatch([{ index: 5, row: row('a@example.com') }, { index: 6, row: row('b@example.com') }], run);
  it('maps the BulkJoiners report back to row indexes', () => {
    const report = { executionName: 'x', total: 2, succeeded: 1, failed: 1, results: [
      { index: 0, email: 'a@example.com', status: 'SUCCEEDED' as const, userId: 'P1' },
      { index: 1, email: 'b@example.com', status: 'FAILED' as const, error: { code: 'NoLicenseUnitsError', message: 'none' } },
    ] };
    expect(batchResults({ ...prepared, run: { report } }).map((r) => [r.index, r.status])).toEqual([[5, 'SUCCEEDED'], [6, 'FAILED']]);
  });

  it('a batch whose BulkJoiners execution failed reports each of its users FAILED with that error', () => {
    const results = batchResults({ ...prepared, failure: { Error: 'States.Timeout', Cause: 'too slow' } });
    expect(results).toEqual([
      { index: 5, email: 'a@example.com', location: 'HQ', status: 'FAILED', error: { code: 'States.Timeout', message: expect.stringContaining('too slow') } },
      { index: 6, email: 'b@example.com', location: 'HQ', status: 'FAILED', error: { code: 'States.Timeout', message: expect.stringContaining('bulk-csv-k-hr-5') } },
    ]);
  });
});

describe('buildCsvReport', () => {
  it('reads the ResultWriter manifest and files (succeeded and failed children), writes JSON, CSV and HTML numbered by the file\'s lines, answers a summary', async () => {
    const store = new MemoryObjectStore();
    // b's title spans two lines of the file: b is line 3, c line 5 (not index + 2).
    store.objects.set('b/in/hr.csv', 'email,title\r\na@example.com,x\r\nb@example.com,"two\r\nlines"\r\nc@example.com,y\r\n');
    const ok = prepareCsvBatch([{ index: 0, row: row('a@example.com') }, { index: 1, row: row('b@example.com') }], run);
    const tracking = 'WEBEXPROV_0123456789abcdef0123456789abcdef_01234567';
    const okOutput = { ...ok, run: { report: { executionName: ok.name, total: 2, succeeded: 1, failed: 1, results: [
      { index: 0, email: 'a@example.com', status: 'SUCCEEDED', userId: 'P1' },
      { index: 1, email: 'b@example.com', status: 'FAILED', userId: 'P2', error: { code: 'NumberNotInLocationError', message: '=+1 408 555 0142 is not a Branch Office number', step: 'enableCalling', trackingId: tracking } },
    ] } } };
    store.objects.set('b/res/run/SUCCEEDED_0.json', JSON.stringify([{ Status: 'SUCCEEDED', Input: '{}', Output: JSON.stringify(okOutput) }]));
    store.objects.set('b/res/run/FAILED_0.json', JSON.stringify([
      { Status: 'FAILED', Error: 'Lambda.Unknown', Cause: 'boom', Input: JSON.stringify({ Items: [{ index: 2, row: row('c@example.com') }] }) },
    ]));
    store.objects.set('b/res/run/manifest.json', JSON.stringify({ ResultFiles: { SUCCEEDED: [{ Key: 'res/run/SUCCEEDED_0.json' }], FAILED: [{ Key: 'res/run/FAILED_0.json' }], PENDING: [] } }));
    const summary = await buildCsvReport(store, { executionName: 'bulk-csv-k-hr', bucket: 'b', key: 'in/hr.csv', manifest: { Bucket: 'b', Key: 'res/run/manifest.json' } });
    const calling = 'created; calling not enabled: =+1 408 555 0142 is not a Branch Office number';
    expect(summary).toEqual({
      executionName: 'bulk-csv-k-hr',
      total: 3,
      succeeded: 1,
      failed: 2,
      report: { bucket: 'b', json: 'reports/bulk-csv-k-hr.json', csv: 'reports/bulk-csv-k-hr.csv', html: 'reports/bulk-csv-k-hr.html' },
      failures: [
        expect.objectContaining({ line: 3, outcome: calling }),
        { line: 5, email: 'c@example.com', location: 'HQ', status: 'FAILED', outcome: expect.stringMatching(/^not created: the batch failed before its users ran: boom/), error: { code: 'Lambda.Unknown', message: expect.stringContaining('boom') } },
      ],
    });
    expect(summary.failures[0]).not.toHaveProperty('index');
    const json = JSON.parse(store.objects.get('b/reports/bulk-csv-k-hr.json')!);
    expect(json.results.map((r: { line: number }) => r.line)).toEqual([2, 3, 5]);
    expect(json.results[1].error.trackingId).toBe(tracking);
    const csv = store.objects.get('b/reports/bulk-csv-k-hr.csv')!.split('\r\n');
    expect(csv[0]).toBe('line,email,status,outcome,location,userId,trackingId,errorCode,errorMessage');
    // The full trackingId; a cell a spreadsheet would run as a formula is defused; a cell holding a ; is quoted.
    expect(csv[2]).toBe(`3,b@example.com,FAILED,"${calling}",,P2,${tracking},NumberNotInLocationError,'=+1 408 555 0142 is not a Branch Office number`);
    expect(csv[3]).toMatch(/^5,c@example\.com,FAILED,not created: /);
    const html = store.objects.get('b/reports/bulk-csv-k-hr.html')!;
    expect(html).toContain(`<td>${calling}</td>`);
    expect(html).toContain(tracking);
  });

  it('without the file, a row\'s line is its index + 2 (the header is line 1)', async () => {
    const store = new MemoryObjectStore();
    store.objects.set('b/res/run/FAILED_0.json', JSON.stringify([{ Status: 'FAILED', Error: 'X', Input: JSON.stringify({ Items: [{ index: 7, row: row('c@example.com') }] }) }]));
    store.objects.set('b/res/run/manifest.json', JSON.stringify({ ResultFiles: { SUCCEEDED: [], FAILED: [{ Key: 'res/run/FAILED_0.json' }], PENDING: [] } }));
    const summary = await buildCsvReport(store, { executionName: 'e', bucket: 'b', manifest: { Bucket: 'b', Key: 'res/run/manifest.json' } });
    expect(summary.failures[0].line).toBe(9);
  });

  it('defuses a formula wherever a spreadsheet could start a cell: after a comma, a semicolon, a tab or a line break, not only at the start', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('department=Sales;=1+1')).toBe(`"department=Sales;'=1+1"`);
    expect(csvField('a,@SUM(A1)')).toBe(`"a,'@SUM(A1)"`);
    expect(csvField('a\t+1')).toBe(`"a\t'+1"`);
    expect(csvField('a; -2')).toBe(`"a; '-2"`);
    expect(csvField('x\n=cmd')).toBe(`"x\n'=cmd"`);
    // Nothing else changes: a formula character inside a cell is data.
    expect(csvField('a=b+c-d@e.example')).toBe('a=b+c-d@e.example');
    expect(csvField(12)).toBe('12');
    // Split as a spreadsheet in any of those locales would, no piece starts with a formula character.
    for (const sep of [',', ';', '\t']) {
      const cell = csvField(`Sales${sep}=1+1${sep}+2${sep}-3${sep}@x`);
      for (const piece of cell.replace(/^"|"$/g, '').split(sep)) expect(piece).not.toMatch(/^\s*[=+\-@]/);
    }
  });

  it('quotes report cells with commas, quotes or line breaks', () => {
    const csv = reportCsv('line', { executionName: 'x', total: 1, succeeded: 0, failed: 1, results: [
      { line: 2, email: 'a@example.com', status: 'FAILED', outcome: 'not created: a, "b"\nc', error: { code: 'X', message: 'a, "b"\nc' } },
    ] });
    expect(csv).toBe('line,email,status,outcome,location,userId,trackingId,errorCode,errorMessage\r\n2,a@example.com,FAILED,"not created: a, ""b""\nc",,,,X,"a, ""b""\nc"\r\n');
  });
});

describe('csvExecutionName', () => {
  it('from the key when it is short and plain, else hashed; without one, from the upload (key and ETag)', () => {
    expect(csvExecutionName({ key: 'k.csv', idempotencyKey: 'hr-1' }, 'b', 'e')).toBe('bulk-csv-k-hr-1');
    expect(csvExecutionName({ key: 'k.csv', idempotencyKey: 'has space' }, 'b', 'e')).toMatch(/^bulk-csv-k-h[0-9a-f]{40}$/);
    const a = csvExecutionName({ key: 'k.csv' }, 'b', 'etag-1');
    expect(a).toMatch(/^bulk-csv-o-[0-9a-f]{40}$/);
    expect(csvExecutionName({ key: 'k.csv' }, 'b', 'etag-2')).not.toBe(a);
    expect(a.length + '-9999'.length + '-99'.length + '-calling'.length).toBeLessThanOrEqual(80);
  });
});

describe('S3ObjectStore', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => s3.reset());
  // The SDK's stream mixin, as far as the store uses it.
  const body = (text: string) => ({ transformToString: async () => text, destroy: () => undefined }) as never;

  it('reads text and the ETag without quotes; writes with a content type', async () => {
    s3.on(GetObjectCommand, { Bucket: 'b', Key: 'k' }).resolves({ Body: body('a,b\n'), ContentLength: 4, ETag: '"abc"' });
    const store = new S3ObjectStore(new S3Client({ region: 'us-east-1' }));
    expect(await store.getText('b', 'k', { maxBytes: 10 })).toEqual({ text: 'a,b\n', etag: 'abc' });
    await store.putText('b', 'r.csv', 'x', 'text/csv');
    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toEqual({ Bucket: 'b', Key: 'r.csv', Body: 'x', ContentType: 'text/csv' });
  });

  it('NoSuchKey is a not-found; an object over the limit is refused unread', async () => {
    s3.on(GetObjectCommand).rejectsOnce(new NoSuchKey({ message: 'no', $metadata: {} })).resolves({ Body: body('x'), ContentLength: 11 });
    const store = new S3ObjectStore(new S3Client({ region: 'us-east-1' }));
    await expect(store.getText('b', 'missing')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(store.getText('b', 'big', { maxBytes: 10 })).rejects.toBeInstanceOf(ObjectTooLargeError);
  });
});

import { csvField } from '../reports/csv-field';
import { HTML_CONTENT_TYPE, renderHtmlReport } from '../reports/html';
import type { BulkUserOutcome, CsvUserResult } from '../schemas/bulk-answers';
import type { ObjectStore } from '../storage/object-store';
import { bulkReportKeys, type BulkReportKeys } from '../bulk-run-names';

/**
 * A bulk run's report files, JSON, CSV and HTML beside each other under reports/ in the imports bucket: a
 * CSV run's (its users numbered by the file's `line`) and a JSON run's (by `index`, the user's position in
 * the request's `users`, as its 400s name `users.<index>` and its GET answer does). One rendering for both:
 * the words, the columns and the page differ only in what numbers a user.
 */

/** What numbers a user in a report: the file's line (a CSV run) or the index in the request (a JSON run). */
export type Numbering = 'line' | 'index';

type Numbered<N extends Numbering> = N extends 'line' ? CsvUserResult : BulkUserOutcome;

export interface BulkRunReportFile<N extends Numbering> {
  executionName: string;
  /** A CSV run's file. */
  source?: { bucket: string; key: string };
  total: number;
  succeeded: number;
  failed: number;
  results: Numbered<N>[];
}

const TABLES: Record<Numbering, { heading: string; empty: string }> = {
  line: { heading: 'Users, by line of the file', empty: 'The file had no users.' },
  index: { heading: 'Users, by index in the request (users[index])', empty: 'The request had no users.' },
};

const numberOf = (r: CsvUserResult | BulkUserOutcome): number => ('line' in r ? r.line : r.index);

/** `line` is the file's line (the header is line 1), as the preflight names it; `index` the request's users[index]. */
export function reportCsv<N extends Numbering>(numbering: N, report: BulkRunReportFile<N>): string {
  const lines = [`${numbering},email,status,outcome,location,userId,trackingId,errorCode,errorMessage`];
  for (const r of report.results) {
    lines.push([numberOf(r), r.email, r.status, r.outcome, r.location, r.userId, r.error?.trackingId, r.error?.code, r.error?.message].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function reportHtml<N extends Numbering>(numbering: N, report: BulkRunReportFile<N>, generatedAt: string): string {
  return renderHtmlReport({
    title: 'Bulk joiners report',
    subject: report.executionName,
    generatedAt,
    totals: [
      { label: 'users', value: report.total },
      { label: 'succeeded', value: report.succeeded },
      { label: 'failed', value: report.failed },
    ],
    facts: report.source ? [{ label: 'File', value: `s3://${report.source.bucket}/${report.source.key}` }] : [],
    tables: [{
      ...TABLES[numbering],
      columns: [numbering, 'email', 'status', 'outcome', 'location', 'userId', 'trackingId'],
      idColumns: ['userId', 'trackingId'],
      rows: report.results.map((r) => [numberOf(r), r.email, r.status.toLowerCase(), r.outcome, r.location, r.userId, r.error?.trackingId]),
      empty: TABLES[numbering].empty,
    }],
  });
}

/** Writes the three files (a retried step writes the same ones again) and answers where they are. */
export async function writeBulkReportFiles<N extends Numbering>(
  store: ObjectStore,
  bucket: string,
  numbering: N,
  report: BulkRunReportFile<N>,
  now = () => new Date(),
): Promise<BulkReportKeys> {
  const keys = bulkReportKeys(report.executionName);
  await store.putText(bucket, keys.json, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  await store.putText(bucket, keys.csv, reportCsv(numbering, report), 'text/csv');
  await store.putText(bucket, keys.html, reportHtml(numbering, report, now().toISOString()), HTML_CONTENT_TYPE);
  return keys;
}

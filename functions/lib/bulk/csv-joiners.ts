import type { Env } from '../config';
import { ValidationError, type FieldIssue } from '../errors';
import { LIFECYCLE_DETAIL_TYPES } from '../schemas/lifecycle-events';
import type { BulkJoinersCsvInput } from '../schemas/bulk';
import { NESTED_SUFFIX_RESERVE, executionName, nameHash } from '../state-machines/execution-name';
import { readMapResults } from '../state-machines/map-results';
import type { ObjectStore } from '../storage/object-store';
import { writeBulkReportFiles } from './report-files';
import { BULK_SOURCE, CSV_EXECUTION_PREFIX, buildBulkReport, maxConcurrency, withOutcome, type BulkJoinersMachineInput, type BulkJoinersReport, type BulkUserResult } from './joiners';
import { CsvSyntaxError, MAX_HEADER_COLUMNS, csvHeader, csvRows, isBlankRow, parseCsv, rowEmail, rowLocation, rowToJoinerDetail } from './csv';
import { joinerIntervalMs, requestsPerSecond } from './pacing';
import type { BulkJoinersCsvReport, CsvRunReport } from '../schemas/bulk-answers';

/**
 * Bulk joiners from a CSV file in S3 (POST /bulk/joiners/csv): a preflight reads and checks every row,
 * then the BulkJoinersCsv state machine (statemachines/bulk-joiners-csv.asl.json) reads the file with
 * a Distributed Map, runs each batch of rows through the BulkJoiners machine (the same paced Joiner
 * runs as the JSON path), and writes the per-user report next to the file.
 */

/** A CSV is read whole by the preflight; 10,000 joiners of ~200 bytes fit well under this. */
export const CSV_MAX_BYTES = 5 * 1024 * 1024;
/** The Distributed Map's ReaderConfig.MaxItems: the file is refused above it rather than cut short. */
export const CSV_MAX_ROWS = 10_000;
/** The Distributed Map's ItemBatcher.MaxItemsPerBatch: rows per BulkJoiners execution (its state stays small). */
export const CSV_BATCH_SIZE = 100;
/** Batches running at once; the shared pacing budget, not this, keeps the Webex request rate. */
export const CSV_BATCH_CONCURRENCY = 2;
/** Issues named in one 400: the first ones are enough to fix the file. */
const MAX_ISSUES = 50;

/** name + `-<first row index>` + the Joiner's `-<index in batch>` and its nested suffix (`-calling`) fit Step Functions' 80. */
const CSV_NAME_RESERVE = `-${CSV_MAX_ROWS - 1}`.length + `-${CSV_BATCH_SIZE - 1}`.length + NESTED_SUFFIX_RESERVE;

/**
 * `bulk-csv-k-<key>` from the idempotency key, else `bulk-csv-o-<hash of bucket, key and ETag>`: the
 * same upload started twice is one run; a new upload of the same file name is a new one.
 */
export function csvExecutionName(input: BulkJoinersCsvInput, bucket: string, etag: string): string {
  const key = input.idempotencyKey;
  if (key !== undefined) return executionName(`${CSV_EXECUTION_PREFIX}k-`, key, CSV_NAME_RESERVE);
  return `${CSV_EXECUTION_PREFIX}o-${nameHash(`${bucket}\n${input.key}\n${etag}`)}`;
}


/**
 * Every problem with the file, each named `lines.<line>.<column>` (or `header…`), so the service desk
 * fixes it in one go; nothing starts, nothing reaches Webex. Answers the number of rows.
 */
export function preflightCsv(text: string): { rows: number } {
  let rows;
  try {
    // No row may have more fields than the header, nor the header more than MAX_HEADER_COLUMNS.
    const records = parseCsv(text, { maxFields: MAX_HEADER_COLUMNS });
    const header = csvHeader(records[0]?.fields ?? []);
    if ('issues' in header) throw new ValidationError(header.issues.slice(0, MAX_ISSUES));
    rows = csvRows(records);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      const message = error.message.replace(/^line \d+: /, '');
      throw new ValidationError([{ field: error.line === 1 ? 'header' : `lines.${error.line}`, message }], { cause: error });
    }
    throw error;
  }
  if (!rows.length) throw new ValidationError([{ field: 'lines', message: 'the file has a header but no rows' }]);
  if (rows.length > CSV_MAX_ROWS) throw new ValidationError([{ field: 'lines', message: `${rows.length} rows; at most ${CSV_MAX_ROWS} per file (split it)` }]);
  const issues: FieldIssue[] = [];
  const seen = new Map<string, number>();
  for (const { line, row } of rows) {
    const result = rowToJoinerDetail(row);
    if ('issues' in result) {
      issues.push(...result.issues.map((i) => ({ field: `lines.${line}.${i.field}`, message: i.message })));
    } else {
      const email = String(result.detail.email).toLowerCase();
      const first = seen.get(email);
      if (first !== undefined) issues.push({ field: `lines.${line}.email`, message: `duplicate of line ${first} (each user once per file)` });
      else seen.set(email, line);
    }
    if (issues.length >= MAX_ISSUES) break;
  }
  if (issues.length) throw new ValidationError(issues.slice(0, MAX_ISSUES));
  return { rows: rows.length };
}

/** What every batch needs from the run (the Distributed Map's BatchInput). */
export interface CsvRunContext {
  bulkName: string;
  /** The CSV execution's start. */
  startedAt: string;
  /** The interval between joiners at the initial rate: what the start route checked the run's length by. */
  intervalMs: number;
  maxConcurrency: number;
  origin: { source: string; detailType: string };
}

/** The BulkJoinersCsv machine's input. */
export interface BulkJoinersCsvMachineInput {
  bucket: string;
  key: string;
  resultsPrefix: string;
  batchConcurrency: number;
  intervalMs: number;
  maxConcurrency: number;
  origin: { source: string; detailType: string };
}

export function bulkJoinersCsvMachineInput(bucket: string, key: string, executionName: string, env: Env): BulkJoinersCsvMachineInput {
  return {
    bucket,
    key,
    resultsPrefix: `bulk-results/${executionName}`,
    batchConcurrency: CSV_BATCH_CONCURRENCY,
    intervalMs: joinerIntervalMs(requestsPerSecond(env)),
    maxConcurrency: maxConcurrency(env),
    origin: { source: BULK_SOURCE, detailType: LIFECYCLE_DETAIL_TYPES.joined },
  };
}

export interface CsvItem {
  /** The row's index among the file's rows ($$.Map.Item.Index). */
  index: number;
  row: Record<string, string>;
}

/** A batch made ready for the BulkJoiners machine: the valid rows as users, the others as results already. */
export interface PreparedBatch {
  /** The BulkJoiners execution's name (unique in the run, and the same if this batch is retried). */
  name: string;
  /** Each user's row index, in order: BulkJoiners reports by position in `input.users`. */
  indexes: number[];
  input: BulkJoinersMachineInput | null;
  invalid: BulkUserResult[];
}

export function prepareCsvBatch(allItems: CsvItem[], run: CsvRunContext): PreparedBatch {
  // Named after the batch's first item whatever it holds, so a retried batch keeps its name.
  const first = Math.min(...allItems.map((i) => i.index));
  // A blank line the reader handed over is no user: not run, not reported.
  const items = allItems.filter((i) => !isBlankRow(i.row));
  const users: Record<string, unknown>[] = [];
  const indexes: number[] = [];
  const invalid: BulkUserResult[] = [];
  for (const { index, row } of items) {
    const result = rowToJoinerDetail(row);
    if ('detail' in result) {
      users.push(result.detail);
      indexes.push(index);
    } else {
      const message = result.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
      invalid.push({ index, email: rowEmail(row), ...rowLocation(row), status: 'FAILED', error: { code: 'ValidationError', message } });
    }
  }
  return {
    name: `${run.bulkName}-${first}`,
    indexes,
    input: users.length
      ? {
          users,
          maxConcurrency: run.maxConcurrency,
          origin: run.origin,
          publishOutcome: false,
        }
      : null,
    invalid,
  };
}

/** One batch child's end state (its output in the Distributed Map's results). */
export interface BatchOutcome extends PreparedBatch {
  run?: { report: BulkJoinersReport };
  failure?: { Error?: string; Cause?: string };
}

/** The users' results of one batch, by row index. */
export function batchResults(outcome: BatchOutcome): BulkUserResult[] {
  const results: BulkUserResult[] = [...outcome.invalid];
  const users = (outcome.input?.users ?? []) as { email?: string; location?: string }[];
  if (outcome.run) {
    for (const r of outcome.run.report.results) results.push({ ...r, index: outcome.indexes[r.index] });
  } else if (users.length) {
    const code = outcome.failure?.Error ?? 'BatchNotRun';
    const message = `the batch's BulkJoiners execution ${outcome.name} did not complete${outcome.failure?.Cause ? `: ${outcome.failure.Cause.slice(0, 200)}` : ''}`;
    outcome.indexes.forEach((index, i) => results.push({ index, email: users[i]?.email ?? '', ...(users[i]?.location ? { location: users[i].location } : {}), status: 'FAILED', error: { code, message } }));
  }
  return results;
}

/** Rows of a batch child that failed as a whole (its Input is the batch): each row FAILED with the child's error. */
export function failedBatchResults(items: CsvItem[], error: string, cause?: string): BulkUserResult[] {
  const message = `the batch failed before its users ran${cause ? `: ${cause.slice(0, 200)}` : ''}`;
  return items.filter((i) => !isBlankRow(i.row)).map(({ index, row }) => ({ index, email: rowEmail(row), ...rowLocation(row), status: 'FAILED', error: { code: error, message } }));
}

// ---- the report -----------------------------------------------------------------------------------

export type { BulkJoinersCsvReport };

const MAX_FAILURES_IN_OUTPUT = 100;

/**
 * Each data row's line in the file, by its index among the rows ($$.Map.Item.Index): a quoted field may
 * span lines, so the line is read from the file rather than assumed to be index + 2. Without the file
 * (gone, or an older execution's input without its key), index + 2: the line when no field spans lines.
 */
async function rowLines(store: ObjectStore, source: { bucket: string; key: string } | undefined): Promise<(index: number) => number> {
  const fallback = (index: number) => index + 2;
  if (!source) return fallback;
  try {
    const records = parseCsv((await store.getText(source.bucket, source.key, { maxBytes: CSV_MAX_BYTES })).text);
    return (index) => records[index + 1]?.line ?? fallback(index);
  } catch {
    return fallback;
  }
}

/**
 * Reads the Distributed Map's results (manifest, then every result file), turns them into one report in
 * row order, writes it as JSON, CSV and HTML under reports/, and answers the summary (the execution's
 * output, which must stay small whatever the file's size).
 */
export async function buildCsvReport(
  store: ObjectStore,
  args: { executionName: string; bucket: string; key?: string; manifest: { Bucket: string; Key: string } },
  now = () => new Date(),
): Promise<BulkJoinersCsvReport> {
  const results: BulkUserResult[] = [];
  for await (const child of readMapResults(store, args.manifest)) {
    if (child.answered) results.push(...batchResults(child.output as BatchOutcome));
    else {
      // The child's Input is its batch: each row of it FAILED with the child's error.
      const items = (child.input as { Items?: CsvItem[] } | undefined)?.Items ?? [];
      results.push(...failedBatchResults(items, child.error ?? (child.status === 'PENDING' ? 'BatchNotRun' : 'States.TaskFailed'), child.cause));
    }
  }
  const source = args.key === undefined ? undefined : { bucket: args.bucket, key: args.key };
  const lineOf = await rowLines(store, source);
  const bulk = buildBulkReport(args.executionName, results);
  const report: CsvRunReport = {
    executionName: args.executionName,
    ...(source ? { source } : {}),
    total: bulk.total,
    succeeded: bulk.succeeded,
    failed: bulk.failed,
    results: bulk.results.map((r) => {
      const { index, ...rest } = withOutcome(r);
      return { line: lineOf(index), ...rest };
    }),
  };
  const keys = await writeBulkReportFiles(store, args.bucket, 'line', report, now);
  return {
    executionName: args.executionName,
    total: report.total,
    succeeded: report.succeeded,
    failed: report.failed,
    report: { bucket: args.bucket, ...keys },
    failures: report.results.filter((r) => r.status === 'FAILED').slice(0, MAX_FAILURES_IN_OUTPUT),
  };
}

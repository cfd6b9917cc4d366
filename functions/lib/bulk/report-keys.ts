/**
 * Where a bulk run's report files are in the imports bucket, and what names a JSON run's execution (and so its
 * files) may have: the stack grants the BulkJoiners steps writing those keys and no others. No imports: the
 * state machine table (and so every function) reads it.
 */

/** A JSON run's execution name starts with one of these (bulkExecutionName): by idempotency key, or by the users' hash. */
export const JSON_RUN_PREFIXES = { key: 'bulk-k-', users: 'bulk-b-' } as const;

const REPORTS = 'reports/';

export const bulkReportKeys = (executionName: string) => ({
  json: `${REPORTS}${executionName}.json`,
  csv: `${REPORTS}${executionName}.csv`,
  html: `${REPORTS}${executionName}.html`,
});
export type BulkReportKeys = ReturnType<typeof bulkReportKeys>;

/** The object keys a JSON run's report files may have (IAM resource patterns). */
export const JSON_RUN_REPORT_KEYS: readonly string[] = Object.values(JSON_RUN_PREFIXES).map((prefix) => `${REPORTS}${prefix}*`);

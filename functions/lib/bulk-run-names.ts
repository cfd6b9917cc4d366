/**
 * What names a JSON bulk run's execution may have, and where a bulk run's report files are in the imports bucket:
 * the stack grants the BulkJoiners steps writing a JSON run's keys and no others, and the activity store counts a
 * JSON run's children on its run alone. No imports: the state machine table (and so every function) reads it.
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

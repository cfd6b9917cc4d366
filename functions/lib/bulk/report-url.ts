import { NotFoundError } from '../errors';
import type { BulkReportUrl } from '../schemas/bulk-answers';
import { ObjectNotFoundError, REPORT_URL_SECONDS, type ObjectStore } from '../storage/object-store';
import { csvReportKeys } from './csv-joiners';
import { CSV_EXECUTION_PREFIX } from './joiners';

/**
 * GET /bulk/joiners/{executionName}/report: a short-lived URL of a CSV run's HTML report. A JSON run
 * (POST /bulk/joiners) keeps its report in its execution's output: its GET answer is the report.
 */
export async function bulkReportUrl(store: ObjectStore, bucket: string, executionName: string): Promise<BulkReportUrl> {
  if (!executionName.startsWith(CSV_EXECUTION_PREFIX)) {
    throw new NotFoundError(`${executionName} is a JSON bulk run: its report is the answer of GET /bulk/joiners/${executionName}`);
  }
  try {
    return { url: await store.readUrl(bucket, csvReportKeys(executionName).html, REPORT_URL_SECONDS), expiresInSeconds: REPORT_URL_SECONDS };
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new NotFoundError(`No report for ${executionName} yet: it is written when the run ends (GET /bulk/joiners/${executionName})`, { cause: error });
    }
    throw error;
  }
}

import { NotFoundError } from '../errors';
import type { BulkReportUrl } from '../schemas/bulk-answers';
import { ObjectNotFoundError, REPORT_URL_SECONDS, type ObjectStore } from '../storage/object-store';
import { bulkReportKeys } from '../bulk-run-names';

/**
 * GET /bulk/joiners/{executionName}/report: a short-lived URL of a bulk run's HTML report, a JSON run's
 * (POST /bulk/joiners) or a CSV run's, written beside its JSON and CSV when the run ends.
 */
export async function bulkReportUrl(store: ObjectStore, bucket: string, executionName: string): Promise<BulkReportUrl> {
  try {
    return { url: await store.readUrl(bucket, bulkReportKeys(executionName).html, REPORT_URL_SECONDS), expiresInSeconds: REPORT_URL_SECONDS };
  } catch (error) {
    if (error instanceof ObjectNotFoundError) {
      throw new NotFoundError(`No report for ${executionName} yet: it is written when the run ends (GET /bulk/joiners/${executionName})`, { cause: error });
    }
    throw error;
  }
}

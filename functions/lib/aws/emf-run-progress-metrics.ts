import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ActivityRecord } from '../activity/records';
import { METRICS_NAMESPACE } from '../metrics-namespace';

/** The service dimension of the run-progress metrics (fixed, so the stack's dashboard can name them). */
export const RUN_PROGRESS_SERVICE = 'run-progress';

/** One metric per kind of run and outcome: the users a bulk run's or an apply's children ended, as they end. */
export const RUN_PROGRESS_METRIC = {
  bulkSucceeded: 'BulkUsersSucceeded',
  bulkFailed: 'BulkUsersFailed',
  applySucceeded: 'ApplyUsersSucceeded',
  applyFailed: 'ApplyUsersFailed',
} as const;

/** The metric a record counts under: a bulk run's child or a reconcile apply's; none for any other run. */
export function runProgressMetric(record: Pick<ActivityRecord, 'trigger' | 'outcome'>): string | undefined {
  const ok = record.outcome === 'succeeded';
  if (record.trigger.type === 'bulk') return ok ? RUN_PROGRESS_METRIC.bulkSucceeded : RUN_PROGRESS_METRIC.bulkFailed;
  if (record.trigger.type === 'reconcile') return ok ? RUN_PROGRESS_METRIC.applySucceeded : RUN_PROGRESS_METRIC.applyFailed;
  return undefined;
}

/**
 * Bulk and apply progress as CloudWatch metrics (Powertools Metrics, EMF on stdout): each record the activity
 * table newly holds for a bulk run's or an apply's user counts 1, published at once (a Lambda may be frozen
 * before a later flush). The activity store calls it only for the write that created the record, so a retried
 * step never counts twice. The only dimension is `service`: no run name or user reaches a metric.
 */
export function emfRunProgressMetrics(metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: RUN_PROGRESS_SERVICE })): (record: ActivityRecord) => void {
  return (record) => {
    const name = runProgressMetric(record);
    if (!name) return;
    metrics.addMetric(name, MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  };
}

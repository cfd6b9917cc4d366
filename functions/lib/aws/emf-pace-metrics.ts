import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../metrics-namespace';
import type { PaceMetrics } from '../pacing/pace-metrics';

/** The service dimension of the pacing budget's metrics: one fixed value, so the dashboard can name them. */
export const PACE_METRICS_SERVICE = 'webex-pacing';

/** The metrics each change of the budget publishes, by name: read by the stack's dashboard. */
export const PACE_METRIC = {
  /** The organisation's Webex rate as the controller has found it (requests a second). */
  rate: 'WebexPaceRequestsPerSecond',
  /** What the runs may draw of it: the rest is left to interactive calls. */
  runRate: 'WebexPaceRunRequestsPerSecond',
  /** 429s reported to the budget by this change (0 for a grant): their Sum is the 429s the runs' calls met. */
  rateLimited: 'WebexPaceRateLimited',
} as const;

/**
 * The budget's changes as CloudWatch metrics (Powertools Metrics, EMF on stdout), one line per change published at
 * once (a Lambda may be frozen before a later flush). The only dimension is `service`.
 */
export function emfPaceMetrics(metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: PACE_METRICS_SERVICE })): PaceMetrics {
  return {
    changed(view, rateLimited) {
      metrics.addMetric(PACE_METRIC.rate, MetricUnit.CountPerSecond, view.requestsPerSecond);
      metrics.addMetric(PACE_METRIC.runRate, MetricUnit.CountPerSecond, view.runRequestsPerSecond);
      metrics.addMetric(PACE_METRIC.rateLimited, MetricUnit.Count, rateLimited);
      metrics.publishStoredMetrics();
    },
  };
}

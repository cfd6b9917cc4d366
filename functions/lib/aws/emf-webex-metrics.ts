import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../metrics-namespace';
import { isRateLimitStatus } from '../webex/errors';
import type { WebexAttempt, WebexRequestMetrics } from '../webex/request-metrics';

/** The service dimension of the Webex request metrics: one fixed value, so the dashboard and alarms can name them. */
export const WEBEX_METRICS_SERVICE = 'webex-client';

/** The metrics each attempt publishes, by name: read by the stack's dashboard. */
export const WEBEX_METRIC = {
  /** Every attempt's duration (its SampleCount is the number of attempts). */
  latency: 'WebexRequestLatency',
  /** 1 for an attempt Webex answered 429 (or 423, which Webex also sends to say "wait"), else 0. */
  rateLimited: 'WebexRateLimited',
  /** 1 for an attempt Webex answered with a 5xx, else 0. */
  serverError: 'WebexServerError',
  /** 1 for an attempt that got no answer (timeout, lost connection), else 0. */
  noAnswer: 'WebexNoAnswer',
} as const;

/**
 * Webex attempts as CloudWatch metrics (Powertools Metrics, EMF on stdout; POWERTOOLS_METRICS_DISABLED silences
 * it, as the local runtime and the tests do unless asked). One line per attempt (its four metrics), published at once: a Lambda may
 * be frozen before a later flush (a singleMetric would write one line per metric). The only dimension is `service`: no path, user, token or trackingId reaches a
 * metric, and the series stay few.
 */
export function emfWebexMetrics(metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: WEBEX_METRICS_SERVICE })): WebexRequestMetrics {
  return {
    attempted({ status, failure, durationMs }: WebexAttempt) {
      // Added and published in one synchronous run: attempts running side by side never share a line.
      metrics.addMetric(WEBEX_METRIC.latency, MetricUnit.Milliseconds, durationMs);
      metrics.addMetric(WEBEX_METRIC.rateLimited, MetricUnit.Count, status !== undefined && isRateLimitStatus(status) ? 1 : 0);
      metrics.addMetric(WEBEX_METRIC.serverError, MetricUnit.Count, status !== undefined && status >= 500 ? 1 : 0);
      metrics.addMetric(WEBEX_METRIC.noAnswer, MetricUnit.Count, failure ? 1 : 0);
      metrics.publishStoredMetrics();
    },
  };
}

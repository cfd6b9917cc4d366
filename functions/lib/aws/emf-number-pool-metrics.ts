import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../metrics-namespace';
import type { LocationPool } from '../number-pool/free-numbers';

/** The service dimension of the pool metrics (fixed, so the stack's alarm and dashboard can name them). */
export const NUMBER_POOL_SERVICE = 'number-pool';
export const NUMBER_POOL_METRIC = {
  /** Per location (dimension `location`: its name): the numbers a new user could take there. */
  free: 'FreeNumbers',
  /** The smallest pool of all (no location dimension): one alarm covers every location, known or added later. */
  lowest: 'LowestFreeNumbers',
} as const;

/**
 * The pools as CloudWatch metrics (Powertools Metrics, EMF on stdout): one line per location, then the lowest
 * with the location(s) it belongs to as metadata, so the log line the alarm points to names them.
 */
export function publishNumberPools(
  pools: readonly LocationPool[],
  metrics: Metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: NUMBER_POOL_SERVICE }),
): void {
  for (const pool of pools) {
    metrics.addDimension('location', pool.location);
    metrics.addMetric(NUMBER_POOL_METRIC.free, MetricUnit.Count, pool.free);
    metrics.publishStoredMetrics();
  }
  if (!pools.length) return;
  const lowest = Math.min(...pools.map((p) => p.free));
  metrics.addMetric(NUMBER_POOL_METRIC.lowest, MetricUnit.Count, lowest);
  metrics.addMetadata('lowestLocations', pools.filter((p) => p.free === lowest).map((p) => p.location).join(', '));
  metrics.publishStoredMetrics();
}

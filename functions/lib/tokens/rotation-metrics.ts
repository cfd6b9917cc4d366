import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { METRICS_NAMESPACE } from '../metrics-namespace';
import type { RotationResult } from './rotation';

export { METRICS_NAMESPACE };
export const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: 'token-rotator' });

const DAY_MS = 24 * 60 * 60_000;
const daysUntil = (at: string | undefined, now: Date) => (at ? (Date.parse(at) - now.getTime()) / DAY_MS : undefined);

/**
 * One metric per outcome and the days left on each token, as CloudWatch EMF. The alarms watch
 * RotationFailed and RefreshTokenDaysLeft (which also goes missing if the rotator stops running);
 * RotationNotConnected counts the skipped runs of a stack nobody has connected yet.
 */
export function recordRotation(
  outcome: RotationResult['outcome'] | 'failed',
  expiries: { accessTokenExpiresAt?: string; refreshTokenExpiresAt?: string; notConnected?: true },
  now: Date = new Date(),
): void {
  metrics.addMetric('RotationSucceeded', MetricUnit.Count, outcome === 'rotated' ? 1 : 0);
  metrics.addMetric('RotationSkipped', MetricUnit.Count, outcome === 'skipped' ? 1 : 0);
  metrics.addMetric('RotationFailed', MetricUnit.Count, outcome === 'failed' ? 1 : 0);
  metrics.addMetric('RotationNotConnected', MetricUnit.Count, expiries.notConnected ? 1 : 0);
  const access = daysUntil(expiries.accessTokenExpiresAt, now);
  const refresh = daysUntil(expiries.refreshTokenExpiresAt, now);
  if (access !== undefined) metrics.addMetric('AccessTokenDaysLeft', MetricUnit.Count, round(access));
  if (refresh !== undefined) metrics.addMetric('RefreshTokenDaysLeft', MetricUnit.Count, round(refresh));
}

const round = (n: number) => Math.round(n * 100) / 100;

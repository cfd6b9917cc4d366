import { emfPaceMetrics, PACE_METRIC, PACE_METRICS_SERVICE } from '../../../functions/lib/aws/emf-pace-metrics';
import { captureEmf } from '../../support/emf-capture';
import { memoryPacing } from '../../support/memory-pacing';

describe('the pacing budget\'s metrics', () => {
  it('publishes one EMF line per change: the rate found, the runs\' share, and the 429s that change reported', async () => {
    let now = 1_000_000;
    const lines = await captureEmf(PACE_METRICS_SERVICE, async (metrics) => {
      const budget = memoryPacing({ metrics: emfPaceMetrics(metrics), now: () => now })();
      await budget.acquire(10);
      now += 100;
      await budget.rateLimited(1000, 3);
    });
    expect(lines).toHaveLength(2);
    const [grant, limited] = lines;
    expect(grant).toMatchObject({ [PACE_METRIC.rate]: 5, [PACE_METRIC.runRate]: 4, [PACE_METRIC.rateLimited]: 0, service: PACE_METRICS_SERVICE });
    // The 429 cut the rate (by the interactive share) and counted the three 429s it was told of.
    expect(limited[PACE_METRIC.rateLimited]).toBe(3);
    expect(limited[PACE_METRIC.rate]).toBeLessThan(grant[PACE_METRIC.rate]);
    const [directive] = (limited._aws as { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] }).CloudWatchMetrics;
    expect(directive.Namespace).toBe('WebexProvisioning');
    expect(directive.Dimensions).toEqual([['service']]);
    expect(directive.Metrics).toEqual(expect.arrayContaining([
      { Name: PACE_METRIC.rate, Unit: 'Count/Second' },
      { Name: PACE_METRIC.runRate, Unit: 'Count/Second' },
      { Name: PACE_METRIC.rateLimited, Unit: 'Count' },
    ]));
  });
});

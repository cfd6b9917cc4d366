import type { ActivityRecord } from '../../../functions/lib/activity/records';
import { emfRunProgressMetrics, RUN_PROGRESS_METRIC, RUN_PROGRESS_SERVICE } from '../../../functions/lib/aws/emf-run-progress-metrics';
import { captureEmf } from '../../support/emf-capture';

/** Bulk and apply progress on the dashboard: one EMF line per user a bulk run's or an apply's child ended, nothing for any other run. */
const record = (trigger: ActivityRecord['trigger'], outcome: ActivityRecord['outcome']): ActivityRecord => ({
  kind: 'joiner', email: 'alice@example.com', startedAt: '2026-01-01T00:00:00.000Z', at: '2026-01-01T00:01:00.000Z', outcome,
  executionName: 'run-1', trigger, changes: [], trackingIds: ['WEBEXPROV_1_abcdef12'],
});

it('counts a bulk child and an apply child by outcome, under the service dimension alone (no run name, no user)', async () => {
  const lines = await captureEmf(RUN_PROGRESS_SERVICE, (metrics) => {
    const recorded = emfRunProgressMetrics(metrics);
    recorded(record({ type: 'bulk', run: 'bulk-k-1-0' }, 'succeeded'));
    recorded(record({ type: 'bulk', run: 'bulk-k-1-1' }, 'failed'));
    recorded(record({ type: 'reconcile', run: 'reconcile-p-0' }, 'succeeded'));
    recorded(record({ type: 'reconcile', run: 'reconcile-p-1' }, 'failed'));
    // A lifecycle event's run and a direct API call are neither.
    recorded(record({ type: 'event', source: 'hr', eventId: 'e1' }, 'succeeded'));
    recorded(record({ type: 'api', caller: 'arn:aws:iam::1:user/desk' }, 'failed'));
  });
  expect(lines.map((l) => Object.keys(RUN_PROGRESS_METRIC).map((k) => l[RUN_PROGRESS_METRIC[k as keyof typeof RUN_PROGRESS_METRIC]] ?? 0))).toEqual([
    [1, 0, 0, 0],
    [0, 1, 0, 0],
    [0, 0, 1, 0],
    [0, 0, 0, 1],
  ]);
  for (const line of lines) {
    expect(line._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'WebexProvisioning', Dimensions: [['service']] });
    expect(line.service).toBe(RUN_PROGRESS_SERVICE);
    expect(JSON.stringify(line)).not.toContain('alice');
    expect(JSON.stringify(line)).not.toContain('bulk-k-1');
  }
});

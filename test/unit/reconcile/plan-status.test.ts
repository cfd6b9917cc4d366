import type { ApplyStatus } from '../../../functions/lib/reconcile/describe-apply';
import { applyStatus } from '../../../functions/lib/reconcile/plan-view';
import type { ReconcileResults } from '../../../functions/lib/reconcile/results-schema';

const kinds = { succeeded: 0, failed: 0, skipped: 0 };
const results: ReconcileResults = {
  planId: 'p', executionName: 'reconcile-p', finishedAt: '2026-12-01T03:10:00.000Z', counts: { total: 1, succeeded: 0, failed: 1, skipped: 0 },
  byKind: { join: kinds, enableCalling: kinds, move: kinds, updateProfile: kinds, leave: { succeeded: 0, failed: 1, skipped: 0 } }, results: [],
};
const apply = (status: ApplyStatus['status'], extra: Partial<ApplyStatus> = {}): ApplyStatus => ({ executionName: 'reconcile-p', status, startDate: '2026-12-01T03:00:00.000Z', ...extra });

describe("a plan's status from its report and its apply execution", () => {
  it('planned: no execution, no report', () => {
    expect(applyStatus(undefined, undefined)).toEqual({ status: 'planned' });
  });

  it('applying while the execution runs (or waits for a redrive) and no report exists', () => {
    expect(applyStatus(undefined, apply('RUNNING'))).toEqual({ status: 'applying', apply: { executionName: 'reconcile-p', status: 'RUNNING', startDate: '2026-12-01T03:00:00.000Z' } });
    expect(applyStatus(undefined, apply('PENDING_REDRIVE')).status).toBe('applying');
  });

  it('applied once the report exists, however the run then ended (a failed action, the event not published), and no error shown', () => {
    expect(applyStatus(results, apply('SUCCEEDED', { stopDate: '2026-12-01T03:10:00.000Z' }))).toEqual({
      status: 'applied', apply: { executionName: 'reconcile-p', status: 'SUCCEEDED', startDate: '2026-12-01T03:00:00.000Z', stopDate: '2026-12-01T03:10:00.000Z' },
    });
    expect(applyStatus(results, apply('FAILED', { error: 'States.TaskFailed', cause: 'PutEvents' }))).toMatchObject({ status: 'applied', apply: { status: 'FAILED' } });
    expect(applyStatus(results, apply('FAILED')).apply).not.toHaveProperty('error');
    // The report, even when the execution's record is gone (Step Functions keeps it 90 days).
    expect(applyStatus(results, undefined)).toEqual({ status: 'applied' });
    // Succeeded without a report (the file removed): still applied, as the execution says.
    expect(applyStatus(undefined, apply('SUCCEEDED')).status).toBe('applied');
  });

  it('apply-failed when the execution failed, timed out or was stopped without a report, with why', () => {
    const lambdaCause = JSON.stringify({ errorType: 'S3Outage', errorMessage: 'the bucket is gone', trace: ['at x (y.ts:1:1)'] });
    expect(applyStatus(undefined, apply('FAILED', { error: 'S3Outage', cause: lambdaCause }))).toMatchObject({
      status: 'apply-failed', apply: { status: 'FAILED', error: { code: 'S3Outage', message: 'the bucket is gone' } },
    });
    expect(applyStatus(undefined, apply('TIMED_OUT')).apply?.error).toMatchObject({ code: 'ApplyTimedOut' });
    expect(applyStatus(undefined, apply('ABORTED')).apply?.error).toMatchObject({ code: 'ApplyAborted', message: expect.stringMatching(/some actions may have been applied/) });
  });
});

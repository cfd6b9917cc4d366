import { PLAN_ID } from '../../../functions/lib/reconcile/plan-store';
import { scheduledPlanId } from '../../../functions/lib/reconcile/scheduled-plan-id';
import { EXECUTION_NAME } from '../../../functions/lib/state-machines/execution-name';

describe('scheduledPlanId', () => {
  const ARN = 'arn:aws:scheduler:eu-central-1:123456789012:schedule/default/WebexProvisioning-ReconcileSchedule-AbCdEf';
  it('is a plan id (a uuid), the same for the same schedule and time, and its execution name fits Step Functions', () => {
    const a = scheduledPlanId(ARN, '2026-03-07T02:00:00Z');
    expect(a.planId).toMatch(PLAN_ID);
    expect(scheduledPlanId(ARN, '2026-03-07T02:00:00Z')).toEqual(a);
    expect(a.executionName).toBe(`plan-${a.planId}`);
    expect(a.executionName).toMatch(EXECUTION_NAME);
  });

  it('differs for another time or another schedule', () => {
    const a = scheduledPlanId(ARN, '2026-03-07T02:00:00Z').planId;
    expect(scheduledPlanId(ARN, '2026-03-08T02:00:00Z').planId).not.toBe(a);
    expect(scheduledPlanId(`${ARN}x`, '2026-03-07T02:00:00Z').planId).not.toBe(a);
  });

  it('refuses a time that is not Scheduler\'s (an unsubstituted keyword, say)', () => {
    expect(() => scheduledPlanId(ARN, '<aws.scheduler.scheduled-time>')).toThrow(/scheduledTime/);
  });
});

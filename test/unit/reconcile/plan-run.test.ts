import { ConfigurationError } from '../../../functions/lib/errors';
import { reconcilePlanDefaults } from '../../../functions/lib/reconcile/plan-defaults';
import { endedAnswer, planExecutionName, startPlan } from '../../../functions/lib/reconcile/plan-run';
import type { ExecutionStatus } from '../../../functions/lib/state-machines/execution-status';
import { toStepError } from '../../../functions/lib/workflows/step-error';
import { ValidationError } from '../../../functions/lib/errors';

const ID = '3f6c1d2e-7a8b-4c9d-8e1f-2a3b4c5d6e7f';
const input = { users: [{ email: 'a@corp.example', displayName: 'A', location: 'HQ' }], scope: { emailDomains: ['corp.example'] } };
const summary = { id: ID, createdAt: 't', needsConfirmation: false, counts: { join: 1, enableCalling: 0, move: 0, updateProfile: 0, leave: 0 }, unchanged: 0, inScope: 0, rosterOutOfScope: 0, skipped: 0, plan: { bucket: 'b', json: `plans/${ID}.json`, csv: `plans/${ID}.csv` } };

/** A clock the follower's sleeps advance: no real time passes. */
function fakeClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe('startPlan', () => {
  it('starts plan-<id> with autoApply false and answers 201 with the summary once the execution succeeds', async () => {
    const starts: unknown[] = [];
    const statuses: (ExecutionStatus | undefined)[] = [undefined, { status: 'RUNNING' }, { status: 'SUCCEEDED', output: { planId: ID, plan: summary } }];
    const res = await startPlan(
      { starter: { start: async (...args) => (starts.push(args), { stateMachine: 'ReconcilePlan', executionName: args[2], status: 'STARTED' }) }, describe: async () => statuses.shift(), ...fakeClock() },
      input,
      { planId: ID, deadlineMs: 10_000 },
    );
    expect(starts).toEqual([['ReconcilePlan', { planId: ID, request: input, autoApply: false }, `plan-${ID}`]]);
    expect(res).toEqual({ statusCode: 201, body: { ...summary, status: 'planned', statusUrl: `/reconcile/plans/${ID}`, applyUrl: `/reconcile/plans/${ID}/apply` } });
  });

  it('answers 202 PLANNING when the deadline comes first, by the injected clock', async () => {
    let described = 0;
    const res = await startPlan(
      { starter: { start: async (_, __, name) => ({ stateMachine: 'ReconcilePlan', executionName: name, status: 'STARTED' }) }, describe: async () => (described++, { status: 'RUNNING' }), ...fakeClock() },
      input,
      { planId: ID, deadlineMs: 2_000 },
    );
    expect(res).toEqual({ statusCode: 202, body: { id: ID, status: 'PLANNING', statusUrl: `/reconcile/plans/${ID}` } });
    // At 0, 500 and 1250 ms (the pause grows by half each time): the next, 1125 ms later, would pass the deadline.
    expect(described).toBe(3);
  });
});

describe('endedAnswer', () => {
  it("reads the planner's error back from the execution's Cause: its status and fields", () => {
    const wire = toStepError(new ValidationError([{ field: 'scope.locations.0', message: 'no Webex Calling location has the id or name "X"' }]));
    const cause = JSON.stringify({ errorType: wire.name, errorMessage: wire.message });
    expect(endedAnswer(ID, { status: 'FAILED', error: wire.name, cause })).toEqual({
      statusCode: 400,
      body: { id: ID, status: 'FAILED', error: { code: 'ValidationError', message: expect.any(String), fields: [{ field: 'scope.locations.0', message: expect.any(String) }] } },
    });
    expect(endedAnswer(ID, { status: 'FAILED', error: 'Sandbox.Timedout', cause: 'Task timed out' }).statusCode).toBe(502);
    expect(endedAnswer(ID, { status: 'TIMED_OUT' }).statusCode).toBe(504);
    expect(endedAnswer(ID, { status: 'SUCCEEDED', output: { planId: 'other' } }).statusCode).toBe(500);
  });

  it('names executions plan-<id> within Step Functions\' 80 characters', () => {
    expect(planExecutionName(ID)).toBe(`plan-${ID}`);
    expect(planExecutionName(ID).length).toBeLessThanOrEqual(80);
  });
});

describe('reconcilePlanDefaults', () => {
  it('reads the leaver policy and the thresholds the stack set, and names a bad variable', () => {
    expect(reconcilePlanDefaults({})).toEqual({ leaverPolicy: 'deactivate', thresholds: {} });
    expect(reconcilePlanDefaults({ LIFECYCLE_DEFAULT_LEAVER_POLICY: 'delete', RECONCILE_MAX_LEAVER_PERCENT: '2.5', RECONCILE_MAX_LEAVERS: '20' })).toEqual({
      leaverPolicy: 'delete', thresholds: { maxLeaverPercent: 2.5, maxLeavers: 20 },
    });
    for (const [name, value] of [['RECONCILE_MAX_LEAVERS', '1.5'], ['RECONCILE_MAX_LEAVERS', '-1'], ['RECONCILE_MAX_LEAVER_PERCENT', '101'], ['RECONCILE_MAX_LEAVER_PERCENT', 'ten']]) {
      expect(() => reconcilePlanDefaults({ [name]: value })).toThrow(ConfigurationError);
      expect(() => reconcilePlanDefaults({ [name]: value })).toThrow(new RegExp(name));
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { retrierDelaySeconds, stateWorstSeconds, worstCaseSeconds, type AslDefinition } from '../../support/asl-budget';

const asl = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'statemachines', 'reconcile-plan.asl.json'), 'utf8')) as AslDefinition;

describe("ReconcilePlan's timeout and its states' retry budgets", () => {
  it('the execution outlasts its worst path (every attempt of every retrier to its timeout, then the Failed event): Webex Reconcile Failed is always published', () => {
    const worst = worstCaseSeconds(asl);
    // CreatePlan alone: 10 attempts of up to 910 s and their backoff; a timeout of one hour ended the run mid-retry.
    expect(stateWorstSeconds(asl.States.CreatePlan as never)).toBeGreaterThan(3_600);
    expect(asl.TimeoutSeconds).toBeGreaterThanOrEqual(worst);
    // And not far beyond it: a stuck plan still ends the same working day.
    expect(asl.TimeoutSeconds).toBeLessThanOrEqual(worst + 3_600);
  });

  it('counts a retrier as the States Language does: Interval × BackoffRate^k, capped at MaxDelaySeconds; defaults 1 s, 3 attempts, 2.0', () => {
    expect(retrierDelaySeconds({ IntervalSeconds: 30, BackoffRate: 2, MaxAttempts: 4, MaxDelaySeconds: 300 })).toBe(30 + 60 + 120 + 240);
    expect(retrierDelaySeconds({ IntervalSeconds: 100, BackoffRate: 2, MaxAttempts: 3, MaxDelaySeconds: 150 })).toBe(100 + 150 + 150);
    expect(retrierDelaySeconds({})).toBe(1 + 2 + 4);
    expect(stateWorstSeconds({ Type: 'Task', TimeoutSeconds: 10, Retry: [{ MaxAttempts: 2, IntervalSeconds: 1 }] })).toBe(3 * 10 + 1 + 2);
  });

  it('refuses to bound a machine with a loop, or a Task without a timeout', () => {
    expect(() => worstCaseSeconds({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Choice', Choices: [{ Next: 'A' }] } } })).toThrow(/loop/);
    expect(() => stateWorstSeconds({ Type: 'Task' })).toThrow(/TimeoutSeconds/);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachines, type StateMachineDefinition } from '../../../functions/lib/state-machines/definitions';
import { machineTimeoutSeconds } from '../../../functions/lib/state-machines/machine-timeout';
import { stateWorstSeconds, worstCaseSeconds, type AslDefinition, type BoundedLoop } from '../../support/asl-budget';

const ROOT = join(__dirname, '..', '..', '..');
const fileOf = (def: Pick<StateMachineDefinition, 'definitionFile'>) => readFileSync(join(ROOT, def.definitionFile), 'utf8');
const aslOf = (file: string) => JSON.parse(readFileSync(join(ROOT, 'statemachines', file), 'utf8')) as AslDefinition & { States: Record<string, any> };

/** The rate-limit loop as the machine itself bounds it: HasWaitBudget's count, WaitLength's cap (WaitLongest). */
function rateLimitLoop(asl: ReturnType<typeof aslOf>): BoundedLoop {
  const budget = asl.States.HasWaitBudget.Choices[0];
  expect(budget).toMatchObject({ Variable: '$.throttle.count', Next: 'WaitLength' });
  const longest = asl.States.WaitLongest.Seconds as number;
  // Any Retry-After above the longest wait (or none) is waited as the longest; the rest as sent.
  expect(asl.States.WaitLength.Choices[0].Or[1]).toEqual({ Variable: '$.throttle.detail.retryAfterSeconds', NumericGreaterThan: longest });
  expect(asl.States.WaitForWebex).toMatchObject({ Type: 'Wait', SecondsPath: '$.throttle.detail.retryAfterSeconds', Next: 'Resume' });
  return { entry: 'Throttled', times: budget.NumericLessThanEquals as number, maxWaitSeconds: longest };
}

describe.each(['joiner', 'mover', 'leaver'])("the %s machine's timeout and its worst path", (flow) => {
  const asl = aslOf(`${flow}.asl.json`);

  it('its TimeoutSeconds outlasts the worst path (every retrier to its end, every rate-limit wait at its longest, then the outcome): Completed or Failed is always published', () => {
    const worst = worstCaseSeconds(asl, rateLimitLoop(asl));
    expect(asl.TimeoutSeconds).toBeGreaterThanOrEqual(worst);
    // And not far beyond it: a stuck run still ends, and says so, within the hour after.
    expect(asl.TimeoutSeconds).toBeLessThanOrEqual(worst + 3_600);
  });

  it('waits out Retry-After in Wait states (no fixed-interval Retry on WebexRateLimitedError), back to the step that was limited', () => {
    const tasks = Object.entries(asl.States).filter(([, s]) => s.Type === 'Task' && typeof s.Resource === 'string' && s.Resource.includes('LifecycleSteps'));
    const resumes = new Set([...asl.States.Resume.Choices.map((c: { Next: string }) => c.Next), asl.States.Resume.Default]);
    for (const [name, s] of tasks) {
      expect([name, (s.Retry ?? []).some((r: { ErrorEquals: string[] }) => r.ErrorEquals.includes('WebexRateLimitedError'))]).toEqual([name, false]);
      if (s.Parameters.step === 'buildOutcome') continue;
      expect([name, s.Catch[0]]).toEqual([name, { ErrorEquals: ['WebexRateLimitedError'], ResultPath: '$.throttle.error', Next: 'Throttled' }]);
      // The step itself, or the policy choice that leads to it.
      expect([name, resumes.has(name) || (flow === 'leaver' && ['DeleteUser', 'DeactivateUser', 'KeepUser'].includes(name))]).toEqual([name, true]);
    }
  });
});

describe('the rate-limit loop in the budget', () => {
  it('adds each round at its longest: the longest wait, then the longest caught state again', () => {
    const task = { Type: 'Task', TimeoutSeconds: 10, Next: 'Done', Catch: [{ Next: 'Waiting' }] };
    const asl = { StartAt: 'A', States: { A: task, Waiting: { Type: 'Wait', Seconds: 5, Next: 'A' }, Done: { Type: 'Succeed' } } };
    expect(() => worstCaseSeconds(asl)).toThrow(/loop/);
    expect(worstCaseSeconds(asl, { entry: 'Waiting', times: 3, maxWaitSeconds: 5 })).toBe(stateWorstSeconds(task) + 3 * (5 + stateWorstSeconds(task)));
  });
});

describe('nested executions', () => {
  it("every parent's .sync Task outlasts its child machine's own TimeoutSeconds, so the child's outcome (not the parent's timer) ends the step", () => {
    const byId = new Map<string, StateMachineDefinition>(stateMachines.map((m) => [m.id, m]));
    const checked: string[] = [];
    for (const parent of stateMachines as readonly StateMachineDefinition[]) {
      const text = fileOf(parent);
      for (const nested of parent.nestedStateMachines ?? []) {
        const child = byId.get(nested.stateMachine)!;
        const childTimeout = machineTimeoutSeconds(child, fileOf(child));
        const pattern = new RegExp(`"StateMachineArn": "\\$\\{${nested.substitution}\\}"[\\s\\S]*?"TimeoutSeconds": (\\d+)`, 'g');
        const timeouts = [...text.matchAll(pattern)].map((m) => Number(m[1]));
        expect([parent.id, nested.stateMachine, timeouts.length > 0]).toEqual([parent.id, nested.stateMachine, true]);
        for (const t of timeouts) expect([parent.id, nested.stateMachine, t > childTimeout]).toEqual([parent.id, nested.stateMachine, true]);
        checked.push(`${parent.id}>${nested.stateMachine}`);
      }
    }
    expect(checked).toEqual(expect.arrayContaining(['Mover>EnableCallingStandard', 'BulkJoiners>Joiner', 'ReconcileApply>Mover', 'ReconcileApply>Leaver']));
  });
});

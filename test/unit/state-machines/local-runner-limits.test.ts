import type { Context } from 'aws-lambda';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';
import { LocalStateMachineRunner } from '../../../functions/lib/state-machines/local-runner';

/** AWS's limits the emulator does not enforce, enforced by the local runner. */
describe('local runner: AWS limits', () => {
  it('an invocation outliving its function timeout fails as Sandbox.Timedout, and the idempotent step retries it', async () => {
    const steps: string[] = [];
    const remaining: number[] = [];
    const handler = async (event: unknown, context: Context) => {
      const { step } = event as { step: string };
      steps.push(step);
      remaining.push(context.getRemainingTimeInMillis());
      if (steps.length === 1) return new Promise(() => undefined);
      throw Object.assign(new Error('stop here'), { name: 'Stop' });
    };
    const runner = new LocalStateMachineRunner(stateMachine('EnableCalling'), { EnableCallingStepsFunctionArn: handler }, { fastWaits: true, taskTimeoutMs: 50 });
    const outcome = await runner.run({ user: 'a@example.com', location: 'HQ' }, { executionName: 'timeout-1' });
    expect(steps.slice(0, 2)).toEqual(['resolveUser', 'resolveUser']);
    expect(remaining[0]).toBeLessThanOrEqual(50);
    expect(outcome.status).toBe('FAILED');
  });
});

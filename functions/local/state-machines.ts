import { handler as enableCallingSteps } from '../enable-calling-steps/handler';
import { stateMachine, type StateMachineId, type TaskSubstitution } from '../lib/state-machines/definitions';
import { LocalStateMachineRunner, type LambdaHandler } from '../lib/state-machines/local-runner';
import { registerLocalRunner, type StateMachineRunner } from '../lib/state-machines/runner';

/** The deployed task handlers, by the substitution their ARN fills in the ASL: what Step Functions invokes in AWS. */
export const taskHandlers: Record<TaskSubstitution, LambdaHandler> = {
  EnableCallingStepsFunctionArn: enableCallingSteps,
};

/**
 * LOCAL_STATE_MACHINE_FAST_WAITS=true (the test harness sets it): Wait states and Retry intervals take
 * no time. `npm start` waits as AWS would.
 */
export const FAST_WAITS_ENV = 'LOCAL_STATE_MACHINE_FAST_WAITS';

const runners = new Map<string, StateMachineRunner>();

export function localRunner(id: StateMachineId, options: { fastWaits?: boolean; handlers?: Record<string, LambdaHandler> } = {}): StateMachineRunner {
  return new LocalStateMachineRunner(stateMachine(id), options.handlers ?? taskHandlers, { fastWaits: options.fastWaits });
}

registerLocalRunner((id) => {
  const fastWaits = process.env[FAST_WAITS_ENV] === 'true';
  const key = `${id}:${fastWaits}`;
  let runner = runners.get(key);
  if (!runner) runners.set(key, (runner = localRunner(id, { fastWaits })));
  return runner;
});

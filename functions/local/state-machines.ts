import { handler as enableCallingSteps } from '../enable-calling-steps/handler';
import { handler as lifecycleSteps } from '../lifecycle-steps/handler';
import { handler as bulkJoinersSteps } from '../bulk-joiners-steps/handler';
import { handler as bulkJoinersCsvSteps } from '../bulk-joiners-csv-steps/handler';
import { objectStoreFromEnv } from '../lib/storage/object-store-from-env';
import { localEventBus, type PutEventsEntry } from '../lib/lifecycle/local-event-bus';
import { stateMachine, type StateMachineId, type TaskSubstitution } from '../lib/state-machines/definitions';
import { LocalStateMachineRunner, type LambdaHandler, type ServiceIntegrationHandler } from '../lib/state-machines/local-runner';
import { registerLocalRunner, type StateMachineRunner } from '../lib/state-machines/runner';

/** The deployed task handlers, by the substitution their ARN fills in the ASL: what Step Functions invokes in AWS. */
export const taskHandlers: Record<TaskSubstitution, LambdaHandler> = {
  EnableCallingStepsFunctionArn: enableCallingSteps,
  LifecycleStepsFunctionArn: lifecycleSteps,
  BulkJoinersStepsFunctionArn: bulkJoinersSteps,
  BulkJoinersCsvStepsFunctionArn: bulkJoinersCsvSteps,
};

/**
 * LOCAL_STATE_MACHINE_FAST_WAITS=true (the test harness sets it): Wait states and Retry intervals take
 * no time. `npm start` waits as AWS would.
 */
export const FAST_WAITS_ENV = 'LOCAL_STATE_MACHINE_FAST_WAITS';

export const START_EXECUTION_SYNC = 'arn:aws:states:::states:startExecution.sync:2';
export const PUT_EVENTS = 'arn:aws:states:::events:putEvents';

interface LocalRunnerSetup {
  fastWaits?: boolean;
  handlers?: Record<string, LambdaHandler>;
}

/**
 * `states:startExecution.sync:2` in-process: the nested machine's own ASL, run by the same kind of local
 * runner (with the same handlers), answered as Step Functions answers the parent: DescribeExecution's
 * fields with Input/Output as JSON on success; on failure `States.TaskFailed` whose Cause is that JSON
 * with the child's Error and Cause.
 */
function nestedExecution(setup: LocalRunnerSetup): ServiceIntegrationHandler {
  // One runner per nested machine: building one validates the whole definition (ajv), which per
  // execution was most of a bulk run's CPU.
  const nestedRunners = new Map<StateMachineId, StateMachineRunner>();
  return async (parameters) => {
    const { StateMachineArn, Input, Name } = parameters as { StateMachineArn: string; Input?: unknown; Name?: string };
    const id = StateMachineArn.split(':').pop() as StateMachineId;
    const executionName = Name ?? `nested-${Date.now()}`;
    const started = new Date().toISOString();
    let runner = nestedRunners.get(id);
    if (!runner) nestedRunners.set(id, (runner = localRunner(id, setup)));
    let outcome;
    try {
      outcome = await runner.run(Input ?? {}, { executionName });
    } catch (error) {
      // A name StartExecution refuses fails the Task with the service's error, as a service integration reports it
      // (StepFunctions.<Exception>, like the StepFunctions.ExecutionLimitExceededException our retriers name).
      if ((error as Error).name === 'InvalidName') (error as Error).name = 'StepFunctions.InvalidNameException';
      throw error;
    }
    const base = {
      ExecutionArn: `${StateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`,
      StateMachineArn,
      Name: executionName,
      StartDate: started,
      StopDate: new Date().toISOString(),
      Input: Input ?? {},
      InputDetails: { Included: true },
    };
    if (outcome.status === 'SUCCEEDED') return { ...base, Status: 'SUCCEEDED', Output: outcome.output ?? null, OutputDetails: { Included: true } };
    const error = new Error(JSON.stringify({ ...base, Status: outcome.status, Error: outcome.error, Cause: outcome.cause }));
    error.name = 'States.TaskFailed';
    throw error;
  };
}

const services = (setup: LocalRunnerSetup): Record<string, ServiceIntegrationHandler> => ({
  [START_EXECUTION_SYNC]: nestedExecution(setup),
  [PUT_EVENTS]: async (parameters) => localEventBus.putEvents(parameters as { Entries?: PutEventsEntry[] }),
});

const runners = new Map<string, StateMachineRunner>();

export function localRunner(id: StateMachineId, options: LocalRunnerSetup = {}): StateMachineRunner {
  return new LocalStateMachineRunner(stateMachine(id), options.handlers ?? taskHandlers, {
    fastWaits: options.fastWaits,
    services: services(options),
    objectStore: () => objectStoreFromEnv(),
  });
}

registerLocalRunner((id) => {
  const fastWaits = process.env[FAST_WAITS_ENV] === 'true';
  const key = `${id}:${fastWaits}`;
  let runner = runners.get(key);
  if (!runner) runners.set(key, (runner = localRunner(id, { fastWaits })));
  return runner;
});

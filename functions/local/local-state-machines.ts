import { ApiThrottle, DESCRIBE_EXECUTION_QUOTA, type ApiThrottleQuota } from './local-api-throttle';
import type { LocalEventBus, PutEventsEntry } from './local-event-bus';
import { LocalExecutionStarter } from './local-execution-starter';
import { LocalStateMachineRunner, type LambdaHandler, type ServiceIntegrationHandler } from './local-runner';
import { stateMachine, type StateMachineId, type TaskSubstitution } from '../lib/state-machines/definitions';
import type { StateMachines } from '../lib/state-machines/ports';
import type { StateMachineRunner } from '../lib/state-machines/runner';
import { LocalMapRuns } from './local-distributed-map';
import type { ObjectStore } from '../lib/storage/object-store';

/** The deployed task handlers, by the substitution their ARN fills in the ASL: what Step Functions invokes in AWS. */
export type TaskHandlers = Record<TaskSubstitution, LambdaHandler>;

export const START_EXECUTION_SYNC = 'arn:aws:states:::states:startExecution.sync:2';
const START_EXECUTION = 'arn:aws:states:::states:startExecution';
export const PUT_EVENTS = 'arn:aws:states:::events:putEvents';

export interface LocalRunnerSetup {
  /** Wait states and Retry intervals take no time (the tests); `npm start` waits as AWS would. */
  fastWaits?: boolean;
  handlers: Record<string, LambdaHandler>;
  eventBus: LocalEventBus;
  /** Where a Distributed Map reads its items and writes its results. */
  objectStore: () => ObjectStore;
  /**
   * The runtime's starter, for `states:startExecution` without .sync (a machine that starts another and
   * ends): the child is recorded as the API's starts are, so DescribeExecution and a second start see it.
   * localStateMachines sets it; without one such a Task fails.
   */
  executions?: () => LocalExecutionStarter;
  /** Each machine's Distributed Map runs, counted (localStateMachines makes them). */
  mapRuns?: (id: StateMachineId) => LocalMapRuns;
  /** DescribeExecution's token bucket (DESCRIBE_EXECUTION_QUOTA unless a test gives a smaller one). */
  describeQuota?: ApiThrottleQuota;
}

/** The names of the nested Standard executions each runtime (its setup) has started. */
const startedStandardNames = new WeakMap<LocalRunnerSetup, Set<string>>();

/**
 * A Standard execution's name is used once: StartExecution refuses the name of a closed execution
 * (ExecutionAlreadyExists, docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html), which a
 * service integration reports as StepFunctions.ExecutionAlreadyExistsException. Express executions are not
 * idempotent by name: a second start of the same name runs again (docs.aws.amazon.com/step-functions/latest/dg/
 * express-at-least-once-execution.html). A parent's Task starts one child at a time, so a name already started
 * is refused here without telling a running execution (same input: the same execution in AWS) from a closed one.
 */
function claimStandardName(setup: LocalRunnerSetup, id: StateMachineId, executionName: string, stateMachineArn: string): void {
  if (stateMachine(id).type !== 'STANDARD') return;
  let names = startedStandardNames.get(setup);
  if (!names) startedStandardNames.set(setup, (names = new Set()));
  if (names.has(`${id}:${executionName}`)) {
    const arn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${executionName}`;
    throw Object.assign(new Error(`Execution Already Exists: '${arn}'`), { name: 'StepFunctions.ExecutionAlreadyExistsException' });
  }
  names.add(`${id}:${executionName}`);
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
    claimStandardName(setup, id, executionName, StateMachineArn);
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

/**
 * `states:startExecution` (no .sync) in-process: started through the runtime's starter and left running,
 * answered as Step Functions answers the Task (`ExecutionArn`, `StartDate`); a refused start fails the Task
 * with the service's error, `StepFunctions.ExecutionAlreadyExistsException` for a name already used.
 */
function startedExecution(setup: LocalRunnerSetup): ServiceIntegrationHandler {
  return async (parameters) => {
    const { StateMachineArn, Input, Name } = parameters as { StateMachineArn: string; Input?: unknown; Name?: string };
    if (!setup.executions) throw new Error('states:startExecution needs the local runtime\'s starter (localStateMachines)');
    const id = StateMachineArn.split(':').pop() as StateMachineId;
    // Step Functions serialises an object Input; a string is the JSON itself.
    const input = typeof Input === 'string' ? (JSON.parse(Input) as unknown) : (Input ?? {});
    try {
      const started = await setup.executions().startExecution(id, input, Name ?? `started-${Date.now()}`);
      return { ExecutionArn: started.executionArn, StartDate: started.startDate.toISOString() };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'ExecutionAlreadyExists') (error as Error).name = 'StepFunctions.ExecutionAlreadyExistsException';
      else if (name === 'ConfigurationError') (error as Error).name = 'StepFunctions.InvalidNameException';
      throw error;
    }
  };
}

const services = (setup: LocalRunnerSetup): Record<string, ServiceIntegrationHandler> => ({
  [START_EXECUTION_SYNC]: nestedExecution(setup),
  [START_EXECUTION]: startedExecution(setup),
  [PUT_EVENTS]: async (parameters) => setup.eventBus.putEvents(parameters as { Entries?: PutEventsEntry[] }),
});

/** One machine's runner with these handlers and services: Standard or Express, run in-process. */
export function localRunner(id: StateMachineId, setup: LocalRunnerSetup): StateMachineRunner {
  return new LocalStateMachineRunner(stateMachine(id), setup.handlers, {
    fastWaits: setup.fastWaits,
    services: services(setup),
    objectStore: setup.objectStore,
    mapRuns: setup.mapRuns?.(id),
  });
}

/** The state machines of the local runtime: each runner built once, executions recorded as Step Functions keeps them. */
export interface LocalStateMachines extends StateMachines {
  readonly executions: LocalExecutionStarter;
}

export function localStateMachines(setup: LocalRunnerSetup): LocalStateMachines {
  // Building a runner validates the whole definition: once per machine.
  const runners = new Map<StateMachineId, StateMachineRunner>();
  const mapRuns = new Map<StateMachineId, LocalMapRuns>();
  const mapRunsOf = (id: StateMachineId) => {
    let found = mapRuns.get(id);
    if (!found) mapRuns.set(id, (found = new LocalMapRuns()));
    return found;
  };
  const withStarter: LocalRunnerSetup = { ...setup, executions: () => executions, mapRuns: mapRunsOf };
  const runner = (id: StateMachineId) => {
    let found = runners.get(id);
    if (!found) runners.set(id, (found = localRunner(id, withStarter)));
    return found;
  };
  const executions = new LocalExecutionStarter(runner);
  // One bucket for the account: every route and test that describes shares it, as in AWS.
  const describeThrottle = new ApiThrottle('DescribeExecution', setup.describeQuota ?? DESCRIBE_EXECUTION_QUOTA);
  return {
    executions,
    runner,
    starter: () => executions,
    describe: async (id, executionName) => {
      describeThrottle.take();
      return executions.status(id, executionName);
    },
    // Progress while it runs, as DescribeMapRun reports it.
    mapProgress: async (id, executionName) => (executions.status(id, executionName)?.status === 'RUNNING' ? mapRunsOf(id).progress(executionName) : undefined),
  };
}

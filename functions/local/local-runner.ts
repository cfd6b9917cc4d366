import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import { lambdaContext } from '../lib/runtime/lambda-context';
import type { ObjectStore } from '../lib/storage/object-store';
import { MACHINE_TIMEOUT_SUBSTITUTION, machineTimeoutSeconds, withMachineTimeout } from '../lib/state-machines/machine-timeout';
import { TASK_FUNCTION_TIMEOUT_SECONDS, type StateMachineDefinition } from '../lib/state-machines/definitions';
import { assertExecutionName } from '../lib/state-machines/execution-name';
import { distributedMapServices, emulateDistributedMap, type LocalMapRuns } from './local-distributed-map';
import type { ExecutionOutcome, StartOptions, StateMachineRunner } from '../lib/state-machines/runner';

// aws-local-stepfunctions 3 calls Promise.withResolvers (Node 22, the Lambda runtime); Node 20 lacks it.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= () => {
  let resolve!: (value: unknown) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

const REPO_ROOT = join(__dirname, '..', '..');
const LOCAL_ACCOUNT = '000000000000';
const LOCAL_REGION = 'us-east-1';

/** The ARN a task function stands for locally (the validator wants a well-formed Lambda ARN). */
export const localFunctionArn = (substitution: string) => `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${substitution}`;

/**
 * The ASL file with `${Name}` substitutions applied, as CDK's definitionSubstitutions would. An
 * unreplaced `${...}` is an error: CDK would deploy it as a literal resource name.
 */
export function loadDefinition(definitionFile: string, substitutions: Record<string, string>, timeoutSeconds?: number): Record<string, unknown> {
  const def = { definitionFile, timeoutSeconds };
  const file = readFileSync(join(REPO_ROOT, definitionFile), 'utf8');
  const all: Record<string, string> = { [MACHINE_TIMEOUT_SUBSTITUTION]: String(machineTimeoutSeconds(def, file)), ...substitutions };
  const text = withMachineTimeout(def, file).replace(/\$\{(\w+)\}/g, (whole, name: string) => (name in all ? all[name] : whole));
  const missing = /\$\{(\w+)\}/.exec(text);
  if (missing) throw new Error(`${definitionFile}: no value for the substitution \${${missing[1]}}`);
  return JSON.parse(text) as Record<string, unknown>;
}

interface AslState {
  Type: string;
  Resource?: string;
  Retry?: unknown[];
  Branches?: { States: Record<string, AslState> }[];
  ItemProcessor?: { States: Record<string, AslState> };
  Iterator?: { States: Record<string, AslState> };
}

function* allStates(states: Record<string, AslState>): Generator<[string, AslState]> {
  for (const [name, state] of Object.entries(states)) {
    yield [name, state];
    for (const branch of state.Branches ?? []) yield* allStates(branch.States);
    const nested = state.ItemProcessor ?? state.Iterator;
    if (nested) yield* allStates(nested.States);
  }
}

/**
 * Invokes a handler as Lambda does for a Task state with a function ARN as resource: the payload through
 * JSON, a Lambda context with the function's timeout, an invocation outliving it failed as Lambda fails
 * it (`Sandbox.Timedout`), and a thrown error turned into Lambda's error payload, which Step Functions
 * reports as `Error` (errorType, what Retry/Catch match) and `Cause` (the payload as JSON text).
 */
function asLambda(functionName: string, handler: LambdaHandler, timeoutMs = TASK_FUNCTION_TIMEOUT_SECONDS * 1000) {
  return async (payload: unknown): Promise<unknown> => {
    const event = JSON.parse(JSON.stringify(payload ?? null));
    let result: unknown;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
        error.name = 'Sandbox.Timedout';
        reject(error);
      }, timeoutMs);
    });
    try {
      result = await Promise.race([handler(event, lambdaContext(functionName, randomUUID(), timeoutMs)), timedOut]);
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      const lambdaError = new Error(JSON.stringify({ errorType: err.name, errorMessage: err.message, trace: (err.stack ?? '').split('\n') }));
      lambdaError.name = err.name;
      throw lambdaError;
    } finally {
      clearTimeout(timer);
    }
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  };
}

/**
 * Step Functions' state payload quota: 256 KB (262,144 bytes of UTF-8) for every state's input and
 * output, and an execution's. Past it, the execution fails with States.DataLimitExceeded, which no
 * Catch (not even States.ALL) handles. aws-local-stepfunctions enforces none of it.
 */
export const MAX_STATE_PAYLOAD_BYTES = 262_144;

const payloadBytes = (value: unknown) => (value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8'));

/** An Express execution runs 5 minutes at most (Step Functions' quotas): its TimeoutSeconds must say so. */
export const EXPRESS_MAX_SECONDS = 300;

/** What AWS refuses to create, refused here too: an Express machine without a TimeoutSeconds within its 5 minutes. */
export function assertDeployableDefinition(definition: Pick<StateMachineDefinition, 'type' | 'definitionFile'>, asl: Record<string, unknown>): void {
  const timeout = asl.TimeoutSeconds;
  if (definition.type === 'EXPRESS' && !(typeof timeout === 'number' && timeout > 0 && timeout <= EXPRESS_MAX_SECONDS)) {
    throw new Error(`${definition.definitionFile}: an Express machine needs a TimeoutSeconds of at most ${EXPRESS_MAX_SECONDS} (it has ${String(timeout)})`);
  }
}

/** A Step Functions service integration run in-process: the Task's effective Parameters in, its result out. */
export type ServiceIntegrationHandler = (parameters: unknown) => Promise<unknown>;

/** The ARN a nested state machine stands for locally (its `${Substitution}` value). */
export const localStateMachineArn = (id: string) => `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${id}`;
/** The lifecycle event bus's name locally. */
export const LOCAL_EVENT_BUS_NAME = 'local-lifecycle-bus';

export interface LocalRunnerOptions {
  /** Tests only: Wait states and Retry intervals take no time (aws-local-stepfunctions overrides). */
  fastWaits?: boolean;
  /**
   * Service integrations (a Task whose Resource is `arn:aws:states:::…`, e.g. `states:startExecution.sync:2`,
   * `events:putEvents`) by resource: aws-local-stepfunctions would call AWS; these run in-process instead.
   */
  services?: Record<string, ServiceIntegrationHandler>;
  /** Where a Distributed Map's ItemReader reads and its ResultWriter writes (S3 in AWS). */
  objectStore?: () => ObjectStore;
  /** Where its Distributed Map counts its runs' items (the runtime's, so GET reports progress). */
  mapRuns?: LocalMapRuns;
  /** Tests only: the task functions' timeout. @default TASK_FUNCTION_TIMEOUT_SECONDS, as deployed */
  taskTimeoutMs?: number;
}

// Building a StateMachine validates the whole definition (ajv): once per definition in a process, however
// many runtimes (a test's harness each) run it. It holds no execution state: handlers come with each run.
const validatedMachines = new Map<string, StateMachine>();

/**
 * Runs a state machine's ASL file in-process with aws-local-stepfunctions, each task function's
 * resource mapped to its real handler, invoked exactly as Lambda would invoke it.
 */
export class LocalStateMachineRunner implements StateMachineRunner {
  private readonly machine: StateMachine;
  private readonly taskHandlers: Record<string, (payload: unknown) => Promise<unknown>> = {};
  private readonly waitStates: string[] = [];
  private readonly retryingStates: string[] = [];

  constructor(
    private readonly definition: StateMachineDefinition,
    handlers: Record<string, LambdaHandler>,
    private readonly options: LocalRunnerOptions = {},
  ) {
    const substitutions: Record<string, string> = Object.fromEntries(definition.taskFunctions.map((f) => [f.substitution, localFunctionArn(f.substitution)]));
    for (const nested of [...(definition.nestedStateMachines ?? []), ...(definition.startsStateMachines ?? [])]) substitutions[nested.substitution] = localStateMachineArn(nested.stateMachine);
    if (definition.eventBusSubstitution) substitutions[definition.eventBusSubstitution] = LOCAL_EVENT_BUS_NAME;
    const loaded = loadDefinition(definition.definitionFile, substitutions, definition.timeoutSeconds);
    assertDeployableDefinition(definition, loaded);
    const { asl, map } = emulateDistributedMap(loaded);
    const services: Record<string, ServiceIntegrationHandler> = { ...options.services };
    if (map) {
      const store = options.objectStore;
      if (!store) throw new Error(`${definition.definitionFile}: its Distributed Map needs an object store locally`);
      Object.assign(services, distributedMapServices(map, store, options.mapRuns));
    }
    const byArn = new Map(
      definition.taskFunctions.map((f) => {
        const handler = handlers[f.substitution];
        if (!handler) throw new Error(`No local handler for ${f.substitution} (${f.entry})`);
        return [localFunctionArn(f.substitution), asLambda(f.id, handler, options.taskTimeoutMs ?? (f.timeoutSeconds ?? TASK_FUNCTION_TIMEOUT_SECONDS) * 1000)];
      }),
    );
    for (const [name, state] of allStates(asl.States as Record<string, AslState>)) {
      if (state.Type === 'Wait') this.waitStates.push(name);
      if (state.Retry?.length) this.retryingStates.push(name);
      if (state.Type !== 'Task') continue;
      const service = services[state.Resource ?? ''];
      if (service) {
        this.taskHandlers[name] = (parameters: unknown) => service(JSON.parse(JSON.stringify(parameters ?? null)));
        continue;
      }
      const invoke = byArn.get(state.Resource ?? '');
      if (!invoke) throw new Error(`${definition.definitionFile}: state "${name}" uses ${state.Resource}, which has no local handler`);
      this.taskHandlers[name] = invoke;
    }
    const key = JSON.stringify(asl);
    let machine = validatedMachines.get(key);
    if (!machine) validatedMachines.set(key, (machine = new StateMachine(asl as never)));
    this.machine = machine;
  }

  async run(input: unknown, options: StartOptions): Promise<ExecutionOutcome> {
    const executionName = options.executionName;
    // aws-local-stepfunctions takes any name; StartExecution refuses one AWS would (InvalidName).
    assertExecutionName(executionName);
    const zero = (names: string[]) => Object.fromEntries(names.map((n) => [n, 0]));
    const execution = this.machine.run(input as never, {
      overrides: {
        taskResourceLocalHandlers: this.taskHandlers as never,
        ...(this.options.fastWaits ? { waitTimeOverrides: zero(this.waitStates), retryIntervalOverrides: zero(this.retryingStates) } : {}),
      },
      context: {
        Execution: {
          Id:
            this.definition.type === 'EXPRESS'
              ? `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:express:${this.definition.id}:${executionName}:${randomUUID()}`
              : `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:execution:${this.definition.id}:${executionName}`,
          Name: executionName,
        },
        StateMachine: { Id: `arn:aws:states:${LOCAL_REGION}:${LOCAL_ACCOUNT}:stateMachine:${this.definition.id}`, Name: this.definition.id },
      },
    });
    // Every state's input and output, checked as they pass; the first one over the quota fails the run.
    let overLimit: string | undefined;
    const watched = (async () => {
      for await (const event of execution.eventLogs) {
        const payload = event.type === 'StateEntered' ? event.state.input : event.type === 'StateExited' ? event.state.output : event.type === 'ExecutionStarted' ? event.input : undefined;
        const bytes = payloadBytes(payload);
        if (bytes > MAX_STATE_PAYLOAD_BYTES && overLimit === undefined) {
          const where = 'state' in event ? `The state '${event.state.name}' ${event.type === 'StateEntered' ? 'received an input' : 'returned a result'}` : 'The execution input';
          overLimit = `${where} of ${bytes} bytes, over the maximum of ${MAX_STATE_PAYLOAD_BYTES} bytes`;
          execution.abort();
        }
      }
    })();
    const settled = await Promise.allSettled([execution.result]);
    await watched;
    if (overLimit) return { executionName, status: 'FAILED', error: 'States.DataLimitExceeded', cause: overLimit };
    try {
      const [result] = settled;
      if (result.status === 'rejected') throw result.reason;
      return { executionName, status: 'SUCCEEDED', output: result.value };
    } catch (error) {
      if (error instanceof ExecutionTimeoutError) return { executionName, status: 'TIMED_OUT' };
      if (error instanceof ExecutionError) {
        const cause = error.cause as { name?: string; message?: string } | undefined;
        return { executionName, status: 'FAILED', error: cause?.name, cause: cause?.message };
      }
      throw error;
    }
  }
}

import { ExecutionAlreadyExists, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { ConfigurationError, StateMachineStartError } from '../errors';
import { logger } from '../logger';
import { stateMachine, type StateMachineId } from '../state-machines/definitions';
import { EXECUTION_NAME } from '../state-machines/execution-name';
import { RUNNER_ENV, runnerFor, type ExecutionOutcome } from '../state-machines/runner';

export interface StartResult {
  stateMachine: StateMachineId;
  executionName: string;
  executionArn?: string;
  /** DUPLICATE: an execution with this name was already started (a redelivered event): nothing new runs. */
  status: 'STARTED' | 'DUPLICATE';
}

/** Starts a Standard state machine asynchronously under a given name; a name used before never runs again. */
export interface ExecutionStarter {
  start(id: StateMachineId, input: unknown, executionName: string): Promise<StartResult>;
}

/**
 * StartExecution answers a start of a name already running with the same input with success: the
 * running execution's ARN and its startDate. A new execution starts after our request was sent; a
 * startDate before it is the running one. The margin covers clock skew between the function and Step
 * Functions (Amazon Time Sync keeps it to about a millisecond); two deliveries racing within it are both
 * reported STARTED, still run once. Locally one clock stamps both: no margin.
 */
export const DUPLICATE_START_MARGIN_MS = 250;

/** STARTED or DUPLICATE from StartExecution's answer: the same rule for AWS and the local starter. */
export function startStatus(startDate: Date | undefined, requestedAt: number, marginMs = DUPLICATE_START_MARGIN_MS): StartResult['status'] {
  return startDate && startDate.getTime() + marginMs <= requestedAt ? 'DUPLICATE' : 'STARTED';
}

const CONFIGURATION_ERRORS = new Set(['StateMachineDoesNotExist', 'InvalidArn', 'AccessDeniedException', 'StateMachineDeleting', 'InvalidName']);

/**
 * StartExecution on a Standard machine. Step Functions keeps a Standard execution's name for 90 days
 * after it closes: the same name again is ExecutionAlreadyExists (different input, or closed), or,
 * while it runs with the same input, the same execution back (idempotent: told apart by its startDate,
 * startStatus). Both are a duplicate to us, never a second run.
 */
export class SfnExecutionStarter implements ExecutionStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async start(id: StateMachineId, input: unknown, executionName: string): Promise<StartResult> {
    const { arnEnv } = stateMachine(id);
    const arn = this.env[arnEnv];
    if (!arn) throw new ConfigurationError(`${arnEnv} is not set: the ${id} state machine cannot be started`);
    const requestedAt = Date.now();
    try {
      const res = await this.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: executionName, input: JSON.stringify(input) }));
      const status = startStatus(res.startDate, requestedAt);
      if (status === 'DUPLICATE') logger.info('lifecycle: duplicate event, the same execution is running', { stateMachine: id, executionName });
      return { stateMachine: id, executionName, executionArn: res.executionArn, status };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as { name?: string }).name === 'ExecutionAlreadyExists') {
        logger.info('lifecycle: duplicate event, execution already exists', { stateMachine: id, executionName });
        return { stateMachine: id, executionName, executionArn: `${arn.replace(':stateMachine:', ':execution:')}:${executionName}`, status: 'DUPLICATE' };
      }
      const err = error as { name?: string; message?: string };
      if (CONFIGURATION_ERRORS.has(err.name ?? '')) throw new ConfigurationError(`Cannot start state machine ${arn}: ${err.name}: ${err.message}`);
      // Thrown on: Lambda's async retries repeat the router's invocation, then the DLQ; the API answers 503.
      throw new StateMachineStartError(`Could not start the ${id} workflow: ${err.name}: ${err.message}`, 503);
    }
  }
}

/**
 * The local runtime's starter: runs the execution in-process (the local runner) without waiting, and
 * keeps a record of every name started, answering a second start as StartExecution does: the running
 * execution's ARN and startDate for the same input (told apart by startStatus, as in AWS), otherwise
 * ExecutionAlreadyExists; both a duplicate.
 */
export class LocalExecutionStarter implements ExecutionStarter {
  private readonly executions = new Map<string, Promise<ExecutionOutcome>>();
  private readonly settled = new Map<string, ExecutionOutcome>();
  private readonly started = new Map<string, { input: string; startDate: Date; executionArn: string }>();

  async start(id: StateMachineId, input: unknown, executionName: string): Promise<StartResult> {
    // Refused before anything runs, as StartExecution refuses it (InvalidName: a configuration error here too).
    if (!EXECUTION_NAME.test(executionName)) throw new ConfigurationError(`Cannot start state machine ${id}: InvalidName: '${executionName}'`);
    const key = `${id}:${executionName}`;
    const requestedAt = Date.now();
    const previous = this.started.get(key);
    if (previous) {
      const sameRunning = !this.settled.has(key) && previous.input === JSON.stringify(input);
      // Different input, or closed: ExecutionAlreadyExists, which SfnExecutionStarter reports as DUPLICATE.
      if (!sameRunning) return { stateMachine: id, executionName, executionArn: previous.executionArn, status: 'DUPLICATE' };
      return { stateMachine: id, executionName, executionArn: previous.executionArn, status: startStatus(previous.startDate, requestedAt, 0) };
    }
    const executionArn = `arn:aws:states:us-east-1:000000000000:execution:${id}:${executionName}`;
    this.started.set(key, { input: JSON.stringify(input), startDate: new Date(requestedAt), executionArn });
    const runner = runnerFor(id);
    const outcome = runner.run(input, { executionName }).catch((error: unknown): ExecutionOutcome => {
      logger.error('lifecycle: local execution could not run', { stateMachine: id, executionName, message: String(error) });
      return { executionName, status: 'FAILED', error: 'LocalRunnerError', cause: String(error) };
    });
    this.executions.set(key, outcome);
    void outcome.then((o) => {
      if (this.executions.get(key) === outcome) this.settled.set(key, o);
    });
    return { stateMachine: id, executionName, executionArn, status: 'STARTED' };
  }

  /** How a started execution ended (waits for it): tests and the local runtime's logs. */
  outcome(id: StateMachineId, executionName: string): Promise<ExecutionOutcome> | undefined {
    return this.executions.get(`${id}:${executionName}`);
  }

  /** Without waiting: RUNNING, how it ended, or undefined (never started here), as DescribeExecution answers. */
  describe(id: StateMachineId, executionName: string): { status: 'RUNNING' } | ExecutionOutcome | undefined {
    const key = `${id}:${executionName}`;
    if (!this.executions.has(key)) return undefined;
    return this.settled.get(key) ?? { status: 'RUNNING' };
  }

  /** The input a name was started with, as DescribeExecution answers it. */
  input(id: StateMachineId, executionName: string): unknown {
    const started = this.started.get(`${id}:${executionName}`);
    return started ? JSON.parse(started.input) : undefined;
  }

  /** The names started on this machine, in start order. */
  list(id: StateMachineId): { executionName: string }[] {
    const prefix = `${id}:`;
    return [...this.executions.keys()].filter((k) => k.startsWith(prefix)).map((k) => ({ executionName: k.slice(prefix.length) }));
  }

  /** Waits for every execution started so far. */
  async settle(): Promise<void> {
    await Promise.all(this.executions.values());
  }

  clear(): void {
    this.executions.clear();
    this.settled.clear();
    this.started.clear();
  }
}

/** The one local record per process. */
// Pure, so a bundle that imports this module but not this value (BulkJoinersSteps, through bulk/joiners) leaves
// it out, and with it the SFN client it reaches.
export const localExecutions = /* @__PURE__ */ new LocalExecutionStarter();
let sfn: SFNClient | undefined;

/** STATE_MACHINE_RUNNER decides, as for the synchronous runner: `aws` (default) or `local`. */
export function executionStarter(env: NodeJS.ProcessEnv = process.env): ExecutionStarter {
  const mode = env[RUNNER_ENV] || 'aws';
  if (mode === 'local') return localExecutions;
  if (mode !== 'aws') throw new ConfigurationError(`${RUNNER_ENV} must be "aws" or "local", not "${mode}"`);
  sfn ??= new SFNClient({});
  return new SfnExecutionStarter(sfn, env);
}

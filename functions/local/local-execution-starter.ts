import { ConfigurationError } from '../lib/errors';
import { logger } from '../lib/logger';
import type { StateMachineId } from '../lib/state-machines/definitions';
import { EXECUTION_NAME } from '../lib/state-machines/execution-name';
import type { ExecutionOutcome, StateMachineRunner } from '../lib/state-machines/runner';
import { startStatus, type ExecutionStarter, type StartResult } from '../lib/state-machines/starter';
import type { ExecutionStatus } from '../lib/state-machines/execution-status';

/**
 * The local runtime's starter: runs the execution in-process (the local runner) without waiting, and
 * keeps a record of every name started, answering a second start as StartExecution does: the running
 * execution's ARN and startDate for the same input (told apart by startStatus, as in AWS), otherwise
 * ExecutionAlreadyExists; both a duplicate.
 */
export class LocalExecutionStarter implements ExecutionStarter {
  constructor(private readonly runnerFor: (id: StateMachineId) => StateMachineRunner) {}

  private readonly executions = new Map<string, Promise<ExecutionOutcome>>();
  private readonly settled = new Map<string, ExecutionOutcome & { stopDate?: Date }>();
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
    const runner = this.runnerFor(id);
    const outcome = runner.run(input, { executionName }).catch((error: unknown): ExecutionOutcome => {
      logger.error('lifecycle: local execution could not run', { stateMachine: id, executionName, message: String(error) });
      return { executionName, status: 'FAILED', error: 'LocalRunnerError', cause: String(error) };
    });
    this.executions.set(key, outcome);
    void outcome.then((o) => {
      if (this.executions.get(key) === outcome) this.settled.set(key, { ...o, stopDate: new Date() });
    });
    return { stateMachine: id, executionName, executionArn, status: 'STARTED' };
  }

  /**
   * StartExecution as the API answers it (what a state machine's `states:startExecution` Task gets): a new
   * name starts; the same name and input while it runs answers that execution (idempotent); a closed one,
   * or other input, is refused with ExecutionAlreadyExists (docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html).
   */
  async startExecution(id: StateMachineId, input: unknown, executionName: string): Promise<{ executionArn: string; startDate: Date }> {
    const key = `${id}:${executionName}`;
    const previous = this.started.get(key);
    if (previous && (this.settled.has(key) || previous.input !== JSON.stringify(input))) {
      throw Object.assign(new Error(`Execution Already Exists: '${previous.executionArn}'`), { name: 'ExecutionAlreadyExists' });
    }
    if (!previous) await this.start(id, input, executionName);
    const started = this.started.get(key)!;
    return { executionArn: started.executionArn, startDate: started.startDate };
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

  /** DescribeExecution's answer from the record: undefined for a name never started here. */
  status(id: StateMachineId, executionName: string): ExecutionStatus | undefined {
    const found = this.describe(id, executionName);
    if (!found) return undefined;
    const input = this.input(id, executionName);
    const startDate = this.started.get(`${id}:${executionName}`)!.startDate.toISOString();
    if (found.status === 'RUNNING') return { status: 'RUNNING', input, startDate };
    const stopDate = this.settled.get(`${id}:${executionName}`)?.stopDate?.toISOString();
    return { status: found.status, input, output: found.output, ...(found.error ? { error: found.error, cause: found.cause } : {}), startDate, ...(stopDate ? { stopDate } : {}) };
  }

  /** The names started on this machine, in start order. */
  list(id: StateMachineId): { executionName: string }[] {
    const prefix = `${id}:`;
    return [...this.executions.keys()].filter((k) => k.startsWith(prefix)).map((k) => ({ executionName: k.slice(prefix.length) }));
  }

  /** Work that may start executions (the SCIM writes' stream deliveries): settle() waits for it too. */
  private readonly pending = new Set<Promise<unknown>>();

  /** Counts `work` as pending until it ends: an execution it will start is waited for as if started. */
  track(work: Promise<unknown>): void {
    // Its failure is its owner's to handle; here it only ends the wait.
    const tracked: Promise<void> = work.then(() => undefined, () => undefined).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  }

  /**
   * Every execution ended, those started by others while waiting (a plan's plan-<id>, an apply, a stream
   * delivery's start) included, and no pending work left that could start another.
   */
  async settle(): Promise<void> {
    let seen: number;
    do {
      seen = this.executions.size;
      while (this.pending.size) await Promise.all(this.pending);
      await Promise.all(this.executions.values());
    } while (this.executions.size !== seen || this.pending.size);
  }

  clear(): void {
    this.executions.clear();
    this.settled.clear();
    this.started.clear();
  }
}

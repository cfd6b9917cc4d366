import { SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import { ConfigurationError, StateMachineStartError } from '../errors';
import { stateMachine, type StateMachineId } from './definitions';

/** How an execution ended, in StartSyncExecution's terms, whichever runner ran it. */
export interface ExecutionOutcome {
  executionName: string;
  /** ABORTED: we stopped waiting (the caller's deadline); the execution may still be running. */
  status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  /** The execution's output (SUCCEEDED). */
  output?: unknown;
  /** The Fail state's (or the uncaught) error name and cause (FAILED). */
  error?: string;
  cause?: string;
}

export interface StartOptions {
  /** 1–80 of [A-Za-z0-9_-]. */
  executionName: string;
  /** Stop waiting after this long. */
  deadlineMs?: number;
}

/** Runs one state machine to its end and reports how it ended: StartSyncExecution in AWS, in-process locally. */
export interface StateMachineRunner {
  run(input: unknown, options: StartOptions): Promise<ExecutionOutcome>;
}

// Errors that mean the deployment is wrong, not that AWS is busy.
const CONFIGURATION_ERRORS = new Set(['StateMachineDoesNotExist', 'InvalidArn', 'AccessDeniedException', 'StateMachineDeleting', 'StateMachineTypeNotSupported', 'InvalidName']);

/** An Express state machine in AWS, run with StartSyncExecution, which answers when the execution ends. */
export class SfnSyncRunner implements StateMachineRunner {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async run(input: unknown, options: StartOptions): Promise<ExecutionOutcome> {
    const name = options.executionName;
    // Stop waiting at the deadline even if the SDK does not notice the abort; the execution runs on in AWS.
    const stop = new AbortController();
    const timer = options.deadlineMs ? setTimeout(() => stop.abort(), options.deadlineMs) : undefined;
    const deadline = new Promise<'deadline'>((resolve) => stop.signal.addEventListener('abort', () => resolve('deadline')));
    let res;
    try {
      res = await Promise.race([
        this.client.send(
          new StartSyncExecutionCommand({ stateMachineArn: this.stateMachineArn, name, input: JSON.stringify(input) }),
          { abortSignal: stop.signal },
        ),
        deadline,
      ]);
      if (res === 'deadline') return { executionName: name, status: 'ABORTED' };
    } catch (error) {
      const err = error as { name?: string; message?: string };
      if (stop.signal.aborted) return { executionName: name, status: 'ABORTED' };
      if (CONFIGURATION_ERRORS.has(err.name ?? '')) {
        throw new ConfigurationError(`Cannot start state machine ${this.stateMachineArn}: ${err.name}: ${err.message}`);
      }
      throw new StateMachineStartError(`Could not start the workflow: ${err.name}: ${err.message}`, 503);
    } finally {
      clearTimeout(timer);
    }
    switch (res.status) {
      case 'SUCCEEDED':
        return { executionName: name, status: 'SUCCEEDED', output: parseJson(res.output) };
      case 'TIMED_OUT':
        return { executionName: name, status: 'TIMED_OUT' };
      default:
        return { executionName: name, status: 'FAILED', error: res.error, cause: res.cause };
    }
  }
}

function parseJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * STATE_MACHINE_RUNNER: `aws` (the default; the machine's ARN comes from its `arnEnv`) or `local` (the
 * local runtime and tests, which register an in-process runner: functions/local/state-machines.ts).
 */
export const RUNNER_ENV = 'STATE_MACHINE_RUNNER';

let localRunnerFactory: ((id: StateMachineId) => StateMachineRunner) | undefined;
let sfn: SFNClient | undefined;

/** The local runtime's in-process runner; never registered in a Lambda. */
export function registerLocalRunner(factory: (id: StateMachineId) => StateMachineRunner): void {
  localRunnerFactory = factory;
}

export function runnerFor(id: StateMachineId, env: NodeJS.ProcessEnv = process.env): StateMachineRunner {
  const mode = env[RUNNER_ENV] || 'aws';
  if (mode === 'local') {
    if (!localRunnerFactory) throw new ConfigurationError(`${RUNNER_ENV}=local, but no local state machine runner is registered in this process`);
    return localRunnerFactory(id);
  }
  if (mode !== 'aws') throw new ConfigurationError(`${RUNNER_ENV} must be "aws" or "local", not "${mode}"`);
  const { arnEnv } = stateMachine(id);
  const arn = env[arnEnv];
  if (!arn) throw new ConfigurationError(`${arnEnv} is not set: the ${id} state machine cannot be started`);
  // One client per container, reused while warm.
  sfn ??= new SFNClient({});
  return new SfnSyncRunner(sfn, arn);
}

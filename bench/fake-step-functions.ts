import { AwsJsonError, serveAwsJson } from './loopback-server';

interface Execution {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: 'RUNNING' | 'SUCCEEDED';
  input: string;
  output?: string;
  /** Epoch seconds, as the JSON protocol carries timestamps. */
  startDate: number;
  stopDate?: number;
}

export interface FakeStepFunctions {
  url: string;
  /** StartExecution, DescribeExecution… in the order served since the last reset. */
  operations: string[];
  /** An execution started a minute before the invocation, for DescribeExecution to find: ended with `output`, else RUNNING. */
  seed(execution: { stateMachineArn: string; name: string; input: unknown; output?: unknown }): void;
  /** No executions and no operations. */
  reset(): void;
  close(): Promise<void>;
}

export const executionArnOf = (stateMachineArn: string, name: string) => `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;

const seconds = () => Date.now() / 1000;

/**
 * Enough of the Step Functions JSON 1.0 protocol for the real SDK client (AWS_ENDPOINT_URL_SFN):
 * StartExecution leaves a RUNNING execution (a name used before is ExecutionAlreadyExists, as for a
 * Standard machine), StartSyncExecution answers SUCCEEDED at once with what `runSync` makes of the
 * input, DescribeExecution answers what was started or seeded, else ExecutionDoesNotExist.
 */
export async function startFakeStepFunctions(
  runSync: (stateMachineArn: string, name: string, input: unknown) => unknown,
  /** A Standard execution that ends before the first DescribeExecution (a small plan): its output, or undefined to stay RUNNING. */
  finishOnStart: (name: string, input: unknown) => unknown = () => undefined,
): Promise<FakeStepFunctions> {
  const executions = new Map<string, Execution>();
  const start = (input: Record<string, unknown>, status: Execution['status']): Execution => {
    const stateMachineArn = String(input.stateMachineArn);
    const name = String(input.name);
    const executionArn = executionArnOf(stateMachineArn, name);
    if (executions.has(executionArn)) throw new AwsJsonError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    const execution: Execution = { executionArn, stateMachineArn, name, status, input: String(input.input ?? '{}'), startDate: seconds() };
    executions.set(executionArn, execution);
    return execution;
  };
  const server = await serveAwsJson('application/x-amz-json-1.0', {
    StartExecution: (input) => {
      const execution = start(input, 'RUNNING');
      const output = finishOnStart(execution.name, JSON.parse(execution.input));
      if (output !== undefined) Object.assign(execution, { status: 'SUCCEEDED', output: JSON.stringify(output), stopDate: seconds() });
      const { executionArn, startDate } = execution;
      return { executionArn, startDate };
    },
    StartSyncExecution: (input) => {
      const execution = start(input, 'SUCCEEDED');
      execution.output = JSON.stringify(runSync(execution.stateMachineArn, execution.name, JSON.parse(execution.input)));
      execution.stopDate = seconds();
      return { ...execution, billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 } };
    },
    DescribeExecution: (input) => {
      const execution = executions.get(String(input.executionArn));
      if (!execution) throw new AwsJsonError('ExecutionDoesNotExist', `Execution Does Not Exist: '${String(input.executionArn)}'`);
      return execution;
    },
  });
  return {
    url: server.url,
    operations: server.operations,
    seed: ({ stateMachineArn, name, input, output }) => {
      const executionArn = executionArnOf(stateMachineArn, name);
      const now = seconds();
      const ended = output === undefined ? { status: 'RUNNING' as const } : { status: 'SUCCEEDED' as const, output: JSON.stringify(output), stopDate: now };
      executions.set(executionArn, { executionArn, stateMachineArn, name, input: JSON.stringify(input), startDate: now - 60, ...ended });
    },
    reset: () => {
      executions.clear();
      server.operations.length = 0;
    },
    close: server.close,
  };
}

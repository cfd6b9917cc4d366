import { DescribeExecutionCommand, ExecutionDoesNotExist, SFNClient } from '@aws-sdk/client-sfn';
import { ConfigurationError } from '../errors';
import { localExecutions } from '../lifecycle/starter';
import { stateMachine, type StateMachineId } from './definitions';
import { RUNNER_ENV, type ExecutionOutcome } from './runner';

/** How a Standard execution stands, in DescribeExecution's terms, whichever runtime ran it. */
export interface ExecutionStatus {
  status: 'RUNNING' | ExecutionOutcome['status'] | 'PENDING_REDRIVE';
  input?: unknown;
  output?: unknown;
  error?: string;
  cause?: string;
  startDate?: string;
  stopDate?: string;
}

let sfn: SFNClient | undefined;

const parse = (text: string | undefined) => {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

/**
 * DescribeExecution of a Standard machine's execution by name (Express executions cannot be described:
 * AWS's DescribeExecution reference), or the local starter's record; undefined for a name never started.
 */
export async function describeExecution(id: StateMachineId, executionName: string, env: NodeJS.ProcessEnv = process.env, client?: SFNClient): Promise<ExecutionStatus | undefined> {
  const mode = env[RUNNER_ENV] || 'aws';
  if (mode === 'local') {
    const found = localExecutions.describe(id, executionName);
    if (!found) return undefined;
    const input = localExecutions.input(id, executionName);
    if (found.status === 'RUNNING') return { status: 'RUNNING', input };
    return { status: found.status, input, output: found.output, ...(found.error ? { error: found.error, cause: found.cause } : {}) };
  }
  if (mode !== 'aws') throw new ConfigurationError(`${RUNNER_ENV} must be "aws" or "local", not "${mode}"`);
  const { arnEnv } = stateMachine(id);
  const arn = env[arnEnv];
  if (!arn) throw new ConfigurationError(`${arnEnv} is not set: ${id} executions cannot be described`);
  const executionArn = `${arn.replace(':stateMachine:', ':execution:')}:${executionName}`;
  let res;
  try {
    res = await (client ?? (sfn ??= new SFNClient({}))).send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (error instanceof ExecutionDoesNotExist || name === 'ExecutionDoesNotExist') return undefined;
    if (name === 'AccessDeniedException' || name === 'InvalidArn') throw new ConfigurationError(`Cannot describe ${executionArn}: ${name}`);
    throw error;
  }
  return {
    status: (res.status ?? 'RUNNING') as ExecutionStatus['status'],
    input: parse(res.input),
    ...(res.output !== undefined ? { output: parse(res.output) } : {}),
    ...(res.error ? { error: res.error } : {}),
    ...(res.cause ? { cause: res.cause } : {}),
    ...(res.startDate ? { startDate: res.startDate.toISOString() } : {}),
    ...(res.stopDate ? { stopDate: res.stopDate.toISOString() } : {}),
  };
}

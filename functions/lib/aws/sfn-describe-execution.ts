import { DescribeExecutionCommand, ExecutionDoesNotExist, type SFNClient } from '@aws-sdk/client-sfn';
import type { Env } from '../config';
import { ConfigurationError } from '../errors';
import type { StateMachineId } from '../state-machines/definitions';
import type { ExecutionStatus } from '../state-machines/execution-status';
import { CONFIGURATION_ERRORS, executionArnOf, parseJsonText, stateMachineArn } from './sfn-errors';

/**
 * DescribeExecution of a Standard machine's execution by name (Express executions cannot be described:
 * AWS's DescribeExecution reference); undefined for a name never started.
 */
export async function describeSfnExecution(client: SFNClient, env: Env, id: StateMachineId, executionName: string): Promise<ExecutionStatus | undefined> {
  const executionArn = executionArnOf(stateMachineArn(env, id, `${id} executions cannot be described`), executionName);
  let res;
  try {
    res = await client.send(new DescribeExecutionCommand({ executionArn }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (error instanceof ExecutionDoesNotExist || name === 'ExecutionDoesNotExist') return undefined;
    if (CONFIGURATION_ERRORS.has(name ?? '')) throw new ConfigurationError(`Cannot describe ${executionArn}: ${name}`, { cause: error });
    throw error;
  }
  return {
    status: (res.status ?? 'RUNNING') as ExecutionStatus['status'],
    input: parseJsonText(res.input),
    ...(res.output !== undefined ? { output: parseJsonText(res.output) } : {}),
    ...(res.error ? { error: res.error } : {}),
    ...(res.cause ? { cause: res.cause } : {}),
    ...(res.startDate ? { startDate: res.startDate.toISOString() } : {}),
    ...(res.stopDate ? { stopDate: res.stopDate.toISOString() } : {}),
  };
}

import { ExecutionAlreadyExists, StartExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Env } from '../config';
import { logger } from '../logger';
import type { StateMachineId } from '../state-machines/definitions';
import { startStatus, type ExecutionStarter, type StartResult } from '../state-machines/starter';
import { executionArnOf, startError, stateMachineArn } from './sfn-errors';

/**
 * StartExecution on a Standard machine. Step Functions keeps a Standard execution's name for 90 days
 * after it closes: the same name again is ExecutionAlreadyExists (different input, or closed), or,
 * while it runs with the same input, the same execution back (idempotent: told apart by its startDate,
 * startStatus). Both are a duplicate to us, never a second run.
 */
export class SfnExecutionStarter implements ExecutionStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly env: Env,
  ) {}

  async start(id: StateMachineId, input: unknown, executionName: string): Promise<StartResult> {
    const arn = stateMachineArn(this.env, id, `the ${id} state machine cannot be started`);
    const requestedAt = Date.now();
    try {
      const res = await this.client.send(new StartExecutionCommand({ stateMachineArn: arn, name: executionName, input: JSON.stringify(input) }));
      const status = startStatus(res.startDate, requestedAt);
      if (status === 'DUPLICATE') logger.info('lifecycle: duplicate event, the same execution is running', { stateMachine: id, executionName });
      return { stateMachine: id, executionName, executionArn: res.executionArn, status };
    } catch (error) {
      if (error instanceof ExecutionAlreadyExists || (error as { name?: string }).name === 'ExecutionAlreadyExists') {
        logger.info('lifecycle: duplicate event, execution already exists', { stateMachine: id, executionName });
        return { stateMachine: id, executionName, executionArn: executionArnOf(arn, executionName), status: 'DUPLICATE' };
      }
      // Thrown on: Lambda's async retries repeat the router's invocation, then the DLQ; the API answers 503.
      throw startError(error, arn, `the ${id} workflow`);
    }
  }
}

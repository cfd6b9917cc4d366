import { type SFNClient, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import type { ExecutionOutcome, StartOptions, StateMachineRunner } from '../state-machines/runner';
import { parseJsonText, startError } from './sfn-errors';

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
      if (stop.signal.aborted) return { executionName: name, status: 'ABORTED' };
      throw startError(error, this.stateMachineArn, 'the workflow');
    } finally {
      clearTimeout(timer);
    }
    switch (res.status) {
      case 'SUCCEEDED':
        return { executionName: name, status: 'SUCCEEDED', output: parseJsonText(res.output) };
      case 'TIMED_OUT':
        return { executionName: name, status: 'TIMED_OUT' };
      default:
        return { executionName: name, status: 'FAILED', error: res.error, cause: res.cause };
    }
  }
}

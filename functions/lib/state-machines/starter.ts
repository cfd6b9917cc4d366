import type { StateMachineId } from './definitions';

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

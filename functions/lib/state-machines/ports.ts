import type { StateMachineId } from './definitions';
import type { ExecutionStatus } from './execution-status';
import type { MapProgress } from './map-progress';
import type { StateMachineRunner } from './runner';
import type { ExecutionStarter } from './starter';

/**
 * The state machines as the workflows use them, whichever runtime runs them: Step Functions in AWS
 * (aws/sfn-state-machines.ts), in-process locally (functions/local/local-state-machines.ts). The
 * composition root of each runtime builds one and passes it in; nothing here chooses.
 */
export interface StateMachines {
  /** Runs an execution to its end (StartSyncExecution of an Express machine). */
  runner(id: StateMachineId): StateMachineRunner;
  /** Starts a Standard machine's execution without waiting, once per name (StartExecution). */
  starter(): ExecutionStarter;
  /** How a Standard execution stands (DescribeExecution); undefined for a name never started. */
  describe(id: StateMachineId, executionName: string): Promise<ExecutionStatus | undefined>;
  /**
   * The progress of a running execution's Distributed Map (ListMapRuns + DescribeMapRun in AWS); undefined
   * when it has none (yet): the items are still being read, or the machine has no Distributed Map.
   */
  mapProgress(id: StateMachineId, executionName: string): Promise<MapProgress | undefined>;
}

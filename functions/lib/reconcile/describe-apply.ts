import type { StateMachines } from '../state-machines/ports';
import type { MapProgress } from '../state-machines/map-progress';
import { applyExecutionName } from './apply-execution';

/** How a plan's apply stands, for GET /reconcile/plans/{id}. */
export interface ApplyStatus {
  executionName: string;
  status: 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE';
  startDate?: string;
  stopDate?: string;
  /** Once SUCCEEDED: the Completed / Failed event's detail (counts, where the results are). */
  outcome?: unknown;
  /** While it runs: the Distributed Map's actions by how they ended, and the time left at that pace. */
  progress?: MapProgress;
  error?: string;
  cause?: string;
}

/** The ReconcileApply execution of a plan (DescribeExecution in AWS), or undefined when the plan was never applied. */
export async function describeApply(stateMachines: Pick<StateMachines, 'describe'> & Partial<Pick<StateMachines, 'mapProgress'>>, planId: string): Promise<ApplyStatus | undefined> {
  const executionName = applyExecutionName(planId);
  const found = await stateMachines.describe('ReconcileApply', executionName);
  if (!found) return undefined;
  const progress = found.status === 'RUNNING' ? await stateMachines.mapProgress?.('ReconcileApply', executionName) : undefined;
  return {
    executionName,
    status: found.status as ApplyStatus['status'],
    ...(found.startDate ? { startDate: found.startDate } : {}),
    ...(found.stopDate ? { stopDate: found.stopDate } : {}),
    ...(progress ? { progress } : {}),
    ...(found.status === 'SUCCEEDED' && found.output !== undefined ? { outcome: found.output } : {}),
    ...(found.error ? { error: found.error } : {}),
    ...(found.cause ? { cause: found.cause } : {}),
  };
}

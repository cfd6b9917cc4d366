import type { ExecutionOutcome } from './runner';

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

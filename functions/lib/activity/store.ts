import type { ActivityRecord, BulkRunSummary, Page, PageRequest, PlanSummary } from './records';

/**
 * The activity table, as the workflows and routes use it (the port): DynamoDB in AWS and, locally, the same
 * adapter against dynalite (aws/dynamodb-activity-store.ts, functions/local/local-activity-table.ts).
 * Every write may be repeated by a retried step and stays one item; every read is one Query page.
 */
export interface ActivityStore {
  /**
   * One item per record; a record already written (same user, start time, execution) is left as it is. A new
   * record of a JSON bulk run's child also counts its outcome on the run while it runs (its progress), once.
   */
  record(records: readonly ActivityRecord[]): Promise<void>;
  /** A user's records, newest first: by e-mail, or by Webex person id when `by` says so. */
  history(user: { email: string } | { userId: string }, page: PageRequest): Promise<Page<ActivityRecord>>;
  /** A bulk run as it starts (kept if already written: a repeated start is the same run). */
  startBulkRun(run: BulkRunSummary): Promise<void>;
  /** A bulk run's end, once: a run never started here (a CSV run's batch) or already ended is left alone. */
  endBulkRun(executionName: string, end: Pick<BulkRunSummary, 'status' | 'endedAt' | 'total' | 'succeeded' | 'failed'>): Promise<void>;
  listBulkRuns(page: PageRequest): Promise<Page<BulkRunSummary>>;
  /** One bulk run, with the outcomes counted so far while it runs; undefined for a run never recorded. */
  bulkRun(executionName: string): Promise<BulkRunSummary | undefined>;
  /** A plan as it is stored (kept if already written). */
  putPlan(plan: PlanSummary): Promise<void>;
  /** A plan's apply: started (APPLYING) or ended (APPLIED / APPLY_FAILED); a plan never recorded is left alone. */
  updatePlan(planId: string, change: Pick<PlanSummary, 'status'> & Partial<Pick<PlanSummary, 'appliedAt' | 'applyExecutionName' | 'applied'>>): Promise<void>;
  listPlans(page: PageRequest): Promise<Page<PlanSummary>>;
}

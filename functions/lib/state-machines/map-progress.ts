import type * as z from 'zod';
import type { MapProgressView } from '../schemas/progress-answers';
/**
 * A Distributed Map run's progress, as GET answers it while a bulk run or an apply runs: its items (a CSV's
 * rows, a plan's actions) counted by how their child executions ended (DescribeMapRun's itemCounts in AWS,
 * the local Distributed Map's own counts locally). An item whose child failed as a whole counts as failed;
 * a user that failed inside a child that caught it is in the report, not here.
 */
export type MapProgress = z.infer<typeof MapProgressView>;

export interface MapItemCounts {
  total: number;
  succeeded: number;
  /** Failed, timed out or aborted. */
  failed: number;
}

export function mapProgress(counts: MapItemCounts, startedAt: Date, now: Date = new Date()): MapProgress {
  const done = counts.succeeded + counts.failed;
  const pending = Math.max(0, counts.total - done);
  const elapsedSeconds = Math.max(0, (now.getTime() - startedAt.getTime()) / 1000);
  return {
    total: counts.total,
    succeeded: counts.succeeded,
    failed: counts.failed,
    pending,
    startedAt: startedAt.toISOString(),
    ...(done > 0 ? { etaSeconds: Math.round((elapsedSeconds / done) * pending) } : {}),
  };
}

import { DescribeMapRunCommand, ListMapRunsCommand, type SFNClient } from '@aws-sdk/client-sfn';
import type { Env } from '../config';
import type { StateMachineId } from '../state-machines/definitions';
import { mapProgress, type MapProgress } from '../state-machines/map-progress';
import { executionArnOf, stateMachineArn } from './sfn-errors';

/**
 * A running execution's Distributed Map progress: its map run (ListMapRuns, one per Distributed Map state;
 * our machines have one) and that run's item counts (DescribeMapRun). Two calls, on the route that reports it.
 */
export async function sfnMapProgress(client: SFNClient, env: Env, id: StateMachineId, executionName: string): Promise<MapProgress | undefined> {
  const executionArn = executionArnOf(stateMachineArn(env, id, `${id} executions cannot be described`), executionName);
  let runs;
  try {
    runs = await client.send(new ListMapRunsCommand({ executionArn, maxResults: 1 }));
  } catch (error) {
    if ((error as { name?: string }).name === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
  const mapRunArn = runs.mapRuns?.[0]?.mapRunArn;
  if (!mapRunArn) return undefined;
  const run = await client.send(new DescribeMapRunCommand({ mapRunArn }));
  const c = run.itemCounts;
  if (!c || !run.startDate) return undefined;
  return mapProgress({ total: c.total ?? 0, succeeded: c.succeeded ?? 0, failed: (c.failed ?? 0) + (c.timedOut ?? 0) + (c.aborted ?? 0) }, run.startDate);
}

import type { Simulator } from '../functions/simulator/server';
import { measureBulkThroughput, type BulkThroughputResult } from './bulk-throughput';
import { activityTableCalls, useActivityWrites } from './local-handlers';

/**
 * What writing the activity records costs a bulk run: its fraction of the rate limit's ceiling with the activity
 * table's writes (the real store, dynalite in this process) against without them (a store that writes nothing).
 * Single runs on a shared machine vary by ±10 %, more than the 5 % to be seen, so the runs are interleaved in one
 * process, off and on in turn, starting and ending with off (A B A B … A): each on-run is compared with the mean of
 * the off-runs either side of it, which cancels a machine that slows or speeds up steadily during the run. The
 * median of those per-pair ratios is the figure; their spread says how far to trust it.
 */
export interface ActivityCostResult {
  via: 'json' | 'csv';
  pairs: number;
  /** Each on-run's fraction of the ceiling over the mean of its two neighbouring off-runs. */
  ratios: number[];
  median: number;
  /** The median's distance from 1: the cost, as a share of the throughput without writes. */
  cost: number;
  /** Lowest and highest per-pair ratio, and the median absolute deviation of them. */
  spread: { min: number; max: number; mad: number };
  /**
   * The activity table's requests per user with the writes on, by command (the pacing budget's item left out): what
   * the records cost each user in DynamoDB requests, whatever the machine's speed.
   */
  tableCallsPerUser: Record<string, number>;
  runs: (BulkThroughputResult & { activity: 'none' | 'written'; tableCalls: Record<string, number> })[];
}

export async function measureActivityCost(sim: Simulator, via: 'json' | 'csv', options: { pairs?: number; users?: number } = {}): Promise<ActivityCostResult> {
  const pairs = options.pairs ?? 4;
  const runs: ActivityCostResult['runs'] = [];
  try {
    for (let i = 0; i <= pairs; i++) {
      for (const on of i < pairs ? [false, true] : [false]) {
        useActivityWrites(on);
        const before = activityTableCalls();
        const result = await measureBulkThroughput(sim, { users: options.users, via });
        const after = activityTableCalls();
        const tableCalls = Object.fromEntries(Object.entries(after).map(([op, n]) => [op, n - (before[op] ?? 0)]).filter(([, n]) => n));
        runs.push({ ...result, activity: on ? 'written' : 'none', tableCalls });
      }
    }
  } finally {
    useActivityWrites(true);
  }
  const off = runs.filter((r) => r.activity === 'none').map((r) => r.fractionOfCeiling);
  const on = runs.filter((r) => r.activity === 'written').map((r) => r.fractionOfCeiling);
  const ratios = on.map((f, i) => f / ((off[i] + off[i + 1]) / 2));
  const m = median(ratios);
  return {
    via,
    pairs,
    ratios,
    median: m,
    cost: 1 - m,
    spread: { min: Math.min(...ratios), max: Math.max(...ratios), mad: median(ratios.map((r) => Math.abs(r - m))) },
    tableCallsPerUser: perUser(runs),
    runs,
  };
}

/** Mean requests per user of the on-runs, by command. */
function perUser(runs: ActivityCostResult['runs']): Record<string, number> {
  const on = runs.filter((r) => r.activity === 'written');
  const ops = [...new Set(on.flatMap((r) => Object.keys(r.tableCalls)))].sort();
  return Object.fromEntries(ops.map((op) => [op, Math.round((on.reduce((sum, r) => sum + (r.tableCalls[op] ?? 0) / r.users, 0) / on.length) * 1000) / 1000]));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

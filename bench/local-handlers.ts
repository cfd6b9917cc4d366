import type { ActivityStore } from '../functions/lib/activity/store';
import { routeHandlers } from '../functions/local/handlers';
import { localActivityTable } from '../functions/local/local-activity-table';
import { createLocalRuntime } from '../functions/local/local-runtime';

/**
 * An activity store that writes nothing and lists nothing: the baseline the bulk benchmark measures the activity
 * writes against (the same run, the same runtime, only the table's writes left out).
 */
const NO_ACTIVITY: ActivityStore = {
  record: async () => undefined,
  startBulkRun: async () => undefined,
  endBulkRun: async () => undefined,
  putPlan: async () => undefined,
  updatePlan: async () => undefined,
  history: async () => ({ items: [] }),
  listBulkRuns: async () => ({ items: [] }),
  listPlans: async () => ({ items: [] }),
  bulkRun: async () => undefined,
};

const table = localActivityTable();
let activityWrites = true;
/** Whether the runtime's activity store is the real one (dynalite, the Lambdas' adapter) or NO_ACTIVITY. */
export function useActivityWrites(on: boolean): void {
  activityWrites = on;
}

/** The benchmarks' local runtime (waits as in AWS) and the route handlers composed with it. */
export const benchRuntime = createLocalRuntime({
  activityTable: { endpoint: () => table.endpoint(), close: () => table.close(), get store() { return activityWrites ? table.store : NO_ACTIVITY; }, get scimStore() { return table.scimStore; }, get paceStore() { return table.paceStore; } },
});
export const handlers = routeHandlers(benchRuntime.deps);

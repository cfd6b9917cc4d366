import type { ActivityStore } from '../functions/lib/activity/store';
import { routeHandlers } from '../functions/local/handlers';
import { localActivityTable, localDynamoClient } from '../functions/local/local-activity-table';
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

const sent: Record<string, number> = {};
/** Counts each request the stores send, by command, leaving out the pacing budget's item (PACE#…): the records' alone. */
function countingClient(endpoint: Parameters<typeof localDynamoClient>[0]) {
  const client = localDynamoClient(endpoint);
  client.middlewareStack.add((next, context) => async (args) => {
    // Marshalled or not yet (the document client's commands), whichever this step sees.
    const input = args.input as { Item?: { pk?: string | { S?: string } }; Key?: { pk?: string | { S?: string } } };
    const key = input.Item?.pk ?? input.Key?.pk;
    const pk = (typeof key === 'string' ? key : key?.S) ?? '';
    const command = context.commandName ?? 'unknown';
    if (!pk.startsWith('PACE#')) sent[command] = (sent[command] ?? 0) + 1;
    return next(args);
  }, { step: 'initialize', name: 'benchActivityCalls' });
  return client;
}
const table = localActivityTable({ client: countingClient });
/** The requests sent to the activity table so far, by command, but the pacing budget's: the records, the runs' items. */
export const activityTableCalls = (): Record<string, number> => ({ ...sent });
let activityWrites = true;
/** Whether the runtime's activity store is the real one (dynalite, the Lambdas' adapter) or NO_ACTIVITY. */
export function useActivityWrites(on: boolean): void {
  activityWrites = on;
}

/** The benchmarks' local runtime (waits as in AWS) and the route handlers composed with it. */
export const benchRuntime = createLocalRuntime({
  activityTable: { endpoint: () => table.endpoint(), close: () => table.close(), onChange: (listener) => table.onChange(listener), get store() { return activityWrites ? table.store : NO_ACTIVITY; }, get scimStore() { return table.scimStore; }, get paceStore() { return table.paceStore; } },
});
export const handlers = routeHandlers(benchRuntime.deps);

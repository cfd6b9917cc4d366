import type { ActivityStore } from '../../functions/lib/activity/store';

/**
 * For unit tests of steps: an activity store that records what it is asked to write and lists nothing.
 * Integration tests use the real adapter on dynalite (the local runtime's).
 */
export function recordingActivity(): { activity: () => ActivityStore; calls: { method: keyof ActivityStore; args: unknown[] }[] } {
  const calls: { method: keyof ActivityStore; args: unknown[] }[] = [];
  const write = (method: keyof ActivityStore) => async (...args: unknown[]) => void calls.push({ method, args });
  const empty = async () => ({ items: [] });
  const store: ActivityStore = {
    record: write('record'), startBulkRun: write('startBulkRun'), endBulkRun: write('endBulkRun'), putPlan: write('putPlan'), updatePlan: write('updatePlan'),
    history: empty, listBulkRuns: empty, listPlans: empty, bulkRun: async () => undefined,
  };
  return { activity: () => store, calls };
}

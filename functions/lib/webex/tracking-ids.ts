import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The Webex TrackingIDs of the requests one piece of work sent (answered, successful or not), for its activity
 * record: Cisco support asks for them. The Webex client notes each answer's id; whoever wants them runs the work
 * inside `collectTrackingIds`. Outside one, nothing is kept.
 */
const store = new AsyncLocalStorage<Set<string>>();

export function noteTrackingId(id: string | undefined): void {
  if (id) store.getStore()?.add(id);
}

/** Runs `fn`, returning what it returned (or threw) and the TrackingIDs of the Webex answers it got, in order, once each. */
export async function collectTrackingIds<T>(fn: () => Promise<T>): Promise<{ trackingIds: string[] } & ({ value: T } | { error: unknown })> {
  const ids = new Set<string>();
  return store.run(ids, async () => {
    try {
      const value = await fn();
      return { value, trackingIds: [...ids] };
    } catch (error) {
      return { error, trackingIds: [...ids] };
    }
  });
}

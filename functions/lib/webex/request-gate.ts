import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * When each Webex request of a piece of work may leave: a step's send slots in the deployment's pacing budget
 * (pacing/send-schedule.ts), one per request, so a step's requests are spaced at the runs' rate rather than sent
 * back to back after one slot. The Webex client asks the gate of the work it runs in before each request's first
 * attempt (a retry waits for its Retry-After or backoff instead); outside a gate, it sends at once.
 */
export interface RequestGate {
  /** Resolves when the next request may be sent. */
  next(): Promise<void>;
}

const store = new AsyncLocalStorage<RequestGate>();

/** Runs `fn` with its Webex requests behind `gate` (each invocation its own: concurrent steps in one process do not share one). */
export function withRequestGate<T>(gate: RequestGate, fn: () => T): T {
  return store.run(gate, fn);
}

/** Waits for the gate of the work this runs in, if any: the Webex client's call before a request's first attempt. */
export function requestGateTurn(): Promise<void> {
  return store.getStore()?.next() ?? Promise.resolve();
}

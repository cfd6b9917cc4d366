import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * When the current Lambda invocation must have answered: its remaining time (context.getRemainingTimeInMillis)
 * less a margin to shape and return the answer. The Webex client budgets every retry and attempt of every
 * request of the invocation against it, so a handler making several requests answers its own JSON error
 * instead of being cut off by its timeout (API Gateway's 502/504, or Sandbox.Timedout for a step).
 *
 * The context is the invocation's clock: it is asked each time (Lambda's counts down from the invocation's
 * deadline), so a test's context in virtual time (lambda-context.ts) bounds the requests in that same time.
 */
const store = new AsyncLocalStorage<{ remainingMs: () => number }>();

/** Kept back from the remaining time for the answer itself: logging, serialising, returning. */
export const ANSWER_MARGIN_MS = 1_500;

export function withInvocationDeadline<T>(context: { getRemainingTimeInMillis?: () => number }, fn: () => Promise<T>): Promise<T> {
  const remaining = typeof context.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis.bind(context) : undefined;
  if (remaining === undefined || !Number.isFinite(remaining())) return fn();
  return store.run({ remainingMs: remaining }, fn);
}

/** Milliseconds left before the invocation must answer (may be ≤ 0), or undefined outside an invocation. */
export function invocationTimeLeftMs(): number | undefined {
  const current = store.getStore();
  return current ? current.remainingMs() - ANSWER_MARGIN_MS : undefined;
}

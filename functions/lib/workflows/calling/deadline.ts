import type { EnableCallingState } from './steps';

/**
 * statemachines/enable-calling.asl.json's TimeoutSeconds (Express allows 300 at most; a test keeps them equal): the
 * run's own limit when its state does not say (the Standard machine records its longer one, machine-timeout.ts).
 */
export const ENABLE_CALLING_TIMEOUT_SECONDS = 240;
/** What a step needs after a wait: its own Webex calls and the states after it. */
export const AFTER_WAIT_MARGIN_MS = 5_000;

/**
 * When the run must be over: the caller's deadline (`deadline`, set by POST /users/{user}/calling to the
 * moment it stops waiting) or the machine's own timeout (`timeoutSeconds`) from its start, whichever comes first.
 */
export function runDeadlineMs(state: EnableCallingState): number | undefined {
  const caller = typeof state.deadline === 'string' ? Date.parse(state.deadline) : NaN;
  const started = typeof state.startedAt === 'string' ? Date.parse(state.startedAt) : NaN;
  const own = Number.isNaN(started) ? NaN : started + (state.timeoutSeconds ?? ENABLE_CALLING_TIMEOUT_SECONDS) * 1000;
  const candidates = [caller, own].filter((t) => !Number.isNaN(t));
  return candidates.length ? Math.min(...candidates) : undefined;
}

/** Whether waiting `seconds` (a Retry-After, a move-job poll) still leaves the next step time before the deadline. */
export function waitFitsDeadline(state: EnableCallingState, seconds: number, now = Date.now()): boolean {
  const deadline = runDeadlineMs(state);
  return deadline === undefined || now + seconds * 1000 + AFTER_WAIT_MARGIN_MS <= deadline;
}

/**
 * Time as the Webex client and its transport read it: the current time, a wait, and a timer that can be called
 * off (an exchange's timeout). Injected, so a test runs them in virtual time and asserts on what the clock read,
 * never on how long it took; every composition root uses `systemClock`.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Calls `fire` once `ms` have passed, unless the returned function is called first. */
  setTimer(ms: number, fire: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  setTimer: (ms, fire) => {
    const timer = setTimeout(fire, ms);
    return () => clearTimeout(timer);
  },
};

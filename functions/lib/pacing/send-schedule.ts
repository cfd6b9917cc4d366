import type { RequestGate } from '../webex/request-gate';

export interface ScheduleClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Told of each slot before it is waited for: a runtime whose waits take no time moves its clock there. */
  passTime?: (untilMs: number) => void;
}

/**
 * A step's send slots as a request gate: each request waits for the next slot (epoch ms) in order; requests beyond
 * the slots the step asked for (a cold function's reference read, a resend) go at once, as they did unpaced, their
 * 429s still obeyed by the client.
 */
export class SendSchedule implements RequestGate {
  private taken = 0;

  constructor(
    private readonly slots: readonly number[],
    private readonly clock: ScheduleClock,
  ) {}

  async next(): Promise<void> {
    const at = this.slots[this.taken];
    if (at === undefined) return;
    this.taken += 1;
    this.clock.passTime?.(at);
    const waitMs = at - this.clock.now();
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }
}

/** A gate with no slots: every request at once (no budget, or one that could not be reached). */
export const OPEN_GATE = new SendSchedule([], { now: () => 0, sleep: async () => undefined });

import { setImmediate as turn } from 'node:timers/promises';
import { systemClock, type Clock } from '../../functions/lib/clock';

interface Pending {
  at: number;
  fire: () => void;
  /** A transport's timer: an exchange in flight. */
  exchange: boolean;
}

/**
 * Virtual time for the Webex client and its transport (clock.ts): nothing passes until `advance`, which jumps to
 * the earliest pending wait or timer and fires everything due then. It records each wait and each exchange's
 * timeout asked of it, so a test asserts on those and on the time it reads, never on wall time.
 */
export class VirtualClock implements Clock {
  private time: number;
  private nextId = 0;
  private readonly pending = new Map<number, Pending>();
  /** Every wait asked for (ms), in order. */
  readonly sleeps: number[] = [];
  /** Every exchange timeout asked for (ms), in order. */
  readonly timeouts: number[] = [];

  constructor(start = 0) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    return new Promise((resolve) => this.add(ms, resolve, false));
  }

  setTimer(ms: number, fire: () => void): () => void {
    this.timeouts.push(ms);
    const id = this.add(ms, fire, true);
    return () => this.pending.delete(id);
  }

  /** Exchanges in flight: their timers are running. */
  get exchanges(): number {
    return [...this.pending.values()].filter((p) => p.exchange).length;
  }

  /** To the earliest pending time, firing all that is due then; how many exchange timeouts fired. */
  advance(): number {
    if (!this.pending.size) return 0;
    this.time = Math.max(this.time, Math.min(...[...this.pending.values()].map((p) => p.at)));
    let fired = 0;
    for (const [id, p] of [...this.pending]) {
      if (p.at > this.time) continue;
      this.pending.delete(id);
      if (p.exchange) fired++;
      p.fire();
    }
    return fired;
  }

  /**
   * Awaits `work`, moving time on whenever only time can move it: every exchange in flight is one the server holds
   * unanswered (`held`), and a wait or timer is pending. Real I/O (the server's answers) runs meanwhile in no time.
   */
  async run<T>(work: Promise<T>, held: () => number): Promise<T> {
    let done = false;
    const settled = work.then(
      () => { done = true; },
      () => { done = true; },
    );
    while (!done) {
      await turn();
      await turn();
      if (done || !this.pending.size || this.exchanges !== held()) continue;
      const before = held();
      const fired = this.advance();
      // A fired timeout destroys its socket: once the server has seen it close, it no longer counts as held.
      while (held() > before - fired) await turn();
    }
    await settled;
    return work;
  }

  private add(ms: number, fire: () => void, exchange: boolean): number {
    const id = this.nextId++;
    this.pending.set(id, { at: this.time + Math.max(0, ms), fire, exchange });
    return id;
  }
}

/**
 * The system's time and timers, with every wait recorded and skipped (its time added to what `now` reads): a test
 * through the local API reads the waits the client asked for, and sits through none of them.
 */
export class SkippingClock implements Clock {
  private skipped = 0;
  /** Every wait asked for (ms), in order. */
  readonly sleeps: number[] = [];

  readonly now = (): number => systemClock.now() + this.skipped;

  sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.skipped += ms;
    return Promise.resolve();
  }

  setTimer(ms: number, fire: () => void): () => void {
    return systemClock.setTimer(ms, fire);
  }
}

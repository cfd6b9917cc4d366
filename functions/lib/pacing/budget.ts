import { systemClock } from '../clock';
import type { LogSink } from '../logger';
import type { PaceView } from '../schemas/pace-answers';
import { acquire, initialPaceState, paceView, rateLimited, sendSlot, type Grant, type PaceState, type PacingSettings } from './controller';
import type { PaceMetrics } from './pace-metrics';
import { OPEN_GATE, SendSchedule } from './send-schedule';
import type { PaceStore, StoredPace } from './store';

/** Concurrent writers each retry their read-modify-write this many times before giving up on a conflict. */
const MAX_CONFLICTS = 30;

/** A Pace step's answer (budget.slot). */
export interface PaceSlot {
  granted: boolean;
  /** RFC 3339: the Wait state's TimestampPath. */
  at: string;
  pace: PaceView;
}

/** The budget's item changed under too many attempts in a row: the step retries (its Retry rows). */
export class PaceBudgetContendedError extends Error {
  override readonly name = 'PaceBudgetContendedError';
}

export interface PacingBudgetOptions {
  store: PaceStore;
  settings: PacingSettings;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  log?: LogSink;
  /** Told of each change written: the dashboard's rate and 429s (aws/emf-pace-metrics.ts in a Lambda). */
  metrics?: PaceMetrics;
  /**
   * Told the time a caller was given to wait until (its slot, or when to ask again). A runtime whose Wait states
   * take no time (the tests' fast waits) moves this budget's clock there, as if the wait had passed.
   */
  passTime?: (untilMs: number) => void;
}

/**
 * The deployment's shared pacing budget: the controller (controller.ts) over one stored item, so concurrent runs
 * and every Lambda draw from the same token bucket and see the same discovered rate. Each change is a
 * read-modify-write with a conditional put on the item's version (optimistic: a conflict reads again; the callers
 * of one process queue, so only separate Lambdas can conflict). The
 * discovered rate stays in the item, so the next run starts at it rather than at the initial rate.
 * Each change logs one `webex pace` line (rate, runs' rate, 429s) and tells its metrics port: the dashboard's pacing row.
 */
export class PacingBudget {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: PacingBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? systemClock.sleep;
    this.random = options.random ?? Math.random;
  }

  /**
   * Asks for `n` requests' worth: a slot (now or reserved ahead) or when to ask again. `spaced`: the requests' steps
   * wait for their send slots (spaced), so the slot is their first request's (controller.ts, acquire).
   */
  async acquire(n: number, spaced = false): Promise<{ grant: Grant; pace: PaceView }> {
    let grant: Grant | undefined;
    const state = await this.update((s, now) => {
      const r = acquire(s, this.options.settings, n, now, spaced);
      grant = r.grant;
      return r.state;
    });
    const given = grant as Grant;
    this.options.passTime?.(given.granted ? given.notBeforeMs : given.retryAtMs);
    return { grant: given, pace: this.logged('acquire', state, 0) };
  }

  /**
   * A state machine's Pace step: `n` requests' worth asked for, answered as its Wait state reads it: `at` is when
   * the first may go (now, or a slot reserved ahead; the machine's steps then wait for their send slots, `spaced`)
   * or, when not `granted`, when to ask again.
   */
  async slot(n: number): Promise<PaceSlot> {
    const { grant, pace } = await this.acquire(n, true);
    return { granted: grant.granted, at: new Date(grant.granted ? grant.notBeforeMs : grant.retryAtMs).toISOString(), pace };
  }

  /**
   * Waits (in this process) until `n` requests' worth is granted: for a step that sends its many requests itself
   * rather than through a state machine's Wait (the reconcile planner's reads).
   */
  async take(n: number): Promise<void> {
    for (;;) {
      const { grant } = await this.acquire(n);
      await this.sleep(Math.max(0, (grant.granted ? grant.notBeforeMs : grant.retryAtMs) - this.now()));
      if (grant.granted) return;
    }
  }

  /**
   * A step's `n` requests, about to be sent: their send slots, one per request (one write of the item per step), as
   * the gate its Webex requests wait at (in this process, the first at most MAX_STEP_WAIT_MS), so the runs' requests
   * leave at their rate one by one rather than a step's back to back. A budget that cannot be reached is no reason
   * to fail a step: its requests go at once (its client still obeys Retry-After).
   */
  async spaced(n: number): Promise<SendSchedule> {
    if (n <= 0) return OPEN_GATE;
    try {
      let slots: number[] = [];
      await this.update((s, now) => {
        const r = sendSlot(s, this.options.settings, n, now);
        slots = r.slots;
        return r.state;
      });
      return new SendSchedule(slots, { now: this.now, sleep: this.sleep, passTime: this.options.passTime });
    } catch (error) {
      this.options.log?.warn('webex pace spacing failed', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      return OPEN_GATE;
    }
  }

  /** Webex answered 429 to a run's (or any) request, asking to wait `retryAfterMs`. */
  async rateLimited(retryAfterMs: number, count = 1): Promise<PaceView> {
    const state = await this.update((s, now) => rateLimited(s, this.options.settings, now, retryAfterMs, count));
    return this.logged('rateLimited', state, count);
  }

  /** The budget as it is (the initial one when none is stored): for a run's progress. */
  async view(): Promise<PaceView> {
    const stored = await this.options.store.read();
    return paceView(stored?.state ? this.fitted(stored.state) : initialPaceState(this.options.settings, this.now()), this.options.settings);
  }

  /** The changes of this process, one after the other: its own callers never race each other for the item. */
  private queue: Promise<unknown> = Promise.resolve();

  private update(change: (state: PaceState, now: number) => PaceState): Promise<PaceState> {
    const next = this.queue.then(() => this.write(change));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async write(change: (state: PaceState, now: number) => PaceState): Promise<PaceState> {
    for (let attempt = 1; ; attempt++) {
      const stored: StoredPace | undefined = await this.options.store.read();
      const now = this.now();
      const next = change(stored?.state ? this.fitted(stored.state) : initialPaceState(this.options.settings, now), now);
      if (await this.options.store.write(next, stored?.version)) return next;
      if (attempt >= MAX_CONFLICTS) throw new PaceBudgetContendedError(`The pacing budget changed under ${attempt} attempts in a row`);
      // Full jitter, growing: writers that met stop meeting (a Map's first items all ask at once).
      await this.sleep(this.random() * Math.min(1000, 10 * 2 ** attempt));
    }
  }

  /** A stored budget under settings that may have changed since (a lower maximum is obeyed at once). */
  private fitted(state: PaceState): PaceState {
    const max = this.options.settings.maxRate;
    return state.rate > max ? { ...state, rate: max } : state;
  }

  private logged(event: string, state: PaceState, rateLimited: number): PaceView {
    const view = paceView(state, this.options.settings);
    this.options.log?.info('webex pace', { event, ...view });
    this.options.metrics?.changed(view, rateLimited);
    return view;
  }
}

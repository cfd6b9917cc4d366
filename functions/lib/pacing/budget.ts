import type { LogSink } from '../logger';
import type { PaceView } from '../schemas/pace-answers';
import { acquire, initialPaceState, paceView, rateLimited, type Grant, type PaceState, type PacingSettings } from './controller';
import type { PaceStore, StoredPace } from './store';

/** Concurrent writers each retry their read-modify-write this many times before giving up on a conflict. */
const MAX_CONFLICTS = 30;

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
 * Each change logs one `webex pace` line (rate, runs' rate, 429s): what a dashboard's metric filter reads.
 */
export class PacingBudget {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: PacingBudgetOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** Asks for `n` requests' worth: a slot (now or reserved ahead) or when to ask again. */
  async acquire(n: number): Promise<{ grant: Grant; pace: PaceView }> {
    let grant: Grant | undefined;
    const state = await this.update((s, now) => {
      const r = acquire(s, this.options.settings, n, now);
      grant = r.grant;
      return r.state;
    });
    const given = grant as Grant;
    this.options.passTime?.(given.granted ? given.notBeforeMs : given.retryAtMs);
    return { grant: given, pace: this.logged('acquire', state) };
  }

  /** Webex answered 429 to a run's (or any) request, asking to wait `retryAfterMs`. */
  async rateLimited(retryAfterMs: number, count = 1): Promise<PaceView> {
    const state = await this.update((s, now) => rateLimited(s, this.options.settings, now, retryAfterMs, count));
    return this.logged('rateLimited', state);
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

  private logged(event: string, state: PaceState): PaceView {
    const view = paceView(state, this.options.settings);
    this.options.log?.info('webex pace', { event, ...view });
    return view;
  }
}

import { ConfigurationError } from '../../../functions/lib/errors';
import {
  MAX_AHEAD_MS, MAX_GROWTH_STEP_MS, MAX_QUEUE_MS, REFUSED_SPACING, SLOW_START_DOUBLING_MS, acquire, advance, initialPaceState, paceView, rateLimited, runRate, type PaceState, type PacingSettings,
} from '../../../functions/lib/pacing/controller';
import { pacingSettings } from '../../../functions/lib/pacing/settings';

const settings: PacingSettings = { initialRate: 5, maxRate: 100, interactiveShare: 0.2 };

/** Draws `n` tokens each `everyMs` for `forMs` on an injected clock; returns the state and what was granted to go within it. */
function draw(state: PaceState, s: PacingSettings, from: number, forMs: number, everyMs: number, n = 1) {
  let granted = 0;
  let st = state;
  for (let t = from; t < from + forMs; t += everyMs) {
    const r = acquire(st, s, n, t);
    st = r.state;
    if (r.grant.granted && r.grant.notBeforeMs < from + forMs) granted += n;
  }
  return { state: st, granted };
}

describe('pacing controller', () => {
  it('starts at the initial rate and leaves the interactive share out of what runs draw', () => {
    const s = initialPaceState(settings, 0);
    expect(s.rate).toBe(5);
    expect(runRate(s.rate, settings)).toBe(4);
    expect(paceView(s, settings)).toEqual({ requestsPerSecond: 5, runRequestsPerSecond: 4, rateLimited: 0 });
    // A burst of one second of the runs' rate, then slots reserved ahead at the runs' pace.
    const first = acquire(s, settings, 4, 0);
    expect(first.grant).toEqual({ granted: true, notBeforeMs: 0 });
    const second = acquire(first.state, settings, 4, 0);
    expect(second.grant).toEqual({ granted: true, notBeforeMs: 1000 });
  });

  it('increases while no 429 comes, fast before the first (slow start), and never above the maximum', () => {
    const { state } = draw(initialPaceState(settings, 0), settings, 0, 4000, 100);
    // Doubling every SLOW_START_DOUBLING_MS while drawn on (the last draw at 3.9 s).
    expect(state.rate).toBeCloseTo(5 * 2 ** (3900 / SLOW_START_DOUBLING_MS), 6);
    const later = draw(state, settings, 4000, 60_000, 100).state;
    expect(later.rate).toBe(100);
  });

  it('does not grow while idle: only the time runs draw on it counts', () => {
    const s = acquire(initialPaceState(settings, 0), settings, 1, 0).state;
    const afterHour = acquire(s, settings, 1, 3_600_000).state;
    expect(afterHour.rate).toBeLessThanOrEqual(5 * 2 ** (MAX_GROWTH_STEP_MS / SLOW_START_DOUBLING_MS) + 1e-9);
  });

  it('grows while runs wait on it: refused callers asking again a minute later still count (a storm\'s floor is left)', () => {
    // Cut to the floor by a storm: 10 requests a joiner at 0.16/s is a minute away, so every ask is refused.
    let s: PaceState = { ...initialPaceState(settings, 0), rate: 0.2, ceiling: 0.2, tokens: 0 };
    let t = 0;
    let granted = 0;
    for (let asks = 0; asks < 40 && granted < 5; asks++) {
      const r = acquire(s, settings, 10, t);
      s = r.state;
      if (r.grant.granted) granted++;
      // The caller comes back when told (or, once granted, asks for the next joiner at its slot).
      t = r.grant.granted ? r.grant.notBeforeMs : r.grant.retryAtMs;
    }
    // Probing 0.02/s from 0.2 while refused: well above the floor within the few minutes those asks span.
    expect(granted).toBe(5);
    expect(s.rate).toBeGreaterThan(0.2 + 0.02 * ((t / 1000) * 0.5));
    // An idle minute (nobody waiting, no slot ahead) still grows by one second's worth only.
    const idle = advance({ ...s, tokens: 1, wantedUntilMs: 0 }, settings, t + 60_000);
    expect(idle.rate - s.rate).toBeLessThanOrEqual(Math.max(0.02, 0.01 * (s.ceiling ?? 0)) + 1e-9);
  });

  it('cuts multiplicatively on a 429, to what runs drew, and counts every 429 but cuts once per event', () => {
    let s: PaceState = { ...initialPaceState(settings, 10_000), rate: 50, ceiling: 40 };
    s = rateLimited(s, settings, 10_000, 1000);
    expect(s.rate).toBe(40);
    expect(s.ceiling).toBe(40);
    // In-flight requests answered 429 within the hold window: counted, no second cut.
    s = rateLimited(s, settings, 10_200, 1000, 3);
    expect(s.rate).toBe(40);
    expect(s.rateLimited).toBe(4);
    // A new event later cuts again.
    s = rateLimited(s, settings, 12_500, 1000);
    expect(s.rate).toBeCloseTo(32, 0);
    expect(s.ceiling).toBeCloseTo(32, 0);
  });

  it('holds every run request until the Retry-After has passed, then resumes paced (no burst)', () => {
    let s: PaceState = advance({ ...initialPaceState(settings, 0), rate: 20, ceiling: 20 }, settings, 0);
    s = rateLimited(s, settings, 1000, 60_000);
    const during = acquire(s, settings, 1, 30_000);
    expect(during.grant).toEqual({ granted: false, retryAtMs: 61_000 });
    const after = acquire(during.state, settings, 10, 61_000);
    // No tokens refilled during the wait, and the refused request's resend took one: the first slot is one
    // 10-request joiner, after that resend, at the cut rate from now.
    expect(after.grant.granted).toBe(true);
    if (after.grant.granted) expect(after.grant.notBeforeMs).toBe(61_000 + Math.ceil(((10 + 1) / runRate(after.state.rate, settings)) * 1000));
  });

  it('a cut slows the very next second: slots granted before it reach at most MAX_AHEAD_MS past it', () => {
    // 40 joiners asking for 10 requests each, every 10 ms, at a found rate of 100 (the runs draw 80).
    let s: PaceState = { ...initialPaceState(settings, 0), rate: 100, ceiling: 100 };
    const slots: number[] = [];
    for (let t = 0; t < 4000; t += 10) {
      if (t === 1000) s = rateLimited(s, settings, t, 0);
      const r = acquire(s, settings, 10, t);
      s = r.state;
      if (r.grant.granted) slots.push(r.grant.notBeforeMs);
    }
    const inSecond = (from: number) => slots.filter((at) => at >= from && at < from + 1000).length * 10;
    expect(inSecond(0)).toBeLessThanOrEqual(80 + 10);
    // From one second after the cut, the runs draw the cut rate (80 × 0.8) and no more.
    expect(inSecond(2000)).toBeLessThanOrEqual(runRate(s.rate, settings) + 10);
    expect(inSecond(3000)).toBeLessThanOrEqual(runRate(s.rate, settings) + 10);
  });

  it('tells refused callers to come back one after the other, not all when the first slot frees', () => {
    // 40 SCIM applies asking for 10 requests each at once, at a found rate of 10 (the runs draw 8): a queue of
    // 40 × 0.31 s, within MAX_QUEUE_MS.
    let s: PaceState = { ...initialPaceState(settings, 0), rate: 10, ceiling: 10 };
    const retries: number[] = [];
    for (let i = 0; i < 40; i++) {
      const r = acquire(s, settings, 10, 0);
      s = r.state;
      if (!r.grant.granted) retries.push(r.grant.retryAtMs);
    }
    expect(retries.length).toBeGreaterThan(35);
    // Each a quarter of an ask (10 requests at 8/s: 1.25 s) behind the one before it, in the order they asked.
    const gaps = retries.slice(1).map((at, i) => at - retries[i]);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(Math.floor(REFUSED_SPACING * 1250));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(Math.ceil(REFUSED_SPACING * 1250) + 1);
    // Come back in that order, each is granted within a few asks while the budget is drawn at its rate.
    let asks = 0;
    let granted = 0;
    const queue = retries.map((at) => at);
    while (queue.length && asks < 5000) {
      queue.sort((a, b) => a - b);
      const at = queue.shift()!;
      const r = acquire(s, settings, 10, at);
      s = r.state;
      asks++;
      if (r.grant.granted) granted++;
      else queue.push(r.grant.retryAtMs);
    }
    expect(granted).toBe(retries.length);
    expect(asks / granted).toBeLessThan(6);
  });

  it('never queues a refused caller more than MAX_QUEUE_MS past its earliest turn (a queue given at a floor rate lapses)', () => {
    // Cut to the floor: each refused ask of 10 requests is a minute of it, so the queue would grow by 15 s a caller.
    let s: PaceState = { ...initialPaceState(settings, 0), rate: 0.2, ceiling: 0.2, tokens: 0 };
    let last = 0;
    for (let i = 0; i < 50; i++) {
      const r = acquire(s, settings, 10, 0);
      s = r.state;
      if (!r.grant.granted) last = r.grant.retryAtMs;
    }
    const earliest = Math.ceil((10 / runRate(0.2, settings)) * 1000 - MAX_AHEAD_MS);
    expect(last).toBeLessThanOrEqual(earliest + MAX_QUEUE_MS);
  });

  it('takes a token for each refused request, which its client sends again without asking', () => {
    const s: PaceState = { ...initialPaceState(settings, 0), rate: 20, ceiling: 20, tokens: 5 };
    const limited = rateLimited(s, settings, 0, 1000, 3);
    // The burst dropped (no request sooner than the cut rate allows) and the three resends owed.
    expect(limited.tokens).toBe(-3);
    expect(limited.rateLimited).toBe(3);
  });

  it('refuses (without taking tokens) a slot further ahead than it reserves, naming when to ask again', () => {
    let s = initialPaceState(settings, 0);
    for (let i = 0; i < 6; i++) s = acquire(s, settings, 4, 0).state; // 4 + 5 × 4 reserved: 5 s ahead at 4/s
    const r = acquire(s, settings, 4, 0);
    expect(r.grant.granted).toBe(false);
    if (!r.grant.granted) expect(r.grant.retryAtMs).toBeGreaterThan(0);
    expect(r.state.tokens).toBe(s.tokens);
    expect(-s.tokens / runRate(s.rate, settings)).toBeLessThanOrEqual(MAX_AHEAD_MS / 1000);
  });

  it('never lets runs draw more than (1 − share) of the rate: at the maximum, the interactive share is left', () => {
    const at = { ...initialPaceState({ ...settings, maxRate: 10 }, 0), rate: 10, ceiling: 10 };
    const { granted } = draw(at, { ...settings, maxRate: 10 }, 0, 60_000, 10);
    // 60 s at 8/s, plus the one-second burst it started with.
    expect(granted).toBeLessThanOrEqual(8 * 60 + 8);
    expect(granted).toBeGreaterThanOrEqual(8 * 60 - 1);
  });

  it('recovers after a storm: back to the ceiling fast, then probes slowly above it', () => {
    const noShare = { ...settings, interactiveShare: 0 };
    let s: PaceState = { ...initialPaceState(noShare, 0), rate: 40, ceiling: 40 };
    for (let t = 0; t < 5000; t += 100) s = rateLimited(acquire(s, noShare, 1, t).state, noShare, t, 2000);
    const stormRate = s.rate;
    expect(stormRate).toBeLessThan(40 * 0.8 ** 2);
    const ceiling = s.ceiling ?? 0;
    const back = draw(s, noShare, 5000, 12_000, 50).state;
    expect(back.rate).toBeGreaterThanOrEqual(ceiling);
    const probed = draw(back, noShare, 17_000, 10_000, 50).state;
    // Additive: 1 % of the ceiling a second above it.
    expect(probed.rate - back.rate).toBeGreaterThan(0);
    expect(probed.rate - back.rate).toBeLessThanOrEqual(0.01 * ceiling * 10 + 1e-6);
  });
});

describe('pacing settings', () => {
  it('defaults, the three variables, and bulkWebexRequestsPerSecond as the initial rate', () => {
    expect(pacingSettings({})).toEqual({ initialRate: 5, maxRate: 100, interactiveShare: 0.2 });
    expect(pacingSettings({ WEBEX_INITIAL_REQUESTS_PER_SECOND: '8', WEBEX_MAX_REQUESTS_PER_SECOND: '40', WEBEX_INTERACTIVE_SHARE: '0.5' }))
      .toEqual({ initialRate: 8, maxRate: 40, interactiveShare: 0.5 });
    expect(pacingSettings({ BULK_WEBEX_REQUESTS_PER_SECOND: '12' }).initialRate).toBe(12);
    expect(pacingSettings({ BULK_WEBEX_REQUESTS_PER_SECOND: '12', WEBEX_INITIAL_REQUESTS_PER_SECOND: '3' }).initialRate).toBe(3);
  });

  it('names the variable it refuses', () => {
    expect(() => pacingSettings({ WEBEX_INTERACTIVE_SHARE: '1' })).toThrow(/WEBEX_INTERACTIVE_SHARE/);
    expect(() => pacingSettings({ WEBEX_MAX_REQUESTS_PER_SECOND: '0' })).toThrow(ConfigurationError);
    expect(() => pacingSettings({ WEBEX_INITIAL_REQUESTS_PER_SECOND: '50', WEBEX_MAX_REQUESTS_PER_SECOND: '10' })).toThrow(/must not be above/);
  });
});

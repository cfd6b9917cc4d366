import {
  MAX_STEP_WAIT_MS, acquire, initialPaceState, rateLimited, runRate, sendSlot, type PaceState, type PacingSettings,
} from '../../../functions/lib/pacing/controller';

/**
 * The controller as the runs use it, on an injected clock: joiners let in by their Pace step (acquire, spaced), then
 * their steps one after the other, each taking its requests' send slots (sendSlot) and sending each at its own slot,
 * the next step asking once the last answer is back. Webex is a fixed 1 s window of `limit` requests (the
 * simulator's); a 429 is reported (rateLimited) and resent by its client after the Retry-After without asking.
 */
const STEPS = [2, 2, 1, 1, 2, 1, 1];
const JOINER = STEPS.reduce((a, b) => a + b, 0);
/** A request's round trip and the state machine's turn to the next step. */
const STEP_LATENCY_MS = 120;

interface Sent {
  at: number;
  status: 200 | 429;
}

interface Model {
  state: PaceState;
  sent: Sent[];
  /** Each step's slots, with when they were handed out. */
  slots: { givenAt: number; at: number }[];
  /** When each joiner was let in. */
  grants: number[];
}

function simulate(settings: PacingSettings, options: { limit?: number; workers?: number; untilMs: number; retryAfterMs?: number; at?: (m: Model, now: number) => void; start?: PaceState }): Model {
  const model: Model = { state: options.start ?? initialPaceState(settings, 0), sent: [], slots: [], grants: [] };
  const windows = new Map<number, number>();
  // Events in time order (ties: the order they were queued).
  const queue: { t: number; seq: number; run: (t: number) => void }[] = [];
  let seq = 0;
  const at = (t: number, run: (t: number) => void) => {
    queue.push({ t, seq: seq++, run });
  };
  const send = (t: number) => {
    const w = Math.floor(t / 1000);
    const count = windows.get(w) ?? 0;
    if (options.limit !== undefined && count >= options.limit) {
      model.sent.push({ at: t, status: 429 });
      model.state = rateLimited(model.state, settings, t, options.retryAfterMs ?? 1000);
      at(t + (options.retryAfterMs ?? 1000), send);
      return;
    }
    windows.set(w, count + 1);
    model.sent.push({ at: t, status: 200 });
  };
  const step = (i: number) => (t: number) => {
    const size = STEPS[i];
    if (size === undefined) return at(t, ask);
    const r = sendSlot(model.state, settings, size, t);
    model.state = r.state;
    for (const slot of r.slots) {
      model.slots.push({ givenAt: t, at: slot });
      at(slot, send);
    }
    at(Math.max(...r.slots) + STEP_LATENCY_MS, step(i + 1));
  };
  const ask = (t: number) => {
    const r = acquire(model.state, settings, JOINER, t, true);
    model.state = r.state;
    if (r.grant.granted) {
      model.grants.push(t);
      at(r.grant.notBeforeMs, step(0));
    }
    else at(r.grant.retryAtMs, ask);
  };
  for (let w = 0; w < (options.workers ?? 40); w++) at(0, ask);
  let hooked = 0;
  for (;;) {
    queue.sort((a, b) => a.t - b.t || a.seq - b.seq);
    const next = queue.shift();
    if (!next || next.t >= options.untilMs) break;
    if (options.at && hooked <= next.t) {
      options.at(model, next.t);
      hooked = next.t + 1;
    }
    next.run(next.t);
  }
  return model;
}

const settings: PacingSettings = { initialRate: 5, maxRate: 100, interactiveShare: 0.2 };
const sentIn = (m: Model, from: number, to: number) => m.sent.filter((s) => s.at >= from && s.at < to);

describe('admission coupled to the send schedule', () => {
  it.each([3, 10, 40, 100])('against a hidden limit of %i: after the first 10 s at most 2 %% of requests are refused, and the runs draw ≥ 0.9 of (1 − share) of it', (limit) => {
    const m = simulate(settings, { limit, untilMs: 60_000 });
    const after = sentIn(m, 10_000, 60_000);
    const refused = after.filter((s) => s.status === 429).length;
    const accepted = after.length - refused;
    const ofUsable = accepted / 50 / (limit * (1 - settings.interactiveShare));
    expect(refused / after.length).toBeLessThanOrEqual(0.02);
    expect(ofUsable).toBeGreaterThanOrEqual(0.9);
  });

  it('after a cut, the slots handed out never place more requests in a second than the new rate (the schedule owed is paid first)', () => {
    // No hidden limit: the runs reach 20 a second (a ceiling of 20 found earlier), then one 429 cuts the rate.
    const start: PaceState = { ...initialPaceState(settings, 0), rate: 20, ceiling: 20 };
    const capped = { ...settings, maxRate: 20 };
    const cutAt = 20_000;
    let cut: PaceState | undefined;
    const m = simulate(capped, {
      start,
      untilMs: 30_000,
      at: (model, now) => {
        if (!cut && now >= cutAt) cut = model.state = rateLimited(model.state, capped, now, 1000);
      },
    });
    expect(cut).toBeDefined();
    const newRuns = runRate(cut!.rate, capped);
    expect(newRuns).toBeCloseTo(20 * 0.8 * 0.8, 6);
    // Every second from the Retry-After's end: the slots handed out after the cut fit the cut rate (growing by the
    // recovery step meanwhile, at most back to the ceiling's 16).
    const given = m.slots.filter((s) => s.givenAt >= cutAt);
    for (let from = cutAt + 1000; from < 29_000; from += 250) {
      const inSecond = given.filter((s) => s.at >= from && s.at < from + 1000).length;
      expect({ from, over: inSecond > 16 + 1 }).toEqual({ from, over: false });
    }
    // And the slots given in the second after the Retry-After are at the cut rate, not the old 16.
    const firstSecond = given.filter((s) => s.at >= cutAt + 1000 && s.at < cutAt + 2000).length;
    expect(firstSecond).toBeLessThanOrEqual(Math.ceil(newRuns * 1.1) + 1);
  });

  it('no step waits longer than MAX_STEP_WAIT_MS for a slot, and a storm with Retry-After 60 still cuts hard and lets nobody in', () => {
    const rates: { t: number; rate: number }[] = [];
    const m = simulate(settings, { limit: 10, untilMs: 90_000, retryAfterMs: 60_000, at: (model, t) => rates.push({ t, rate: model.state.rate }) });
    for (const step of new Set(m.slots.map((s) => s.givenAt))) {
      const slots = m.slots.filter((s) => s.givenAt === step).map((s) => s.at);
      slots.reduce((before, slot) => (expect(slot - before).toBeLessThanOrEqual(MAX_STEP_WAIT_MS), slot), step);
    }
    // Retry-After 60: no joiner is let in until it has passed (the joiners in flight finish their steps; their
    // clients wait out the 429s).
    const first429 = m.sent.find((s) => s.status === 429)!.at;
    expect(m.grants.filter((t) => t > first429 && t < first429 + 60_000)).toEqual([]);
    expect(m.grants.some((t) => t >= first429 + 60_000)).toBe(true);
    // Cut hard: by the interactive share at least, or to what Webex took when slow start overshot.
    const before = rates.filter((r) => r.t <= first429).at(-1)!.rate;
    const during = rates.find((r) => r.t > first429)!.rate;
    expect(during).toBeLessThanOrEqual(before * 0.8);
  });
});

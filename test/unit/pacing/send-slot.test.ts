import { PacingBudget } from '../../../functions/lib/pacing/budget';
import { MAX_AHEAD_MS, MAX_STEP_WAIT_MS, acquire, MIN_DECREASE, PaceState, SENT_BUCKET_MS, initialPaceState, rateLimited, runRate, sendSlot, sentLastSecond, type PacingSettings } from '../../../functions/lib/pacing/controller';
import type { PaceStore } from '../../../functions/lib/pacing/store';
import { memoryPaceStore } from '../../support/memory-pacing';

// Rate 5: the runs draw 4 a second, one request every 250 ms.
const settings: PacingSettings = { initialRate: 5, maxRate: 100, interactiveShare: 0.2 };

/** Send slots for steps of `sizes` requests, all asked at `nowMs` one after the other: each step's slots. */
function slots(state: PaceState, sizes: number[], nowMs: number) {
  let st = state;
  const at: number[][] = [];
  for (const n of sizes) {
    const r = sendSlot(st, settings, n, nowMs);
    st = r.state;
    at.push(r.slots);
  }
  return { state: st, at };
}

describe('send slots: every request of every run leaves at the runs\' rate', () => {
  it('spaces each request of the steps asked at once at the runs\' rate, the first at once', () => {
    expect(slots(initialPaceState(settings, 0), [2, 2, 1], 0).at).toEqual([[0, 250], [500, 750], [1000]]);
  });

  it('a step asked after its slot has come goes at once; an idle schedule saves no credit for a burst', () => {
    let { state } = slots(initialPaceState(settings, 0), [2], 0);
    // The next slot (500) has passed: at once, its second request a gap later (at the rate slow start reached).
    let r = sendSlot(state, settings, 2, 800);
    expect(r.slots).toEqual([800, Math.ceil(800 + 1000 / runRate(r.state.rate, settings))]);
    // Idle for a minute: the first step goes at once, the next after it at the rate, not in a burst.
    state = r.state;
    r = sendSlot(state, settings, 2, 60_000);
    expect(r.slots[0]).toBe(60_000);
    // (The rate grew meanwhile: the time up to a second after the last draw counts as slow start.)
    expect(sendSlot(r.state, settings, 1, 60_000).slots).toEqual([Math.ceil(60_000 + (2 / runRate(r.state.rate, settings)) * 1000)]);
  });

  it('spaces at the rate as found: a faster rate, closer slots', () => {
    const fast = { ...initialPaceState(settings, 0), rate: 50 };
    // 40 a second: 25 ms a request.
    expect(slots(fast, [2, 2, 2], 0).at).toEqual([[0, 25], [50, 75], [100, 125]]);
  });

  it('never before a Retry-After, and never more than MAX_STEP_WAIT_MS ahead of now or of the slot before (longer waits are the state machines\')', () => {
    const held = rateLimited(initialPaceState(settings, 0), settings, 0, 400);
    // (Cut by the 429 to 4, the runs' 3.2 a second: 312.5 ms apart.) The refused request's resend, which its client
    // sends after the Retry-After without asking, has the first place after it.
    expect(sendSlot(held, settings, 2, 100).slots).toEqual([713, 1025]);
    expect(rateLimited(initialPaceState(settings, 0), settings, 0, 400, 3).sendAtMs).toBeCloseTo(400 + 3 * 312.5, 6);
    const storm = rateLimited(initialPaceState(settings, 0), settings, 0, 60_000);
    expect(sendSlot(storm, settings, 2, 100).slots).toEqual([100 + MAX_STEP_WAIT_MS, 100 + 2 * MAX_STEP_WAIT_MS]);
    // At the floor a gap is longer than a step may wait: each request at most MAX_STEP_WAIT_MS after the one before.
    const floor = { ...initialPaceState(settings, 0), rate: 0.2, ceiling: 0.2 };
    expect(sendSlot(floor, settings, 3, 0).slots).toEqual([0, MAX_STEP_WAIT_MS, 2 * MAX_STEP_WAIT_MS]);
  });

  it('a schedule the runs outpace keeps what it owes, and nobody is let in until it is within MAX_AHEAD_MS', () => {
    const { state, at } = slots(initialPaceState(settings, 0), Array.from({ length: 20 }, () => 2), 0);
    expect(Math.max(...at.map((s) => s[0]!))).toBe(MAX_STEP_WAIT_MS);
    // 40 requests at 4 a second: the schedule owes 10 s, though the steps over it went within their wait.
    expect(state.sendAtMs).toBe(10_000);
    // A joiner asking a second later (the bucket full again) is told to come back once the schedule is paid down.
    const ask = acquire(state, settings, 10, 1000, true);
    expect(ask.grant).toEqual({ granted: false, retryAtMs: 10_000 - MAX_AHEAD_MS });
    expect(ask.state.tokens).toBe(state.tokens + 4);
    // Unspaced callers (the planner's reads) too: the schedule's requests are the same Webex's.
    expect(acquire(state, settings, 1, 1000).grant).toMatchObject({ granted: false });
    // Within MAX_AHEAD_MS of its end: let in, to go when the schedule reaches now.
    expect(acquire(state, settings, 10, 9000, true).grant).toEqual({ granted: true, notBeforeMs: 10_000 });
  });

  it('reads an item written before the schedule existed as nothing scheduled', () => {
    const { sendAtMs: _unused, ...older } = initialPaceState(settings, 0);
    expect(PaceState.parse(older).sendAtMs).toBe(0);
  });
});

describe('a spaced grant: the slot of its first request', () => {
  it('lets a joiner of more requests than a second of the rate in at once, its followers once those before them are paid', () => {
    const start = initialPaceState(settings, 0);
    // Unspaced, 10 requests at 4 a second are paid 1.5 s on: further than a slot is reserved, so it is refused.
    expect(acquire(start, settings, 10, 0).grant).toMatchObject({ granted: false });
    // Spaced, its first goes at once (the bucket holds 4), the rest at the rate through their send slots.
    const first = acquire(start, settings, 10, 0, true);
    expect(first.grant).toEqual({ granted: true, notBeforeMs: 0 });
    expect(first.state.tokens).toBe(-6);
    // The next: 6 owed, 1.5 s of the rate, more than MAX_AHEAD_MS ahead: refused until they are within it.
    const next = acquire(first.state, settings, 10, 0, true);
    expect(next.grant).toEqual({ granted: false, retryAtMs: 1500 - MAX_AHEAD_MS });
    expect(next.state.tokens).toBe(-6);
  });
});

describe('the first 429 cuts slow start to what Webex accepted in the last second', () => {
  /** One request's send slot at each of `times` (ms), on `state`. */
  const sendAt = (state: PaceState, times: number[]) => times.reduce((st, t) => sendSlot(st, settings, 1, t).state, state);

  it('counts each request of a step in the bucket of its own slot', () => {
    // Two steps of 3 at 4 a second: slots 0, 250, 500, 750, 1000 and 1250 (the second step's first at the cap).
    const st = slots(initialPaceState(settings, 0), [3, 3], 0).state;
    expect(sentLastSecond(st.sent, 999)).toBe(4);
    expect(sentLastSecond(st.sent, 1999)).toBe(2);
  });

  it('counts the requests the send slots placed in the last second, older ones dropped', () => {
    // Asked further apart than the runs' rate spaces them: each goes when asked.
    const st = sendAt(initialPaceState(settings, 0), [0, 300, 600, 1200, 1500, 1900]);
    expect(sentLastSecond(st.sent, 1900)).toBe(3);
    // Only a second of buckets (and the slots ahead) is kept: the item stays small.
    expect(st.sent!.counts.length).toBeLessThanOrEqual(1000 / SENT_BUCKET_MS + 1 + 1000 / SENT_BUCKET_MS);
    expect(sentLastSecond(st.sent, 10_000)).toBe(0);
  });

  it('a limit below the initial rate: slow start\'s rate, grown without answers, is cut to the accepted rate in one event', () => {
    // Slow start has doubled the rate to 20 while the runs sent 4 requests in the last second; Webex took 3.
    const grown = { ...initialPaceState(settings, 0), rate: 20 };
    const st = rateLimited(sendAt(grown, [0, 240, 480, 720]), settings, 900, 1000);
    expect(st.rate).toBe(3);
    expect(st.ceiling).toBe(3);
    expect(runRate(st.rate, settings)).toBeCloseTo(2.4, 6);
  });

  it('later 429s, or a first one with no send slots counted, cut multiplicatively as before', () => {
    const found = rateLimited(sendAt({ ...initialPaceState(settings, 0), rate: 20 }, [0, 240, 480, 720]), settings, 900, 1000);
    const again = rateLimited(sendAt(found, [2000, 2100, 2200]), settings, 2300, 1000);
    // (From the rate the probe had reached by then, a little above 3.)
    expect(again.rate).toBeCloseTo(3 * MIN_DECREASE, 1);
    // The reconcile planner's reads wait per request (acquire), not on send slots: nothing counted, a plain cut.
    const unspaced = rateLimited({ ...initialPaceState(settings, 0), rate: 20 }, settings, 0, 1000);
    expect(unspaced.rate).toBeCloseTo(20 * MIN_DECREASE, 6);
    // Webex took more than the plain cut leaves: the plain cut.
    const busy = rateLimited(sendSlot(initialPaceState(settings, 0), settings, 10, 0).state, settings, 0, 1000);
    expect(busy.rate).toBeCloseTo(5 * MIN_DECREASE, 6);
  });
});

describe('PacingBudget.spaced', () => {
  it('gives a step its requests\' slots as a gate each request waits at, one write of the item per step', async () => {
    let now = 0;
    const waited: number[] = [];
    const store = memoryPaceStore();
    let writes = 0;
    const counting: PaceStore = { read: () => store.read(), write: (s, v) => ((writes += 1), store.write(s, v)) };
    const budget = new PacingBudget({ store: counting, settings, now: () => now, sleep: async (ms) => { waited.push(ms); now += ms; } });
    const first = await budget.spaced(2);
    const second = await budget.spaced(2);
    await budget.spaced(0);
    expect(writes).toBe(2);
    // Nothing waited until a request asks its gate.
    expect(waited).toEqual([]);
    await first.next();
    await first.next();
    await second.next();
    await second.next();
    expect(waited).toEqual([250, 250, 250]);
    expect(now).toBe(750);
    // A request beyond the step's slots (a resend, a cold function's reference read) goes at once.
    await second.next();
    expect(now).toBe(750);
  });

  it('a runtime whose waits take no time is told each slot before it is waited for', async () => {
    const passed: number[] = [];
    const budget = new PacingBudget({ store: memoryPaceStore(), settings, now: () => 0, sleep: async () => undefined, passTime: (ms) => passed.push(ms) });
    const gate = await budget.spaced(3);
    for (let i = 0; i < 3; i++) await gate.next();
    expect(passed).toEqual([0, 250, 500]);
  });

  it('goes at once when the budget cannot be reached: a step never fails for its pacing', async () => {
    const warn = jest.fn();
    const sleep = jest.fn(async () => undefined);
    const broken: PaceStore = { read: async () => { throw new Error('unreachable'); }, write: async () => false };
    const budget = new PacingBudget({ store: broken, settings, sleep, log: { info: jest.fn(), warn, error: jest.fn(), debug: jest.fn() } as never });
    const gate = await budget.spaced(3);
    await gate.next();
    expect(sleep).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('webex pace spacing failed', expect.objectContaining({ error: 'Error: unreachable' }));
  });
});

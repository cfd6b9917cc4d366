import { PacingBudget } from '../../../functions/lib/pacing/budget';
import { MAX_STEP_WAIT_MS, PaceState, initialPaceState, rateLimited, runRate, sendSlot, type PacingSettings } from '../../../functions/lib/pacing/controller';
import { spaceStep } from '../../../functions/lib/pacing/spaced-step';
import type { PaceStore } from '../../../functions/lib/pacing/store';
import { memoryPaceStore } from '../../support/memory-pacing';

// Rate 5: the runs draw 4 a second, one request every 250 ms.
const settings: PacingSettings = { initialRate: 5, maxRate: 100, interactiveShare: 0.2 };

/** Send slots for steps of `sizes` requests, all asked at `nowMs` one after the other. */
function slots(state: PaceState, sizes: number[], nowMs: number) {
  let st = state;
  const at: number[] = [];
  for (const n of sizes) {
    const r = sendSlot(st, settings, n, nowMs);
    st = r.state;
    at.push(r.atMs);
  }
  return { state: st, at };
}

describe('send slots: the steps of every run send at the runs\' rate', () => {
  it('spaces steps asked at once by their requests at the runs\' rate, the first at once', () => {
    expect(slots(initialPaceState(settings, 0), [2, 2, 1], 0).at).toEqual([0, 500, 1000]);
  });

  it('a step asked after its slot has come goes at once; an idle schedule saves no credit for a burst', () => {
    let { state } = slots(initialPaceState(settings, 0), [2], 0);
    // The next slot (500) has passed: at once.
    let r = sendSlot(state, settings, 2, 800);
    expect(r.atMs).toBe(800);
    // Idle for a minute: the first step goes at once, the next after it at the rate, not in a burst.
    state = r.state;
    r = sendSlot(state, settings, 2, 60_000);
    expect(r.atMs).toBe(60_000);
    // (The rate grew meanwhile: the time up to a second after the last draw counts as slow start.)
    expect(sendSlot(r.state, settings, 1, 60_000).atMs).toBe(Math.ceil(60_000 + (2 / runRate(r.state.rate, settings)) * 1000));
  });

  it('spaces at the rate as found: a faster rate, closer slots', () => {
    const fast = { ...initialPaceState(settings, 0), rate: 50 };
    // 40 a second: 25 ms a request.
    expect(slots(fast, [2, 2, 2], 0).at).toEqual([0, 50, 100]);
  });

  it('never before a Retry-After, and never more than MAX_STEP_WAIT_MS ahead (longer waits are the state machines\')', () => {
    const held = rateLimited(initialPaceState(settings, 0), settings, 0, 400);
    expect(sendSlot(held, settings, 1, 100).atMs).toBe(400);
    const storm = rateLimited(initialPaceState(settings, 0), settings, 0, 60_000);
    expect(sendSlot(storm, settings, 1, 100).atMs).toBe(100 + MAX_STEP_WAIT_MS);
  });

  it('a schedule the runs outpace does not run away: slots stay within MAX_STEP_WAIT_MS, the schedule within a step past it', () => {
    const { state, at } = slots(initialPaceState(settings, 0), Array.from({ length: 20 }, () => 2), 0);
    expect(Math.max(...at)).toBe(MAX_STEP_WAIT_MS);
    expect(state.sendAtMs).toBe(MAX_STEP_WAIT_MS + 500);
    // A second later, the schedule has caught up: the next step waits no longer than a step's spacing.
    expect(sendSlot(state, settings, 2, 1000).atMs).toBe(1500);
  });

  it('reads an item written before the schedule existed as nothing scheduled', () => {
    const { sendAtMs: _unused, ...older } = initialPaceState(settings, 0);
    expect(PaceState.parse(older).sendAtMs).toBe(0);
  });
});

describe('PacingBudget.spaced and spaceStep', () => {
  it('waits in the process for the step\'s slot, one write of the item per step', async () => {
    let now = 0;
    const waited: number[] = [];
    const store = memoryPaceStore();
    let writes = 0;
    const counting: PaceStore = { read: () => store.read(), write: (s, v) => ((writes += 1), store.write(s, v)) };
    const budget = new PacingBudget({ store: counting, settings, now: () => now, sleep: async (ms) => { waited.push(ms); now += ms; } });
    await budget.spaced(2);
    await budget.spaced(2);
    await budget.spaced(0);
    expect(waited).toEqual([0, 500]);
    expect(writes).toBe(2);
  });

  it('goes at once when the budget cannot be reached: a step never fails for its pacing', async () => {
    const warn = jest.fn();
    const sleep = jest.fn(async () => undefined);
    const broken: PaceStore = { read: async () => { throw new Error('unreachable'); }, write: async () => false };
    const budget = new PacingBudget({ store: broken, settings, sleep, log: { info: jest.fn(), warn, error: jest.fn(), debug: jest.fn() } as never });
    await expect(budget.spaced(3)).resolves.toBeUndefined();
    expect(sleep).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith('webex pace spacing failed', expect.objectContaining({ error: 'Error: unreachable' }));
  });

  it('spaceStep draws a row\'s declared requests; rows without Webex requests, or scaling with the organisation, draw nothing', async () => {
    const spaced = jest.fn(async () => undefined);
    const pacing = () => ({ spaced }) as unknown as PacingBudget;
    await spaceStep(pacing, { webex: { calls: ['GET /people', { cached: 'GET /licenses' }, 'POST /people'] } });
    await spaceStep(pacing, {});
    await spaceStep(pacing, { webex: { scalesWith: 'the users' } });
    await spaceStep(undefined, { webex: { calls: ['GET /people'] } });
    expect(spaced.mock.calls).toEqual([[2]]);
  });
});

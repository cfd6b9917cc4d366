import { localActivityTable, type LocalActivityTable } from '../../../functions/local/local-activity-table';
import { PacingBudget } from '../../../functions/lib/pacing/budget';
import { MAX_AHEAD_MS, acquire, initialPaceState, paceView, rateLimited, runRate, type PacingSettings } from '../../../functions/lib/pacing/controller';

const settings: PacingSettings = { initialRate: 10, maxRate: 100, interactiveShare: 0.2 };

/** The pacing budget's item on dynalite through the Lambdas' adapter: one budget for every Lambda of a deployment. */
describe('pacing budget (DynamoDB adapter on dynalite)', () => {
  let table: LocalActivityTable;
  beforeEach(() => {
    table = localActivityTable();
  });
  afterEach(() => table.close());

  /** A budget as one Lambda container holds it: its own object, the shared item, a clock the test holds still. */
  const lambda = (now: () => number) => new PacingBudget({ store: table.paceStore, settings, now });

  it('concurrent Lambdas draw from one bucket: no grant is lost to a concurrent write, none is given twice', async () => {
    const t = 1_000_000;
    const lambdas = Array.from({ length: 8 }, () => lambda(() => t));
    // 8 Lambdas × 5 asks of 1 request at one instant: a bucket of 8 (1 s at 8/s), then slots at most MAX_AHEAD_MS ahead.
    const grants = (await Promise.all(lambdas.flatMap((l) => Array.from({ length: 5 }, () => l.acquire(1))))).map((r) => r.grant);
    const granted = grants.filter((g) => g.granted);
    const slots = granted.map((g) => (g.granted ? g.notBeforeMs : 0)).sort((a, b) => a - b);
    const stored = await table.paceStore.read();
    expect(stored?.state?.granted).toBe(granted.length);
    // The burst (one second of the runs' rate) now, then one slot per 1/rate up to MAX_AHEAD_MS: each writer won its own version.
    const perSecond = runRate(settings.initialRate, settings);
    const aheadSlots = Math.floor((perSecond * MAX_AHEAD_MS) / 1000);
    expect(granted.length).toBe(perSecond + aheadSlots);
    expect(slots.filter((at) => at === t)).toHaveLength(perSecond);
    const ahead = slots.filter((at) => at > t);
    ahead.forEach((at, i) => expect(at - t).toBe(Math.ceil(((i + 1) / perSecond) * 1000)));
    // The rest are refused, each told a later time to ask again (a queue: no two told the same moment).
    const retries = grants.flatMap((g) => (g.granted ? [] : [g.retryAtMs]));
    expect(retries).toHaveLength(40 - granted.length);
    retries.forEach((at) => expect(at).toBeGreaterThan(t));
    expect(new Set(retries).size).toBe(retries.length);
  });

  it('keeps the discovered rate for the next run, and shows it with the 429 count', async () => {
    let t = 1_000_000;
    const first = lambda(() => t);
    await first.acquire(1);
    t += 500;
    const cut = await first.rateLimited(2000);
    expect(cut.rateLimited).toBe(1);
    // A new container (the next run) starts from the stored rate, not the initial one.
    t += 3_600_000;
    const next = lambda(() => t);
    const view = await next.view();
    expect(view).toEqual(cut);
    // The rate the controller found (grown for 500 ms, then cut), not the initial one.
    const start = 1_000_000;
    const found = rateLimited(acquire(initialPaceState(settings, start), settings, 1, start).state, settings, start + 500, 2000);
    expect(view).toEqual(paceView(found, settings));
    expect(view.requestsPerSecond).not.toBe(settings.initialRate);
  });
});

import { localActivityTable, type LocalActivityTable } from '../../../functions/local/local-activity-table';
import { PacingBudget } from '../../../functions/lib/pacing/budget';
import { runRate, type PacingSettings } from '../../../functions/lib/pacing/controller';

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
    // 8 Lambdas × 5 asks of 1 request at one instant: a bucket of 8 (1 s at 8/s) and 10 s reserved ahead at most.
    const grants = (await Promise.all(lambdas.flatMap((l) => Array.from({ length: 5 }, () => l.acquire(1))))).map((r) => r.grant);
    const granted = grants.filter((g) => g.granted);
    const slots = granted.map((g) => (g.granted ? g.notBeforeMs : 0)).sort((a, b) => a - b);
    const stored = await table.paceStore.read();
    expect(stored?.state?.granted).toBe(granted.length);
    expect(granted.length).toBe(40);
    // The burst (one second of the runs' rate) now, then one slot per 1/rate: each writer won its own version.
    const perSecond = runRate(settings.initialRate, settings);
    expect(slots.filter((at) => at === t)).toHaveLength(perSecond);
    const ahead = slots.filter((at) => at > t);
    ahead.forEach((at, i) => expect(at - t).toBe(Math.ceil(((i + 1) / perSecond) * 1000)));
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
    expect(view.requestsPerSecond).toBeLessThan(settings.initialRate);
  });
});

import type { Context } from 'aws-lambda';
import { NUMBER_POOL_METRIC, NUMBER_POOL_SERVICE, publishNumberPools } from '../../../functions/lib/aws/emf-number-pool-metrics';
import { createHandler } from '../../../functions/count-free-numbers/handler';
import { countFreeNumbers, type LocationPool } from '../../../functions/lib/number-pool/free-numbers';
import { DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { captureEmf } from '../../support/emf-capture';
import { startHarness, type Harness } from '../../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const context = { functionName: 'CountFreeNumbers', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 60_000 } as unknown as Context;

/** The handler as Lambda runs it, with the local runtime's Webex client and the pools it would publish kept. */
async function runCount(env: Record<string, string> = {}) {
  const published: (readonly LocationPool[])[] = [];
  const handler = createHandler({ env: () => env, webex: h.runtime.deps.webex }, (pools) => void published.push(pools));
  const result = (await handler({}, context)) as { watermark: number; pools: LocationPool[]; low: string[] };
  return { result, published };
}

describe('the daily count of free numbers, against the simulator', () => {
  it('counts each calling location\'s free numbers by the workflows\' rule, with read-only paged requests', async () => {
    const before = h.webexCalls().length;
    const pools = await countFreeNumbers(h.runtime.deps.webex());
    // Headquarters: 20 numbers less its main number and Alice's (its inactive, mobile, service, toll-free and
    // reserved numbers are not assignable); Branch Office: 10 less main, Carol's primary and alternate; Partner Hub:
    // 2 less main. The Warehouse has no Webex Calling and is not a pool.
    expect(pools).toEqual([
      { locationId: DEMO_IDS.locations.partnerHub, location: 'Partner Hub', free: 1 },
      { locationId: DEMO_IDS.locations.branchOffice, location: 'Branch Office', free: 7 },
      { locationId: DEMO_IDS.locations.headquarters, location: 'Headquarters', free: 18 },
    ]);
    const calls = h.webexCalls().slice(before);
    expect(calls.every((c) => c.method === 'GET')).toBe(true);
    expect(calls.map((c) => c.path)).toEqual(['/telephony/config/locations', '/telephony/config/numbers']);
    expect(calls[1].query).toMatchObject({ available: 'true', max: '2000' });
  });

  it('follows every page of a large org', async () => {
    // 2,500 more free numbers at the Branch Office: two pages of 2000.
    for (let i = 0; i < 2500; i++) {
      const phoneNumber = `+1212556${String(i).padStart(4, '0')}`;
      h.sim.state.numbers.set(phoneNumber, { phoneNumber, locationId: DEMO_IDS.locations.branchOffice, state: 'ACTIVE', tollFree: false, service: false });
    }
    try {
      const before = h.webexCalls().length;
      const pools = await countFreeNumbers(h.runtime.deps.webex());
      expect(pools.find((p) => p.location === 'Branch Office')?.free).toBe(2507);
      expect(h.webexCalls().slice(before).filter((c) => c.path === '/telephony/config/numbers')).toHaveLength(2);
    } finally {
      for (let i = 0; i < 2500; i++) h.sim.state.numbers.delete(`+1212556${String(i).padStart(4, '0')}`);
    }
  });

  it('names every location under the watermark, and sees a number taken since', async () => {
    const first = await runCount();
    expect(first.result.watermark).toBe(5);
    expect(first.result.low).toEqual(['Partner Hub: 1 free']);
    expect(first.published[0]).toEqual(first.result.pools);

    // Someone takes four Branch Office numbers: 3 left, under a watermark of 5 as well.
    const free = [...h.sim.state.numbers.values()].filter((n) => n.locationId === DEMO_IDS.locations.branchOffice && !n.owner && n.phoneNumber !== DEMO_NUMBERS.branchOfficeMain);
    for (const n of free.slice(0, 4)) n.owner = { personId: DEMO_IDS.people.bob, kind: 'ALTERNATE', ringPattern: 'NORMAL' };
    try {
      const second = await runCount({ NUMBER_POOL_LOW_WATERMARK: '8' });
      expect(second.result.low).toEqual(['Partner Hub: 1 free', 'Branch Office: 3 free']);
    } finally {
      for (const n of free.slice(0, 4)) delete n.owner;
    }
  });

  it('refuses a watermark that is not a whole number, naming the variable', async () => {
    await expect(runCount({ NUMBER_POOL_LOW_WATERMARK: 'five' })).rejects.toThrow(/NUMBER_POOL_LOW_WATERMARK/);
  });

  it('publishes FreeNumbers per location and LowestFreeNumbers with the lowest locations named', async () => {
    const lines = await captureEmf(NUMBER_POOL_SERVICE, (metrics) => publishNumberPools([
      { locationId: 'l1', location: 'Partner Hub', free: 1 },
      { locationId: 'l2', location: 'Branch Office', free: 7 },
    ], metrics));
    expect(lines.map((l) => [l.location, l[NUMBER_POOL_METRIC.free] ?? l[NUMBER_POOL_METRIC.lowest]])).toEqual([['Partner Hub', 1], ['Branch Office', 7], [undefined, 1]]);
    expect(lines[0]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service', 'location']]);
    expect(lines[2]._aws.CloudWatchMetrics[0].Dimensions).toEqual([['service']]);
    expect(lines[2].lowestLocations).toBe('Partner Hub');
  });
});

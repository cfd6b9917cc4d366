import { createReconcilePlan } from '../../../functions/lib/reconcile/create-plan';
import { PEOPLE_MAX_PAGE_WITH_CALLING_DATA } from '../../../functions/lib/reconcile/org-snapshot';
import { readPlan } from '../../../functions/lib/reconcile/plan-store';
import { ValidationError } from '../../../functions/lib/errors';
import { ObjectNotFoundError } from '../../../functions/lib/storage/object-store';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { WebexClient } from '../../../functions/lib/webex/client';
import { TELEPHONY_MAX_PAGE } from '../../../functions/lib/webex/telephony-api';
import { DEMO_EMAILS, DEMO_IDS, SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { openApi } from '../../support/openapi-validator';
import { MemoryObjectStore } from '../../support/memory-object-store';
import { CORP_DOMAIN, largeOrgSeed, rosterCsv } from '../../support/reconcile-org';

const BUCKET = 'imports';
const PEOPLE = 450;
// Free numbers enough for the numbers list to take two pages.
const org = largeOrgSeed(PEOPLE, 600);
let sim: Simulator;
let store: MemoryObjectStore;
let ports: Parameters<typeof createReconcilePlan>[0];

beforeAll(async () => {
  sim = await startSimulator({ seed: org.seed });
});
afterAll(async () => {
  await sim.close();
  // Every request the planner sent is one Cisco's documents allow.
  const problems = sim.requests.flatMap((r) => openApi().checkRequest(r));
  expect(problems).toEqual([]);
});
beforeEach(() => {
  sim.reset();
  store = new MemoryObjectStore();
  let n = 0;
  ports = {
    client: new WebexClient({ baseUrl: sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) }),
    store,
    bucket: BUCKET,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    now: () => new Date('2026-12-01T03:00:00.000Z'),
  };
});

const scope = { emailDomains: [CORP_DOMAIN] };
const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

describe('reconciliation plan against the simulator', () => {
  it('plans a roster CSV at the fewest Webex requests: people at 100 a page, calling locations, numbers at 2000 a page', async () => {
    const { csv, expected } = rosterCsv(org, { joiners: 0.02, movers: 0.01, leavers: 0.01, profileChanges: 0.01 });
    await store.putText(BUCKET, 'rosters/nightly.csv', csv);
    const { plan, summary } = await createReconcilePlan(ports, { key: 'rosters/nightly.csv', scope, allowMoves: true });

    expect(plan.counts).toEqual({ join: expected.join, enableCalling: 0, move: expected.move, updateProfile: expected.updateProfile, leave: expected.leave });
    expect(plan.inScope).toBe(PEOPLE);
    expect(plan.unchanged).toBe(PEOPLE - expected.leave - expected.move - expected.updateProfile);
    // The demo org's three people are another domain: not in the plan, not counted.
    expect(plan.actions.some((a) => a.email.endsWith('@example.com'))).toBe(false);
    const move = plan.actions.find((a) => a.kind === 'move')!;
    expect(move.before.locationId).toBe(DEMO_IDS.locations.headquarters);
    expect(move.after.locationId).toBe(DEMO_IDS.locations.branchOffice);
    expect(move.seen).toMatchObject({ id: move.userId, locationId: DEMO_IDS.locations.headquarters, phoneNumber: expect.stringMatching(/^\+1408/) });

    const numbers = org.seed.numbers.length + org.seed.people.filter((p) => p.calling?.extension).length - org.seed.numbers.filter((n) => n.owner?.kind === 'PRIMARY').length;
    const reads = sim.requests.map((r) => r.path);
    expect(sim.requests.every((r) => r.method === 'GET' && r.status === 200)).toBe(true);
    expect(reads.filter((p) => p === '/people')).toHaveLength(pages(org.seed.people.length, PEOPLE_MAX_PAGE_WITH_CALLING_DATA));
    expect(reads.filter((p) => p === '/telephony/config/numbers')).toHaveLength(pages(numbers, TELEPHONY_MAX_PAGE));
    expect(reads.filter((p) => p === '/telephony/config/locations')).toHaveLength(1);
    expect(numbers).toBeGreaterThan(TELEPHONY_MAX_PAGE);
    expect(reads).toHaveLength(pages(org.seed.people.length, 100) + pages(numbers, 2000) + 1);
    expect(sim.requests.find((r) => r.path === '/people')?.query).toMatchObject({ callingData: 'true', excludeStatus: 'true', max: '100' });

    // Stored as JSON and CSV, read back by id; the summary carries no actions.
    expect(summary).toMatchObject({ id: plan.id, counts: plan.counts, needsConfirmation: false, plan: { bucket: BUCKET, json: `plans/${plan.id}.json`, csv: `plans/${plan.id}.csv`, html: `plans/${plan.id}.html` } });
    expect(summary).not.toHaveProperty('actions');
    expect(await readPlan(store, BUCKET, plan.id)).toEqual(plan);
    const planCsv = store.objects.get(`${BUCKET}/plans/${plan.id}.csv`)!.split('\r\n');
    expect(planCsv.slice(0, 2)).toEqual([`# plan ${plan.id} digest ${plan.digest}`, 'status,kind,email,userId,before,after,reason,where,beforeLocationId,afterLocationId']);
    expect(planCsv.filter((l) => l.startsWith('planned,'))).toHaveLength(plan.actions.length);
    await expect(readPlan(store, BUCKET, '00000000-0000-4000-8000-999999999999')).rejects.toBeInstanceOf(ObjectNotFoundError);
    await expect(readPlan(store, BUCKET, '../secrets')).rejects.toBeInstanceOf(ValidationError);
    // Nothing in Webex changed.
    expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('a large org whose calling-data pages answer 504: asks for smaller pages and goes on from the page already read', async () => {
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.01 });
    await store.putText(BUCKET, 'r.csv', csv);
    const baseline = (await createReconcilePlan(ports, { key: 'r.csv', scope })).plan;
    const people = org.seed.people.length;

    // Pages above 25 time out: 100 and 50 answer 504 once each, then every page is read at 25.
    sim.reset();
    sim.state.callingDataPageLimit = 25;
    const small = (await createReconcilePlan(ports, { key: 'r.csv', scope })).plan;
    expect(small.actions).toEqual(baseline.actions);
    expect(small.inScope).toBe(PEOPLE);
    const listed = sim.requests.filter((r) => r.path === '/people');
    expect(listed.map((r) => [r.query.max, r.status]).slice(0, 3)).toEqual([['100', 504], ['50', 504], ['25', 200]]);
    expect(listed.filter((r) => r.status === 200)).toHaveLength(pages(people, 25));
    expect(listed.every((r) => r.query.excludeStatus === 'true' && r.query.callingData === 'true')).toBe(true);

    // A 504 in the middle: the two pages read are kept, the third is asked for again at 50 from its cursor.
    sim.reset();
    sim.faults.add({ match: { method: 'GET', path: '/people' }, kind: 'status', status: 504, skip: 2 });
    const resumed = (await createReconcilePlan(ports, { key: 'r.csv', scope })).plan;
    expect(resumed.actions).toEqual(baseline.actions);
    const again = sim.requests.filter((r) => r.path === '/people');
    expect(again.map((r) => [r.query.max, r.status]).slice(0, 4)).toEqual([['100', 200], ['100', 200], ['100', 504], ['50', 200]]);
    expect(again[3].query.cursor).toBe(again[2].query.cursor);
    expect(again).toHaveLength(3 + pages(people - 200, 50));
  });

  it('reads no numbers when the roster gives none to check, and marks a plan with many leavers for confirmation', async () => {
    const { csv } = rosterCsv(org, { joiners: 0, movers: 0, leavers: 0.2 });
    await store.putText(BUCKET, 'r.csv', csv);
    const { plan, summary } = await createReconcilePlan(ports, { key: 'r.csv', scope, leaverPolicy: 'delete' });
    expect(plan.counts.leave).toBe(90);
    expect(summary).toMatchObject({ needsConfirmation: true, confirmWith: 90 });
    expect(sim.requests.some((r) => r.path === '/telephony/config/numbers')).toBe(false);
    // A request cannot lift the deployment's thresholds (a 400 naming the field, before Webex is read)...
    const before = sim.requests.length;
    await expect(createReconcilePlan(ports, { key: 'r.csv', scope, thresholds: { maxLeaverPercent: 25, maxLeavers: 100 } })).rejects.toMatchObject({
      name: 'ValidationError', fields: [{ field: 'thresholds.maxLeaverPercent' }, { field: 'thresholds.maxLeavers' }],
    });
    expect(sim.requests.length).toBe(before);
    // ...a deployment whose own thresholds are that high plans it without confirmation.
    const lifted = await createReconcilePlan({ ...ports, defaults: { thresholds: { maxLeaverPercent: 25, maxLeavers: 100 } } }, { key: 'r.csv', scope });
    expect(lifted.plan.needsConfirmation).toBe(false);
  });

  it('a bad roster row is a ValidationError naming lines.<line>.<column>, and nothing reaches Webex', async () => {
    await store.putText(BUCKET, 'bad.csv', 'email,displayName,location\r\nok@corp.example,OK,Headquarters\r\nbad,Bad,Headquarters\r\n');
    await expect(createReconcilePlan(ports, { key: 'bad.csv', scope })).rejects.toMatchObject({ name: 'ValidationError', fields: [{ field: 'lines.3.email' }] });
    await expect(createReconcilePlan(ports, { users: [{ email: 'x@corp.example', location: 'Headquarters' }], scope })).rejects.toMatchObject({
      fields: [{ field: 'users.0.displayName' }],
    });
    await expect(createReconcilePlan(ports, { users: [{ email: 'x@corp.example', displayName: 'X', location: 'HQ' }] })).rejects.toMatchObject({ fields: [{ field: 'scope' }] });
    expect(sim.requests).toEqual([]);
    expect(store.objects.size).toBe(1);
  });

  it('refuses a roster that would remove every in-scope user, and takes JSON users with a location scope and exclusions', async () => {
    await expect(
      createReconcilePlan(ports, { users: [{ email: 'someone.new@corp.example', displayName: 'New', location: 'Headquarters' }], scope }),
    ).rejects.toMatchObject({ fields: [{ field: 'users', message: expect.stringMatching(/every one of the 450/) }] });
    expect(store.objects.size).toBe(0);

    // Carol (Branch Office) is kept, Alice (Headquarters) is excluded: the demo org's Branch Office has only Carol.
    const { plan } = await createReconcilePlan(ports, {
      users: [{ email: DEMO_EMAILS.carol, displayName: 'Carol Calling', location: 'Branch Office', department: 'Sales' }],
      scope: { emailDomains: ['example.com'], locations: ['Branch Office', DEMO_IDS.locations.headquarters], exclude: [DEMO_EMAILS.alice] },
    });
    expect(plan.actions.map((a) => [a.kind, a.email, a.after])).toEqual([['updateProfile', DEMO_EMAILS.carol, { department: 'Sales' }]]);
    expect(plan.inScope).toBe(1);
  });
});

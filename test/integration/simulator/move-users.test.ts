import { DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { openApi } from '../../support/openapi-validator';
import { call } from './helpers';

const { people: P, locations: LOC } = DEMO_IDS;
const JOBS = '/telephony/config/jobs/person/moveLocation';
const HQ_FREE = '+14085550105';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(() => sim.close());
beforeEach(() => {
  sim.reset();
  // These check the answers against Cisco's document; the live shape has its own tests below.
  sim.state.moveAnswerShape = 'documented';
});

const body = (validate: boolean, user: Record<string, string>, locationId: string = LOC.headquarters) => ({
  usersList: [{ locationId, validate, users: [user] }],
});
/** The simulator's answer must match Cisco's documented response schema, and our request its request schema. */
async function conforming(method: string, path: string, options: Parameters<typeof call>[3] = {}) {
  const res = await call(sim, method, path, options);
  expect(openApi().checkResponse({ method, path, status: res.status, body: res.body })).toEqual([]);
  return res;
}
const poll = (jobId: string) => conforming('GET', `${JOBS}/${encodeURIComponent(jobId)}`);
const owner = (n: string) => sim.state.numbers.get(n)?.owner?.personId;

describe('move users job (POST/GET /telephony/config/jobs/person/moveLocation)', () => {
  it('validate: true reports impacts and no errors for a possible move, and changes nothing', async () => {
    const res = await conforming('POST', JOBS, { body: body(true, { userId: P.carol, phoneNumber: HQ_FREE, extension: '2500' }) });
    expect(res.status).toBe(200);
    expect(res.body.response).toEqual([{ userId: P.carol, impacts: [expect.objectContaining({ code: 19722 })], errors: [] }]);
    expect(sim.state.people.get(P.carol)?.calling?.locationId).toBe(LOC.branchOffice);
    expect(sim.state.moveJobs.size).toBe(0);
  });

  it('validate: true reports a taken extension (4202) and an unavailable number (27966), changing nothing', async () => {
    // Alice holds extension 1001 and +14085550101 at Headquarters.
    const res = await conforming('POST', JOBS, { body: body(true, { userId: P.carol, phoneNumber: DEMO_NUMBERS.alicePrimary, extension: '1001' }) });
    expect(res.status).toBe(200);
    expect(res.body.response[0].errors.map((e: { code: number }) => e.code)).toEqual([4202, 27966]);
    expect(res.body.response[0].errors[0].message).toMatch(/^\[Error 4202\] The extension is not available/);
    const other = await conforming('POST', JOBS, { body: body(true, { userId: P.carol, phoneNumber: '+12125550105' }) });
    expect(other.body.response[0].errors).toEqual([expect.objectContaining({ code: 27966 })]);
    expect(sim.state.people.get(P.carol)?.calling).toEqual({ locationId: LOC.branchOffice, extension: '2001' });
    expect(owner(DEMO_NUMBERS.carolPrimary)).toBe(P.carol);
  });

  it('runs asynchronously: 201 STARTED, moves at the configured poll, frees the old numbers only then', async () => {
    sim.state.moveJobTiming = { pollsToComplete: 3 };
    const start = await conforming('POST', JOBS, { body: body(false, { userId: P.carol, phoneNumber: HQ_FREE, extension: '2500' }) });
    expect(start.status).toBe(201);
    expect(start.body.response).toMatchObject({ name: 'moveusers', latestExecutionStatus: 'STARTED', latestExecutionExitCode: 'UNKNOWN', counts: { totalMoves: 1, moved: 0 } });
    const jobId = start.body.response.id as string;

    for (const _ of [1, 2]) {
      const running = await poll(jobId);
      expect(running.body).toMatchObject({ id: jobId, latestExecutionStatus: 'STARTED' });
      expect(owner(DEMO_NUMBERS.carolPrimary)).toBe(P.carol);
      expect(owner(HQ_FREE)).toBeUndefined();
    }
    const done = await poll(jobId);
    expect(done.body).toMatchObject({ latestExecutionStatus: 'COMPLETED', latestExecutionExitCode: 'COMPLETED', counts: { moved: 1, failed: 0 } });
    expect(sim.state.people.get(P.carol)?.calling).toEqual({ locationId: LOC.headquarters, extension: '2500' });
    expect(owner(HQ_FREE)).toBe(P.carol);
    // Both Branch Office numbers (primary and alternate) are back in Branch Office's pool.
    expect(owner(DEMO_NUMBERS.carolPrimary)).toBeUndefined();
    expect(owner(DEMO_NUMBERS.carolAlternate)).toBeUndefined();
    expect(sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.locationId).toBe(LOC.branchOffice);
    expect((await conforming('GET', `${JOBS}/${jobId}/errors`)).body).toEqual({ items: [] });
    const list = await conforming('GET', JOBS);
    expect(list.body.items.map((j: { id: string }) => j.id)).toEqual([jobId]);
  });

  it('completes after a configured delay instead of a number of polls', async () => {
    let now = Date.now();
    const state = sim.state as unknown as { now: () => number };
    const realNow = state.now;
    state.now = () => now;
    try {
      sim.state.moveJobTiming = { pollsToComplete: 1, delayMs: 5000 };
      const start = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol, phoneNumber: HQ_FREE, extension: '2500' }) });
      expect((await poll(start.body.response.id)).body.latestExecutionStatus).toBe('STARTED');
      now += 5000;
      expect((await poll(start.body.response.id)).body.latestExecutionStatus).toBe('COMPLETED');
      expect(sim.state.primaryNumberOf(P.carol)?.phoneNumber).toBe(HQ_FREE);
    } finally {
      state.now = realNow;
    }
  });

  it('answers 409 to a second job for a user being moved', async () => {
    const first = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol, extension: '2500' }) });
    expect(first.status).toBe(201);
    const second = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol, extension: '2600' }) });
    expect(second.status).toBe(409);
    expect(second.body.message).toContain(first.body.response.id);
    const dryRun = await call(sim, 'POST', JOBS, { body: body(true, { userId: P.carol, extension: '2600' }) });
    expect(dryRun.status).toBe(409);
  });

  it('fails the job when the move became impossible after it started, listing the errors, moving nothing', async () => {
    const start = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol, phoneNumber: HQ_FREE }) });
    sim.state.assignNumber(HQ_FREE, { personId: P.alice, kind: 'ALTERNATE' });
    const jobId = start.body.response.id as string;
    await poll(jobId);
    const done = await poll(jobId);
    expect(done.body).toMatchObject({ latestExecutionStatus: 'FAILED', latestExecutionExitCode: 'FAILED', counts: { moved: 0, failed: 1 } });
    const errors = await conforming('GET', `${JOBS}/${jobId}/errors`);
    expect(errors.body.items).toEqual([
      expect.objectContaining({ item: P.carol, error: { key: '400', message: [expect.objectContaining({ code: '27966', locationId: LOC.headquarters })] } }),
    ]);
    expect(sim.state.people.get(P.carol)?.calling?.locationId).toBe(LOC.branchOffice);
    expect(owner(DEMO_NUMBERS.carolPrimary)).toBe(P.carol);
  });

  it('refuses bad requests with 400 and Webex codes: non-calling user, unknown user, same location, validate for several', async () => {
    const codes = async (b: unknown) => {
      const res = await conforming('POST', JOBS, { body: b });
      expect(res.status).toBe(400);
      return res.body.error[0].code;
    };
    expect(await codes(body(false, { userId: P.bob, extension: '2500' }))).toBe(1026010);
    expect(await codes(body(true, { userId: P.bob, extension: '2500' }))).toBe(1026022);
    expect(await codes(body(false, { userId: 'nobody', extension: '2500' }))).toBe(2150012);
    expect(await codes(body(false, { userId: P.carol, extension: '2500' }, LOC.branchOffice))).toBe(1026013);
    expect(await codes({ usersList: [{ locationId: LOC.headquarters, validate: true, users: [{ userId: P.carol }, { userId: P.alice }] }] })).toBe(1026020);
    expect(await codes({ usersList: [] })).toBe(1026011);
    expect((await call(sim, 'GET', `${JOBS}/unknown-job`)).status).toBe(404);
  });
});

describe('move users job answers as live Webex does (wxc_sdk StartMoveUsersJobResponse)', () => {
  beforeEach(() => sim.reset());

  it('answers the dry run with response.usersList, without errors for a possible move', async () => {
    const res = await call(sim, 'POST', JOBS, { body: body(true, { userId: P.carol, phoneNumber: HQ_FREE }) });
    expect(res.status).toBe(200);
    expect(res.body.response.usersList).toEqual([{ userId: P.carol, impacts: [expect.objectContaining({ code: 19722 })] }]);
  });

  it('answers the start with response.jobDetails and response.usersList', async () => {
    const res = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol, phoneNumber: HQ_FREE }) });
    expect(res.status).toBe(201);
    expect(res.body.response.jobDetails).toMatchObject({ name: 'moveusers', latestExecutionStatus: 'STARTED' });
    expect(res.body.response.usersList).toEqual([expect.objectContaining({ userId: P.carol })]);
  });
});

describe('a move without a new number carries the current one (UserItem.phoneNumber; impact 19717)', () => {
  beforeEach(() => sim.reset());

  const locations = () => ({ from: sim.state.locations.get(LOC.branchOffice)!, to: sim.state.locations.get(LOC.headquarters)! });
  const dryRunErrors = async (user: Record<string, string> = { userId: P.carol }) =>
    (await call(sim, 'POST', JOBS, { body: body(true, user) })).body.response.usersList[0].errors;

  it('moves a Cisco PSTN number with the user to another Cisco PSTN location in the same country', async () => {
    locations().from.pstn = 'CISCO_PSTN';
    locations().to.pstn = 'CISCO_PSTN';
    const dry = await call(sim, 'POST', JOBS, { body: body(true, { userId: P.carol }) });
    expect(dry.body.response.usersList[0].errors).toBeUndefined();
    expect(dry.body.response.usersList[0].impacts).toContainEqual(expect.objectContaining({ code: 19717 }));
    sim.state.moveJobTiming = { pollsToComplete: 1 };
    const start = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol }) });
    expect((await poll(start.body.response.jobDetails.id)).body.latestExecutionStatus).toBe('COMPLETED');
    expect(sim.state.primaryNumberOf(P.carol)).toMatchObject({ phoneNumber: DEMO_NUMBERS.carolPrimary, locationId: LOC.headquarters });
  });

  it('refuses to carry a number to another PSTN type or provider (10010005), country (10010014), or no PSTN (10010003)', async () => {
    locations().from.pstn = 'CISCO_PSTN';
    locations().to.pstn = 'INTEGRATED_CCP';
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 10010005 })]);
    locations().from.pstn = 'INTEGRATED_CCP';
    locations().from.pstnProvider = 'carrier-a';
    locations().to.pstnProvider = 'carrier-b';
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 10010005 })]);
    locations().to.pstnProvider = 'carrier-a';
    expect(await dryRunErrors()).toBeUndefined();
    locations().to.address = { ...locations().to.address, country: 'CA' };
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 10010014 })]);
    delete locations().to.pstn;
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 10010003 })]);
  });

  it('refuses to carry a non-integrated CCP number (10050010) or a Local Gateway number to another gateway (27976)', async () => {
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 10050010 })]);
    locations().from.pstn = 'LOCAL_GATEWAY';
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 27976 })]);
  });

  it('carries a Local Gateway number between locations on the same gateway', async () => {
    locations().from.pstn = 'LOCAL_GATEWAY';
    locations().from.pstnProvider = 'gateway-1';
    locations().to.pstnProvider = 'gateway-1';
    expect(await dryRunErrors()).toBeUndefined();
    sim.state.moveJobTiming = { pollsToComplete: 1 };
    const start = await call(sim, 'POST', JOBS, { body: body(false, { userId: P.carol }) });
    expect((await poll(start.body.response.jobDetails.id)).body.latestExecutionStatus).toBe('COMPLETED');
    expect(sim.state.primaryNumberOf(P.carol)).toMatchObject({ phoneNumber: DEMO_NUMBERS.carolPrimary, locationId: LOC.headquarters });
  });

  it('accepts the user\'s own number named in the request (wxc_sdk test_validate_ok) and carries it', async () => {
    locations().from.pstn = 'CISCO_PSTN';
    locations().to.pstn = 'CISCO_PSTN';
    expect(await dryRunErrors({ userId: P.carol, phoneNumber: DEMO_NUMBERS.carolPrimary, extension: '2001' })).toBeUndefined();
    // Where it cannot travel, the reason is the travel rule, not 27966.
    locations().to.pstn = 'LOCAL_GATEWAY';
    expect(await dryRunErrors({ userId: P.carol, phoneNumber: DEMO_NUMBERS.carolPrimary })).toEqual([expect.objectContaining({ code: 10010005 })]);
  });

  it('validates a user who has a number and no extension; 1026016 only for a user with neither', async () => {
    delete sim.state.people.get(P.carol)!.calling!.extension;
    expect(await dryRunErrors()).toEqual([expect.objectContaining({ code: 10050010 })]);
    for (const n of sim.state.numbersOf(P.carol)) sim.state.releaseNumber(n.phoneNumber);
    const neither = await call(sim, 'POST', JOBS, { body: body(true, { userId: P.carol }) });
    expect(neither.status).toBe(400);
    expect(neither.body).toEqual({ error: [{ code: 1026016, message: 'User should have either phone number or extension.' }] });
  });
});

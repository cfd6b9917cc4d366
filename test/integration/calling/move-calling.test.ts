import type { EnableCallingInput } from '../../../functions/lib/schemas/calling';
import { webexId } from '../../../functions/simulator/ids';
import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS, demoSeed } from '../../../functions/simulator/seed';
import type { LocationRecord } from '../../../functions/simulator/state';
import { runEnableCallingWith, stepStatuses } from '../../support/enable-calling';
import { startHarness, type Harness } from '../../support/harness';

const { people: P, locations: LOC } = DEMO_IDS;
const enc = encodeURIComponent;
const CAROL = DEMO_EMAILS.carol;
const calling = (user: string) => `/users/${enc(user)}/calling`;
const HQ_FREE = '+14085550105';
const JOBS = '/telephony/config/jobs/person/moveLocation';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const owner = (n: string) => h.sim.state.numbers.get(n)?.owner?.personId;
const moveRequests = () => h.webexCalls('POST', JOBS).map((r) => (r.body as { usersList: { validate: boolean }[] }).usersList[0].validate);

const runWith = (input: EnableCallingInput, before: (step: string) => void | Promise<void>) => runEnableCallingWith(input, before, 'move-test');

describe('POST /users/{user}/calling with move: true (Webex move-users job)', () => {
  it('moves a Branch Office user to Headquarters with a new number: dry run, job, polls, read-back', async () => {
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, extension: '2500', move: true });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'SUCCEEDED',
      changed: true,
      user: { id: P.carol, calling: { enabled: true, location: { id: LOC.headquarters, name: 'Headquarters' }, primaryNumber: HQ_FREE, extension: '2500' } },
    });
    expect(stepStatuses(res.body)).toEqual({
      resolveUser: 'completed', resolveLocation: 'completed', checkCurrentCalling: 'completed', chooseMoveTarget: 'completed',
      validateMove: 'completed', startMoveJob: 'applied', checkMoveJob: 'completed', verifyCalling: 'completed',
    });
    expect(res.body.steps.find((s: { name: string }) => s.name === 'checkMoveJob').detail).toMatch(/COMPLETED .*after 2 status read/);
    expect(moveRequests()).toEqual([true, false]);
    expect(h.webexCalls('POST', JOBS)[1].body).toEqual({
      usersList: [{ locationId: LOC.headquarters, validate: false, users: [{ userId: P.carol, phoneNumber: HQ_FREE, extension: '2500' }] }],
    });
    expect(h.webexCalls('GET', `${JOBS}/`)).toHaveLength(2);
    // No license write: the user keeps the calling license.
    expect(h.webexCalls('PATCH', '/licenses/users')).toHaveLength(0);
    expect(owner(DEMO_NUMBERS.carolPrimary)).toBeUndefined();
  });

  it('returns the old number to Branch Office\'s pool only when the job completes', async () => {
    const seen: (string | undefined)[] = [];
    const res = await runWith({ user: CAROL, location: 'Headquarters', phoneNumber: HQ_FREE, move: true }, (step) => {
      if (step === 'checkMoveJob' || step === 'verifyCalling') seen.push(owner(DEMO_NUMBERS.carolPrimary));
    });
    expect(res.httpStatus).toBe(200);
    // Before each status read Carol still holds it; at the read-back it is free.
    expect(seen).toEqual([P.carol, P.carol, undefined]);
    expect(h.sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.locationId).toBe(LOC.branchOffice);
    // The user kept her extension.
    expect(res.body.user?.calling).toMatchObject({ primaryNumber: HQ_FREE, extension: '2001' });
  });

  it('refuses with 409 and Webex\'s message when the dry run finds the extension taken, changing nothing', async () => {
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, extension: '1001', move: true });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'MoveConflictError', message: expect.stringContaining('[Error 4202] The extension is not available') });
    expect(res.body.error.message).toMatch(/nothing was changed/);
    expect(stepStatuses(res.body)).toMatchObject({ validateMove: 'failed', startMoveJob: 'not-run', verifyCalling: 'not-run' });
    expect(res.body).toMatchObject({ changed: false, remaining: null, compensation: { action: 'none', detail: expect.stringMatching(/not started/) } });
    expect(moveRequests()).toEqual([true]);
    expect(h.sim.state.people.get(P.carol)?.calling).toEqual({ locationId: LOC.branchOffice, extension: '2001' });
    expect(owner(DEMO_NUMBERS.carolPrimary)).toBe(P.carol);
    expect(h.sim.state.moveJobs.size).toBe(0);
  });

  it('refuses with 409 when the dry run finds the number unavailable (a location\'s main number)', async () => {
    const res = await h.call('POST', calling(CAROL), { location: 'Partner Hub', phoneNumber: '+13125550100', move: true });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'MoveConflictError', message: expect.stringContaining('[Error 27966]') });
    expect(moveRequests()).toEqual([true]);
  });

  it('refuses with 422 and Webex\'s coded message when Webex answers the move request with 400', async () => {
    h.sim.faults.add({
      match: { method: 'POST', path: JOBS }, kind: 'status', status: 400,
      body: { error: [{ code: 1026010, message: 'User is not a valid Calling User.' }] },
    });
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', extension: '2600', move: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'MoveRejectedError', message: expect.stringContaining('User is not a valid Calling User. (code 1026010)') });
    expect(h.sim.state.people.get(P.carol)?.calling?.locationId).toBe(LOC.branchOffice);
  });

  it('reports a FAILED job with Webex\'s job errors and that nothing was moved', async () => {
    const res = await runWith({ user: CAROL, location: 'Headquarters', phoneNumber: HQ_FREE, move: true }, (step) => {
      // Someone takes the number after the dry run: the job fails when it runs.
      if (step === 'checkMoveJob' && !owner(HQ_FREE)) h.sim.state.assignNumber(HQ_FREE, { personId: P.alice, kind: 'ALTERNATE' });
    });
    expect(res.httpStatus).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'MoveJobFailedError' });
    expect(res.body.error?.message).toMatch(/ended FAILED \(FAILED\): \[Error 27966\] The phone number, \+14085550105, is not available/);
    expect(res.body.error?.message).toMatch(/Nothing was moved: Webex shows carol.calling@example.com with location "Branch Office", number \+12125550101, extension 2001/);
    expect(stepStatuses(res.body)).toMatchObject({ startMoveJob: 'applied', checkMoveJob: 'failed', verifyCalling: 'not-run' });
    expect(res.body).toMatchObject({ changed: false, remaining: null, compensation: { action: 'none', detail: expect.stringMatching(/^nothing was moved/) } });
    expect(h.webexCalls('GET', `${JOBS}/`).some((r) => r.path.endsWith('/errors'))).toBe(true);
    expect(owner(DEMO_NUMBERS.carolPrimary)).toBe(P.carol);
  });

  it('still answers 409 without move, naming the way to move', async () => {
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CallingAlreadyEnabledError', message: expect.stringContaining('move: true') });
    expect(h.webexCalls('POST', JOBS)).toHaveLength(0);
  });

  it('answers 409 when Webex says the user is already being moved', async () => {
    h.sim.state.moveJobTiming = { pollsToComplete: 100 };
    const started = await runWith({ user: CAROL, location: 'Headquarters', phoneNumber: HQ_FREE, extension: '2600', move: true }, (step) => {
      if (step === 'startMoveJob') {
        // Another job for Carol started meanwhile.
        h.sim.state.moveJobs.set('other', {
          id: 'other', instanceId: 99, trackingId: 'T', created: new Date().toISOString(), locationId: LOC.headquarters,
          users: [{ userId: P.carol, extension: '2700' }], status: 'STARTED', exitCode: 'UNKNOWN', pollsLeft: 100, moved: 0, failed: 0, errors: [],
        });
      }
    });
    expect(started.httpStatus).toBe(409);
    expect(started.body.error).toMatchObject({ code: 'MoveInProgressError' });
    expect(stepStatuses(started.body)).toMatchObject({ startMoveJob: 'failed' });
  });

  it('follows a job Webex started although it answered the start with a 5xx, instead of starting another', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: JOBS }, skip: 1, kind: 'applyThenFail', status: 500 });
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, primaryNumber: HQ_FREE });
    expect(moveRequests()).toEqual([true, false]);
    expect(h.sim.state.moveJobs.size).toBe(1);
    // Found in the job list by the TrackingID of the start Webex answered with a 500.
    const [start] = h.webexCalls('POST', JOBS).filter((r) => r.status === 500);
    expect([...h.sim.state.moveJobs.values()][0].trackingId).toBe(start.trackingId);
  });

  it('moves under both answer shapes: the live one (usersList/jobDetails) and the documented one', async () => {
    // The harness's simulator answers as live Webex does by default; the test above ran on it.
    h.sim.state.moveAnswerShape = 'documented';
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, primaryNumber: HQ_FREE });
  });

  it('adopts a job Webex started although its 2xx answer could not be read, instead of starting another', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: JOBS }, skip: 1, kind: 'applyThenFail', status: 201 });
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, primaryNumber: HQ_FREE });
    expect(moveRequests()).toEqual([true, false]);
    expect(h.sim.state.moveJobs.size).toBe(1);
  });

  it('answers 502 naming the operation and the field when the dry run answer cannot be read, starting nothing', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: JOBS }, kind: 'status', status: 200, body: { response: { usersList: 'x' } } });
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'WebexResponseShapeError', message: expect.stringMatching(/POST \/telephony\/config\/jobs\/person\/moveLocation .*response/) });
    expect(h.sim.state.moveJobs.size).toBe(0);
  });

  it('answers 422 naming a target location that is not enabled for Webex Calling, starting nothing', async () => {
    const res = await h.call('POST', calling(CAROL), { location: 'Warehouse', autoAssignNumber: true, move: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'NotCallingLocationError', message: expect.stringContaining('"Warehouse"') });
    expect(h.webexCalls('POST', JOBS)).toHaveLength(0);
  });

  it('reads a job COMPLETED_WITH_PENDING_ORDERS as done with the number still to come, not as a failed read-back', async () => {
    h.sim.state.moveJobTiming = { pollsToComplete: 2, pendingOrders: true };
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('SUCCEEDED');
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, extension: '2001' });
    expect(res.body.user.calling.primaryNumber).toBeUndefined();
    expect(res.body.steps.find((s: { name: string }) => s.name === 'checkMoveJob').detail).toMatch(/COMPLETED_WITH_PENDING_ORDERS.*number order is still pending/);
    expect(stepStatuses(res.body)).toMatchObject({ checkMoveJob: 'completed', verifyCalling: 'completed' });
  });

  it('keeps polling a job that runs past 40 status reads (no cap on reads; the run\'s deadline alone ends the polling)', async () => {
    h.sim.state.moveJobTiming = { pollsToComplete: 45 };
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body.steps.find((s: { name: string }) => s.name === 'checkMoveJob').detail).toMatch(/COMPLETED .*after 45 status read/);
  });

  it('retries 429s and 5xx while polling the job, then completes', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: `${JOBS}/` }, kind: 'status', status: 429, retryAfter: '0', times: 7 });
    h.sim.faults.add({ match: { method: 'GET', path: `${JOBS}/` }, kind: 'status', status: 503, times: 6 });
    const res = await h.call('POST', calling(CAROL), { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, primaryNumber: HQ_FREE });
    const statuses = h.webexCalls('GET', `${JOBS}/`).map((r) => r.status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(7);
    expect(statuses.filter((s) => s === 503)).toHaveLength(6);
    expect(statuses.filter((s) => s === 200)).toHaveLength(2);
    // One job only: polling retries never start another.
    expect(moveRequests()).toEqual([true, false]);
  });
});

describe('moving a user who has a number and no extension (the number travels where Webex carries it)', () => {
  const BOB = DEMO_EMAILS.bob;
  const BRANCH_FREE = '+12125550103';
  const detailOf = (body: { steps: { name: string; detail?: string }[] }, step: string) => body.steps.find((s) => s.name === step)?.detail ?? '';

  /** The demo org with a second location like `baseId` (its own pool of numbers), for moves between two locations of one kind. */
  function addLocationLike(baseId: string, name: string, prefix: string, changes: Partial<LocationRecord> = {}): string {
    const seed = demoSeed();
    const base = seed.locations.find((l) => l.id === baseId) as LocationRecord;
    const id = webexId('LOCATION');
    seed.locations.push({ ...structuredClone(base), id, name, routingPrefix: `9${prefix.slice(-3)}`, mainNumber: `${prefix}0100`, ...changes });
    for (let i = 100; i < 105; i++) {
      seed.numbers.push({ phoneNumber: `${prefix}${String(i).padStart(4, '0')}`, locationId: id, state: 'ACTIVE', tollFree: false, service: false });
    }
    h.sim.reset(seed);
    return id;
  }

  async function enableNumberOnly(location: string, phoneNumber: string) {
    const res = await h.call('POST', calling(BOB), { location, phoneNumber });
    expect(res.status).toBe(200);
    expect(h.sim.state.people.get(P.bob)?.calling).toEqual({ locationId: expect.any(String) });
  }

  it('replaces a number Webex cannot carry (non-integrated CCP) with a free one there, saying why, with a new extension', async () => {
    await enableNumberOnly('Branch Office', BRANCH_FREE);
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', move: true, extension: '4123' });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, primaryNumber: expect.stringMatching(/^\+1408555/), extension: '4123' });
    expect(detailOf(res.body, 'chooseMoveTarget')).toMatch(/\+12125550103 cannot move to "Headquarters" \(Webex: \[Error 10050010\].*\): assigned \+1408555\d{4} instead/);
    // Back in Branch Office's pool once the job moved Bob.
    expect(owner(BRANCH_FREE)).toBeUndefined();
  });

  it('moves with the location alone (no number, extension or autoAssignNumber named)', async () => {
    await enableNumberOnly('Branch Office', BRANCH_FREE);
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: LOC.headquarters }, primaryNumber: expect.stringMatching(/^\+1408555/) });
    expect(res.body.user.calling.extension).toBeUndefined();
    expect(detailOf(res.body, 'chooseMoveTarget')).toMatch(/Error 10050010/);
  });

  it('carries a Cisco Calling Plan number to another Calling Plan location in the same country, naming no number', async () => {
    const hub2 = addLocationLike(LOC.partnerHub, 'Partner Hub West', '+1415555');
    await enableNumberOnly('Partner Hub', '+13125550101');
    const res = await h.call('POST', calling(BOB), { location: 'Partner Hub West', move: true });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: hub2 }, primaryNumber: '+13125550101' });
    expect(detailOf(res.body, 'chooseMoveTarget')).toMatch(/keeps number \+13125550101/);
    expect(h.sim.state.numbers.get('+13125550101')?.locationId).toBe(hub2);
    const start = h.webexCalls('POST', JOBS).map((r) => r.body as { usersList: { validate: boolean; users: unknown[] }[] }).find((b) => !b.usersList[0].validate);
    expect(start?.usersList[0].users).toEqual([{ userId: P.bob }]);
  });

  it('carries a Local Gateway number to a location on the same gateway', async () => {
    // Headquarters' gateway is the one its connection names (the simulator's trunk for routing prefix 8001).
    const annex = addLocationLike(LOC.headquarters, 'Headquarters Annex', '+1669555', { pstnProvider: '8001' });
    await enableNumberOnly('Headquarters', HQ_FREE);
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters Annex', move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: annex }, primaryNumber: HQ_FREE });
    expect(h.sim.state.numbers.get(HQ_FREE)).toMatchObject({ locationId: annex, owner: { personId: P.bob } });
  });

  it('replaces a Calling Plan number that would cross into another country (10010014) with the number set aside', async () => {
    const abroad = addLocationLike(LOC.partnerHub, 'Partner Hub Toronto', '+1416555', { address: { address1: '1 Front St', city: 'Toronto', state: 'ON', postalCode: 'M5J', country: 'CA' } });
    await enableNumberOnly('Partner Hub', '+13125550101');
    const res = await h.call('POST', calling(BOB), { location: 'Partner Hub Toronto', move: true, fallbackPhoneNumber: '+14165550102' });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ location: { id: abroad }, primaryNumber: '+14165550102' });
    expect(detailOf(res.body, 'chooseMoveTarget')).toMatch(/\[Error 10010014\].*assigned \+14165550102 instead/);
  });

  it('never keeps the number on a dry-run error it does not know, and reports its code', async () => {
    addLocationLike(LOC.partnerHub, 'Partner Hub West', '+1415555');
    await enableNumberOnly('Partner Hub', '+13125550101');
    h.sim.faults.add({
      match: { method: 'POST', path: JOBS }, kind: 'status', status: 200, times: 1,
      body: { response: { usersList: [{ userId: P.bob, impacts: [], errors: [{ code: 31337, message: 'Something Webex added later' }] }] } },
    });
    const res = await h.call('POST', calling(BOB), { location: 'Partner Hub West', move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling.primaryNumber).toMatch(/^\+1415555/);
    expect(detailOf(res.body, 'chooseMoveTarget')).toMatch(/\[Error 31337\] Something Webex added later/);
  });

  it('reads 1026015 answered as a request-level 400 as "the number cannot travel"', async () => {
    addLocationLike(LOC.partnerHub, 'Partner Hub West', '+1415555');
    await enableNumberOnly('Partner Hub', '+13125550101');
    h.sim.faults.add({
      match: { method: 'POST', path: JOBS }, kind: 'status', status: 400, times: 1,
      body: { error: [{ code: 1026015, message: 'Error occurred while moving user number to target location' }] },
    });
    const res = await h.call('POST', calling(BOB), { location: 'Partner Hub West', move: true });
    expect(res.status).toBe(200);
    expect(res.body.user.calling.primaryNumber).toMatch(/^\+1415555/);
    expect(detailOf(res.body, 'chooseMoveTarget')).toMatch(/code 1026015/);
  });

  it('answers 400 naming phoneNumber when move: true alone is sent for a user without calling, sending nothing to Webex', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', move: true });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual([{ field: 'phoneNumber', message: expect.stringMatching(/not a Webex Calling user/) }]);
    expect(h.webexCalls('POST', JOBS)).toHaveLength(0);
    expect(h.webexCalls('PATCH', '/licenses/users')).toHaveLength(0);
  });
});

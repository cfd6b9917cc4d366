import type { EnableCallingInput } from '../../../functions/lib/schemas/calling';
import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
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

import { MOVE_POLL_SECONDS } from '../../../functions/lib/workflows/calling/move-steps';
import { ENABLE_CALLING_STANDARD_TIMEOUT_SECONDS } from '../../../functions/lib/state-machines/definitions';
import { ENABLE_CALLING_TIMEOUT_SECONDS } from '../../../functions/lib/workflows/calling/deadline';
import { DEMO_EMAILS, DEMO_IDS } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';

/**
 * A move-users job that runs longer than the Express machine may (its 240 s TimeoutSeconds, under Express's 5
 * minutes) completes in the Standard machine, which has its own, longer TimeoutSeconds. The runtime's Wait states
 * take no time (fastWaits): the clock the steps judge their deadline by moves on by the poll wait at every status
 * read, as it would in AWS.
 */

const enc = encodeURIComponent;
const JOBS = '/telephony/config/jobs/person/moveLocation';
const HQ_FREE = '+14085550105';
/** Status reads the job takes: 3 s apart, well past the Express machine's 240 s. */
const POLLS = Math.ceil((ENABLE_CALLING_TIMEOUT_SECONDS * 1.5) / MOVE_POLL_SECONDS);

let h: Harness;
let offsetMs = 0;
beforeEach(async () => {
  h = await startHarness();
  offsetMs = 0;
  const realNow = Date.now.bind(Date);
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offsetMs);
  // Every read of the job's status stands for the Wait state before it.
  const record = h.sim.requests.push.bind(h.sim.requests);
  h.sim.requests.push = (...items) => {
    for (const r of items as { method: string; path: string }[]) if (r.method === 'GET' && r.path.startsWith(`${JOBS}/`) && !r.path.endsWith('/errors')) offsetMs += MOVE_POLL_SECONDS * 1000;
    return record(...items);
  };
  h.sim.state.moveJobTiming = { pollsToComplete: POLLS };
});
afterEach(async () => {
  await h.runtime.executions.settle();
  await h.close();
  jest.restoreAllMocks();
});

const jobReads = () => h.webexCalls('GET', `${JOBS}/`).filter((r) => !r.path.endsWith('/errors')).length;

describe('a move job longer than the Express budget', () => {
  it('the machines differ only in their TimeoutSeconds: Express within its 5 minutes, Standard long enough for slow jobs', () => {
    expect(POLLS * MOVE_POLL_SECONDS).toBeGreaterThan(ENABLE_CALLING_TIMEOUT_SECONDS);
    expect(ENABLE_CALLING_STANDARD_TIMEOUT_SECONDS).toBeGreaterThan(POLLS * MOVE_POLL_SECONDS);
  });

  it('POST /users/{user}/calling: the Standard execution polls past 240 s and completes the move', async () => {
    const res = await h.call('POST', `/users/${enc(DEMO_EMAILS.carol)}/calling`, { location: 'Headquarters', phoneNumber: HQ_FREE, move: true });
    // The request stops waiting long before the job ends: 202, and the run goes on.
    expect([200, 202]).toContain(res.status);
    const outcome = await h.runtime.executions.outcome('EnableCallingStandard', res.body.executionName);
    expect(outcome).toMatchObject({ status: 'SUCCEEDED', output: { status: 'SUCCEEDED', user: { calling: { location: { id: DEMO_IDS.locations.headquarters }, primaryNumber: HQ_FREE } } } });
    expect(jobReads()).toBe(POLLS);
    const status = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}/calling/${res.body.executionName}`);
    expect(status.body).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('the lifecycle Mover: its nested Standard run completes the move and the profile is updated', async () => {
    const res = await h.call('POST', '/events', {
      id: '6d4e5f60-0000-4000-8000-000000000001', source: 'hr.system', 'detail-type': 'Webex User Moved',
      detail: { email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { title: 'Patient' } },
    });
    expect(res.status).toBe(202);
    const outcome = await h.runtime.executions.outcome('Mover', res.body.executionName);
    expect(outcome?.status).toBe('SUCCEEDED');
    expect(outcome?.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'moveLocation', status: 'applied' }, { step: 'updateProfile', status: 'applied' }] });
    expect(jobReads()).toBe(POLLS);
    expect(h.sim.state.people.get(DEMO_IDS.people.carol)?.calling?.locationId).toBe(DEMO_IDS.locations.headquarters);
  });
});

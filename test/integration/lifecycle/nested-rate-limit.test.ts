import { DEMO_EMAILS, DEMO_IDS } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

/**
 * A rate-limit storm inside the nested Enable Calling run (the Joiner's Express run, the Mover's Standard run)
 * outlasts that run's own budget (at most 3 waits of at most 60 s): the run fails as WebexRateLimitedError, and
 * the lifecycle machine waits Webex's Retry-After in its own bounded loop and starts the nested run again. Enable
 * Calling reads Webex first, so the run after the wait finds what an earlier one applied. Wait states take no
 * time here (fastWaits).
 */

const enc = encodeURIComponent;
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
async function run(detailType: string, detail: Record<string, unknown>) {
  const res = await h.call('POST', '/events', { id: `7c1d2e3f-0000-4000-8000-${String(++seq).padStart(12, '0')}`, source: 'hr.system', 'detail-type': detailType, detail });
  expect(res.status).toBe(202);
  const pending = h.runtime.executions.outcome(res.body.stateMachine, res.body.executionName);
  if (!pending) throw new Error('no execution');
  return pending;
}

/** 8 answers of 429, each asking for 60 s: more than one nested run's 3 waits can ride out. */
const STORM = 8;
const storm = (method: string, path: string | RegExp, skip = 0) =>
  h.sim.faults.add({ match: { method, path }, kind: 'status', status: 429, retryAfter: '60', times: STORM, ...(skip ? { skip } : {}) });
const statuses = (method: string, path: string) => h.webexCalls(method, path).map((r) => r.status);
/** Enable Calling looks the location up by name once a run: how many nested runs there were. */
const nestedRuns = () => h.webexCalls('GET', '/locations').filter((r) => r.path === '/locations').length;
const writes = () => h.webexCalls().filter((r) => r.method !== 'GET');
/** Move jobs started (`validate: false`), not the dry runs. */
const startedJobs = () =>
  h.webexCalls('POST', '/telephony/config/jobs/person/moveLocation').filter((r) => r.status < 400 && !(r.body as { usersList: { validate: boolean }[] }).usersList[0].validate);

describe('a rate-limit storm inside the nested Enable Calling run', () => {
  it('joiner: a storm on the license PATCH is waited out by the Joiner, and the user is enabled with one write', async () => {
    storm('PATCH', '/licenses/users');
    const outcome = await run('Webex User Joined', { email: 'nested.storm@example.com', firstName: 'Nia', location: 'Headquarters', autoAssignNumber: true });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'applied' }] });
    expect(statuses('PATCH', '/licenses/users')).toEqual([...Array<number>(STORM).fill(429), 200]);
    // 4 tries a run (its own 3 waits): the third run, after two of the Joiner's waits, is let through.
    expect(nestedRuns()).toBe(3);
    expect(writes().filter((r) => r.status < 400).map((r) => `${r.method} ${r.path}`)).toEqual(['POST /people', 'PATCH /licenses/users']);
    const user = await h.call('GET', `/users/${enc('nested.storm@example.com')}`);
    expect(user.body).toMatchObject({ calling: { enabled: true, location: { id: DEMO_IDS.locations.headquarters } } });
    expect(h.runtime.eventBus.published).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Completed' })]);
  });

  it('joiner: a storm after the license PATCH (on the read-back, then on the undo\'s read) leaves the applied write to the next run, which finds it and writes nothing', async () => {
    // The two reads of the user before the PATCH pass; the storm starts with the read-back after it.
    storm('GET', '/people/', 2);
    const outcome = await run('Webex User Joined', { email: 'nested.partial@example.com', firstName: 'Pia', location: 'Headquarters', autoAssignNumber: true });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling' }] });
    expect(statuses('GET', '/people/').filter((s) => s === 429)).toHaveLength(STORM);
    expect(nestedRuns()).toBe(2);
    // One PATCH, never undone: the run after the wait saw the user already enabled as requested.
    expect(writes().map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /people 200', 'PATCH /licenses/users 200']);
    const user = await h.call('GET', `/users/${enc('nested.partial@example.com')}`);
    expect(user.body).toMatchObject({ calling: { enabled: true, location: { id: DEMO_IDS.locations.headquarters } } });
  });

  it('mover: a storm on the move dry run is waited out by the Mover, each attempt a Standard execution of its own name, and the user is moved by one job', async () => {
    storm('POST', '/telephony/config/jobs/person/moveLocation');
    const outcome = await run('Webex User Moved', { email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { title: 'Stormed' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'moveLocation', status: 'applied' }, { step: 'updateProfile', status: 'applied' }] });
    expect(statuses('POST', '/telephony/config/jobs/person/moveLocation').filter((s) => s === 429)).toHaveLength(STORM);
    expect(nestedRuns()).toBe(3);
    expect(startedJobs()).toHaveLength(1);
    expect(statuses('PUT', '/people/')).toEqual([200]);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body).toMatchObject({ title: 'Stormed', calling: { location: { id: DEMO_IDS.locations.headquarters } } });
  });

  it('mover: a storm after the job moved the user (on the read-back, then on the undo\'s read) leaves the move to the next run, which finds it and starts no other job', async () => {
    // The three reads of the user before the job (the Mover's, Enable Calling's, the start's) pass.
    storm('GET', '/people/', 3);
    const outcome = await run('Webex User Moved', { email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { department: 'Moved' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'moveLocation' }, { step: 'updateProfile', status: 'applied' }] });
    expect(statuses('GET', '/people/').filter((s) => s === 429)).toHaveLength(STORM);
    expect(nestedRuns()).toBe(2);
    expect(startedJobs()).toHaveLength(1);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body).toMatchObject({ department: 'Moved', calling: { location: { id: DEMO_IDS.locations.headquarters } } });
  });

  it('mover: a storm on the running job\'s status reads is waited out inside the nested run (the job moves the user whether or not it is read), and one job moves the user', async () => {
    storm('GET', '/telephony/config/jobs/person/moveLocation/');
    const outcome = await run('Webex User Moved', { email: DEMO_EMAILS.carol, location: 'Headquarters' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(startedJobs()).toHaveLength(1);
    expect(statuses('GET', '/telephony/config/jobs/person/moveLocation/')).toEqual([...Array<number>(STORM).fill(429), 200, 200]);
    expect(nestedRuns()).toBe(1);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body).toMatchObject({ calling: { location: { id: DEMO_IDS.locations.headquarters } } });
  });

  it('a storm that outlasts the wait budget fails the joiner as rate-limited in enableCalling, with the nested run\'s error, and nothing applied twice', async () => {
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 429, retryAfter: '60', times: Infinity });
    const outcome = await run('Webex User Joined', { email: 'nested.endless@example.com', firstName: 'Eve', location: 'Headquarters', autoAssignNumber: true });
    expect(outcome.status).toBe('FAILED');
    expect(outcome.error).toBe('WebexRateLimitedError');
    const failed = h.runtime.eventBus.published.find((e) => e.detailType === 'Webex Lifecycle Failed');
    expect(failed?.detail).toMatchObject({
      error: { code: 'WebexRateLimitedError', step: 'enableCalling', message: expect.stringMatching(/rate|429|too many/i) },
      applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'failed' }],
    });
    // The first nested run and one after each of the Joiner's 10 waits, each trying the PATCH 4 times (its own 3 waits).
    expect(statuses('PATCH', '/licenses/users')).toEqual(Array<number>(11 * 4).fill(429));
    expect(nestedRuns()).toBe(11);
  });
});

describe('nested execution names, as Step Functions takes them', () => {
  it('a Standard child (the Mover\'s) is refused a name used before, so each attempt needs its own; an Express child (the Joiner\'s) may repeat one', async () => {
    const moved = await run('Webex User Moved', { email: DEMO_EMAILS.carol, location: 'Headquarters' });
    expect(moved.status).toBe('SUCCEEDED');
    // The same Mover run again under its own name (as a redrive would): its nested run's name is taken.
    const input = h.runtime.executions.input('Mover', moved.executionName);
    const again = await h.runtime.stateMachines.runner('Mover').run(input, { executionName: moved.executionName });
    expect(again).toMatchObject({ status: 'FAILED', error: 'StepFunctions.ExecutionAlreadyExistsException' });
    expect(startedJobs()).toHaveLength(1);

    const joined = await run('Webex User Joined', { email: 'twice.named@example.com', firstName: 'Tia', location: 'Headquarters', autoAssignNumber: true });
    expect(joined.status).toBe('SUCCEEDED');
    const rejoined = await h.runtime.stateMachines.runner('Joiner').run(h.runtime.executions.input('Joiner', joined.executionName), { executionName: joined.executionName });
    expect(rejoined).toMatchObject({ status: 'SUCCEEDED', output: { applied: [{ step: 'createUser', status: 'unchanged' }, { step: 'enableCalling', status: 'unchanged' }] } });
  });
});

import { DEMO_EMAILS, DEMO_IDS } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

/**
 * A Retry-After longer than the Webex client sleeps (Cisco's own demo sends 60) reaches the lifecycle machines as
 * WebexRateLimitedError: they wait it out in a Wait state and go back to the step, up to their wait budget,
 * rather than retrying on a fixed schedule that a storm outlasts. The runtime's Wait states take no time here
 * (fastWaits); the seconds waited are what the machine read from Webex's answer.
 */

const enc = encodeURIComponent;
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
const event = (detailType: string, detail: Record<string, unknown>) => ({
  id: `9e3f4a5b-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  source: 'hr.system',
  'detail-type': detailType,
  detail,
});

async function run(detailType: string, detail: Record<string, unknown>) {
  const res = await h.call('POST', '/events', event(detailType, detail));
  expect(res.status).toBe(202);
  const pending = h.runtime.executions.outcome(res.body.stateMachine, res.body.executionName);
  if (!pending) throw new Error('no execution');
  return pending;
}

/** More 429s in a row than the old fixed Retry (5 attempts) could ride out, each asking for 60 s. */
const STORM = 8;
const storm = (method: string, path: string, times = STORM, retryAfter = '60') =>
  h.sim.faults.add({ match: { method, path }, kind: 'status', status: 429, retryAfter, times });

const statuses = (method: string, path: string) => h.webexCalls(method, path).map((r) => r.status);

describe('lifecycle machines wait out Webex rate limits', () => {
  it('joiner: a storm of 429 (Retry-After 60) on the create creates the user once and enables calling', async () => {
    storm('POST', '/people');
    const outcome = await run('Webex User Joined', { email: 'storm.sam@example.com', firstName: 'Sam', location: 'Headquarters', autoAssignNumber: true });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'applied' }] });
    expect(statuses('POST', '/people')).toEqual([...Array<number>(STORM).fill(429), 200]);
    const people = [...h.sim.state.people.values()].filter((p) => p.emails.includes('storm.sam@example.com'));
    expect(people).toHaveLength(1);
    expect(h.webexCalls('PATCH', '/licenses/users').filter((r) => r.status === 200)).toHaveLength(1);
    expect(h.runtime.eventBus.published).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Completed' })]);
  });

  it('mover: a storm on the profile update after the move moves the user once and updates the profile once', async () => {
    storm('PUT', '/people/');
    const outcome = await run('Webex User Moved', { email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { title: 'Relocated' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'moveLocation', status: 'applied' }, { step: 'updateProfile', status: 'applied' }] });
    const jobs = h.webexCalls('POST', '/telephony/config/jobs/person/moveLocation').filter((r) => !(r.body as { usersList: { validate: boolean }[] }).usersList[0].validate);
    expect(jobs).toHaveLength(1);
    expect(statuses('PUT', '/people/')).toEqual([...Array<number>(STORM).fill(429), 200]);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body).toMatchObject({ title: 'Relocated', calling: { location: { id: DEMO_IDS.locations.headquarters } } });
  });

  it('leaver: a storm mid-flow (on the license removal, after the alternates are freed) removes once and deactivates once', async () => {
    storm('PATCH', '/licenses/users');
    const outcome = await run('Webex User Left', { email: DEMO_EMAILS.carol });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({
      status: 'COMPLETED',
      applied: [{ step: 'unassignAlternates', status: 'applied' }, { step: 'removeCallingLicense', status: 'applied' }, { step: 'deactivateUser', status: 'applied' }],
    });
    expect(statuses('PATCH', '/licenses/users')).toEqual([...Array<number>(STORM).fill(429), 200]);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body).toMatchObject({ loginEnabled: false, calling: { enabled: false } });
  });

  it('a Retry-After longer than one wait allows is waited in parts, and the step still runs once', async () => {
    storm('PUT', '/people/', 2, '3600');
    const outcome = await run('Webex User Moved', { email: DEMO_EMAILS.bob, profile: { department: 'Ops' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(statuses('PUT', '/people/')).toEqual([429, 429, 200]);
  });

  it('a storm that outlasts the wait budget fails the run as rate-limited, with the Retry-After, and applies nothing twice', async () => {
    storm('PUT', '/people/', Infinity);
    const outcome = await run('Webex User Moved', { email: DEMO_EMAILS.bob, profile: { department: 'Never' } });
    expect(outcome.status).toBe('FAILED');
    const failed = h.runtime.eventBus.published.find((e) => e.detailType === 'Webex Lifecycle Failed');
    expect(failed?.detail).toMatchObject({
      error: { code: 'WebexRateLimitedError', step: 'updateProfile', message: expect.stringMatching(/rate|429|too many/i) },
      applied: [expect.objectContaining({ step: 'updateProfile', status: 'failed' })],
    });
    // The first try and one more after each of the 10 waits.
    expect(statuses('PUT', '/people/')).toEqual(Array<number>(11).fill(429));
  });
});

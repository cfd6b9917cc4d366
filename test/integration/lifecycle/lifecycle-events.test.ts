import type { StateMachineId } from '../../../functions/lib/state-machines/definitions';
import { webexId } from '../../../functions/simulator/ids';
import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS, demoSeed } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

const { locations: LOC, licenses: L, people: P } = DEMO_IDS;
const enc = encodeURIComponent;

let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
const eventId = () => `7c1d2e3f-0000-4000-8000-${String(++seq).padStart(12, '0')}`;

const joined = (detail: Record<string, unknown>, id = eventId()) => ({ id, source: 'hr.system', 'detail-type': 'Webex User Joined', detail });
const left = (detail: Record<string, unknown>, id = eventId()) => ({ id, source: 'hr.system', 'detail-type': 'Webex User Left', detail });

async function send(event: unknown) {
  const res = await h.call('POST', '/events', event);
  return res;
}

async function outcome(stateMachine: StateMachineId, executionName: string) {
  const run = h.runtime.executions.outcome(stateMachine, executionName);
  if (!run) throw new Error(`no local execution ${executionName}`);
  return run;
}

const published = () => h.runtime.eventBus.published;

describe('POST /events (lifecycle router)', () => {
  it('validates the event: unknown detail-type, bad detail and missing id are 400s naming the field', async () => {
    const unknown = await send({ id: 'x1', source: 'hr', 'detail-type': 'Webex User Promoted', detail: {} });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].field).toBe('detail-type');
    const bad = await send(joined({ email: 'not-an-email', firstName: 'A', location: 'Headquarters' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.map((f: { field: string }) => f.field)).toContain('detail.email');
    const noName = await send(joined({ email: 'n@example.com', location: 'Headquarters' }));
    expect(noName.status).toBe(400);
    const noId = await send({ source: 'hr', 'detail-type': 'Webex User Left', detail: { email: 'a@example.com' } });
    expect(noId.status).toBe(400);
    expect(noId.body.error.fields[0].field).toBe('id');
    expect(h.webexCalls()).toHaveLength(0);
  });
});

describe('joiner', () => {
  it('creates the user, enables calling through the Enable Calling machine, and publishes Completed', async () => {
    const event = joined({ email: 'dana.new@example.com', firstName: 'Dana', lastName: 'New', department: 'Sales', title: 'AE', location: 'Headquarters', extension: '1400', autoAssignNumber: true });
    const res = await send(event);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'STARTED', stateMachine: 'Joiner', executionName: `joiner-${event.id}` });
    const run = await outcome('Joiner', res.body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({
      status: 'COMPLETED',
      origin: { eventId: event.id, source: 'hr.system', detailType: 'Webex User Joined' },
      email: 'dana.new@example.com',
      applied: [
        { step: 'createUser', status: 'applied' },
        { step: 'enableCalling', status: 'applied', detail: expect.stringMatching(/Headquarters, number \+1408555\d{4}, extension 1400/) },
      ],
    });
    expect(published()).toEqual([
      expect.objectContaining({ source: 'webex-provisioning.lifecycle', detailType: 'Webex Lifecycle Completed', eventBusName: 'local-lifecycle-bus', detail: run.output }),
    ]);
    const user = await h.call('GET', `/users/${enc('dana.new@example.com')}`);
    expect(user.body).toMatchObject({ department: 'Sales', title: 'AE', calling: { enabled: true, location: { id: LOC.headquarters }, extension: '1400' } });
    expect(h.webexCalls('POST', '/people')).toHaveLength(1);
    expect(h.webexCalls('PATCH', '/licenses/users')).toHaveLength(1);
  });

  it('a long event id (73 name characters) is hashed into a name that leaves room for the nested -calling execution', async () => {
    // `joiner-<73>` is 80 characters, its Enable Calling execution `…-calling` 88: StartExecution refuses it,
    // and so does the local runner now, after the user was created.
    const id = `hr-${'7'.repeat(70)}`;
    const res = await send(joined({ email: 'long.id@example.com', firstName: 'Long', location: 'Headquarters' }, id));
    expect(res.status).toBe(202);
    expect(res.body.executionName).toMatch(/^joiner-h[0-9a-f]{40}$/);
    const run = await outcome('Joiner', res.body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({ applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'applied' }] });
  });

  it('runs a redelivered event once: the same id is a duplicate, with no second execution or Webex write', async () => {
    const event = joined({ email: 'eve.twice@example.com', displayName: 'Eve Twice', location: 'Branch Office' });
    const first = await send(event);
    expect(first.status).toBe(202);
    await outcome('Joiner', first.body.executionName);
    const again = await send(event);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'DUPLICATE', executionName: first.body.executionName });
    await h.runtime.executions.settle();
    expect(h.webexCalls('POST', '/people')).toHaveLength(1);
    expect(h.webexCalls('PATCH', '/licenses/users')).toHaveLength(1);
    expect(published()).toHaveLength(1);
  });

  it('an existing user is not created again; a calling failure publishes Failed naming the nested error', async () => {
    // Carol already has calling in Branch Office: Enable Calling refuses another location (409).
    const event = joined({ email: DEMO_EMAILS.carol, firstName: 'Carol', location: 'Headquarters' });
    const res = await send(event);
    const run = await outcome('Joiner', res.body.executionName);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('CallingAlreadyEnabledError');
    const detail = JSON.parse(run.cause as string);
    expect(detail).toMatchObject({
      status: 'FAILED',
      userId: P.carol,
      applied: [
        { step: 'createUser', status: 'unchanged' },
        { step: 'enableCalling', status: 'failed' },
      ],
      error: { code: 'CallingAlreadyEnabledError', message: expect.stringContaining('Branch Office') },
    });
    expect(published()).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Failed', detail })]);
    expect(h.webexCalls('POST', '/people')).toHaveLength(0);
  });

  it('a Retry-After of 60 s in the nested Enable Calling is waited by the state machine: the joiner completes', async () => {
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 429, retryAfter: '60' });
    const run = await outcome('Joiner', (await send(joined({ email: 'patient.pat@example.com', firstName: 'Pat', location: 'Headquarters' }))).body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({ applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'applied' }] });
    expect(h.webexCalls('PATCH', '/licenses/users').map((r) => r.status)).toEqual([429, 200]);
  });

  it('rides out 5xx and 429 injected mid-flow', async () => {
    h.sim.faults.add({ match: { method: 'POST', path: '/people' }, kind: 'applyThenFail', status: 500 });
    h.sim.faults.add({ match: { method: 'GET', path: '/telephony/config/people/primary/availableNumbers' }, kind: 'status', status: 429, retryAfter: '0', times: 2 });
    h.sim.faults.add({ match: { method: 'GET', path: '/telephony/config/numbers' }, kind: 'status', status: 503, times: 2 });
    const res = await send(joined({ email: 'faulty.fred@example.com', firstName: 'Fred', location: 'Headquarters' }));
    const run = await outcome('Joiner', res.body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({ applied: [{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'applied' }] });
    const people = await h.call('GET', `/users/${enc('faulty.fred@example.com')}`);
    expect(people.body.calling.enabled).toBe(true);
    // The POST applied before its 500 was recognised, not sent again.
    expect(h.webexCalls('POST', '/people').filter((r) => r.status < 300 || r.status === 500)).toHaveLength(1);
  });
});

describe('leaver', () => {
  it('returns alternates to the pool, removes the calling license, and deactivates by default (read-modify-write)', async () => {
    const event = left({ email: DEMO_EMAILS.carol });
    const res = await send(event);
    expect(res.status).toBe(202);
    const run = await outcome('Leaver', res.body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({
      status: 'COMPLETED',
      userId: P.carol,
      applied: [
        { step: 'unassignAlternates', status: 'applied', detail: expect.stringContaining(DEMO_NUMBERS.carolAlternate) },
        { step: 'removeCallingLicense', status: 'applied', detail: expect.stringContaining(DEMO_NUMBERS.carolPrimary) },
        { step: 'deactivateUser', status: 'applied' },
      ],
    });
    expect(h.webexCalls('PATCH', '/licenses/users').map((r) => r.body)).toEqual([
      { personId: P.carol, licenses: [{ id: expect.any(String), operation: 'remove' }] },
    ]);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.status).toBe(200);
    expect(user.body).toMatchObject({ loginEnabled: false, calling: { enabled: false } });
    expect(user.body.licenses.map((l: { id: string }) => l.id)).not.toContain(L.callingProfessional);
    // Non-calling licenses survive the read-modify-write.
    const numbers = await h.call('GET', `/numbers?location=${enc('Branch Office')}`);
    const byNumber = Object.fromEntries(numbers.body.items.map((n: { phoneNumber: string; owner?: unknown }) => [n.phoneNumber, n]));
    expect(byNumber[DEMO_NUMBERS.carolPrimary].owner).toBeUndefined();
    expect(byNumber[DEMO_NUMBERS.carolAlternate].owner).toBeUndefined();
    expect(published()).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Completed' })]);
  });

  it('deletes when the event says so', async () => {
    const res = await send(left({ email: DEMO_EMAILS.carol, policy: 'delete' }));
    const run = await outcome('Leaver', res.body.executionName);
    expect(run.output).toMatchObject({ applied: [{ step: 'unassignAlternates' }, { step: 'removeCallingLicense' }, { step: 'deleteUser', status: 'applied' }] });
    expect((await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`)).status).toBe(404);
  });

  it('removeCalling: frees the numbers and the calling license and keeps the user active', async () => {
    const res = await send(left({ email: DEMO_EMAILS.carol, policy: 'removeCalling' }));
    const run = await outcome('Leaver', res.body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({
      status: 'COMPLETED',
      applied: [
        { step: 'unassignAlternates', status: 'applied', detail: expect.stringContaining(DEMO_NUMBERS.carolAlternate) },
        { step: 'removeCallingLicense', status: 'applied', detail: expect.stringContaining(DEMO_NUMBERS.carolPrimary) },
        { step: 'keepUser', status: 'unchanged', detail: expect.stringMatching(/stays active, without calling/) },
      ],
    });
    // Nothing but the numbers and the license was written: no PUT /people, no DELETE.
    expect(h.webexCalls('PUT', '/people/')).toHaveLength(0);
    expect(h.webexCalls('DELETE', '/people/')).toHaveLength(0);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.status).toBe(200);
    expect(user.body.loginEnabled).not.toBe(false);
    expect(user.body.calling).toMatchObject({ enabled: false });
    expect(user.body.licenses.map((l: { id: string }) => l.id)).not.toContain(L.callingProfessional);
    expect(h.sim.state.people.get(P.carol)?.licenses).toEqual([]);
    const numbers = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}/numbers`);
    expect(numbers.body.phoneNumbers ?? []).toEqual([]);
    const pool = await h.call('GET', `/numbers?location=${enc('Branch Office')}`);
    const byNumber = Object.fromEntries(pool.body.items.map((n: { phoneNumber: string; owner?: unknown }) => [n.phoneNumber, n]));
    expect(byNumber[DEMO_NUMBERS.carolPrimary]).toMatchObject({ phoneNumber: DEMO_NUMBERS.carolPrimary });
    expect(byNumber[DEMO_NUMBERS.carolPrimary].owner).toBeUndefined();
    expect(byNumber[DEMO_NUMBERS.carolAlternate].owner).toBeUndefined();
  });

  it('removeCalling reads the user back: a user Webex still shows with a calling location and extension ends in Failed', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: `/people/${P.carol}` }, kind: 'status', status: 200, times: Infinity,
      body: { id: P.carol, emails: [DEMO_EMAILS.carol], displayName: 'Carol Calling', licenses: [], locationId: LOC.branchOffice, extension: '2001', loginEnabled: true } });
    const run = await outcome('Leaver', (await send(left({ email: DEMO_EMAILS.carol, policy: 'removeCalling' }))).body.executionName);
    expect(run.status).toBe('FAILED');
    expect(JSON.parse(run.cause as string)).toMatchObject({
      applied: expect.arrayContaining([{ step: 'keepUser', status: 'failed', detail: expect.stringMatching(/ChangeNotAppliedError: .*still shows a calling location, extension 2001/) }]),
    });
  });

  it('a user already gone is a success with a note, and nothing is written', async () => {
    const res = await send(left({ email: 'long.gone@example.com', policy: 'delete' }));
    const run = await outcome('Leaver', res.body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({ status: 'COMPLETED', applied: [], note: expect.stringMatching(/already gone/) });
    expect(h.webexCalls().filter((r) => r.method !== 'GET')).toHaveLength(0);
    expect(published()).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Completed' })]);
  });

  it('reports changes Webex applied before answering with an error, which the retried steps then find done', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/telephony/config/people/' }, kind: 'applyThenFail', status: 500 });
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'applyThenFail', status: 500 });
    const run = await outcome('Leaver', (await send(left({ email: DEMO_EMAILS.carol }))).body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({
      applied: [
        { step: 'unassignAlternates', status: 'applied', detail: expect.stringContaining(DEMO_NUMBERS.carolAlternate) },
        { step: 'removeCallingLicense', status: 'applied', detail: expect.stringContaining(DEMO_NUMBERS.carolPrimary) },
        { step: 'deactivateUser', status: 'applied' },
      ],
    });
    // Each write was sent once: the retries found it done.
    expect(h.webexCalls('PUT', '/telephony/config/people/')).toHaveLength(1);
    expect(h.webexCalls('PATCH', '/licenses/users')).toHaveLength(1);
  });

  it('reads the license removal back: a removal Webex answers but does not apply ends in Failed saying what is still in place', async () => {
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 200, body: { personId: P.carol, licenses: [] } });
    const run = await outcome('Leaver', (await send(left({ email: DEMO_EMAILS.carol }))).body.executionName);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('ChangeNotAppliedError');
    expect(JSON.parse(run.cause as string)).toMatchObject({
      applied: [{ step: 'unassignAlternates', status: 'applied' }, { step: 'removeCallingLicense', status: 'failed' }],
      error: { message: expect.stringMatching(new RegExp(`still shows Webex Calling - Basic assigned \\(\\${DEMO_NUMBERS.carolPrimary}, extension 2001 still in place\\)`)) },
    });
  });

  it('reads the deactivation back: a PUT Webex answers but does not apply ends in Failed', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/people/' }, kind: 'status', status: 200, body: { id: P.carol, emails: [DEMO_EMAILS.carol] } });
    const run = await outcome('Leaver', (await send(left({ email: DEMO_EMAILS.carol }))).body.executionName);
    expect(run.status).toBe('FAILED');
    expect(JSON.parse(run.cause as string)).toMatchObject({
      applied: [{ step: 'unassignAlternates' }, { step: 'removeCallingLicense', status: 'applied' }, { step: 'deactivateUser', status: 'failed' }],
      error: { code: 'ChangeNotAppliedError', message: expect.stringContaining('still shows the user able to sign in') },
    });
  });

  it('removes Customer Experience - Essential, which Webex treats as a calling license', async () => {
    const seed = demoSeed();
    const cx = webexId('LICENSE', 'cx-essential');
    seed.licenses.push({ id: cx, name: 'Customer Experience - Essential', totalUnits: 5, calling: true });
    seed.people.find((p) => p.id === P.carol)!.licenses = [cx];
    h.sim.reset(seed);
    const run = await outcome('Leaver', (await send(left({ email: DEMO_EMAILS.carol }))).body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(h.webexCalls('PATCH', '/licenses/users').map((r) => r.body)).toEqual([{ personId: P.carol, licenses: [{ id: cx, operation: 'remove' }] }]);
    expect(h.sim.state.people.get(P.carol)?.licenses).toEqual([]);
  });

  it('a Retry-After longer than a request may wait (60 s, what Cisco\'s demo sends) is handed to the state machine, never fails the user', async () => {
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 429, retryAfter: '60' });
    h.sim.faults.add({ match: { method: 'PUT', path: '/telephony/config/people/' }, kind: 'status', status: 429, retryAfter: '60' });
    const run = await outcome('Leaver', (await send(left({ email: DEMO_EMAILS.carol, policy: 'removeCalling' }))).body.executionName);
    expect(run.status).toBe('SUCCEEDED');
    expect(run.output).toMatchObject({ applied: [{ step: 'unassignAlternates', status: 'applied' }, { step: 'removeCallingLicense', status: 'applied' }, { step: 'keepUser' }] });
    // Each 429 was answered once, not slept through by the client (its budget is shorter) nor retried within the step.
    expect(h.webexCalls('PATCH', '/licenses/users').map((r) => r.status)).toEqual([429, 200]);
    expect(h.webexCalls('PUT', '/telephony/config/people/').map((r) => r.status)).toEqual([429, 204]);
  });

  it('a fault that outlasts the retries ends in Failed naming the step and what was applied before it', async () => {
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 500, times: Infinity });
    const res = await send(left({ email: DEMO_EMAILS.carol }));
    const run = await outcome('Leaver', res.body.executionName);
    expect(run.status).toBe('FAILED');
    expect(run.error).toBe('WebexServerError');
    expect(JSON.parse(run.cause as string)).toMatchObject({
      status: 'FAILED',
      applied: [{ step: 'unassignAlternates', status: 'applied' }, { step: 'removeCallingLicense', status: 'failed' }],
      error: { code: 'WebexServerError' },
    });
    expect(published()).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Failed' })]);
  });
});

import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';

const enc = encodeURIComponent;
const JOBS = '/telephony/config/jobs/person/moveLocation';

let h: Harness;
useLifecycleHarness((harness) => (h = harness));

let seq = 0;
const moved = (detail: Record<string, unknown>) => ({
  id: `5b2a1c3d-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
  source: 'hr.system',
  'detail-type': 'Webex User Moved',
  detail,
});

async function run(detail: Record<string, unknown>) {
  const event = moved(detail);
  const res = await h.call('POST', '/events', event);
  expect(res.status).toBe(202);
  expect(res.body).toMatchObject({ stateMachine: 'Mover', executionName: `mover-${event.id}` });
  const pending = h.runtime.executions.outcome('Mover', res.body.executionName);
  if (!pending) throw new Error('no execution');
  const outcome = await pending;
  return { event, outcome };
}

const owner = async (phoneNumber: string) => {
  const res = await h.call('GET', `/numbers?location=${enc('Branch Office')}`);
  return res.body.items?.find((n: { phoneNumber: string }) => n.phoneNumber === phoneNumber);
};

describe('mover', () => {
  it('updates the profile only, keeping licenses and calling, and publishes Completed', async () => {
    const before = await h.call('GET', `/users/${enc(DEMO_EMAILS.alice)}`);
    const { outcome } = await run({ email: DEMO_EMAILS.alice, profile: { title: 'CIO', department: 'Leadership' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({ status: 'COMPLETED', applied: [{ step: 'updateProfile', status: 'applied', detail: 'changed department, title' }] });
    const after = await h.call('GET', `/users/${enc(DEMO_EMAILS.alice)}`);
    expect(after.body).toMatchObject({ title: 'CIO', department: 'Leadership', calling: before.body.calling, licenses: before.body.licenses });
    expect(h.webexCalls('POST', JOBS)).toHaveLength(0);
    expect(h.runtime.eventBus.published).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Completed' })]);
  });

  it('a profile update Webex applies but keeps answering 500 to is reported as applied, not as a failure to redo', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/people/' }, kind: 'applyThenFail', status: 500, times: Infinity });
    const { outcome } = await run({ email: DEMO_EMAILS.bob, profile: { title: 'Site Lead' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({
      status: 'COMPLETED',
      applied: [{ step: 'updateProfile', status: 'applied', detail: 'changed title; Webex answered the update with an error, but shows it applied' }],
    });
    expect((await h.call('GET', `/users/${enc(DEMO_EMAILS.bob)}`)).body.title).toBe('Site Lead');
  });

  it('a profile update Webex never applies still fails, and says so', async () => {
    h.sim.faults.add({ match: { method: 'PUT', path: '/people/' }, kind: 'status', status: 500, times: Infinity });
    const { outcome } = await run({ email: DEMO_EMAILS.bob, profile: { title: 'Never' } });
    expect(outcome.status).toBe('FAILED');
    expect(h.runtime.eventBus.published).toEqual([expect.objectContaining({ detailType: 'Webex Lifecycle Failed' })]);
    expect((await h.call('GET', `/users/${enc(DEMO_EMAILS.bob)}`)).body.title).not.toBe('Never');
  });

  it("moves the location with Webex's move-users job onto a number from the new pool, then updates the profile", async () => {
    const { outcome } = await run({ email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { title: 'Relocated' } });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({
      status: 'COMPLETED',
      userId: DEMO_IDS.people.carol,
      applied: [
        { step: 'moveLocation', status: 'applied', detail: expect.stringMatching(/Headquarters, number \+1408555\d{4}, extension 2001/) },
        { step: 'updateProfile', status: 'applied' },
      ],
    });
    // Dry runs first (can her number travel? Not from non-integrated CCP: a new one; then the move's own), then the job.
    expect(h.webexCalls('POST', JOBS).map((r) => (r.body as { usersList: { validate: boolean }[] }).usersList[0].validate)).toEqual([true, true, false]);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body).toMatchObject({ title: 'Relocated', calling: { enabled: true, location: { id: DEMO_IDS.locations.headquarters }, extension: '2001' } });
    // The old number is back in the Branch Office pool now that the job has completed.
    const old = await owner(DEMO_NUMBERS.carolPrimary);
    expect(old).toBeDefined();
    expect(old.owner).toBeUndefined();
  });

  it('keeps the user\'s number when Webex can move it (Cisco PSTN to Cisco PSTN, one country), even with the new pool empty', async () => {
    // Numbers travel only between locations with the same PSTN type, provider and country (webex-numbers.yml).
    h.sim.state.locations.get(DEMO_IDS.locations.branchOffice)!.pstn = 'CISCO_PSTN';
    h.sim.state.locations.get(DEMO_IDS.locations.headquarters)!.pstn = 'CISCO_PSTN';
    for (const [key, n] of h.sim.state.numbers) {
      if (n.locationId === DEMO_IDS.locations.headquarters && !n.owner && n.phoneNumber !== DEMO_NUMBERS.headquartersMain) h.sim.state.numbers.delete(key);
    }
    const { outcome } = await run({ email: DEMO_EMAILS.carol, location: 'Headquarters' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect(outcome.output).toMatchObject({
      applied: [{ step: 'moveLocation', status: 'applied', detail: expect.stringMatching(new RegExp(`number \\${DEMO_NUMBERS.carolPrimary}.*keeps number`)) }, { step: 'updateProfile' }],
    });
    // No number named to Webex: it moves the current one.
    const start = h.webexCalls('POST', JOBS).find((r) => !(r.body as { usersList: { validate: boolean }[] }).usersList[0].validate);
    expect((start?.body as { usersList: { users: Record<string, string>[] }[] }).usersList[0].users[0].phoneNumber).toBeUndefined();
    expect(h.sim.state.primaryNumberOf(DEMO_IDS.people.carol)).toMatchObject({ phoneNumber: DEMO_NUMBERS.carolPrimary, locationId: DEMO_IDS.locations.headquarters });
  });

  it('says so when the number cannot travel (non-integrated CCP) and a new one is assigned', async () => {
    const { outcome } = await run({ email: DEMO_EMAILS.carol, location: 'Headquarters' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect((outcome.output as { applied: { detail: string }[] }).applied[0].detail).toMatch(new RegExp(`\\${DEMO_NUMBERS.carolPrimary} cannot move to "Headquarters".*10050010.*assigned \\+1408555\\d{4} instead`));
  });

  it('moves a user who has a number and no extension (what a reconciliation plan creates)', async () => {
    const carol = h.sim.state.people.get(DEMO_IDS.people.carol);
    if (carol?.calling) delete carol.calling.extension;
    const { outcome } = await run({ email: DEMO_EMAILS.carol, location: 'Headquarters' });
    expect(outcome.status).toBe('SUCCEEDED');
    expect((outcome.output as { applied: { detail: string }[] }).applied[0].detail).toMatch(/cannot move to "Headquarters".*10050010.*assigned \+1408555\d{4} instead/);
    expect(h.sim.state.people.get(DEMO_IDS.people.carol)?.calling).toEqual({ locationId: DEMO_IDS.locations.headquarters });
    expect(h.sim.state.primaryNumberOf(DEMO_IDS.people.carol)?.phoneNumber).toMatch(/^\+1408555/);
  });

  it('fails before changing anything when the new location has no free number', async () => {
    // Headquarters' pool runs dry: only its main number and assigned numbers remain.
    for (const [key, n] of h.sim.state.numbers) {
      if (n.locationId === DEMO_IDS.locations.headquarters && !n.owner && n.phoneNumber !== DEMO_NUMBERS.headquartersMain) h.sim.state.numbers.delete(key);
    }
    const { outcome } = await run({ email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { title: 'Should not apply' } });
    expect(outcome.status).toBe('FAILED');
    const failed = h.runtime.eventBus.published.find((e) => e.detailType === 'Webex Lifecycle Failed');
    expect(failed?.detail).toMatchObject({ status: 'FAILED', applied: [expect.objectContaining({ step: 'moveLocation', status: 'failed' })] });
    // The execution fails with the published detail as its Cause (its Fail state), and no output.
    expect(outcome.output).toBeUndefined();
    expect(JSON.parse(outcome.cause ?? 'null')).toEqual(failed?.detail);
    const user = await h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}`);
    expect(user.body.title).not.toBe('Should not apply');
    expect(user.body.calling.location.id).toBe(DEMO_IDS.locations.branchOffice);
    expect(h.webexCalls('POST', JOBS).filter((r) => (r.body as { usersList: { validate: boolean }[] }).usersList[0].validate === false)).toHaveLength(0);
  });

  it('runs a redelivered event once', async () => {
    const event = moved({ email: DEMO_EMAILS.bob, profile: { department: 'Ops' } });
    expect((await h.call('POST', '/events', event)).status).toBe(202);
    await h.runtime.executions.settle();
    const again = await h.call('POST', '/events', event);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('DUPLICATE');
    expect(h.webexCalls('PUT', '/people')).toHaveLength(1);
  });

  it('fails clearly for an unknown user', async () => {
    const { outcome } = await run({ email: 'ghost@example.com', profile: { title: 'x' } });
    expect(outcome.status).toBe('FAILED');
    const failed = h.runtime.eventBus.published.find((e) => e.detailType === 'Webex Lifecycle Failed');
    expect(failed?.detail).toMatchObject({ error: { code: 'NotFoundError' }, applied: [expect.objectContaining({ step: 'findUser', status: 'failed' })] });
  });
});

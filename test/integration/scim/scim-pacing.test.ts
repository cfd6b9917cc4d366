import { CREATE_USER_WEBEX_REQUESTS } from '../../../functions/lib/scim/apply-steps';
import { JOINER_WEBEX_REQUESTS } from '../../../functions/lib/bulk/pacing';
import { DEMO_IDS } from '../../../functions/simulator/seed';
import { startHarness, type Harness } from '../../support/harness';
import { scimRequest } from '../../support/scim';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PRODUCT = 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User';

/**
 * The SCIM apply and the deployment's shared pacing budget (the activity table's PACE# item), on the real ASL in the
 * local runtime: each action draws its Webex requests before it runs (Pace, WaitForSlot), and every 429 Webex
 * answers an apply is reported to the same budget the bulk machines draw from.
 */
describe('SCIM apply: paced by the shared Webex budget', () => {
  let h: Harness;
  afterEach(async () => {
    await h.runtime.executions.settle();
    await h.close();
  });

  const scim = (method: string, path: string, body?: unknown) => scimRequest(h, method, path, body);
  const granted = async () => (await h.runtime.activityTable.paceStore.read())?.state?.granted ?? 0;

  it('each action draws its requests before it runs: a create-only user what the create makes, a user with calling a joiner\'s', async () => {
    h = await startHarness();
    await h.call('GET', `/users/${DEMO_IDS.people.alice}`); // the reference data (licences) read once, as a warm function has it
    h.sim.requests.length = 0;
    const plain = await scim('POST', '/scim/v2/Users', { schemas: [USER], userName: 'pia.plain@example.com', displayName: 'Pia Plain' });
    expect(plain.status).toBe(201);
    await h.runtime.executions.settle();
    expect(await granted()).toBe(CREATE_USER_WEBEX_REQUESTS);
    // What the create-user action was paced for is what it sent.
    expect(h.webexCalls().length).toBe(CREATE_USER_WEBEX_REQUESTS);

    await scim('POST', '/scim/v2/Users', { schemas: [USER, PRODUCT], userName: 'carl.calling@example.com', displayName: 'Carl Calling', [PRODUCT]: { callingLocation: 'Headquarters', extension: '7101' } });
    await h.runtime.executions.settle();
    expect(await granted()).toBe(CREATE_USER_WEBEX_REQUESTS + JOINER_WEBEX_REQUESTS);
    const applied = await scim('GET', `/scim/v2/Users?filter=${encodeURIComponent('userName eq "carl.calling@example.com"')}`);
    expect(applied.body.Resources[0][PRODUCT].callingStatus).toBe('applied');
  });

  it('a 429 storm on an apply is reported to the shared budget, and every user is still created once with calling', async () => {
    h = await startHarness();
    h.sim.state.licenses.get(DEMO_IDS.licenses.callingProfessional)!.totalUnits = 1000;
    // Webex's People API answers 429 with Retry-After (Cisco's own demo value) to the applies' look-ups.
    h.sim.faults.add({ kind: 'status', status: 429, retryAfter: '60', match: { method: 'GET', path: /^\/people$/ }, skip: 1, times: 4 });
    const emails = Array.from({ length: 4 }, (_, i) => `storm.${i}@example.com`);
    for (const [i, email] of emails.entries()) {
      const res = await scim('POST', '/scim/v2/Users', { schemas: [USER, PRODUCT], userName: email, displayName: `Storm ${i}`, [PRODUCT]: { callingLocation: 'Headquarters', extension: String(7200 + i) } });
      expect(res.status).toBe(201);
    }
    await h.runtime.executions.settle();
    const rateLimited = h.webexCalls().filter((r) => r.status === 429).length;
    expect(rateLimited).toBe(4);
    expect((await h.runtime.deps.pacing().view()).rateLimited).toBe(rateLimited);
    const creates = h.webexCalls('POST', '/people').filter((r) => r.status < 300).map((r) => (r.body as { emails: string[] }).emails[0]);
    expect(creates.sort()).toEqual(emails);
    for (const email of emails) {
      const person = [...h.sim.state.people.values()].find((p) => p.emails.includes(email));
      expect({ email, calling: person?.calling !== undefined }).toEqual({ email, calling: true });
    }
  });
});

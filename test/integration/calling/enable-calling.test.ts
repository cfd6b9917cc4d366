import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalRuntime } from '../../../functions/local/local-runtime';
import type { EnableCallingInput } from '../../../functions/lib/schemas/calling';
import { toStepError } from '../../../functions/lib/workflows/step-error';
import { enableCalling } from '../../../functions/lib/workflows/calling/enable-calling';
import { WebexApiError } from '../../../functions/lib/webex/errors';
import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS, demoSeed } from '../../../functions/simulator/seed';
import { runEnableCallingWith, stepStatuses } from '../../support/enable-calling';
import { startHarness, type Harness } from '../../support/harness';

const { people: P, locations: LOC, licenses: L } = DEMO_IDS;
const enc = encodeURIComponent;
const BOB = DEMO_EMAILS.bob;
const calling = (user: string) => `/users/${enc(user)}/calling`;
const HQ_FREE = '+14085550105';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const patches = () => h.webexCalls('PATCH', '/licenses/users');

const runWith = (input: EnableCallingInput, before: (step: string) => void | Promise<void>) => runEnableCallingWith(input, before, 'test-execution');

describe('POST /users/{user}/calling (Enable Webex Calling for User)', () => {
  it('assigns license, location, number and extension in one PATCH, reads them back, and names the execution', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: HQ_FREE, extension: '1234' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'SUCCEEDED',
      executionName: expect.stringMatching(/^enable-calling-[A-Za-z0-9_-]+$/),
      changed: true,
      user: {
        id: P.bob,
        email: BOB,
        calling: {
          enabled: true,
          location: { id: LOC.headquarters, name: 'Headquarters' },
          primaryNumber: HQ_FREE,
          extension: '1234',
          esn: '80011234',
          license: { id: L.callingProfessional, name: 'Webex Calling - Professional' },
        },
      },
    });
    expect(stepStatuses(res.body)).toEqual({
      resolveUser: 'completed', resolveLocation: 'completed', checkCurrentCalling: 'completed', resolveLicense: 'completed',
      chooseNumber: 'completed', assignLicense: 'applied', verifyCalling: 'completed',
    });
    expect(patches().map((r) => r.body)).toEqual([
      {
        personId: P.bob,
        licenses: [{ id: L.callingProfessional, operation: 'add', properties: { locationId: LOC.headquarters, phoneNumber: HQ_FREE, extension: '1234' } }],
      },
    ]);
    expect(h.webexCalls('GET', `/people/${P.bob}/features/numbers`)[0].query).toEqual({ preferE164Format: 'true' });
    const user = await h.call('GET', `/users/${enc(BOB)}`);
    expect(user.body.calling).toMatchObject({ enabled: true, primaryNumber: HQ_FREE, extension: '1234' });
  });

  it('picks the first available number of the location (never its main number), by location id', async () => {
    const res = await h.call('POST', calling(P.bob), { location: LOC.branchOffice, autoAssignNumber: true });
    expect(res.status).toBe(200);
    // +12125550100 is Branch Office's main number, 101 and 102 are Carol's.
    expect(res.body.user.calling).toMatchObject({ location: { name: 'Branch Office' }, primaryNumber: '+12125550103' });
    // The location the request named by id, as resolved: its name too.
    expect(res.body.location).toEqual({ id: LOC.branchOffice, name: 'Branch Office' });
    expect(res.body.steps.find((s: { name: string }) => s.name === 'chooseNumber').detail).toMatch(/first available/);
    const candidates = h.webexCalls('GET', '/telephony/config/people/primary/availableNumbers')[0];
    expect(candidates.query).toMatchObject({ locationId: LOC.branchOffice, licenseType: 'Webex Calling Professional' });
  });

  it('auto-assigns an ACTIVE standard number: never an inactive, mobile, service or reserved candidate Webex offers first', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', autoAssignNumber: true });
    expect(res.status).toBe(200);
    // Webex lists +14085550001 (inactive), 0002 (mobile), 0003 (service) and 0004 (reserved) before the pool; 0100 is the main number, 0101 Alice's.
    const offered = h.webexCalls('GET', '/telephony/config/people/primary/availableNumbers');
    expect(offered).toHaveLength(1);
    expect(res.body.user.calling.primaryNumber).toBe('+14085550102');
  });

  it('warns in the answer, without refusing, about a name Cisco\'s help says Webex Calling does not take (over 30 characters, or % # < > \\ / ")', async () => {
    const bob = h.sim.state.people.get(P.bob)!;
    bob.firstName = 'Bartholomew-Maximilian-Alexander';
    bob.lastName = 'Builder #2';
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', autoAssignNumber: true });
    expect(res.status).toBe(200);
    const detail = res.body.steps.find((s: { name: string }) => s.name === 'resolveUser').detail;
    expect(detail).toMatch(/warning: firstName has 32 characters, lastName contains one of % # < > \\ \/ "; Cisco's help limits/);
  });

  it('answers 409 for a reserved number named in the request, sending no write', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: DEMO_NUMBERS.headquartersReserved });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NumberTakenError', message: expect.stringContaining(`${DEMO_NUMBERS.headquartersReserved} is reserved`) });
    expect(patches()).toHaveLength(0);
  });

  it('answers 422 naming a location that is not enabled for Webex Calling, sending no write', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'Warehouse', autoAssignNumber: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'NotCallingLocationError', message: expect.stringContaining('"Warehouse"') });
    expect(stepStatuses(res.body)).toMatchObject({ resolveLocation: 'failed' });
    expect(patches()).toHaveLength(0);
  });

  it.each([
    ['a call park extension (Webex 9495)', '1900', 409, 'ExtensionTakenError', /call park/],
    ['an emergency number (Webex 4911)', '911', 400, 'ValidationError', /emergency/],
  ])('refuses %s found by Webex\'s Validate Extensions, sending no write', async (_, extension, status, code, words) => {
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', extension });
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, message: expect.stringMatching(words) });
    if (status === 400) expect(res.body.error.fields).toEqual([expect.objectContaining({ field: 'extension' })]);
    expect(h.webexCalls('POST', `/telephony/config/locations/${LOC.headquarters}/actions/validateExtensions/invoke`)).toHaveLength(1);
    expect(patches()).toHaveLength(0);
  });

  it('uses another calling license by name, and an extension alone', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'headquarters', extension: '1500', license: 'Webex Calling Basic' });
    expect(res.status).toBe(200);
    expect(res.body.user.calling).toMatchObject({ extension: '1500', license: { id: L.callingBasic } });
    expect(res.body.user.calling.primaryNumber).toBeUndefined();
  });

  it('answers 200 with changed: false and sends no write when the user already has that location and number', async () => {
    const res = await h.call('POST', calling(DEMO_EMAILS.carol), { location: 'Branch Office', phoneNumber: DEMO_NUMBERS.carolPrimary });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'SUCCEEDED', changed: false,
      user: { calling: { location: { id: LOC.branchOffice, name: 'Branch Office' }, primaryNumber: DEMO_NUMBERS.carolPrimary, extension: '2001', esn: '80022001' } },
    });
    expect(stepStatuses(res.body)).toMatchObject({ resolveLicense: 'skipped', chooseNumber: 'skipped', assignLicense: 'skipped', verifyCalling: 'completed' });
    expect(patches()).toHaveLength(0);
    // Nothing was written: the read that found the setup is the answer, with no read-back (reference data aside, which is cached).
    expect(h.webexCalls().filter((r) => !/^\/(locations|licenses|telephony\/config\/locations)\b/.test(r.path)).map((r) => `${r.method} ${r.path}`)).toEqual(['GET /people', `GET /people/${P.carol}`]);
  });

  it('answers 409 when the user has calling in another location, naming it', async () => {
    const res = await h.call('POST', calling(DEMO_EMAILS.carol), { location: 'Headquarters', autoAssignNumber: true });
    expect(res.status).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'CallingAlreadyEnabledError', message: expect.stringContaining('Branch Office') });
    expect(res.body.error.message).toMatch(/move-users job/);
    expect(stepStatuses(res.body)).toMatchObject({ checkCurrentCalling: 'failed', assignLicense: 'not-run' });
    expect(res.body.remaining).toBeNull();
    expect(patches()).toHaveLength(0);
  });

  it('answers 409 for a number someone holds and 422 for a number of another location, sending no write', async () => {
    const taken = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: DEMO_NUMBERS.alicePrimary });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({ code: 'NumberTakenError', message: expect.stringContaining('Alice Admin') });
    const elsewhere = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: '+12125550105' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.body.error).toMatchObject({ code: 'NumberNotInLocationError', message: expect.stringContaining('Branch Office') });
    const unknown = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: '+19995550100' });
    expect(unknown.status).toBe(422);
    const ext = await h.call('POST', calling(BOB), { location: 'Headquarters', extension: '1001' });
    expect(ext.status).toBe(409);
    expect(ext.body.error.code).toBe('ExtensionTakenError');
    expect(patches()).toHaveLength(0);
  });

  it('reports a number taken between the check and the assignment as 409, with nothing left behind', async () => {
    const res = await runWith({ user: BOB, location: 'Headquarters', phoneNumber: HQ_FREE }, (step) => {
      if (step === 'assignLicense' && !h.sim.state.numbers.get(HQ_FREE)?.owner) {
        h.sim.state.assignNumber(HQ_FREE, { personId: P.alice, kind: 'ALTERNATE' });
      }
    });
    expect(res.httpStatus).toBe(409);
    expect(res.body.error).toMatchObject({ code: 'NumberTakenError' });
    expect(stepStatuses(res.body)).toMatchObject({ chooseNumber: 'completed', assignLicense: 'failed', verifyCalling: 'not-run' });
    expect(res.body.compensation).toMatchObject({ action: 'none' });
    expect(res.body.remaining).toBeNull();
    expect(patches().map((r) => r.status)).toEqual([400]);
    expect(h.sim.state.people.get(P.bob)?.calling).toBeUndefined();
  });

  it('answers 422 when the location has no number left to pick', async () => {
    h.sim.state.assignNumber('+13125550101', { personId: P.alice, kind: 'ALTERNATE' });
    const res = await h.call('POST', calling(BOB), { location: 'Partner Hub', autoAssignNumber: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'NoNumberAvailableError', message: expect.stringContaining('Partner Hub') });
    expect(patches()).toHaveLength(0);
  });

  it('treats a 206 whose licenses lack the calling license as not applied (422), leaving nothing behind', async () => {
    h.sim.faults.add({
      match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 206,
      body: { orgId: DEMO_IDS.orgId, personId: P.bob, licenses: [L.messaging, L.meetingsEnterprise] },
    });
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', extension: '1500' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'LicenseNotAppliedError', message: expect.stringContaining('206') });
    expect(stepStatuses(res.body)).toMatchObject({ assignLicense: 'failed', verifyCalling: 'not-run' });
    expect(res.body.compensation).toMatchObject({ action: 'none' });
    expect(res.body.remaining).toBeNull();
  });

  it('answers 422 when no unit of the calling license is left, before touching numbers', async () => {
    const seed = demoSeed();
    seed.licenses.find((l) => l.id === L.callingProfessional)!.totalUnits = 1; // Alice holds it
    h.sim.reset(seed);
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', autoAssignNumber: true });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'NoLicenseUnitsError', message: expect.stringContaining('Webex Calling - Professional') });
    expect(stepStatuses(res.body)).toMatchObject({ resolveLicense: 'failed', chooseNumber: 'not-run' });
    expect(h.webexCalls('GET', '/telephony/config/numbers')).toHaveLength(0);
    expect(h.webexCalls('GET', '/telephony/config/people')).toHaveLength(0);
    expect(patches()).toHaveLength(0);
  });

  it('answers 422 for a license the org does not have, listing the calling licenses it has', async () => {
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', extension: '1500', license: 'Webex Calling - Enterprise' });
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'LicenseNotFoundError', message: expect.stringContaining('Webex Calling - Basic') });
  });

  it('answers 404 for an unknown user or location', async () => {
    const user = await h.call('POST', calling('nobody@example.com'), { location: 'Headquarters', extension: '1500' });
    expect(user.status).toBe(404);
    expect(stepStatuses(user.body)).toMatchObject({ resolveUser: 'failed', resolveLocation: 'not-run' });
    const location = await h.call('POST', calling(BOB), { location: 'Atlantis', extension: '1500' });
    expect(location.status).toBe(404);
    expect(location.body.error.message).toMatch(/Atlantis/);
  });

  it('finishes through a 429 storm, waiting as Webex asks, without sending anything twice', async () => {
    // Every request is refused 12 times: the client gives up after 5, the state machine waits and resumes.
    h.sim.faults.add({ kind: 'status', status: 429, retryAfter: '0', times: 12 });
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: HQ_FREE });
    expect(res.status).toBe(200);
    expect(res.body.user.calling.primaryNumber).toBe(HQ_FREE);
    expect(h.webexCalls().filter((r) => r.status === 429)).toHaveLength(12);
    expect(patches().filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('ends a rate-limit storm that outlasts its waits in a 429 with Retry-After, naming the step', async () => {
    h.sim.faults.add({ match: { path: '/licenses' }, kind: 'status', status: 429, retryAfter: '0', times: Infinity });
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', extension: '1500' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('0');
    expect(res.body.error).toMatchObject({ code: 'WebexRateLimitedError', webexStatus: 429 });
    expect(stepStatuses(res.body)).toMatchObject({ resolveLicense: 'failed', assignLicense: 'not-run' });
    // 1 try + 3 waits, 5 client attempts each.
    expect(h.webexCalls('GET', '/licenses')).toHaveLength(20);
  });

  it('answers 429 at once when Webex asks for a wait longer than a request should be held', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: '/licenses' }, kind: 'status', status: 429, retryAfter: '120', times: Infinity });
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', extension: '1500' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('120');
    expect(h.webexCalls('GET', '/licenses')).toHaveLength(1);
  });

  it('waits for Webex during the undo too', async () => {
    h.sim.faults.add({
      match: { method: 'GET', path: `/people/${P.bob}/features/numbers` },
      kind: 'status', status: 200, body: { phoneNumbers: [] },
    });
    const res = await runWith({ user: BOB, location: 'Headquarters', phoneNumber: HQ_FREE }, (step) => {
      if (step === 'compensate' && !h.webexCalls('PATCH', '/licenses/users').some((r) => r.status === 429)) {
        h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 429, retryAfter: '0', times: 5 });
      }
    });
    expect(res.httpStatus).toBe(502);
    expect(res.body.compensation).toMatchObject({ action: 'removed' });
    expect(patches().map((r) => r.status)).toEqual([200, 429, 429, 429, 429, 429, 200]);
    expect(h.sim.state.people.get(P.bob)?.calling).toBeUndefined();
  });

  it('finishes through 5xx faults mid-flow; an assignment applied before its 500 is recognised, not resent', async () => {
    h.sim.faults.add({ match: { method: 'GET', path: '/telephony/config/numbers' }, kind: 'status', status: 503, times: 6 });
    h.sim.faults.add({ match: { method: 'PATCH', path: '/licenses/users' }, kind: 'applyThenFail', status: 500 });
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: HQ_FREE, extension: '1234' });
    expect(res.status).toBe(200);
    expect(res.body.steps.find((s: { name: string }) => s.name === 'assignLicense')).toMatchObject({
      status: 'applied',
      detail: expect.stringMatching(/earlier attempt/),
    });
    expect(patches().map((r) => r.status)).toEqual([500]);
    expect(h.sim.state.people.get(P.bob)?.licenses.filter((id) => id === L.callingProfessional)).toHaveLength(1);
  });

  it('undoes the assignment when the read-back shows it half applied, and says so', async () => {
    // Webex answers the read-back without the number: the assignment did not fully take.
    h.sim.faults.add({
      match: { method: 'GET', path: `/people/${P.bob}/features/numbers` },
      kind: 'status', status: 200, body: { distinctiveRingEnabled: false, phoneNumbers: [{ primary: true, extension: '1234' }] },
    });
    const res = await h.call('POST', calling(BOB), { location: 'Headquarters', phoneNumber: HQ_FREE, extension: '1234' });
    expect(res.status).toBe(502);
    expect(res.body.error).toMatchObject({ code: 'CallingVerificationError', message: expect.stringContaining(HQ_FREE) });
    expect(stepStatuses(res.body)).toMatchObject({ assignLicense: 'compensated', verifyCalling: 'failed' });
    expect(res.body.compensation).toMatchObject({ action: 'removed' });
    expect(res.body.remaining).toBeNull();
    expect(res.body.changed).toBe(false);
    expect(patches().map((r) => (r.body as { licenses: { operation: string }[] }).licenses[0].operation)).toEqual(['add', 'remove']);
    const user = await h.call('GET', `/users/${enc(BOB)}`);
    expect(user.body.calling.enabled).toBe(false);
    expect(h.sim.state.numbers.get(HQ_FREE)?.owner).toBeUndefined();
  });

  it('reports exactly what remains when the undo is refused', async () => {
    h.sim.faults.add({
      match: { method: 'GET', path: `/people/${P.bob}/features/numbers` },
      kind: 'status', status: 200, body: { phoneNumbers: [] },
    });
    const res = await runWith({ user: BOB, location: 'Headquarters', phoneNumber: HQ_FREE, extension: '1234' }, (step) => {
      if (step === 'compensate') {
        h.sim.faults.add({
          match: { method: 'PATCH', path: '/licenses/users' }, kind: 'status', status: 400,
          body: { message: 'License cannot be removed', errors: [{ description: 'License cannot be removed' }], trackingId: 'SIM_T1' },
        });
      }
    });
    expect(res.httpStatus).toBe(502);
    expect(res.body.compensation).toMatchObject({ action: 'failed', detail: expect.stringContaining('License cannot be removed') });
    expect(stepStatuses(res.body)).toMatchObject({ assignLicense: 'applied', verifyCalling: 'failed' });
    expect(res.body.remaining).toEqual({
      license: { id: L.callingProfessional, name: 'Webex Calling - Professional' },
      location: { id: LOC.headquarters, name: 'Headquarters' },
      phoneNumber: HQ_FREE,
      extension: '1234',
      confirmed: true,
    });
    expect(res.body.changed).toBe(true);
  });

  it('waits the seconds Webex asked for before resuming the rate-limited step', async () => {
    let first = true;
    const resumedWith: unknown[] = [];
    // Wait states take no time here: what is checked is the seconds the rate-limit Wait state reads, from the very
    // state it passed on to the step it resumed.
    const runtime = createLocalRuntime({ fastWaits: true });
    const runner = runtime.runnerWith('EnableCalling', {
        EnableCallingStepsFunctionArn: async (event, context) => {
          const { step, state } = event as { step: string; state: unknown };
          if (step === 'resolveLocation' && first) {
            first = false;
            throw toStepError(new WebexApiError({ status: 429, method: 'GET', path: '/locations', retryAfterSeconds: 1 }));
          }
          if (step === 'resolveLocation') resumedWith.push(state);
          return runtime.taskHandlers.EnableCallingStepsFunctionArn(event, context);
        },
    });
    const res = await enableCalling(runner, { user: BOB, location: 'Headquarters', extension: '1500' }, { executionName: 'wait-test' });
    expect(res.httpStatus).toBe(200);
    expect(resumedWith).toHaveLength(1);
    const asl = JSON.parse(readFileSync(join(__dirname, '../../../statemachines/enable-calling.asl.json'), 'utf8')) as { States: Record<string, { SecondsPath?: string }> };
    const secondsPath = asl.States.WaitForWebex.SecondsPath as string;
    const waited = secondsPath.split('.').slice(1).reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], resumedWith[0]);
    expect(waited).toBe(1);
    expect(resumedWith[0]).toMatchObject({ throttle: { count: 1 } });
  });

  it.each([
    ['a malformed number', { location: 'Headquarters', phoneNumber: '4085550105' }, ['phoneNumber']],
    ['a malformed extension', { location: 'Headquarters', extension: '1' }, ['extension']],
    ['neither number nor extension', { location: 'Headquarters' }, ['phoneNumber']],
    ['a number and autoAssignNumber', { location: 'Headquarters', phoneNumber: HQ_FREE, autoAssignNumber: true }, ['autoAssignNumber']],
    ['no location', { extension: '1500' }, ['location']],
    // `move` is a field now (the move-users path); other unknown fields stay refused.
    ['an unknown field', { location: 'Headquarters', extension: '1500', relocate: true }, ['relocate']],
  ])('answers %s with a 400 naming the field, starting nothing', async (_, body, fields) => {
    const res = await h.call('POST', calling(BOB), body);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.map((f: { field: string }) => f.field)).toEqual(fields);
    expect(h.webexCalls()).toHaveLength(0);
  });
});

import { startSimulator, type Simulator } from '../../../functions/simulator/server';
import { DEMO_IDS, SIM_ACCESS_TOKEN } from '../../../functions/simulator/seed';
import { openApi } from '../../support/openapi-validator';

/**
 * The simulator's answers against the response schemas of Cisco's OpenAPI documents, where those are
 * sound: webex-api.md §7 lists the known-bad ones (/locations in the device spec, which is not among
 * ours; the generic 4xx/5xx entries carry no schema at all).
 */
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator();
});
afterAll(async () => {
  await sim.close();
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(sim.url + path, {
    method,
    headers: { Authorization: `Bearer ${SIM_ACCESS_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const alice = DEMO_IDS.people.alice;
const carol = DEMO_IDS.people.carol;
// Every row has three cells: jest would take a missing one for a `done` callback.
const CASES: [string, string, unknown][] = [
  ['GET', '/people?email=alice.admin%40example.com&callingData=true', undefined],
  ['GET', `/people/${alice}?callingData=true`, undefined],
  ['GET', '/people?max=2', undefined],
  ['POST', '/people?callingData=true', { emails: ['conformance@example.com'], displayName: 'Conformance' }],
  ['GET', '/licenses', undefined],
  ['GET', `/licenses/${DEMO_IDS.licenses.callingProfessional}`, undefined],
  ['GET', '/telephony/config/numbers?locationId=' + DEMO_IDS.locations.headquarters, undefined],
  ['GET', '/telephony/config/numbers?available=true', undefined],
  ['GET', `/people/${carol}/features/numbers?preferE164Format=true`, undefined],
  ['GET', `/telephony/config/people/primary/availableNumbers?locationId=${DEMO_IDS.locations.headquarters}&licenseType=Webex%20Calling%20Professional`, undefined],
  ['GET', `/telephony/config/people/${carol}/secondary/availableNumbers`, undefined],
];

describe('simulator responses conform to the official response schemas', () => {
  it.each(CASES)('%s %s', async (method, path, body) => {
    const res = await call(method, path, body);
    expect(res.status).toBeLessThan(300);
    const url = new URL(sim.url + path);
    const problems = openApi()
      .checkResponse({ method, path: url.pathname.replace(/^\/v1/, ''), status: res.status, body: res.body })
      // webex-numbers.yml's TelephonyType enum lacks MOBILE_NUMBER, which its own example has (webex-api.md §7).
      .filter((p) => !/includedTelephonyTypes must be equal to one of the allowed values/.test(p));
    expect(problems).toEqual([]);
  });

  it('checks something: a response that breaks the schema is reported', () => {
    const problems = openApi().checkResponse({ method: 'GET', path: '/licenses', status: 200, body: { items: [{ id: 42 }] } });
    expect(problems.length).toBeGreaterThan(0);
  });

  it('PATCH /licenses/users answers with UserLicensesResponse', async () => {
    const res = await call('PATCH', '/licenses/users', {
      personId: DEMO_IDS.people.bob,
      licenses: [{ id: DEMO_IDS.licenses.callingProfessional, operation: 'add', properties: { locationId: DEMO_IDS.locations.branchOffice, extension: '2999' } }],
    });
    expect([200, 206]).toContain(res.status);
    expect(openApi().checkResponse({ method: 'PATCH', path: '/licenses/users', status: res.status, body: res.body })).toEqual([]);
  });
});

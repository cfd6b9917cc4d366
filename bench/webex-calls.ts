import { apiEvent, context } from './api-event';
import { handlers } from './local-handlers';
import type { Simulator } from '../functions/simulator/server';
import { DEMO_EMAILS, DEMO_IDS } from '../functions/simulator/seed';

/**
 * The fewest Webex requests each workflow can make on a warm function, with the reason. Licenses and
 * locations are cached across invocations, so they do not count.
 */
export const MINIMUM_CALLS: { name: string; route: keyof typeof handlers; method: string; path: (s: Scenario) => string; resource?: string; body?: (s: Scenario) => unknown; minimum: number; why: string }[] = [
  { name: 'Get user by id', route: 'GetUser', method: 'GET', path: () => `/users/${DEMO_IDS.people.alice}`, minimum: 1, why: 'GET /people/{id}?callingData=true carries licenses and calling data' },
  { name: 'Get user by e-mail', route: 'GetUser', method: 'GET', path: () => `/users/${enc(DEMO_EMAILS.alice)}`, minimum: 2, why: 'the e-mail must be resolved to an id (GET /people?email=); only the per-person read is documented to carry every admin field' },
  { name: 'Create user (new)', route: 'CreateUser', method: 'POST', path: () => '/users', body: (s) => ({ email: s.newEmail(), displayName: 'Bench User' }), minimum: 2, why: 'look-up by e-mail (a retried request must not duplicate) + POST /people' },
  { name: 'Create user (exists)', route: 'CreateUser', method: 'POST', path: () => '/users', body: () => ({ email: DEMO_EMAILS.bob, displayName: 'Bob' }), minimum: 2, why: 'look-up by e-mail + the full record to return' },
  { name: 'Update user by id', route: 'UpdateUser', method: 'PATCH', path: () => `/users/${DEMO_IDS.people.bob}`, body: () => ({ title: 'Lead' }), minimum: 2, why: 'PUT replaces the record: GET it, then PUT it whole' },
  { name: 'Update user by e-mail', route: 'UpdateUser', method: 'PATCH', path: () => `/users/${enc(DEMO_EMAILS.bob)}`, body: () => ({ title: 'Lead' }), minimum: 3, why: 'resolve the e-mail, then GET + PUT' },
  { name: 'Delete user by id', route: 'DeleteUser', method: 'DELETE', path: (s) => `/users/${s.createdId()}`, minimum: 1, why: 'DELETE /people/{id}' },
  { name: 'Guarded request', route: 'WebexRequest', method: 'POST', path: () => '/webex/requests', body: () => ({ method: 'GET', path: '/licenses' }), minimum: 1, why: 'the request itself' },
  { name: 'Get user numbers', route: 'GetUserNumbers', method: 'GET', path: () => `/users/${DEMO_IDS.people.carol}/numbers`, resource: '/users/{user}/numbers', minimum: 2, why: 'the person (location, primary, extension) + GET /people/{id}/features/numbers for the alternates' },
  { name: 'List available numbers', route: 'ListNumbers', method: 'GET', path: () => '/numbers', minimum: 1, why: 'one GET /telephony/config/numbers page (the demo org fits in one)' },
  { name: 'Assign number (already held)', route: 'AssignNumber', method: 'POST', path: () => `/users/${DEMO_IDS.people.carol}/numbers`, resource: '/users/{user}/numbers', body: () => ({ phoneNumber: '+12125550102' }), minimum: 2, why: 'the person (calling-enabled, location) + its numbers, to see it is already there' },
  { name: 'Enable calling (already enabled)', route: 'EnableCalling', method: 'POST', path: () => `/users/${DEMO_IDS.people.alice}/calling`, resource: '/users/{user}/calling', body: () => ({ location: DEMO_IDS.locations.headquarters, phoneNumber: '+14085550101' }), minimum: 1, why: 'the person with callingData shows location, primary number, extension and ESN (work_extension): nothing to change, so nothing to read back' },
  { name: 'Connection health', route: 'GetConnection', method: 'GET', path: () => '/connection', minimum: 0, why: 'reads the secret only' },
];

const enc = encodeURIComponent;

export interface Scenario {
  newEmail(): string;
  createdId(): string;
}

export async function countWebexCalls(sim: Simulator) {
  let n = 0;
  const ids: string[] = [];
  const scenario: Scenario = {
    newEmail: () => `bench.${Date.now()}.${n++}@example.com`,
    createdId: () => ids.shift()!,
  };
  const rows = [];
  for (const wf of MINIMUM_CALLS) {
    const invoke = async () => {
      if (wf.route === 'DeleteUser') {
        const created = (await handlers.CreateUser(apiEvent('POST', '/users', { email: scenario.newEmail(), displayName: 'Doomed' }), context)) as { body: string };
        ids.push(JSON.parse(created.body).id);
      }
      sim.clearRequests();
      const res = (await handlers[wf.route](apiEvent(wf.method, wf.path(scenario), wf.body?.(scenario), wf.resource), context)) as { statusCode: number };
      if (res.statusCode >= 400) throw new Error(`${wf.name}: HTTP ${res.statusCode}`);
      return sim.requests.length;
    };
    await invoke(); // warm: caches filled
    const calls = await invoke();
    rows.push({ workflow: wf.name, calls, minimum: wf.minimum, ratio: wf.minimum ? calls / wf.minimum : calls === 0 ? 1 : Infinity, why: wf.why });
  }
  return rows;
}

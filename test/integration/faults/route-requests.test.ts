import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import { fromRoute, madeByStep, useFaultHarness } from '../../support/fault-matrix';

/**
 * The route rows' Webex requests under the conditions the fault matrices do not run (a user by id, a location by
 * id or none, an e-mail that exists): each call sends exactly what its row declares for them, on a warm function,
 * and a request the row does not declare reads as `<route id>: sent …, which its row does not declare`.
 */

const { people: P, locations: LOC } = DEMO_IDS;
const enc = encodeURIComponent;

const CASES: [route: string, when: string[], call: [method: string, path: string, body?: unknown], status: number][] = [
  ['GetUser', [], ['GET', `/users/${P.alice}`], 200],
  ['CreateUser', ['exists'], ['POST', '/users', { email: DEMO_EMAILS.carol, displayName: 'Carol' }], 200],
  ['UpdateUser', [], ['PATCH', `/users/${P.alice}`, { title: 'By id' }], 200],
  ['DeleteUser', [], ['DELETE', `/users/${P.bob}`], 204],
  ['GetUserNumbers', [], ['GET', `/users/${P.carol}/numbers`], 200],
  ['AssignNumber', [], ['POST', `/users/${P.alice}/numbers`, { phoneNumber: '+14085550110' }], 201],
  ['UnassignNumber', [], ['DELETE', `/users/${P.carol}/numbers/${enc(DEMO_NUMBERS.carolAlternate)}`], 200],
  ['ListNumbers', [], ['GET', '/numbers?available=true'], 200],
  ['ListNumbers', ['locationById'], ['GET', `/numbers?location=${enc(LOC.headquarters)}`], 200],
  ['AddLocationNumbers', [], ['POST', `/locations/${enc(LOC.headquarters)}/numbers`, { phoneNumbers: ['+14085550901'] }], 201],
];

const matrix = useFaultHarness();

it.each(CASES.map(([route, when, call, status]) => [`${route}${when.length ? ` (${when.join(', ')})` : ''}`, route, when, call, status] as const))(
  '%s sends the Webex requests its row declares',
  async (_, route, when, [method, path, body], status) => {
    const { h } = matrix;
    await matrix.warm();
    h.sim.clearRequests();
    expect((await h.call(method, path, body)).status).toBe(status);
    const { made, declared } = madeByStep(h, fromRoute(route, when));
    expect(made).toEqual(declared);
  },
);

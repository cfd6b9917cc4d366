import { lifecyclePath } from '../../../scripts/flow-calls';
import type { Harness } from '../../support/harness';
import { fromRoute, fromRows, madeByStep } from '../../support/fault-matrix';

/**
 * How the fault matrices compare what a run sent with what its rows declare (madeByStep): each
 * step invocation's requests (one TrackingID correlation) are named by the step that sent them, and a route's (the user
 * and voice matrices) by the route.
 */

type Call = ReturnType<Harness['webexCalls']>[number];
const sent = (invocations: [string, string][][]): Harness => {
  const calls: Call[] = invocations.flatMap((requests, n) =>
    requests.map(([method, path], i): Call => ({ method, path, query: {}, body: undefined, status: 200, trackingId: `WEBEXPROV_inv${n}_${i}` })),
  );
  return { webexCalls: () => calls } as unknown as Harness;
};

const P = '/people/P1';
const findUser: [string, string][] = [['GET', '/people'], ['GET', P], ['GET', `${P}/features/numbers`]];
const unassign: [string, string][] = [['GET', `${P}/features/numbers`]];
const removeLicense: [string, string][] = [['GET', P], ['PATCH', '/licenses/users'], ['GET', P]];
const rows = fromRows(lifecyclePath('leaverRemoveCalling'));

it('names every request by the step whose row declares it', () => {
  const { made, declared } = madeByStep(sent([findUser, unassign, removeLicense, [['GET', P]]]), rows);
  expect(made).toEqual(declared);
  expect(declared.at(-1)).toBe('leaverKeepUser: GET /people/{id}');
});

it('names the step that sent a request its row does not declare', () => {
  const { made, declared } = madeByStep(sent([findUser, unassign, removeLicense, [['GET', P], ['DELETE', P]]]), rows);
  expect(made).not.toEqual(declared);
  expect(made.at(-1)).toBe(`leaverKeepUser: sent DELETE ${P}, which its row does not declare`);
  // A step that left out a request its row declares is named too.
  const short = madeByStep(sent([findUser, [['GET', P], ['PATCH', '/licenses/users']], removeLicense, [['GET', P]]]), rows);
  expect(short.made.slice(3, 5)).toEqual([`leaverUnassignAlternates: sent GET ${P}, which its row does not declare`, 'leaverUnassignAlternates: sent PATCH /licenses/users, which its row does not declare']);
});

it('names the route that sent a request its row does not declare', () => {
  const getUser = fromRoute('GetUser', ['userByEmail']);
  expect(madeByStep(sent([[['GET', '/people'], ['GET', P]]]), getUser).made).toEqual(['GetUser: GET /people', 'GetUser: GET /people/{id}']);
  const { made, declared } = madeByStep(sent([[['GET', '/people'], ['GET', P], ['GET', `${P}/features/numbers`]]]), getUser);
  expect(declared).toEqual(['GetUser: GET /people', 'GetUser: GET /people/{id}']);
  expect(made).toEqual(['GetUser: GET /people', 'GetUser: GET /people/{id}', `GetUser: sent GET ${P}/features/numbers, which its row does not declare`]);
});

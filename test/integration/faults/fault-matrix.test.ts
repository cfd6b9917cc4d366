import type { Harness } from '../../support/harness';
import { everyFaultFor, fromInput, fromRoute, madeByStep, matrixCases, orgProblems, useFaultHarness, type RowRequests, type WebexStep } from '../../support/fault-matrix';

/**
 * Every user workflow against every kind of Webex fault, injected on each Webex request the workflow
 * makes in turn: it finishes, or fails with a clear error; never a duplicate, never an unreported
 * half-change. Each workflow's requests are its route row's (`webex`), under the conditions its call meets.
 * (Voice and lifecycle workflows: the matrices next to this one.)
 */

interface Workflow {
  name: string;
  /** Webex requests the workflow makes when nothing fails (the fault is injected on each in turn), from its route's row. */
  steps: WebexStep[];
  rows: RowRequests;
  /** Needs an existing user with this e-mail. */
  seeded: boolean;
  run(h: Harness, email: string): Promise<{ status: number; body: any }>;
  /** What must hold afterwards, whatever the outcome. */
  check(h: Harness, email: string, status: number): Promise<void>;
}

const enc = encodeURIComponent;
const peopleWith = (h: Harness, email: string) => (h.sim.state.personByEmail(email) ? 1 : 0);

const route = (rows: RowRequests) => ({ steps: rows.steps, rows });
const GUARDED_READ = { method: 'GET', path: '/licenses' } as const;

const WORKFLOWS: Workflow[] = [
  {
    name: 'create user',
    seeded: false,
    ...route(fromRoute('CreateUser')),
    run: (h, email) => h.call('POST', '/users', { email, displayName: 'Fault Test' }),
    check: async (h, email, status) => {
      // Exactly one person when the API said it was created (or found); never two (orgProblems).
      expect(peopleWith(h, email)).toBe(status < 300 ? 1 : peopleWith(h, email));
    },
  },
  {
    name: 'get user',
    seeded: true,
    ...route(fromRoute('GetUser', ['userByEmail'])),
    run: (h, email) => h.call('GET', `/users/${enc(email)}`),
    check: async (h, email) => expect(peopleWith(h, email)).toBe(1),
  },
  {
    name: 'update user',
    seeded: true,
    ...route(fromRoute('UpdateUser', ['userByEmail'])),
    run: (h, email) => h.call('PATCH', `/users/${enc(email)}`, { title: 'After' }),
    check: async (h, email, status) => {
      const user = await h.call('GET', `/users/${enc(email)}`);
      if (status < 300) expect(user.body.title).toBe('After');
      // Whatever happened, the rest of the record is intact.
      expect(user.body.displayName).toBe('Seeded');
    },
  },
  {
    name: 'delete user',
    seeded: true,
    ...route(fromRoute('DeleteUser', ['userByEmail'])),
    run: (h, email) => h.call('DELETE', `/users/${enc(email)}`),
    check: async (h, email, status) => {
      expect(peopleWith(h, email)).toBe(status < 300 ? 0 : peopleWith(h, email));
    },
  },
  {
    name: 'guarded request',
    seeded: false,
    // Its row says it sends the request its input names: that one.
    ...route(fromInput('WebexRequest', GUARDED_READ)),
    run: (h) => h.call('POST', '/webex/requests', GUARDED_READ),
    check: async () => undefined,
  },
];

const matrix = useFaultHarness();
let counter = 0;

async function prepare(wf: Workflow) {
  const { h } = matrix;
  const email = `fault.${++counter}@example.com`;
  if (wf.seeded) expect((await h.call('POST', '/users', { email, displayName: 'Seeded', title: 'Before' })).status).toBe(201);
  await matrix.warm();
  return email;
}

it.each(WORKFLOWS.map((wf) => [wf.name, wf] as const))('%s makes the Webex requests the matrix injects faults on', async (_, wf) => {
  const email = await prepare(wf);
  matrix.h.sim.clearRequests();
  expect((await wf.run(matrix.h, email)).status).toBeLessThan(300);
  // A request the route's row does not declare reads as `<route id>: sent …, which its row does not declare`.
  const { made, declared } = madeByStep(matrix.h, wf.rows);
  expect(made).toEqual(declared);
});

it.each(matrixCases(WORKFLOWS, everyFaultFor))('%s', async (_, wf, f, i) => {
  const { h } = matrix;
  const email = await prepare(wf);
  await matrix.inject(f, wf.steps, i);
  const result = await wf.run(h, email);
  matrix.expectInjected(f);

  expect([200, 201, 204, 404, 429, 502, 504]).toContain(result.status);
  if (result.status >= 400) expect(result.body.error.code).toEqual(expect.any(String));
  // One fault (or one burst) is within every workflow's retry budget: none may surface.
  expect(result.status).toBeLessThan(300);
  await wf.check(h, email, result.status);
  expect(orgProblems(h.sim.state)).toEqual([]);
});

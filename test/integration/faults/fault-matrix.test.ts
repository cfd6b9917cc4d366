import type { Harness } from '../../support/harness';
import { everyFaultFor, madeSteps, matrixCases, orgProblems, useFaultHarness, type WebexStep } from '../../support/fault-matrix';

/**
 * Every user workflow against every kind of Webex fault, injected on each Webex request the workflow
 * makes in turn: it finishes, or fails with a clear error; never a duplicate, never an unreported
 * half-change. (Voice and lifecycle workflows: the matrices next to this one.)
 */

interface Workflow {
  name: string;
  /** Webex requests the workflow makes when nothing fails (the fault is injected on each in turn). */
  steps: WebexStep[];
  /** Needs an existing user with this e-mail. */
  seeded: boolean;
  run(h: Harness, email: string): Promise<{ status: number; body: any }>;
  /** What must hold afterwards, whatever the outcome. */
  check(h: Harness, email: string, status: number): Promise<void>;
}

const enc = encodeURIComponent;
const peopleWith = (h: Harness, email: string) => (h.sim.state.personByEmail(email) ? 1 : 0);

const WORKFLOWS: Workflow[] = [
  {
    name: 'create user',
    seeded: false,
    steps: ['GET /people', 'POST /people'],
    run: (h, email) => h.call('POST', '/users', { email, displayName: 'Fault Test' }),
    check: async (h, email, status) => {
      // Exactly one person when the API said it was created (or found); never two (orgProblems).
      expect(peopleWith(h, email)).toBe(status < 300 ? 1 : peopleWith(h, email));
    },
  },
  {
    name: 'get user',
    seeded: true,
    steps: ['GET /people', 'GET /people/{id}'],
    run: (h, email) => h.call('GET', `/users/${enc(email)}`),
    check: async (h, email) => expect(peopleWith(h, email)).toBe(1),
  },
  {
    name: 'update user',
    seeded: true,
    steps: ['GET /people', 'GET /people/{id}', 'PUT /people/{id}'],
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
    steps: ['GET /people', 'DELETE /people/{id}'],
    run: (h, email) => h.call('DELETE', `/users/${enc(email)}`),
    check: async (h, email, status) => {
      expect(peopleWith(h, email)).toBe(status < 300 ? 0 : peopleWith(h, email));
    },
  },
  {
    name: 'guarded request',
    seeded: false,
    steps: ['GET /licenses'],
    run: (h) => h.call('POST', '/webex/requests', { method: 'GET', path: '/licenses' }),
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
  expect(madeSteps(matrix.h, wf.steps)).toEqual(wf.steps);
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

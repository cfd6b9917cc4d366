import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { callingPath } from '../../../scripts/flow-calls';
import { fromRoute, fromRows, heldAs, madeByStep, matrixCases, orgProblems, useFaultHarness, type RowRequests, type WebexStep } from '../../support/fault-matrix';

/**
 * The voice workflows against every kind of Webex fault, on each Webex request they make in turn (the
 * faults worth trying there: see faultsFor). Whatever the outcome: the calling license at most once, a
 * number held by at most one person and never both held and in the pool (orgProblems); a failure names
 * its error and leaves nothing changed that it does not report.
 */

const { people: P, locations: LOC, licenses: L } = DEMO_IDS;
const enc = encodeURIComponent;
const HQ_FREE = '+14085550105';
const BRANCH_FREE = '+12125550103';
const NEW_NUMBERS = ['+14085550901', '+14085550902'];

interface Workflow {
  name: string;
  /** Webex requests the workflow makes on a warm function when nothing fails: from its step rows or its route's row. */
  steps: WebexStep[];
  rows: RowRequests;
  run(h: Harness): Promise<{ status: number; body: any }>;
  /** What Webex must show afterwards, for the outcome the API reported. */
  check(h: Harness, result: { status: number; body: any }): void;
}

const declared = (rows: RowRequests) => ({ steps: rows.steps, rows });
const stepMachine = (path: Parameters<typeof fromRows>[0]) => declared(fromRows(path));

const WORKFLOWS: Workflow[] = [
  {
    name: 'enable calling',
    // The Enable Calling machine: the user by e-mail, the location by name, a number and an extension named.
    ...stepMachine(callingPath('enable', ['userByEmail', 'numberAndExtensionNamed'])),
    run: (h) => h.call('POST', `/users/${enc(DEMO_EMAILS.bob)}/calling`, { location: 'Headquarters', phoneNumber: HQ_FREE, extension: '1234' }),
    check: (h, { status, body }) => {
      const bob = h.sim.state.people.get(P.bob)!;
      const licensed = bob.licenses.includes(L.callingProfessional);
      if (status < 300) {
        expect(body).toMatchObject({ status: 'SUCCEEDED', changed: true, user: { calling: { primaryNumber: HQ_FREE, extension: '1234' } } });
        expect(licensed).toBe(true);
        expect(bob.calling).toEqual({ locationId: LOC.headquarters, extension: '1234' });
        expect(heldAs(h.sim.state, P.bob, HQ_FREE)).toBe('PRIMARY');
      } else {
        // A license left on the user must be in the answer: undone, or reported as remaining.
        expect(body.remaining?.license?.id === L.callingProfessional).toBe(licensed);
      }
    },
  },
  {
    name: 'enable calling (already enabled)',
    // By ids: the location from the cache; nothing more once the user is found to have this calling already.
    ...stepMachine(callingPath('enable', ['locationById'], { alreadyEnabled: true })),
    run: (h) => h.call('POST', `/users/${P.carol}/calling`, { location: LOC.branchOffice, phoneNumber: DEMO_NUMBERS.carolPrimary }),
    check: (h, { status, body }) => {
      if (status < 300) expect(body).toMatchObject({ changed: false, user: { calling: { primaryNumber: DEMO_NUMBERS.carolPrimary, extension: '2001' } } });
      // Nothing to do, so nothing may have changed.
      expect(h.webexCalls().filter((r) => r.method !== 'GET')).toEqual([]);
      expect(heldAs(h.sim.state, P.carol, DEMO_NUMBERS.carolPrimary)).toBe('PRIMARY');
    },
  },
  {
    name: 'assign number',
    ...declared(fromRoute('AssignNumber', ['userByEmail'])),
    run: (h) => h.call('POST', `/users/${enc(DEMO_EMAILS.carol)}/numbers`, { phoneNumber: BRANCH_FREE }),
    check: (h, { status, body }) => {
      const held = heldAs(h.sim.state, P.carol, BRANCH_FREE);
      if (status < 300) {
        expect(body.alternates.map((a: { phoneNumber: string }) => a.phoneNumber)).toContain(BRANCH_FREE);
        expect(held).toBe('ALTERNATE');
      } else {
        // The answer has no "remaining": a failure must mean the number is still free.
        expect(held).toBeUndefined();
      }
    },
  },
  {
    name: 'unassign number',
    ...declared(fromRoute('UnassignNumber', ['userByEmail'])),
    run: (h) => h.call('DELETE', `/users/${enc(DEMO_EMAILS.carol)}/numbers/${enc(DEMO_NUMBERS.carolAlternate)}`),
    check: (h, { status, body }) => {
      const n = h.sim.state.numbers.get(DEMO_NUMBERS.carolAlternate)!;
      if (status < 300) {
        expect(body.alternates).toEqual([]);
        expect(n.owner).toBeUndefined();
      } else {
        expect(n.owner).toMatchObject({ personId: P.carol, kind: 'ALTERNATE' });
      }
    },
  },
  {
    name: 'get user numbers',
    ...declared(fromRoute('GetUserNumbers', ['userByEmail'])),
    run: (h) => h.call('GET', `/users/${enc(DEMO_EMAILS.carol)}/numbers`),
    check: (_, { status, body }) => {
      if (status < 300) {
        expect(body).toMatchObject({ callingEnabled: true, primaryNumber: DEMO_NUMBERS.carolPrimary, alternates: [{ phoneNumber: DEMO_NUMBERS.carolAlternate }] });
      }
    },
  },
  {
    name: 'list numbers',
    ...declared(fromRoute('ListNumbers', ['locationByName'])),
    run: (h) => h.call('GET', `/numbers?location=${enc('Branch Office')}&available=true`),
    check: (h, { status, body }) => {
      if (status >= 300) return;
      const pool = [...h.sim.state.numbers.values()].filter((n) => n.locationId === LOC.branchOffice && !n.owner && n.phoneNumber !== DEMO_NUMBERS.branchOfficeMain);
      expect(body.items.map((n: { phoneNumber: string }) => n.phoneNumber).sort()).toEqual(pool.map((n) => n.phoneNumber).sort());
    },
  },
  {
    name: 'add location numbers',
    ...declared(fromRoute('AddLocationNumbers', ['locationByName'])),
    run: (h) => h.call('POST', `/locations/${enc('Headquarters')}/numbers`, { phoneNumbers: NEW_NUMBERS }),
    check: (h, { status, body }) => {
      if (status < 300) expect(body.numbers).toEqual(NEW_NUMBERS.map((phoneNumber) => ({ phoneNumber, status: 'added' })));
      // Each number is where the answer says: added ones in the location, unowned; no other number is.
      for (const phoneNumber of NEW_NUMBERS) {
        const reported = body.numbers?.find((n: { phoneNumber: string }) => n.phoneNumber === phoneNumber)?.status;
        const n = h.sim.state.numbers.get(phoneNumber);
        expect([phoneNumber, n ? { locationId: n.locationId, owner: n.owner } : 'absent']).toEqual([
          phoneNumber,
          reported === 'added' ? { locationId: LOC.headquarters, owner: undefined } : 'absent',
        ]);
      }
    },
  },
];

const matrix = useFaultHarness();

it.each(WORKFLOWS.map((wf) => [wf.name, wf] as const))('%s makes the Webex requests the matrix injects faults on', async (_, wf) => {
  const { h } = matrix;
  await matrix.warm();
  h.sim.clearRequests();
  const result = await wf.run(h);
  expect(result.status).toBeLessThan(300);
  // Named by the step or route whose row does not declare what it sent.
  const { made, declared } = madeByStep(h, wf.rows);
  expect(made).toEqual(declared);
  wf.check(h, result);
});

it.each(matrixCases(WORKFLOWS))('%s', async (_, wf, f, i) => {
  const { h } = matrix;
  await matrix.warm();
  await matrix.inject(f, wf.steps, i);
  const result = await wf.run(h);
  matrix.expectInjected(f);

  if (result.status >= 400) expect(result.body.error.code).toEqual(expect.any(String));
  wf.check(h, result);
  expect(orgProblems(h.sim.state)).toEqual([]);
  // One fault (or one burst) is within every workflow's retry budget: none may surface.
  expect(result.body?.error).toBeUndefined();
  expect(result.status).toBeLessThan(300);
});

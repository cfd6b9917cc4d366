import type { AppliedChange, LifecycleResultDetail } from '../../../functions/lib/schemas/lifecycle-events';
import type { StateMachineId } from '../../../functions/lib/state-machines/definitions';
import { DEMO_EMAILS, DEMO_IDS, DEMO_NUMBERS } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { lifecyclePath } from '../../../scripts/flow-calls';
import { fromRows, heldAs, madeByStep, matrixCases, orgProblems, useFaultHarness, type RowRequests, type WebexStep } from '../../support/fault-matrix';

/**
 * The lifecycle flows (POST /events → Joiner, Mover, Leaver, each with its nested Enable Calling where it
 * has one) against every kind of Webex fault, on each Webex request they make in turn. Whatever the
 * outcome: the org invariants hold (orgProblems); exactly one Completed or Failed event is published;
 * and every change Webex shows afterwards is one the event lists as applied.
 */

const { people: P, locations: LOC, licenses: L } = DEMO_IDS;

interface Run {
  status: string;
  event: LifecycleResultDetail;
  detailType: string;
}

interface Workflow extends RowRequests {
  name: string;
  stateMachine: StateMachineId;
  detailType: string;
  /** Only these requests get faults (the rest are the same requests as another workflow's). */
  only?: WebexStep[];
  detail(email: string): Record<string, unknown>;
  check(h: Harness, run: Run, email: string): void;
}

const appliedStep = (run: Run, step: string): AppliedChange['status'] | undefined => run.event.applied.find((a) => a.step === step)?.status;

// Carol holds an alternate number, which the leaver returns.
const leaver = (flow: 'leaverDeactivate' | 'leaverDelete' | 'leaverRemoveCalling') => fromRows(lifecyclePath(flow, ['holdsAlternates']));

/** After a leaver, whatever it reports: what Webex shows of each change, and that the event says so. */
function checkLeaver(h: Harness, run: Run) {
  const carol = h.sim.state.people.get(P.carol);
  const altFreed = heldAs(h.sim.state, P.carol, DEMO_NUMBERS.carolAlternate) === undefined;
  const unlicensed = !carol || !h.sim.state.callingLicenseOf(carol);
  if (run.status === 'COMPLETED') {
    expect([altFreed, unlicensed]).toEqual([true, true]);
    expect(h.sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.owner).toBeUndefined();
  }
  if (altFreed) expect(appliedStep(run, 'unassignAlternates')).toBe('applied');
  if (unlicensed) expect(appliedStep(run, 'removeCallingLicense')).toBe('applied');
}

const WORKFLOWS: Workflow[] = [
  {
    name: 'joiner',
    stateMachine: 'Joiner',
    detailType: 'Webex User Joined',
    // The nested Enable Calling: the location by name, autoAssignNumber (the first free number of the location).
    ...fromRows(lifecyclePath('joiner')),
    detail: (email) => ({ email, firstName: 'Jo', lastName: 'Iner', location: 'Headquarters' }),
    check: (h, run, email) => {
      const person = h.sim.state.personByEmail(email);
      const licensed = person?.licenses.includes(L.callingProfessional) ?? false;
      if (run.status === 'COMPLETED') {
        expect(run.event.applied).toMatchObject([{ step: 'createUser', status: 'applied' }, { step: 'enableCalling', status: 'applied' }]);
        expect(person?.calling?.locationId).toBe(LOC.headquarters);
        expect(licensed).toBe(true);
        expect(h.sim.state.primaryNumberOf(person!.id)?.locationId).toBe(LOC.headquarters);
      }
      // The e-mail is new: a person with it is this run's, never "already existed".
      if (person) expect(appliedStep(run, 'createUser')).toBe('applied');
      // A license the nested run left behind (not undone) must not hide behind "enableCalling failed".
      if (licensed) expect(appliedStep(run, 'enableCalling')).toBe('applied');
    },
  },
  {
    name: 'mover (new location and profile)',
    stateMachine: 'Mover',
    detailType: 'Webex User Moved',
    // The nested Enable Calling with move: true: Webex's move-users job. A dry run says Carol's non-integrated
    // CCP number cannot travel (numberStays), so a new one is picked; then the move's dry run, the job, polled;
    // then the profile.
    ...fromRows(lifecyclePath('mover', [], ['numberStays'])),
    detail: () => ({ email: DEMO_EMAILS.carol, location: 'Headquarters', profile: { title: 'Relocated' } }),
    check: (h, run) => {
      const carol = h.sim.state.people.get(P.carol)!;
      const moved = carol.calling?.locationId === LOC.headquarters;
      const retitled = carol.title === 'Relocated';
      if (run.status === 'COMPLETED') {
        expect([moved, retitled, carol.calling?.extension]).toEqual([true, true, '2001']);
        expect(h.sim.state.primaryNumberOf(P.carol)?.locationId).toBe(LOC.headquarters);
        expect(h.sim.state.numbers.get(DEMO_NUMBERS.carolPrimary)?.owner).toBeUndefined();
      }
      if (moved) expect(appliedStep(run, 'moveLocation')).toBe('applied');
      if (retitled) expect(appliedStep(run, 'updateProfile')).toBe('applied');
      // Still a calling user, with the license they had, wherever they are.
      expect(carol.licenses.filter((id) => h.sim.state.isCallingLicense(id))).toEqual([L.callingBasic]);
    },
  },
  {
    name: 'leaver (deactivate)',
    stateMachine: 'Leaver',
    detailType: 'Webex User Left',
    ...leaver('leaverDeactivate'),
    detail: () => ({ email: DEMO_EMAILS.carol }),
    check: (h, run) => {
      checkLeaver(h, run);
      const carol = h.sim.state.people.get(P.carol)!;
      if (run.status === 'COMPLETED') expect(carol.loginEnabled).toBe(false);
      if (!carol.loginEnabled) expect(appliedStep(run, 'deactivateUser')).toBe('applied');
      // Deactivating keeps the rest of the record (the PUT replaces it whole).
      expect(carol.displayName).toBe('Carol Calling');
    },
  },
  {
    name: 'leaver (delete)',
    stateMachine: 'Leaver',
    detailType: 'Webex User Left',
    ...leaver('leaverDelete'),
    // The requests before are the deactivating leaver's, faults and all.
    only: ['DELETE /people/{id}'],
    detail: () => ({ email: DEMO_EMAILS.carol, policy: 'delete' }),
    check: (h, run) => {
      checkLeaver(h, run);
      const gone = !h.sim.state.people.has(P.carol);
      if (run.status === 'COMPLETED') expect(gone).toBe(true);
      if (gone) expect(appliedStep(run, 'deleteUser')).toBe('applied');
    },
  },
  {
    name: 'leaver (removeCalling)',
    stateMachine: 'Leaver',
    detailType: 'Webex User Left',
    ...leaver('leaverRemoveCalling'),
    // The requests before are the deactivating leaver's, faults and all; the read-back is the one of its own.
    only: ['GET /people/{id}'],
    detail: () => ({ email: DEMO_EMAILS.carol, policy: 'removeCalling' }),
    check: (h, run) => {
      checkLeaver(h, run);
      // Whatever the faults, the user is never deactivated nor deleted.
      const carol = h.sim.state.people.get(P.carol)!;
      expect(carol.loginEnabled).not.toBe(false);
      if (run.status === 'COMPLETED') expect(appliedStep(run, 'keepUser')).toBe('unchanged');
    },
  },
];

const matrix = useFaultHarness({ lifecycle: true });
let seq = 0;

async function runFlow(h: Harness, wf: Workflow, email: string): Promise<Run> {
  const id = `f7a1b2c3-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const res = await h.call('POST', '/events', { id, source: 'hr.system', 'detail-type': wf.detailType, detail: wf.detail(email) });
  expect(res.status).toBe(202);
  const outcome = await h.runtime.executions.outcome(wf.stateMachine, res.body.executionName);
  // Exactly one outcome event, and it is the execution's own account of itself.
  expect(h.runtime.eventBus.published).toHaveLength(1);
  const [published] = h.runtime.eventBus.published;
  const event = published.detail as LifecycleResultDetail;
  if (outcome?.status === 'SUCCEEDED') expect(outcome.output).toEqual(event);
  else expect([outcome?.error, JSON.parse(outcome?.cause ?? 'null')]).toEqual([event.error?.code, event]);
  return { status: event.status, event, detailType: published.detailType };
}

it.each(WORKFLOWS.map((wf) => [wf.name, wf] as const))('%s makes the Webex requests the matrix injects faults on', async (_, wf) => {
  const { h } = matrix;
  const email = `joiner.${++seq}@example.com`;
  await matrix.warm();
  h.sim.clearRequests();
  const run = await runFlow(h, wf, email);
  expect(run).toMatchObject({ status: 'COMPLETED', detailType: 'Webex Lifecycle Completed' });
  const { made, declared } = madeByStep(h, wf);
  expect(made).toEqual(declared);
  wf.check(h, run, email);
});

const cases = matrixCases(WORKFLOWS).filter(
  ([, wf, , i]) => !wf.only || wf.only.includes(wf.steps[i]),
);

it.each(cases)('%s', async (_, wf, f, i) => {
  const { h } = matrix;
  const email = `joiner.${++seq}@example.com`;
  await matrix.warm();
  await matrix.inject(f, wf.steps, i);
  const run = await runFlow(h, wf, email);
  matrix.expectInjected(f);

  expect(run.detailType).toBe(run.status === 'COMPLETED' ? 'Webex Lifecycle Completed' : 'Webex Lifecycle Failed');
  if (run.status === 'FAILED') expect(run.event.error?.code).toEqual(expect.any(String));
  wf.check(h, run, email);
  expect(orgProblems(h.sim.state)).toEqual([]);
  // One fault (or one burst) is within every flow's retry budget: none may surface.
  expect([run.status, run.event.error]).toEqual(['COMPLETED', undefined]);
});

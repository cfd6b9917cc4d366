import { BULK_JOINERS_STEP_TABLE, runBulkJoinersStep } from '../../../functions/lib/bulk/joiners-steps';
import { RECONCILE_APPLY_CHECK_TABLE, runApplyCheckStep } from '../../../functions/lib/reconcile/apply-steps';
import { RECONCILE_PLAN_STEP_TABLE, runPlanStep } from '../../../functions/lib/reconcile/plan-steps';
import { SCIM_APPLY_STEP_TABLE, runScimApplyStep } from '../../../functions/lib/scim/apply-steps';
import { ENABLE_CALLING_STEP_TABLE, runEnableCallingStep } from '../../../functions/lib/workflows/calling/steps';
import { LIFECYCLE_STEP_TABLE, runLifecycleStep } from '../../../functions/lib/workflows/lifecycle/steps';
import { requestGateTurn } from '../../../functions/lib/webex/request-gate';
import { stepRequests, type StepDeclarations, type StepSpacing } from '../../../functions/lib/workflows/task-steps';

/**
 * runTaskStep is the one place a step waits for its send slot: every table's rows that declare their Webex requests
 * are spaced through the context's pacing port, before anything of the step runs; the others are not.
 */

/** What happened, in order: the port's calls (`spaced n`) and every touch of another port (`webex`, `scim`, …). */
let events: string[];

/** A port that records being touched and refuses: the step fails there, after its spacing. */
const refusing = <T>(name: string): T =>
  new Proxy({}, {
    get: (_target, prop) => {
      if (prop === 'then') return undefined;
      events.push(name);
      throw new Error(`${name} is not here`);
    },
  }) as T;

const spacing: StepSpacing = { spaced: async (n) => (events.push(`spaced ${n}`), { next: async () => { events.push('slot'); } }) };
const pacing = () => spacing;

/** Runs every row of a table once (each failing at its first port) and answers what each did first. */
async function firstEvents(table: Record<string, StepDeclarations>, run: (step: string) => Promise<unknown>): Promise<Record<string, string | undefined>> {
  const first: Record<string, string | undefined> = {};
  for (const step of Object.keys(table)) {
    events = [];
    await run(step).catch(() => undefined);
    first[step] = events[0];
  }
  return first;
}

/** What each row should do first: its send slot for its declared requests, or (no `calls`) anything but a slot. */
function expectSpacedByDeclaration(table: Record<string, StepDeclarations>, first: Record<string, string | undefined>) {
  for (const [step, row] of Object.entries(table)) {
    if (row.webex && 'calls' in row.webex) expect({ step, first: first[step] }).toEqual({ step, first: `spaced ${stepRequests(row)}` });
    else expect({ step, first: first[step] }).not.toEqual({ step, first: expect.stringMatching(/^spaced/) });
  }
}

describe('runTaskStep spaces the steps that declare Webex requests, through the context\'s pacing port', () => {
  it('Enable Calling: every row with requests waits for its slot before it reaches Webex', async () => {
    const first = await firstEvents(ENABLE_CALLING_STEP_TABLE, (step) =>
      runEnableCallingStep({ client: refusing('webex'), defaultLicense: 'x', pacing }, { step, state: {} } as never));
    expectSpacedByDeclaration(ENABLE_CALLING_STEP_TABLE, first);
    expect(Object.values(first).filter((e) => e?.startsWith('spaced')).length).toBeGreaterThan(5);
  });

  it('the lifecycle machines: every row with requests; buildOutcome (no Webex) goes at once', async () => {
    const first = await firstEvents(LIFECYCLE_STEP_TABLE, (step) =>
      runLifecycleStep({ client: refusing('webex'), activity: () => refusing('activity'), pacing }, { step, state: {} } as never));
    expectSpacedByDeclaration(LIFECYCLE_STEP_TABLE, first);
    expect(first.joinerCreateUser).toBe('spaced 2');
  });

  it('SCIM apply: createUser and restoreSignIn are spaced; next, pace and record are not', async () => {
    const first = await firstEvents(SCIM_APPLY_STEP_TABLE, (step) =>
      runScimApplyStep({ scim: () => refusing('scim'), env: () => ({}), webex: () => refusing('webex'), pacing: () => ({ ...spacing, acquire: () => refusing('acquire') }) as never }, { step, detail: { email: 'a@example.com' }, email: 'a@example.com', resourceType: 'User', resourceId: 'r', owner: 'o', requests: 2, version: 1, outcome: 'applied' } as never));
    expectSpacedByDeclaration(SCIM_APPLY_STEP_TABLE, first);
    expect([first.createUser, first.restoreSignIn]).toEqual(['spaced 2', 'spaced 4']);
    expect(first.next).toBe('scim');
  });

  it('reconcile apply: CheckAction\'s read is spaced', async () => {
    const first = await firstEvents(RECONCILE_APPLY_CHECK_TABLE, (step) =>
      runApplyCheckStep({ client: () => refusing('webex'), pacing }, { step, action: { kind: 'leave', userId: 'u', email: 'a@example.com' } } as never));
    expectSpacedByDeclaration(RECONCILE_APPLY_CHECK_TABLE, first);
    expect(first.checkAction).toBe('spaced 1');
    // The read itself follows its slot.
    events = [];
    await runApplyCheckStep({ client: () => refusing('webex'), pacing }, { step: 'checkAction', action: { kind: 'leave', userId: 'u', email: 'a@example.com' } } as never).catch(() => undefined);
    expect(events).toEqual(['spaced 1', 'webex']);
  });

  it('runs the step behind the gate its slots make: each Webex request the step sends waits at it, in that step only', async () => {
    const turns: string[] = [];
    const gated: StepSpacing = { spaced: async (n) => ({ next: async () => { turns.push(`slot of ${n}`); } }) };
    // A client that asks the gate before each request, as the Webex client does.
    const client = { get: async () => (await requestGateTurn(), turns.push('GET'), { data: {} }) };
    await runApplyCheckStep({ client: () => client as never, pacing: () => gated }, { step: 'checkAction', action: { kind: 'leave', userId: 'u', email: 'a@example.com' } } as never).catch(() => undefined);
    expect(turns.slice(0, 2)).toEqual(['slot of 1', 'GET']);
    // Outside the step, no gate.
    turns.length = 0;
    await requestGateTurn();
    expect(turns).toEqual([]);
  });

  it('the planner\'s reads, which scale with the organisation, and the bulk steps, with no Webex requests, are not spaced', async () => {
    const plan = await firstEvents(RECONCILE_PLAN_STEP_TABLE, (step) =>
      runPlanStep({ env: () => ({}), objectStore: () => refusing('objectStore'), webex: () => refusing('webex'), activity: () => refusing('activity'), pacing }, { step, planId: 'p', request: {} } as never));
    expectSpacedByDeclaration(RECONCILE_PLAN_STEP_TABLE, plan);
    const bulk = await firstEvents(BULK_JOINERS_STEP_TABLE, (step) =>
      runBulkJoinersStep({ env: () => ({}), objectStore: () => refusing('objectStore'), activity: () => refusing('activity'), pacing: () => refusing('pacing') }, { step } as never));
    expectSpacedByDeclaration(BULK_JOINERS_STEP_TABLE, bulk);
  });

  it('a context without a pacing port: the step goes at once', async () => {
    events = [];
    await runApplyCheckStep({ client: () => refusing('webex') }, { step: 'checkAction', action: { kind: 'leave', userId: 'u', email: 'a@example.com' } } as never).catch(() => undefined);
    expect(events).toEqual(['webex']);
  });
});

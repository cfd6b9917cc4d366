import { actionRequests, applyGroups, actionRun, planRequests, prepareApply } from '../../../functions/lib/reconcile/apply-items';
import { applyExecutionName } from '../../../functions/lib/reconcile/apply-execution';
import type { PlanAction, ReconcilePlan } from '../../../functions/lib/reconcile/schemas';
import { savePlan } from '../../../functions/lib/reconcile/plan-store';
import { EXECUTION_NAME } from '../../../functions/lib/state-machines/execution-name';
import { MemoryObjectStore } from '../../support/memory-object-store';

const seen = (id: string, email: string) => ({ id, email, loginEnabled: true, locationId: 'L1', displayName: 'X' });
const actions: PlanAction[] = [
  { kind: 'join', email: 'new@x.example', before: {}, after: { locationId: 'L1' }, seen: null, reason: 'r', roster: { email: 'new@x.example', displayName: 'New', location: 'HQ', autoAssignNumber: true } },
  { kind: 'enableCalling', email: 'c@x.example', userId: 'C', before: {}, after: { locationId: 'L2', phoneNumber: '+14085550001' }, seen: seen('C', 'c@x.example'), reason: 'r' },
  { kind: 'move', email: 'm@x.example', userId: 'M', before: { locationId: 'L1' }, after: { locationId: 'L2' }, seen: seen('M', 'm@x.example'), reason: 'r' },
  { kind: 'updateProfile', email: 'p@x.example', userId: 'P', before: { title: 'a' }, after: { title: 'b' }, seen: seen('P', 'p@x.example'), reason: 'r' },
  { kind: 'updateProfile', email: 'm@x.example', userId: 'M', before: { title: 'a' }, after: { title: 'Lead' }, seen: seen('M', 'm@x.example'), reason: 'r' },
  { kind: 'leave', email: 'l@x.example', userId: 'Lv', before: {}, after: {}, seen: seen('Lv', 'l@x.example'), reason: 'r', leaverPolicy: 'delete' },
];
const PLAN_ID = '00000000-0000-4000-8000-000000000001';
const NAME = applyExecutionName(PLAN_ID);
const START = Date.parse('2026-12-01T00:00:00.000Z');

describe('apply items', () => {
  it("groups one user's actions into one item, in plan order, groups by their first action", () => {
    const groups = applyGroups({ actions }, NAME, START, 10);
    expect(groups.map((g) => g.actions.map((a) => a.index))).toEqual([[0], [1], [2, 4], [3], [5]]);
    // Each index once, whatever the grouping.
    expect(groups.flatMap((g) => g.actions.map((a) => a.index)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("puts the actions still taking a location's first free number (a stored plan without picked numbers) in one item: they would pick the same number", () => {
    const pooled: PlanAction[] = [
      { ...actions[0], roster: { ...actions[0].roster, autoAssignNumber: true } },
      { ...actions[2], email: 'm1@x.example', userId: 'M1', after: { locationId: 'L1' } },
      { ...actions[2], email: 'm2@x.example', userId: 'M2', after: { locationId: 'L2' } },
      { ...actions[2], email: 'm3@x.example', userId: 'M3', after: { locationId: 'L1', phoneNumber: '+14085550009' } },
      { ...actions[1], email: 'c1@x.example', userId: 'C1', after: { locationId: 'L2' } },
      { ...actions[1], email: 'c2@x.example', userId: 'C2', after: { locationId: 'L2', extension: '1234' } },
    ];
    const groups = applyGroups({ actions: pooled }, NAME, START, 10);
    expect(groups.map((g) => g.actions.map((a) => a.index))).toEqual([[0, 1], [2, 4], [3], [5]]);
  });

  it('spaces the slots by the requests of every action before, at the budget, in item order', () => {
    const rps = 10;
    const items = applyGroups({ actions }, NAME, START, rps).flatMap((g) => g.actions);
    let spent = 0;
    for (const item of items) {
      expect(Date.parse(item.notBefore) - START).toBe(Math.round((spent / rps) * 1000));
      spent += actionRequests(item.action);
    }
    expect(spent).toBe(planRequests({ actions }));
  });

  it('names each nested execution <apply>-<index>: valid, with room for the Joiner\'s -calling, at the largest index', () => {
    const items = applyGroups({ actions }, NAME, START, 5).flatMap((g) => g.actions);
    expect(items.map((i) => i.executionName)).toEqual(expect.arrayContaining([`${NAME}-0`, `${NAME}-5`]));
    expect(`${NAME}-99999-calling`).toMatch(EXECUTION_NAME);
  });

  it("gives each machine the input an HR event (or POST /users/{user}/calling) would", () => {
    const name = `${NAME}-0`;
    const origin = (detailType: string) => ({ eventId: name, source: 'webex-provisioning.reconcile', detailType });
    expect(actionRun(actions[0], name)).toEqual({ machine: 'Joiner', input: { origin: origin('Webex User Joined'), detail: actions[0].roster } });
    expect(actionRun(actions[1], name)).toEqual({ machine: 'EnableCalling', input: { user: 'C', location: 'L2', phoneNumber: '+14085550001' } });
    expect(actionRun(actions[2], name)).toEqual({ machine: 'Mover', input: { origin: origin('Webex User Moved'), detail: { email: 'm@x.example', location: 'L2' } } });
    expect(actionRun(actions[4], name)).toEqual({ machine: 'Mover', input: { origin: origin('Webex User Moved'), detail: { email: 'm@x.example', profile: { title: 'Lead' } } } });
    expect(actionRun(actions[5], name)).toEqual({ machine: 'Leaver', input: { origin: origin('Webex User Left'), detail: { email: 'l@x.example', policy: 'delete', policySource: 'event' } } });
    // Calling without a number or extension takes the location's first free number.
    expect(actionRun({ ...actions[1], after: { locationId: 'L2' } }, name).input).toEqual({ user: 'C', location: 'L2', autoAssignNumber: true });
  });

  it('prepare writes the items file as a JSON array and answers where it is, with the concurrency and budget of the environment', async () => {
    const store = new MemoryObjectStore();
    const plan: ReconcilePlan = {
      id: PLAN_ID, createdAt: 'x', scope: { emailDomains: ['x.example'] }, policy: { leaverPolicy: 'delete', allowMoves: true, thresholds: { maxLeaverPercent: 10, maxLeavers: 50 } },
      inScope: 10, unchanged: 0, rosterOutOfScope: 0, counts: { join: 1, enableCalling: 1, move: 1, updateProfile: 2, leave: 1 }, needsConfirmation: false, actions, skipped: [],
    };
    const { digest } = (await savePlan(store, 'imports', plan)).plan;
    const run = { planId: PLAN_ID, digest };
    const prepared = await prepareApply(store, 'imports', { planId: PLAN_ID, executionName: NAME, startedAt: new Date(START).toISOString(), run }, {
      BULK_WEBEX_REQUESTS_PER_SECOND: '20',
      BULK_JOINERS_MAX_CONCURRENCY: '7',
    });
    expect(prepared).toEqual({
      planId: PLAN_ID, bucket: 'imports', itemsKey: `applies/${PLAN_ID}.items.json`, resultsPrefix: `bulk-results/${NAME}`,
      maxConcurrency: 7, total: 6, groups: 5, requestsPerSecond: 20,
    });
    const items = JSON.parse(store.objects.get(`imports/applies/${PLAN_ID}.items.json`)!);
    expect(Array.isArray(items)).toBe(true);
    expect(items).toHaveLength(5);
  });
});

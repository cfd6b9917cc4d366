import { buildPlan, type BuildPlanInput } from '../../../functions/lib/reconcile/build-plan';
import { actionRun, applyGroups } from '../../../functions/lib/reconcile/apply-items';
import { applyExecutionName } from '../../../functions/lib/reconcile/apply-execution';
import { assignableNumber, type NumberHolder } from '../../../functions/lib/reconcile/org-snapshot';
import { UserJoinedDetail, UserMovedDetail } from '../../../functions/lib/schemas/lifecycle-events';
import { EnableCallingInput } from '../../../functions/lib/schemas/calling';
import { org, roster, stayers, user } from './model-org';

/**
 * The plan picks the number each action would otherwise take as "the location's first free number"
 * (functions/lib/reconcile/number-picks.ts): distinct, by the workflows' rule, in Webex's order, so apply
 * passes it and runs those actions side by side.
 */

/** Users the roster keeps unchanged, so a partial roster here never removes most of the scope (refused). */
const kept = stayers(4, 100);
const plan = (over: Partial<BuildPlanInput> & Pick<BuildPlanInput, 'roster' | 'org'>) =>
  buildPlan({
    id: '00000000-0000-4000-8000-000000000002',
    createdAt: '2026-12-01T00:00:00.000Z',
    rosterField: 'users',
    scope: { emailDomains: ['example.com'] },
    policy: { leaverPolicy: 'deactivate', allowMoves: true, thresholds: { maxLeaverPercent: 100, maxLeavers: 1000 } },
    ...over,
    roster: [...over.roster, ...kept.rows],
    org: { ...over.org, users: [...over.org.users, ...kept.users] },
  });

const free = (locationId: string): NumberHolder => ({ locationId, assignable: true });
/** LOC1's numbers in Webex's order: a taken one, a main number (not assignable), then three free ones. */
const numbers = () =>
  new Map<string, NumberHolder>([
    ['+14085550100', { locationId: 'LOC1', ownerId: 'someone' }],
    ['+14085550101', { locationId: 'LOC1' }],
    ['+14085550102', free('LOC1')],
    ['+14085550103', free('LOC1')],
    ['+14085550104', free('LOC1')],
    ['+14085550201', free('LOC2')],
  ]);
const webex = org(
  [
    user('keep@example.com', { locationId: 'LOC1', phoneNumber: '+14085550100' }),
    user('nocalling@example.com'),
    user('nonumber@example.com', { locationId: 'LOC2', extension: '2001' }),
    user('hasnumber@example.com', { locationId: 'LOC2', phoneNumber: '+14085550299', extension: '2002' }),
  ],
  numbers(),
);
const everyone = roster(
  { email: 'keep@example.com', location: 'One' },
  { email: 'nocalling@example.com', location: 'One' },
  { email: 'nonumber@example.com', location: 'One' },
  { email: 'hasnumber@example.com', location: 'One' },
  { email: 'joiner@example.com', location: 'One' },
);
const byEmail = (p: ReturnType<typeof plan>, email: string) => p.actions.find((a) => a.email === email)!;

describe('the plan picks the numbers', () => {
  it('gives each join, calling enablement and move into one location a different free number, the first ones in order', () => {
    const p = plan({ roster: everyone, org: webex });
    expect(p.actions.map((a) => [a.kind, a.email, a.after.phoneNumber, a.fallbackPhoneNumber])).toEqual([
      ['join', 'joiner@example.com', '+14085550102', undefined],
      ['enableCalling', 'nocalling@example.com', '+14085550103', undefined],
      // A move of a user with a number keeps theirs if Webex can move it: planned although none is left to set aside.
      ['move', 'hasnumber@example.com', undefined, undefined],
      // A move of a user without a number takes one for sure.
      ['move', 'nonumber@example.com', '+14085550104', undefined],
    ]);
    expect(p.skipped).toEqual([]);
    expect(byEmail(p, 'hasnumber@example.com').reason).toMatch(/no free number in One to set aside: should Webex not move their number with them, the move takes the first one free at apply, or fails/);
    expect(p.counts).toMatchObject({ join: 1, enableCalling: 1, move: 2 });
    for (const a of p.actions.filter((x) => x.after.phoneNumber)) expect(a.reason).toMatch(new RegExp(`\\${a.after.phoneNumber}: number chosen by the plan`));
    // The Joiner's row names the number and no longer asks for the first free one.
    const join = byEmail(p, 'joiner@example.com');
    expect(join.roster).toMatchObject({ phoneNumber: '+14085550102' });
    expect(join.roster).not.toHaveProperty('autoAssignNumber');
    expect(UserJoinedDetail.safeParse(join.roster).success).toBe(true);
  });

  it("sets a number aside for a move of a user who has one (used only if Webex cannot move theirs), after the sure needs", () => {
    const p = plan({ roster: [everyone[1], everyone[3]], org: webex });
    const move = byEmail(p, 'hasnumber@example.com');
    expect(byEmail(p, 'nocalling@example.com').after.phoneNumber).toBe('+14085550102');
    expect(move.after).toEqual({ locationId: 'LOC1' });
    expect(move.fallbackPhoneNumber).toBe('+14085550103');
    expect(move.reason).toMatch(/\+14085550103 set aside should their number not move with them/);
    const run = actionRun(move, 'reconcile-x-2');
    expect(run).toMatchObject({ machine: 'Mover', input: { detail: { email: 'hasnumber@example.com', location: 'LOC1', fallbackPhoneNumber: '+14085550103' } } });
    expect(UserMovedDetail.safeParse((run.input as { detail: unknown }).detail).success).toBe(true);
  });

  it('never picks a number the roster gives someone else, nor one that is not a free standard ACTIVE number', () => {
    const p = plan({ roster: [{ ...everyone[4], detail: { ...everyone[4].detail, phoneNumber: '+14085550102' } }, everyone[1]], org: webex });
    expect(p.actions.map((a) => a.after.phoneNumber)).toEqual(['+14085550102', '+14085550103']);
    expect(byEmail(p, 'joiner@example.com').reason).not.toMatch(/chosen by the plan/);
    const n = { phoneNumber: '+1', location: { id: 'L' } };
    expect(assignableNumber({ ...n, state: 'ACTIVE', includedTelephonyTypes: 'PSTN_NUMBER', mainNumber: false, tollFreeNumber: false, isServiceNumber: false })).toBe(true);
    for (const odd of [{ state: 'INACTIVE' }, { includedTelephonyTypes: 'MOBILE_NUMBER' }, { mainNumber: true }, { tollFreeNumber: true }, { isServiceNumber: true }, { isReservedNumber: true }, { owner: { id: 'x' } }]) {
      expect(assignableNumber({ ...n, ...odd })).toBe(false);
    }
  });

  it('skips the actions that need a number a location has none left for, with advice Webex and this product accept, and plans the rest', () => {
    const few = org(webex.users, new Map([['+14085550102', free('LOC1')]]));
    const p = plan({ roster: everyone, org: few });
    expect(p.actions.map((a) => [a.kind, a.email, a.after.phoneNumber, a.fallbackPhoneNumber])).toEqual([
      ['join', 'joiner@example.com', '+14085550102', undefined],
      // Planned without a number set aside: Calling Plan and integrated CCP locations seldom keep a spare one.
      ['move', 'hasnumber@example.com', undefined, undefined],
    ]);
    expect(p.skipped.map((s) => [s.kind, s.email])).toEqual([
      ['enableCalling', 'nocalling@example.com'],
      ['move', 'nonumber@example.com'],
    ]);
    for (const s of p.skipped) {
      expect(s.reason).toMatch(/^no free number left in One for this (enableCalling|move) \(it needs a number\): give one in the roster, or add numbers .*Local Gateway and non-integrated CCP only.* or order them from its PSTN provider$/);
    }
    expect(p.counts).toEqual({ join: 1, enableCalling: 0, move: 1, updateProfile: 0, leave: 0 });
  });

  it('picks the same numbers from the same inputs in any order', () => {
    const p = plan({ roster: everyone, org: webex });
    const shuffled = plan({ roster: [...everyone].reverse(), org: org([...webex.users].reverse(), numbers()) });
    expect(shuffled.actions).toEqual(p.actions);
    expect(shuffled.skipped).toEqual(p.skipped);
  });

  it('lets apply pass each number and run those actions side by side: one item per user, no chain', () => {
    const p = plan({ roster: [everyone[1], everyone[2], everyone[4]], org: webex });
    // (The users the partial roster leaves out are leavers, one item each.)
    const groups = applyGroups(p, applyExecutionName(p.id)).filter((g) => g.actions[0].kind !== 'leave');
    expect(groups.map((g) => g.actions.map((a) => a.kind))).toEqual([['join'], ['enableCalling'], ['move']]);
    const inputs = groups.map((g) => g.actions[0].run.input as Record<string, unknown> & { detail?: Record<string, unknown> });
    expect(inputs[0].detail).toMatchObject({ phoneNumber: '+14085550102' });
    expect(inputs[1]).toEqual({ user: 'id-nocalling@example.com', location: 'LOC1', phoneNumber: '+14085550103' });
    expect(EnableCallingInput.safeParse(inputs[1]).success).toBe(true);
    expect(inputs[2].detail).toMatchObject({ location: 'LOC1', phoneNumber: '+14085550104' });
  });

  it('picks nothing when the numbers were not read: such actions take the first free number at apply, chained', () => {
    const p = plan({ roster: [everyone[1], everyone[4]], org: org(webex.users) });
    expect(p.actions.map((a) => a.after.phoneNumber)).toEqual([undefined, undefined]);
    const [first] = applyGroups(p, applyExecutionName(p.id));
    expect(first.actions.map((a) => [a.kind, a.email])).toEqual([['join', 'joiner@example.com'], ['enableCalling', 'nocalling@example.com']]);
  });
});

describe('fallbackPhoneNumber on the Mover and Enable Calling', () => {
  const issuePaths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.'));
  it('goes only with a location change (move) and without phoneNumber, naming the field otherwise', () => {
    const moved = { email: 'a@example.com', location: 'LOC1', fallbackPhoneNumber: '+14085550102' };
    expect(UserMovedDetail.safeParse(moved).success).toBe(true);
    expect(issuePaths(UserMovedDetail.safeParse({ email: 'a@example.com', profile: { title: 'X' }, fallbackPhoneNumber: '+14085550102' }))).toEqual(['fallbackPhoneNumber']);
    expect(issuePaths(UserMovedDetail.safeParse({ ...moved, phoneNumber: '+14085550103' }))).toEqual(['fallbackPhoneNumber']);
    expect(issuePaths(UserMovedDetail.safeParse({ ...moved, fallbackPhoneNumber: '555' }))).toEqual(['fallbackPhoneNumber']);
    const enable = { user: 'a@example.com', location: 'LOC1', autoAssignNumber: true, move: true, fallbackPhoneNumber: '+14085550102' };
    expect(EnableCallingInput.safeParse(enable).success).toBe(true);
    expect(issuePaths(EnableCallingInput.safeParse({ ...enable, move: undefined }))).toEqual(['fallbackPhoneNumber']);
  });
});

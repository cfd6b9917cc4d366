import { buildPlan, type BuildPlanInput } from '../../../functions/lib/reconcile/build-plan';
import { changedSincePlan } from '../../../functions/lib/reconcile/changed-since-plan';
import { checkConfirmation } from '../../../functions/lib/reconcile/safeguards';
import { rosterFromCsv, rosterFromUsers } from '../../../functions/lib/reconcile/roster';
import { DEFAULT_LEAVER_THRESHOLDS, ReconcilePlanInput, type ReconcileScope } from '../../../functions/lib/reconcile/schemas';
import { ValidationError } from '../../../functions/lib/errors';
import type { Person } from '../../../functions/lib/webex/schemas';
import { applyPlan, org, roster, user } from './model-org';

const plan = (over: Partial<BuildPlanInput> & Pick<BuildPlanInput, 'roster' | 'org'>) =>
  buildPlan({
    id: '00000000-0000-4000-8000-000000000001',
    createdAt: '2026-12-01T00:00:00.000Z',
    rosterField: 'users',
    scope: { emailDomains: ['example.com'] },
    policy: { leaverPolicy: 'deactivate', allowMoves: true, thresholds: { maxLeaverPercent: 100, maxLeavers: 1000 } },
    ...over,
  });

const fields = (e: unknown) => (e as ValidationError).fields;

describe('buildPlan: the diff', () => {
  const webex = org([
    user('same@example.com', { locationId: 'LOC1', department: 'Ops' }),
    user('nocalling@example.com'),
    user('mover@example.com', { locationId: 'LOC1', phoneNumber: '+14085550101', extension: '1001' }),
    user('renamed@example.com', { locationId: 'LOC1', title: 'Old', department: 'Ops' }),
    user('leaver@example.com', { locationId: 'LOC2', title: 'Gone' }),
    user('other@elsewhere.com', { locationId: 'LOC1' }),
  ]);
  const r = roster(
    { email: 'same@example.com' },
    { email: 'nocalling@example.com', location: 'Two' },
    { email: 'mover@example.com', location: 'LOC3' },
    { email: 'renamed@example.com', title: 'New', department: 'Ops' },
    { email: 'Joiner@Example.com', location: 'Three', firstName: 'Jo', extension: '4001' },
  );

  it('plans each kind once, with the fields before and after and the reason, in a stable order', () => {
    const p = plan({ roster: r, org: webex });
    expect(p.actions.map((a) => [a.kind, a.email])).toEqual([
      ['join', 'joiner@example.com'],
      ['enableCalling', 'nocalling@example.com'],
      ['move', 'mover@example.com'],
      ['updateProfile', 'renamed@example.com'],
      ['leave', 'leaver@example.com'],
    ]);
    expect(p.counts).toEqual({ join: 1, enableCalling: 1, move: 1, updateProfile: 1, leave: 1 });
    expect(p.unchanged).toBe(1);
    expect(p.inScope).toBe(5);
    const [join, enable, move, update, leave] = p.actions;
    expect(join).toMatchObject({ before: {}, after: { firstName: 'Jo', locationId: 'LOC3', extension: '4001' }, seen: null });
    expect(join.reason).toMatch(/users\.4.*Three/);
    expect(enable).toMatchObject({ before: {}, after: { locationId: 'LOC2' }, userId: 'id-nocalling@example.com' });
    expect(move).toMatchObject({ before: { locationId: 'LOC1', phoneNumber: '+14085550101', extension: '1001' }, after: { locationId: 'LOC3' } });
    expect(move.reason).toBe('calling location is One; the roster (users.2) says Three');
    expect(update).toMatchObject({ before: { title: 'Old' }, after: { title: 'New' } });
    expect(leave).toMatchObject({ leaverPolicy: 'deactivate', before: { title: 'Gone', locationId: 'LOC2' }, after: {} });
    expect(p.actions.every((a) => a.email !== 'other@elsewhere.com')).toBe(true);
    // The join carries the row as the Joiner runs it: without a number or an extension, the first free number.
    const numberless = plan({ roster: roster({ email: 'n@example.com' }, { email: 'same@example.com' }, { email: 'nocalling@example.com' }, { email: 'renamed@example.com' }), org: webex }).actions[0];
    expect(numberless).toMatchObject({ kind: 'join', roster: { email: 'n@example.com', autoAssignNumber: true } });
    // The same inputs, in another order, give the same plan.
    expect(plan({ roster: [...r].reverse(), org: { ...webex, users: [...webex.users].reverse() } }).actions.map((a) => a.email)).toEqual(p.actions.map((a) => a.email));
  });

  it('reports a move as a skipped difference without allowMoves', () => {
    const p = plan({ roster: r, org: webex, policy: { leaverPolicy: 'delete', allowMoves: false, thresholds: DEFAULT_LEAVER_THRESHOLDS } });
    expect(p.counts.move).toBe(0);
    expect(p.skipped).toEqual([expect.objectContaining({ kind: 'move', email: 'mover@example.com', reason: expect.stringMatching(/allowMoves is false/) })]);
    expect(p.actions.find((a) => a.kind === 'leave')?.leaverPolicy).toBe('delete');
  });

  it('applying the plan and planning again gives no actions', () => {
    const first = plan({ roster: r, org: webex });
    expect(plan({ roster: r, org: applyPlan(webex, first) }).actions).toEqual([]);
  });

  it('leaves users outside the scope alone: other domains, excluded e-mails, other locations, no calling under a location scope', () => {
    const scope: ReconcileScope = { emailDomains: ['example.com'], locations: ['One'], exclude: ['Same@example.com'] };
    const p = plan({ roster: r, org: webex, scope });
    // same: excluded; nocalling: no calling location; leaver: in LOC2; other: another domain; joiner: joins LOC3;
    // mover: in scope, but the roster moves them to LOC3, outside it: kept inside the scope as a join is.
    expect(p.actions.map((a) => [a.kind, a.email])).toEqual([['updateProfile', 'renamed@example.com']]);
    expect(p.skipped).toEqual([{ kind: 'move', where: 'users.2', email: 'mover@example.com', userId: 'id-mover@example.com', reason: 'calling location is One; the roster (users.2) says Three, outside scope.locations: not moved' }]);
    expect(p.scopeLocationIds).toEqual(['LOC1']);
    expect(p.inScope).toBe(2);
    expect(p.rosterOutOfScope).toBe(3);
  });

  it('removeCalling: plans the leave of a user with calling, and neither counts nor removes again one it left active without calling', () => {
    const policy = { leaverPolicy: 'removeCalling' as const, allowMoves: false, thresholds: { maxLeaverPercent: 100, maxLeavers: 1000 } };
    const webexOrg = org([
      user('stay@example.com', { locationId: 'LOC1' }),
      user('calling.leaver@example.com', { locationId: 'LOC1', phoneNumber: '+14085550101', extension: '1001' }),
      user('left.before@example.com'),
    ]);
    const r2 = roster({ email: 'stay@example.com' });
    const p = plan({ roster: r2, org: webexOrg, policy });
    expect(p.actions).toEqual([expect.objectContaining({ kind: 'leave', email: 'calling.leaver@example.com', leaverPolicy: 'removeCalling', reason: 'in scope, not in the roster: removeCalling' })]);
    expect(p.inScope).toBe(2);
    // The leaver stays active without calling: the next plan has nothing to do.
    const after = applyPlan(webexOrg, p);
    expect(after.users.find((u) => u.email === 'calling.leaver@example.com')).toMatchObject({ loginEnabled: true });
    expect(plan({ roster: r2, org: after, policy }).actions).toEqual([]);
    // An empty-looking roster is still refused: the users it would act on are all in scope.
    expect(() => plan({ roster: roster({ email: 'left.before@example.com' }, { email: 'stay@example.com' }), org: webexOrg, policy })).not.toThrow();
    expect(() => plan({ roster: roster({ email: 'nobody@elsewhere.com' }), org: webexOrg, policy })).toThrow(ValidationError);
  });

  it('does not count or remove deactivated users, and skips one the roster still lists', () => {
    const p = plan({
      roster: roster({ email: 'back@example.com' }, { email: 'stay@example.com' }),
      org: org([user('back@example.com', { loginEnabled: false }), user('gone@example.com', { loginEnabled: false }), user('stay@example.com', { locationId: 'LOC1' })]),
    });
    expect(p.actions).toEqual([]);
    expect(p.inScope).toBe(1);
    expect(p.skipped).toEqual([expect.objectContaining({ email: 'back@example.com', reason: expect.stringMatching(/deactivated/) })]);
  });

  it('skips a join or calling enablement whose number is missing, in another location or taken', () => {
    const numbers = new Map([
      ['+14085550101', { locationId: 'LOC1' }],
      ['+14085550102', { locationId: 'LOC2' }],
      ['+14085550103', { locationId: 'LOC1', ownerId: 'someone' }],
    ]);
    const p = plan({
      roster: roster(
        { email: 'ok@example.com', phoneNumber: '+14085550101' },
        { email: 'wrongplace@example.com', phoneNumber: '+14085550102' },
        { email: 'taken@example.com', phoneNumber: '+14085550103' },
        { email: 'nowhere@example.com', phoneNumber: '+14085550199' },
      ),
      org: org([user('taken@example.com'), user('keep@example.com', { locationId: 'LOC1' })], numbers),
    });
    expect(p.actions.map((a) => [a.kind, a.email])).toEqual([['join', 'ok@example.com'], ['leave', 'keep@example.com']]);
    expect(p.skipped.map((s) => [s.kind, s.email, s.reason])).toEqual([
      ['join', 'nowhere@example.com', expect.stringMatching(/not a number of the organisation/)],
      ['join', 'wrongplace@example.com', expect.stringMatching(/another location/)],
      ['enableCalling', 'taken@example.com', expect.stringMatching(/someone else/)],
    ]);
  });

  it('names every roster row whose location Webex Calling does not have, and scope locations it does not know', () => {
    const bad = roster({ email: 'a@example.com' }, { email: 'b@example.com', location: 'Nowhere' });
    expect(() => plan({ roster: bad, org: webex })).toThrow(ValidationError);
    try {
      plan({ roster: bad, org: webex, scope: { locations: ['LOC1', 'Atlantis'] } });
    } catch (e) {
      expect(fields(e)).toEqual([{ field: 'scope.locations.1', message: expect.stringMatching(/Atlantis/) }]);
    }
    try {
      plan({ roster: bad, org: webex });
    } catch (e) {
      expect(fields(e)).toEqual([{ field: 'users.1.location', message: expect.stringMatching(/Nowhere/) }]);
    }
    expect.assertions(3);
  });
});

describe('safeguards', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => user(`u${String(i).padStart(3, '0')}@example.com`, { locationId: 'LOC1' }));
  const keep = (users: ReturnType<typeof many>, n: number) => roster(...users.slice(0, n).map((u) => ({ email: u.email })));
  const defaults = { leaverPolicy: 'deactivate' as const, allowMoves: false, thresholds: DEFAULT_LEAVER_THRESHOLDS };

  it('needs confirmation above 10 % of the in-scope users', () => {
    const users = many(100);
    expect(plan({ roster: keep(users, 90), org: org(users), policy: defaults }).needsConfirmation).toBe(false);
    const p = plan({ roster: keep(users, 89), org: org(users), policy: defaults });
    expect(p.needsConfirmation).toBe(true);
    expect(() => checkConfirmation(p, undefined)).toThrow(/confirm: 11/);
    expect(() => checkConfirmation(p, 10)).toThrow(ValidationError);
    expect(() => checkConfirmation(p, 11)).not.toThrow();
    expect(() => checkConfirmation(p, '11')).not.toThrow();
  });

  it('needs confirmation above 50 leavers whatever the share, and takes overrides', () => {
    const users = many(600);
    expect(plan({ roster: keep(users, 550), org: org(users), policy: defaults }).needsConfirmation).toBe(false);
    expect(plan({ roster: keep(users, 549), org: org(users), policy: defaults }).needsConfirmation).toBe(true);
    const loose = { ...defaults, thresholds: { maxLeaverPercent: 50, maxLeavers: 100 } };
    expect(plan({ roster: keep(users, 549), org: org(users), policy: loose }).needsConfirmation).toBe(false);
    const noConfirmationNeeded = plan({ roster: keep(users, 599), org: org(users), policy: defaults });
    expect(() => checkConfirmation(noConfirmationNeeded, undefined)).not.toThrow();
  });

  it('refuses a roster that removes more in-scope users than it keeps, however many it keeps', () => {
    const users = many(9);
    // Keeping one (or four) of nine is no more a right roster than keeping none.
    for (const kept of [1, 4]) {
      expect(() => plan({ roster: keep(users, kept), org: org(users), policy: defaults })).toThrow(/remove \d of the 9 in-scope users, more than it keeps/);
    }
    expect(plan({ roster: keep(users, 5), org: org(users), policy: defaults }).counts.leave).toBe(4);
  });

  it('refuses a roster that removes every in-scope user, naming the roster field', () => {
    const users = many(3);
    expect(() => plan({ roster: roster({ email: 'new@example.com' }), org: org(users), rosterField: 'key' })).toThrow(ValidationError);
    try {
      plan({ roster: roster({ email: 'new@example.com' }), org: org(users), rosterField: 'key' });
    } catch (e) {
      expect(fields(e)[0]).toEqual({ field: 'key', message: expect.stringMatching(/every one of the 3 in-scope users/) });
    }
  });
});

describe('changedSincePlan', () => {
  const person = (over: Partial<Person> = {}): Person => ({
    id: 'id-a@example.com', emails: ['a@example.com'], displayName: 'a', locationId: 'LOC1', title: 'T', loginEnabled: 'true', ...over,
  });
  const p = plan({
    roster: roster({ email: 'a@example.com', title: 'New', location: 'Two' }, { email: 'j@example.com' }),
    org: org([user('a@example.com', { locationId: 'LOC1', title: 'T' }), user('l@example.com', { locationId: 'LOC1' })]),
  });
  const action = (kind: string) => p.actions.find((a) => a.kind === kind)!;

  it('sees nothing changed when Webex is as the plan saw it (the other fields in the record do not count)', () => {
    expect(changedSincePlan(action('move'), person({ licenses: ['x'], created: 'now' }))).toBe(false);
    expect(changedSincePlan(action('updateProfile'), person())).toBe(false);
    expect(changedSincePlan(action('join'), undefined)).toBe(false);
  });

  it('an earlier action of the plan on the same user does not make the next one stale', () => {
    expect(changedSincePlan(action('updateProfile'), person({ locationId: 'LOC2' }))).toBe(false);
    expect(changedSincePlan(action('move'), person({ title: 'New' }))).toBe(false);
  });

  it('sees a user changed, gone, deactivated or (for a join) created meanwhile', () => {
    expect(changedSincePlan(action('move'), person({ locationId: 'LOC3' }))).toBe(true);
    expect(changedSincePlan(action('updateProfile'), person({ title: 'Other' }))).toBe(true);
    expect(changedSincePlan(action('updateProfile'), person({ loginEnabled: 'false' }))).toBe(true);
    expect(changedSincePlan(action('move'), undefined)).toBe(true);
    expect(changedSincePlan(action('join'), person({ id: 'x', emails: ['j@example.com'] }))).toBe(true);
    const leave = action('leave');
    expect(changedSincePlan(leave, { id: 'id-l@example.com', emails: ['l@example.com'], displayName: 'l', locationId: 'LOC1', loginEnabled: 'true' })).toBe(false);
    expect(changedSincePlan(leave, { id: 'id-l@example.com', emails: ['l@example.com'], displayName: 'l', locationId: 'LOC1', department: 'HR', loginEnabled: 'true' })).toBe(true);
  });
});

describe('the roster', () => {
  it('takes the bulk joiners CSV through their preflight: a bad row names lines.<line>.<column>', () => {
    const csv = 'email,displayName,location\r\na@example.com,A,One\r\nnot-an-email,B,One\r\n';
    expect(() => rosterFromCsv(csv)).toThrow(ValidationError);
    try {
      rosterFromCsv(csv);
    } catch (e) {
      expect(fields(e)).toEqual([{ field: 'lines.3.email', message: expect.any(String) }]);
    }
    expect(rosterFromCsv('email,displayName,location,autoAssignNumber\na@example.com,A,One,no\n'.replace('no', 'yes'))).toEqual([
      { where: 'lines.2', detail: { email: 'a@example.com', displayName: 'A', location: 'One', autoAssignNumber: true } },
    ]);
  });

  it('takes JSON users as Webex User Joined details, each once', () => {
    const input = ReconcilePlanInput.safeParse({ users: [{ email: 'a@example.com', location: 'One' }], scope: { emailDomains: ['example.com'] } });
    expect(input.success).toBe(false);
    expect(input.error?.issues[0].path).toEqual(['users', 0, 'displayName']);
    expect(() => rosterFromUsers([{ email: 'a@example.com', displayName: 'A', location: 'One' }, { email: 'A@example.com', displayName: 'A', location: 'One' }])).toThrow(
      /users\.1\.email: duplicate of users\.0\.email/,
    );
  });

  it('refuses a roster whose rows share a number, naming both rows (CSV lines and JSON users)', () => {
    const csv = 'email,displayName,location,phoneNumber\r\na@example.com,A,One,+14085550101\r\nb@example.com,B,One,+14085550102\r\nc@example.com,C,One,+14085550101\r\n';
    expect(() => rosterFromCsv(csv)).toThrow(ValidationError);
    try {
      rosterFromCsv(csv);
    } catch (e) {
      expect(fields(e)).toEqual([{ field: 'lines.4.phoneNumber', message: '+14085550101 is also the number of lines.2: each number once per roster' }]);
    }
    const users = [
      { email: 'a@example.com', displayName: 'A', location: 'One', phoneNumber: '+14085550101' },
      { email: 'b@example.com', displayName: 'B', location: 'One', phoneNumber: '+14085550101' },
    ];
    expect(() => rosterFromUsers(users)).toThrow(/users\.1\.phoneNumber: \+14085550101 is also the number of users\.0/);
    expect(rosterFromUsers([users[0], { ...users[1], phoneNumber: '+14085550102' }])).toHaveLength(2);
  });

  it('requires a scope with domains or locations, and one roster', () => {
    const users = [{ email: 'a@example.com', displayName: 'A', location: 'One' }];
    expect(ReconcilePlanInput.safeParse({ users, scope: {} }).error?.issues[0].path).toEqual(['scope', 'emailDomains']);
    expect(ReconcilePlanInput.safeParse({ users }).error?.issues[0].path).toEqual(['scope']);
    expect(ReconcilePlanInput.safeParse({ users, key: 'r.csv', scope: { emailDomains: ['example.com'] } }).error?.issues[0].path).toEqual(['users']);
    expect(ReconcilePlanInput.safeParse({ users, scope: { emailDomains: ['@example.com'] } }).error?.issues[0].path).toEqual(['scope', 'emailDomains', 0]);
    expect(ReconcilePlanInput.parse({ users, scope: { emailDomains: ['Example.COM'] }, leaverPolicy: 'delete' }).scope.emailDomains).toEqual(['example.com']);
  });
});

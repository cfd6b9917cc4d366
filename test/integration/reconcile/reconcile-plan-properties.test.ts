import fc from 'fast-check';
import { DEMO_IDS } from '../../../functions/simulator/seed';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { CORP_DOMAIN, largeOrgSeed } from '../../support/reconcile-org';

/**
 * Properties of POST /reconcile/plans over generated organisations and rosters, through the real route,
 * the ReconcilePlan ASL and the simulator (few runs: each is a real plan; the planner's own properties run
 * hundreds of times in test/unit/reconcile/plan-properties.test.ts): nothing outside the scope is ever in
 * a plan, a plan over the thresholds always needs confirmation, a roster removing more in-scope users than it keeps is always refused.
 */
const BUCKET = 'imports';
useLocalImportsBucket(BUCKET);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const runs = { numRuns: 8, ...(process.env.CI ? { seed: 20261216 } : {}) };
const LOCATIONS = [
  { id: DEMO_IDS.locations.headquarters, name: 'Headquarters' },
  { id: DEMO_IDS.locations.branchOffice, name: 'Branch Office' },
  { id: DEMO_IDS.locations.partnerHub, name: 'Partner Hub' },
];
const domainOf = (email: string) => email.slice(email.indexOf('@') + 1);

const world = fc.integer({ min: 3, max: 24 }).chain((people) =>
  fc.record({
    people: fc.constant(people),
    // Each corp person kept (maybe in another location) or left out; a few joiners; the demo org's example.com users too.
    kept: fc.array(fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }), { minLength: people, maxLength: people }),
    keepDemo: fc.boolean(),
    joiners: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }),
    scope: fc
      .record({
        emailDomains: fc.option(fc.subarray([CORP_DOMAIN, 'example.com'], { minLength: 1 }), { nil: undefined }),
        locations: fc.option(fc.subarray(LOCATIONS.map((l) => l.name), { minLength: 1 }), { nil: undefined }),
        exclude: fc.option(fc.subarray(Array.from({ length: people }, (_, i) => `person${String(i).padStart(5, '0')}@${CORP_DOMAIN}`), { maxLength: 3 }), { nil: undefined }),
      })
      .filter((s) => !!(s.emailDomains || s.locations)),
    // Tighter than the deployment's ceiling (the default 10 % and 50): a request may only tighten it.
    thresholds: fc.record({ maxLeaverPercent: fc.integer({ min: 0, max: 10 }), maxLeavers: fc.integer({ min: 0, max: 8 }) }),
    allowMoves: fc.boolean(),
  }),
);

describe('POST /reconcile/plans over generated organisations and rosters', () => {
  it('never plans outside the scope; the safeguards hold', async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const org = largeOrgSeed(w.people, 2);
        h.sim.reset(org.seed);
        h.runtime.eventBus.clear();
        const people = org.seed.people.map((p) => ({ id: p.id, email: p.emails[0].toLowerCase(), locationId: p.calling?.locationId, loginEnabled: p.loginEnabled }));
        const corp = people.filter((p) => p.email.endsWith(`@${CORP_DOMAIN}`));
        const users = [
          ...corp.flatMap((p, i) => {
            const shift = w.kept[i];
            if (shift === undefined) return [];
            const at = LOCATIONS.findIndex((l) => l.id === p.locationId);
            return [{ email: p.email, displayName: `First${i} Last${i}`, location: LOCATIONS[(at + shift) % LOCATIONS.length].name }];
          }),
          ...(w.keepDemo ? people.filter((p) => p.email.endsWith('@example.com')).map((p) => ({ email: p.email, displayName: 'Demo', location: p.locationId ?? LOCATIONS[0].id })) : []),
          ...w.joiners.map((l, k) => ({ email: `joiner${k}@${k % 2 ? 'example.com' : CORP_DOMAIN}`, displayName: `J${k}`, location: LOCATIONS[l].name })),
        ];
        if (!users.length) return;
        const res = await h.call('POST', '/reconcile/plans', { users, scope: w.scope, thresholds: w.thresholds, allowMoves: w.allowMoves });

        const scopeIds = w.scope.locations && new Set(w.scope.locations.map((n) => LOCATIONS.find((l) => l.name === n)!.id));
        const excluded = new Set(w.scope.exclude ?? []);
        const inScope = (email: string, locationId: string | undefined) =>
          !excluded.has(email) && (!w.scope.emailDomains || w.scope.emailDomains.includes(domainOf(email))) && (!scopeIds || (!!locationId && scopeIds.has(locationId)));
        const inScopeUsers = people.filter((p) => p.loginEnabled && inScope(p.email, p.locationId));
        const rostered = new Set(users.map((u) => u.email));

        if (res.status === 400) {
          // Refused only for removing more in-scope users than it keeps.
          expect(res.body.error.fields).toEqual([{ field: 'users', message: expect.stringMatching(/every one of the|more than it keeps/) }]);
          expect(inScopeUsers.filter((u) => !rostered.has(u.email)).length * 2).toBeGreaterThan(inScopeUsers.length);
          // No plan is published: only the planning run's failure (stage plan), with the planner's field.
          expect(h.runtime.eventBus.published.map((e) => [e.detailType, (e.detail as { stage?: string }).stage])).toEqual([['Webex Reconcile Failed', 'plan']]);
          expect((h.runtime.eventBus.published[0].detail as { error: { fields: unknown } }).error.fields).toEqual(res.body.error.fields);
          return;
        }
        expect(res.status).toBe(201);
        const plan = (await h.call('GET', `/reconcile/plans/${res.body.id}?limit=1000`)).body;
        const byId = new Map(people.map((p) => [p.id, p]));
        for (const a of plan.actions as { kind: string; email: string; userId?: string; after: { locationId?: string } }[]) {
          if (a.userId) expect([a.email, inScope(byId.get(a.userId)!.email, byId.get(a.userId)!.locationId)]).toEqual([a.email, true]);
          else expect([a.email, inScope(a.email, a.after.locationId)]).toEqual([a.email, true]);
        }
        expect(plan.inScope).toBe(inScopeUsers.length);
        const leavers = inScopeUsers.filter((u) => !rostered.has(u.email)).length;
        expect(plan.counts.leave).toBe(leavers);
        expect(leavers * 2 <= plan.inScope).toBe(true);
        const over = leavers > w.thresholds.maxLeavers || leavers * 100 > w.thresholds.maxLeaverPercent * plan.inScope;
        expect(plan.needsConfirmation).toBe(over);
        expect(res.body.confirmWith).toBe(over ? leavers : undefined);
        // The event says the same.
        expect(h.runtime.eventBus.published.map((e) => e.detailType)).toEqual([over ? 'Webex Reconcile Confirmation Required' : 'Webex Reconcile Planned']);
        expect(h.webexCalls().filter((r) => r.method !== 'GET')).toEqual([]);
      }),
      runs,
    );
  }, 120_000);
});

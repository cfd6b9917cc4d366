import { ACTION_WEBEX_REQUESTS, actionRequests } from '../../../functions/lib/reconcile/apply-items';
import type { ActionKind } from '../../../functions/lib/reconcile/schemas';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { CORP_DOMAIN, largeOrgSeed } from '../../support/reconcile-org';
import { IMPORTS, UNCALLED_ROW, applyAndWait, planFor, useDeploymentThresholds, withUncalledUser } from '../../support/reconcile-apply';

/**
 * Apply paces each action by ACTION_WEBEX_REQUESTS (functions/lib/reconcile/apply-items.ts): more requests
 * than that and an apply overshoots the budget, fewer and it idles. This pins each figure to what one
 * action of the kind really sends Webex on warm functions (SHOW_CALLS=1 lists them).
 */
const bucket = useLocalImportsBucket(IMPORTS);
// This deployment lets plans with many leavers apply without confirmation: a request may only tighten that.
useDeploymentThresholds({ maxLeaverPercent: 100, maxLeavers: 10 });
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const o = withUncalledUser(largeOrgSeed(6, 2));
const person = (i: number, location: string, title = 'Staff') =>
  `person0000${i}@${CORP_DOMAIN},First${i},Last${i},First${i} Last${i},${['Sales', 'Support', 'Engineering', 'Finance'][i % 4]},${title},${location},`;
const LOCATIONS = ['Headquarters', 'Branch Office', 'Partner Hub'];
const kept = (except: number[] = []) => [0, 1, 2, 3, 4, 5].filter((i) => !except.includes(i)).map((i) => person(i, LOCATIONS[i % 3]));
const HEADER = 'email,firstName,lastName,displayName,department,title,location,phoneNumber';

const rosters: Record<ActionKind | 'moveToNamedNumber', string[]> = {
  enableCalling: [...kept(), UNCALLED_ROW],
  join: [...kept(), `joiner00000@${CORP_DOMAIN},New,Joiner,New Joiner,Sales,Staff,Headquarters,${o.freeNumbers[0][0]}`],
  // From Branch Office (non-integrated CCP): the number cannot travel, the Mover lands on the one the plan set aside.
  move: [...kept([1]), person(1, 'Partner Hub')],
  moveToNamedNumber: [...kept([1]), `${person(1, 'Partner Hub')}${o.freeNumbers[2][0]}`],
  updateProfile: [...kept([1]), person(1, LOCATIONS[1], 'Lead')],
  leave: kept([5]),
};

async function requestsOfOneApply(kind: keyof typeof rosters): Promise<{ calls: number; expected: number }> {
  h.sim.reset(o.seed);
  await bucket.store().putText(IMPORTS, `cost-${kind}.csv`, `${[HEADER, ...rosters[kind]].join('\r\n')}\r\n`);
  // The user without calling is another kind's: out of scope for the rest.
  const scope = { emailDomains: [CORP_DOMAIN], ...(kind === 'enableCalling' ? {} : { exclude: [`nocalling@${CORP_DOMAIN}`] }) };
  const plan = await planFor(h, bucket.store(), { key: `cost-${kind}.csv`, scope, allowMoves: true, thresholds: { maxLeaverPercent: 100, maxLeavers: 10 } });
  expect(plan.actions.map((a) => a.kind)).toEqual([kind === 'moveToNamedNumber' ? 'move' : kind]);
  const before = h.webexCalls().length;
  await applyAndWait(h, plan.id);
  const calls = h.webexCalls().slice(before);
  if (process.env.SHOW_CALLS) console.log(kind, '\n' + calls.map((c) => `${c.method} ${c.path} ${c.status}`).join('\n'));
  return { calls: calls.length, expected: actionRequests(plan.actions[0]) };
}

describe('Webex requests per apply action (warm)', () => {
  it.each(['join', 'enableCalling', 'move', 'updateProfile', 'leave'] as const)('%s: exactly ACTION_WEBEX_REQUESTS', async (kind) => {
    await requestsOfOneApply(kind); // warms the license and location caches
    const { calls, expected } = await requestsOfOneApply(kind);
    expect(calls).toBe(ACTION_WEBEX_REQUESTS[kind]);
    expect(expected).toBe(ACTION_WEBEX_REQUESTS[kind]);
  });

  it('a move to a number the roster (or the plan) names: one request fewer (no dry run to see whether the number travels)', async () => {
    await requestsOfOneApply('moveToNamedNumber');
    const { calls, expected } = await requestsOfOneApply('moveToNamedNumber');
    expect(calls).toBe(ACTION_WEBEX_REQUESTS.move - 1);
    expect(expected).toBe(calls);
  });
});

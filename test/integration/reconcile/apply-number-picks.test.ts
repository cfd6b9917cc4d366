import { webexId } from '../../../functions/simulator/ids';
import { DEMO_IDS } from '../../../functions/simulator/seed';
import type { SimSeed } from '../../../functions/simulator/state';
import type { Harness } from '../../support/harness';
import { useLifecycleHarness } from '../../support/lifecycle-harness';
import { useLocalImportsBucket } from '../../support/local-imports-bucket';
import { CORP_DOMAIN, largeOrgSeed } from '../../support/reconcile-org';
import { IMPORTS, UNCALLED_ROW, applyAndWait, planFor, readResults, withUncalledUser } from '../../support/reconcile-apply';

/**
 * Actions that would take a location's first free number get a distinct one from the plan
 * (functions/lib/reconcile/number-picks.ts), so apply runs them side by side: a joiner, a calling
 * enablement and four movers into Partner Hub, none naming a number. The movers come from Headquarters
 * (Local Gateway) and Branch Office (non-integrated CCP), whose numbers cannot move with them (move-users
 * errors 27976 and 10050010, Local Gateway to Calling Plan is another PSTN type too): they land on the number the plan set aside. One mover goes from Partner Hub
 * (Cisco PSTN) to Partner Hub West (Cisco PSTN too, same provider and country) and keeps their own number.
 */
const bucket = useLocalImportsBucket(IMPORTS);
let h: Harness;
useLifecycleHarness((harness) => (h = harness));

const HEADER = 'email,firstName,lastName,displayName,department,title,location,phoneNumber';
const LOCATIONS = ['Headquarters', 'Branch Office', 'Partner Hub'];
const person = (i: number, location = LOCATIONS[i % 3]) =>
  `person${String(i).padStart(5, '0')}@${CORP_DOMAIN},First${i},Last${i},First${i} Last${i},${['Sales', 'Support', 'Engineering', 'Finance'][i % 4]},Staff,${location},`;
const MOVERS_IN = [0, 1, 3, 4];

const HUB_WEST = webexId('LOCATION', '1ca70000-0000-4000-8000-00000000e57a');
/** A second Calling Plan location like Partner Hub, with `free` free numbers. */
function withHubWest(seed: SimSeed, free: number): SimSeed {
  const hub = seed.locations.find((l) => l.id === DEMO_IDS.locations.partnerHub)!;
  seed.locations.push({ ...structuredClone(hub), id: HUB_WEST, name: 'Partner Hub West', routingPrefix: '8004', mainNumber: '+14155550100' });
  for (let i = 1; i <= free; i++) seed.numbers.push({ phoneNumber: `+1415555010${i}`, locationId: HUB_WEST, state: 'ACTIVE', tollFree: false, service: false });
  return seed;
}

async function planIntoPartnerHub(key: string) {
  const o = withUncalledUser(largeOrgSeed(9, 6));
  h.sim.reset(withHubWest(o.seed, 2));
  const rows = Array.from({ length: 9 }, (_, i) => (MOVERS_IN.includes(i) ? person(i, 'Partner Hub') : i === 2 ? person(2, 'Partner Hub West') : person(i)));
  const joiner = `joiner00000@${CORP_DOMAIN},New,Joiner,New Joiner,Sales,Staff,Partner Hub,`;
  await bucket.store().putText(IMPORTS, key, `${[HEADER, ...rows, joiner, UNCALLED_ROW].join('\r\n')}\r\n`);
  const plan = await planFor(h, bucket.store(), { key, allowMoves: true });
  return { o, plan };
}

const primaryOf = (h: Harness, personId: string) =>
  [...h.sim.state.numbers.values()].find((n) => n.owner?.personId === personId && n.owner.kind === 'PRIMARY');

describe('apply with the numbers the plan picked', () => {
  it('runs several actions into one location at once, each on a different number: all succeed, and a number that can travel stays', async () => {
    const { o, plan } = await planIntoPartnerHub('rosters/picks.csv');
    expect(plan.counts).toEqual({ join: 1, enableCalling: 1, move: 5, updateProfile: 0, leave: 0 });
    expect(plan.skipped).toEqual([]);
    const intoHub = plan.actions.filter((a) => a.after.locationId === DEMO_IDS.locations.partnerHub);
    const picks = intoHub.map((a) => a.after.phoneNumber ?? a.fallbackPhoneNumber);
    // Six different free standard numbers of Partner Hub (the demo org's free one and the corp pool's).
    const hubMain = o.seed.locations.find((l) => l.id === DEMO_IDS.locations.partnerHub)?.mainNumber;
    const free = o.seed.numbers
      .filter((n) => n.locationId === DEMO_IDS.locations.partnerHub && !n.owner && n.state === 'ACTIVE' && !n.tollFree && !n.service && !n.mobile && n.phoneNumber !== hubMain)
      .map((n) => n.phoneNumber);
    expect(new Set(picks).size).toBe(6);
    for (const n of picks) expect(free).toContain(n);
    for (const a of intoHub) expect(a.reason).toMatch(/chosen by the plan/);

    await applyAndWait(h, plan.id);
    // One Map item per user: nothing waited for another user's action.
    const items = JSON.parse((await bucket.store().getText(IMPORTS, `applies/${plan.id}.items.json`)).text) as unknown[];
    expect(items).toHaveLength(plan.actions.length);
    const { json } = await readResults(bucket.store(), plan.id);
    if (json.counts.failed) console.log(JSON.stringify(json.results.filter((r) => r.status === 'failed')));
    expect(json.counts).toEqual({ total: 7, succeeded: 7, failed: 0, skipped: 0 });

    // Webex now: each of the six on the number the plan picked for them, in Partner Hub.
    const people = [...h.sim.state.people.values()];
    intoHub.forEach((a, i) => {
      const id = a.userId ?? people.find((p) => p.emails[0] === a.email)!.id;
      expect(h.sim.state.people.get(id)?.calling?.locationId).toBe(DEMO_IDS.locations.partnerHub);
      expect(primaryOf(h, id)?.phoneNumber).toBe(picks[i]);
    });
    // The Partner Hub mover kept their Cisco PSTN number, now in Partner Hub West; its set-aside number was not used.
    const stayer = plan.actions.find((a) => a.email === `person00002@${CORP_DOMAIN}`)!;
    const setAside = stayer.fallbackPhoneNumber!;
    expect(h.sim.state.numbers.get(setAside)?.locationId).toBe(HUB_WEST);
    expect(primaryOf(h, stayer.userId!)).toMatchObject({ phoneNumber: stayer.seen!.phoneNumber, locationId: HUB_WEST });
    expect(h.sim.state.numbers.get(setAside)?.owner).toBeUndefined();
  });

  it('a picked number someone took between plan and apply fails that action with the reason, naming the number; the rest succeed', async () => {
    const { plan } = await planIntoPartnerHub('rosters/taken.csv');
    const enable = plan.actions.findIndex((a) => a.kind === 'enableCalling');
    const move = plan.actions.findIndex((a) => a.kind === 'move' && a.email === `person00000@${CORP_DOMAIN}`);
    const [enableNumber, moveNumber] = [plan.actions[enable].after.phoneNumber!, plan.actions[move].fallbackPhoneNumber!];
    // Someone gives both numbers to person 8 (in Partner Hub) as alternates by hand.
    const holder = [...h.sim.state.people.values()].find((p) => p.emails[0] === `person00008@${CORP_DOMAIN}`)!.id;
    for (const n of [enableNumber, moveNumber]) h.sim.state.numbers.get(n)!.owner = { personId: holder, kind: 'ALTERNATE' };

    await applyAndWait(h, plan.id);
    const { json } = await readResults(bucket.store(), plan.id);
    // Enable Calling's check of the number (requireFreeNumberInLocation), and Webex's move dry run (27966).
    expect(json.results[enable]).toMatchObject({ status: 'failed', error: { code: 'NumberTakenError', message: expect.stringContaining(enableNumber) } });
    expect(json.results[move]).toMatchObject({ status: 'failed', error: { code: 'MoveConflictError', message: expect.stringMatching(new RegExp(`27966.*\\${moveNumber}`)) } });
    expect(json.counts).toEqual({ total: 7, succeeded: 5, failed: 2, skipped: 0 });
    // Nothing changed for those two: the uncalled user has no calling, the mover is still in Headquarters.
    expect(h.sim.state.people.get(plan.actions[enable].userId!)?.calling).toBeUndefined();
    expect(h.sim.state.people.get(plan.actions[move].userId!)?.calling?.locationId).toBe(DEMO_IDS.locations.headquarters);
  });
});

describe('moves into a location with no spare number (Calling Plan locations get numbers by order)', () => {
  it('are planned without a number set aside: one whose number travels succeeds, one whose number cannot is reported at apply with Webex\'s reason', async () => {
    const o = largeOrgSeed(9, 0);
    h.sim.reset(withHubWest(o.seed, 0));
    // Person 2 (Partner Hub, Calling Plan) and person 0 (Headquarters, Local Gateway) move to Partner Hub West.
    const rows = Array.from({ length: 9 }, (_, i) => (i === 0 || i === 2 ? person(i, 'Partner Hub West') : person(i)));
    await bucket.store().putText(IMPORTS, 'rosters/no-spare.csv', `${[HEADER, ...rows].join('\r\n')}\r\n`);
    const plan = await planFor(h, bucket.store(), { key: 'rosters/no-spare.csv', allowMoves: true });
    expect(plan.skipped).toEqual([]);
    const moves = plan.actions.filter((a) => a.kind === 'move');
    expect(moves.map((a) => [a.email, a.fallbackPhoneNumber])).toEqual([[`person00000@${CORP_DOMAIN}`, undefined], [`person00002@${CORP_DOMAIN}`, undefined]]);
    for (const a of moves) expect(a.reason).toMatch(/no free number in Partner Hub West to set aside/);

    await applyAndWait(h, plan.id);
    const { json } = await readResults(bucket.store(), plan.id);
    const [lgw, cisco] = moves.map((a) => json.results[plan.actions.indexOf(a)]);
    expect(cisco).toMatchObject({ status: 'succeeded' });
    expect(primaryOf(h, moves[1].userId!)).toMatchObject({ phoneNumber: moves[1].seen!.phoneNumber, locationId: HUB_WEST });
    expect(lgw).toMatchObject({ status: 'failed', error: { code: 'NoNumberAvailableError' } });
    expect(lgw.error?.message).toMatch(/^Location "Partner Hub West" has no unassigned number to replace \+1408\d+, which cannot move there \(Webex code 27976\): its numbers come by order/);
    expect(h.sim.state.people.get(moves[0].userId!)?.calling?.locationId).toBe(DEMO_IDS.locations.headquarters);
  });
});

/**
 * One measured run in a fresh process (so its peak RSS is the planner's alone, not the simulator's):
 * `baseline` pages through the people (callingData, 100 a page), calling locations and numbers (2000 a
 * page) with the client and keeps nothing; `plan` makes the reconciliation plan from the roster in the
 * bucket. Answers { ms, maxRssMb } over IPC.
 */
import './env';
import { createReconcilePlan } from '../functions/lib/reconcile/create-plan';
import { PEOPLE_MAX_PAGE_WITH_CALLING_DATA } from '../functions/lib/reconcile/org-snapshot';
import { LocalObjectStore } from '../functions/local/local-object-store';
import { StaticTokenProvider } from '../functions/lib/webex/token-provider';
import { WebexClient } from '../functions/lib/webex/client';
import { TELEPHONY_MAX_PAGE } from '../functions/lib/webex/telephony-api';
import { savePlan } from '../functions/lib/reconcile/plan-store';
import type { ReconcilePlan } from '../functions/lib/reconcile/schemas';

/** The largest plan a roster makes: each of its 10,000 rows a joiner with a name, a title, a location and a number. */
function largePlan(rows: number): ReconcilePlan {
  const locations = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL2xvYy0${i}`, `Office ${i}, Building ${i % 7}`]));
  const ids = Object.keys(locations);
  return {
    id: '00000000-0000-4000-8000-000000000000', createdAt: new Date().toISOString(), scope: { emailDomains: ['corp.example'] },
    policy: { leaverPolicy: 'deactivate', allowMoves: true, thresholds: { maxLeaverPercent: 10, maxLeavers: 50 } },
    inScope: 0, unchanged: 0, rosterOutOfScope: 0, counts: { join: rows, enableCalling: 0, move: 0, updateProfile: 0, leave: 0 },
    needsConfirmation: false, skipped: [], locationNames: locations,
    actions: Array.from({ length: rows }, (_, i) => {
      const after = { firstName: `First${i}`, lastName: `Last name ${i}`, displayName: `First${i} Last name ${i}`, department: 'Customer Operations', title: 'Senior Account Executive', locationId: ids[i % ids.length], phoneNumber: `+1408${String(5_000_000 + i).padStart(7, '0')}`, extension: String(10_000 + i) };
      const where = `lines.${i + 2}`;
      return { kind: 'join' as const, where, email: `user.${i}@corp.example`, before: {}, after, seen: null, roster: { email: `user.${i}@corp.example`, ...after }, reason: `in the roster (${where}), not in Webex: create in ${locations[after.locationId]}; ${after.phoneNumber}: the plan chose it (the first free number)` };
    }),
  };
}

export interface ChildTask {
  /** `report`: a 10,000-action plan (every roster row a joiner) written as savePlan writes it: JSON, CSV and HTML. */
  mode: 'baseline' | 'plan' | 'report';
  baseUrl: string;
  token: string;
  root: string;
  bucket: string;
  key: string;
  scope: { emailDomains: string[] };
}

process.once('message', async (task: ChildTask) => {
  const client = new WebexClient({ baseUrl: task.baseUrl, tokenProvider: new StaticTokenProvider(task.token) });
  const started = performance.now();
  let actions = 0;
  if (task.mode === 'baseline') {
    for await (const _ of client.paginate('/people', { query: { callingData: true, max: PEOPLE_MAX_PAGE_WITH_CALLING_DATA } })) actions++;
    for await (const _ of client.paginate('/telephony/config/locations', { itemsKey: 'locations', offsetPaging: { max: TELEPHONY_MAX_PAGE } })) actions++;
    for await (const _ of client.paginate('/telephony/config/numbers', { itemsKey: 'phoneNumbers', offsetPaging: { max: TELEPHONY_MAX_PAGE } })) actions++;
  } else if (task.mode === 'report') {
    const plan = largePlan(10_000);
    await savePlan(new LocalObjectStore(task.root), task.bucket, plan);
    actions = plan.actions.length;
  } else {
    const { plan } = await createReconcilePlan(
      { client, store: new LocalObjectStore(task.root), bucket: task.bucket },
      { key: task.key, scope: task.scope, allowMoves: true, leaverPolicy: 'deactivate' },
    );
    actions = plan.actions.length;
  }
  const ms = performance.now() - started;
  process.send?.({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, items: actions });
});

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

export interface ChildTask {
  mode: 'baseline' | 'plan';
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

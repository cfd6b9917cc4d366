import { createReconcilePlan } from '../../functions/lib/reconcile/create-plan';
import { readEnv } from '../../functions/lib/config';
import { deploymentThresholds } from '../../functions/lib/reconcile/threshold-ceiling';
import type { ReconcilePlanInput } from '../../functions/lib/reconcile/schemas';
import { applyExecutionName } from '../../functions/lib/reconcile/apply-execution';
import { ReconcileResults } from '../../functions/lib/reconcile/results';
import { WebexClient } from '../../functions/lib/webex/client';
import { StaticTokenProvider } from '../../functions/lib/webex/token-provider';
import { SIM_ACCESS_TOKEN } from '../../functions/simulator/seed';
import type { ObjectStore } from '../../functions/lib/storage/object-store';
import type { Harness } from './harness';
import { webexId } from '../../functions/simulator/ids';
import { CORP_DOMAIN, type LargeOrg } from './reconcile-org';

/**
 * Reconcile apply tests: plan against the harness's simulator with the planner library (the plan route is
 * another module's), apply through the local API, wait for the run, read its report.
 */
export const IMPORTS = 'imports';

export async function planFor(h: Harness, store: ObjectStore, input: Omit<ReconcilePlanInput, 'scope'> & Partial<Pick<ReconcilePlanInput, 'scope'>>) {
  const client = new WebexClient({ baseUrl: h.sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
  // The deployment's thresholds as the local runtime reads them (a test raising them sets RECONCILE_MAX_*).
  const { plan } = await createReconcilePlan({ client, store, bucket: IMPORTS, defaults: { thresholds: deploymentThresholds(readEnv()) } }, { scope: { emailDomains: ['corp.example'] }, ...input });
  return plan;
}

/** A deployment whose leaver thresholds are these (the stack's reconcileLeaverThresholds), for the test file. */
export function useDeploymentThresholds(thresholds: { maxLeaverPercent: number; maxLeavers: number }): void {
  const saved = { p: process.env.RECONCILE_MAX_LEAVER_PERCENT, n: process.env.RECONCILE_MAX_LEAVERS };
  beforeAll(() => {
    process.env.RECONCILE_MAX_LEAVER_PERCENT = String(thresholds.maxLeaverPercent);
    process.env.RECONCILE_MAX_LEAVERS = String(thresholds.maxLeavers);
  });
  afterAll(() => {
    for (const [name, value] of [['RECONCILE_MAX_LEAVER_PERCENT', saved.p], ['RECONCILE_MAX_LEAVERS', saved.n]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

/** POST …/apply, then the run to its end; fails the test unless the execution succeeded. */
export async function applyAndWait(h: Harness, planId: string, body: unknown = {}) {
  const res = await h.call('POST', `/reconcile/plans/${planId}/apply`, body);
  if (res.status !== 202) throw new Error(`apply answered ${res.status}: ${JSON.stringify(res.body)}`);
  const outcome = await h.runtime.executions.outcome('ReconcileApply', applyExecutionName(planId));
  if (outcome?.status !== 'SUCCEEDED') throw new Error(`apply ${outcome?.status}: ${outcome?.error} ${outcome?.cause}`);
  return { res, outcome };
}

export async function readResults(store: ObjectStore, planId: string) {
  const json = ReconcileResults.parse(JSON.parse((await store.getText(IMPORTS, `applies/${planId}.results.json`)).text));
  const csv = (await store.getText(IMPORTS, `applies/${planId}.results.csv`)).text.trim().split('\r\n');
  return { json, csv };
}

/** The Reconcile events the apply published. */
export const reconcileEvents = (h: Harness) => h.runtime.eventBus.published.filter((e) => /^Webex Reconcile /.test(e.detailType ?? ''));

/** The org with one more corp user, without calling (`nocalling@corp.example`): a roster row for them plans an enableCalling. */
export function withUncalledUser(o: LargeOrg): LargeOrg {
  const model = o.seed.people.find((p) => p.emails[0]?.endsWith(`@${CORP_DOMAIN}`))!;
  o.seed.people.push({
    ...model, id: webexId('PEOPLE', '5e1d0000-0000-4000-8000-00000000ffff'), emails: [`nocalling@${CORP_DOMAIN}`],
    firstName: 'No', lastName: 'Calling', displayName: 'No Calling', department: 'Sales', title: 'Staff', calling: undefined, licenses: [],
  });
  return o;
}
export const UNCALLED_ROW = `nocalling@${CORP_DOMAIN},No,Calling,No Calling,Sales,Staff,Partner Hub,`;

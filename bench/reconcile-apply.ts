import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_INTERACTIVE_SHARE } from '../functions/lib/pacing/settings';
import { LocalObjectStore } from '../functions/local/local-object-store';
import { createReconcilePlan } from '../functions/lib/reconcile/create-plan';
import { readEnv } from '../functions/lib/config';
import { deploymentThresholds } from '../functions/lib/reconcile/threshold-ceiling';
import { planRequests } from '../functions/lib/reconcile/apply-items';
import { ReconcileResults, readItemResults } from '../functions/lib/reconcile/results';
import { WebexClient } from '../functions/lib/webex/client';
import { StaticTokenProvider } from '../functions/lib/webex/token-provider';
import { SIM_ACCESS_TOKEN } from '../functions/simulator/seed';
import type { Simulator } from '../functions/simulator/server';
import { CORP_DOMAIN, largeOrgSeed, rosterCsv } from '../test/support/reconcile-org';
import { benchRuntime, handlers } from './local-handlers';
import { apiEvent, context } from './api-event';

/**
 * Reconciliation, apply: a plan of about 200 actions (joiners, movers, profile changes, leavers) applied through
 * POST /reconcile/plans/{id}/apply on the local runtime (the real ASL and machines, Wait states taking real
 * time: the pacing is a Wait) against the simulator, paced to a request budget. The achieved Webex request
 * rate against that budget (target ≥ 0.9), and that every action ran once: none duplicated, none missing.
 */

export interface ReconcileApplyResult {
  rosterNumbers: boolean;
  /** Actions whose number the plan picked (or set aside, for a move): none named in the roster. */
  planPicked: number;
  people: number;
  actions: number;
  byKind: Record<string, number>;
  requestsPerSecondBudget: number;
  elapsedMs: number;
  webexRequests: number;
  /** The requests the plan's actions make by ACTION_WEBEX_REQUESTS: what the slots were spaced by. */
  plannedRequests: number;
  achievedPerSecond: number;
  /** achieved ÷ budget. */
  ratio: number;
  succeeded: number;
  failed: number;
  skipped: number;
  /** Actions with more than one result in the Map's raw results, or joiners Webex created more than once. */
  duplicated: number;
  /** Actions without a succeeded result. */
  missing: number;
  /** Failed actions by kind and error code. */
  failures: Record<string, number>;
}

export interface ReconcileApplyOptions {
  /** @default 1000 (about 200 actions) */
  people?: number;
  /** @default 60 */
  requestsPerSecond?: number;
  /**
   * The roster names each mover's and joiner's number in the new location. Without them, the plan picks a
   * distinct free number for each (number-picks.ts; a mover whose number may travel gets one set aside), so
   * the moves and joins into one location still run side by side, paced by the budget.
   * @default true
   */
  rosterNumbers?: boolean;
  /** The roster's changes, as fractions of the people. @default 5 % joiners, 3 % movers, 7 % leavers, 5 % title changes (~200 actions of 1000) */
  mix?: { joiners: number; movers: number; leavers: number; profileChanges?: number };
}

export async function measureReconcileApply(sim: Simulator, options: ReconcileApplyOptions = {}): Promise<ReconcileApplyResult> {
  const people = options.people ?? 1000;
  const rps = options.requestsPerSecond ?? 60;
  const saved = { rps: process.env.BULK_WEBEX_REQUESTS_PER_SECOND, initial: process.env.WEBEX_INITIAL_REQUESTS_PER_SECOND, ceiling: process.env.WEBEX_MAX_REQUESTS_PER_SECOND, max: process.env.BULK_JOINERS_MAX_CONCURRENCY, dir: process.env.LOCAL_OBJECT_STORE_DIR, bucket: process.env.BULK_IMPORTS_BUCKET, pct: process.env.RECONCILE_MAX_LEAVER_PERCENT, leavers: process.env.RECONCILE_MAX_LEAVERS };
  const root = await mkdtemp(join(tmpdir(), 'webex-prov-bench-'));
  process.env.LOCAL_OBJECT_STORE_DIR = root;
  process.env.BULK_IMPORTS_BUCKET = 'imports';
  process.env.BULK_WEBEX_REQUESTS_PER_SECOND = String(rps);
  // The apply draws on the adaptive budget: told its rate (start and ceiling alike), the runs' share of it is `rps`.
  const told = String(rps / (1 - DEFAULT_INTERACTIVE_SHARE));
  process.env.WEBEX_INITIAL_REQUESTS_PER_SECOND = told;
  process.env.WEBEX_MAX_REQUESTS_PER_SECOND = told;
  process.env.BULK_JOINERS_MAX_CONCURRENCY = '40';
  // The deployment's thresholds (a ceiling apply re-checks): high enough for the mix's leavers without confirmation.
  process.env.RECONCILE_MAX_LEAVER_PERCENT = '100';
  process.env.RECONCILE_MAX_LEAVERS = '1000';
  const store = new LocalObjectStore(root);
  try {
    const mix = options.mix ?? { joiners: 0.05, movers: 0.03, leavers: 0.07, profileChanges: 0.05 };
    // Free numbers for every joiner and mover (and a mover's set-aside) in each of the three locations, with room.
    const org = largeOrgSeed(people, Math.max(40, Math.ceil((people * (mix.joiners + 2 * mix.movers)) / 3) + 10));
    sim.reset(org.seed);
    let { csv } = rosterCsv(org, mix);
    const rosterNumbers = options.rosterNumbers ?? true;
    if (rosterNumbers) {
      // Mover i goes to location (i + 1) mod 3 (rosterCsv): a number from the end of that pool (joiners take the first ones).
      const taken = [0, 0, 0];
      const movers = Math.round(people * mix.movers);
      csv = csv
        .split('\r\n')
        .map((line, n) => {
          const i = n - 1;
          if (i < 0 || i >= movers) return line;
          const location = ((i % 3) + 1) % 3;
          const pool = org.freeNumbers[location];
          return `${line}${pool[pool.length - 1 - taken[location]++]}`;
        })
        .join('\r\n');
    } else {
      // The joiners' numbers out too (the last column): every number is the plan's to pick.
      csv = csv
        .split('\r\n')
        .map((line) => (line.startsWith('joiner') ? line.replace(/,[^,]*$/, ',') : line))
        .join('\r\n');
    }
    await store.putText('imports', 'rosters/bench.csv', csv);
    const client = new WebexClient({ baseUrl: sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN) });
    const { plan } = await createReconcilePlan(
      // A deployment whose thresholds let this many leavers through (a request may only tighten them).
      { client, store, bucket: 'imports', defaults: { thresholds: deploymentThresholds(readEnv()) } },
      { key: 'rosters/bench.csv', scope: { emailDomains: [CORP_DOMAIN] }, allowMoves: true },
    );
    const started = Date.now();
    const res = (await handlers.ApplyReconcilePlan(apiEvent('POST', `/reconcile/plans/${plan.id}/apply`, {}, '/reconcile/plans/{id}/apply'), context)) as { statusCode: number; body: string };
    if (res.statusCode !== 202) throw new Error(`apply answered ${res.statusCode}: ${res.body}`);
    const { executionName } = JSON.parse(res.body) as { executionName: string };
    const outcome = await benchRuntime.executions.outcome('ReconcileApply', executionName);
    const elapsedMs = Date.now() - started;
    if (outcome?.status !== 'SUCCEEDED') throw new Error(`the apply ended ${outcome?.status}: ${outcome?.error} ${outcome?.cause}`);

    const report = ReconcileResults.parse(JSON.parse((await store.getText('imports', `applies/${plan.id}.results.json`)).text));
    const requests = sim.requests.filter((r) => r.at >= started);
    // The raw results: an index reported twice would be a duplicated action.
    const manifestDir = `bulk-results/${executionName}`;
    const { readdir } = await import('node:fs/promises');
    const [runId] = await readdir(join(root, 'imports', manifestDir));
    const raw = await readItemResults(store, { Bucket: 'imports', Key: `${manifestDir}/${runId}/manifest.json` });
    const perIndex = new Map<number, number>();
    for (const r of raw) perIndex.set(r.index, (perIndex.get(r.index) ?? 0) + 1);
    const created = new Map<string, number>();
    for (const r of requests.filter((x) => x.method === 'POST' && x.path === '/people' && x.status < 300)) {
      const email = (r.body as { emails?: string[] }).emails?.[0] ?? '';
      created.set(email, (created.get(email) ?? 0) + 1);
    }
    const duplicated = [...perIndex.values()].filter((n) => n > 1).length + [...created.values()].filter((n) => n > 1).length;
    const achievedPerSecond = requests.length / (elapsedMs / 1000);
    return {
      rosterNumbers,
      planPicked: plan.actions.filter((a) => a.fallbackPhoneNumber || /chosen by the plan/.test(a.reason)).length,
      people,
      actions: plan.actions.length,
      byKind: plan.counts,
      requestsPerSecondBudget: rps,
      elapsedMs,
      webexRequests: requests.length,
      plannedRequests: planRequests(plan),
      achievedPerSecond: round(achievedPerSecond),
      ratio: round(achievedPerSecond / rps),
      succeeded: report.counts.succeeded,
      failed: report.counts.failed,
      skipped: report.counts.skipped,
      duplicated,
      missing: report.results.filter((r) => r.status !== 'succeeded').length,
      failures: report.results.filter((r) => r.status === 'failed').reduce<Record<string, number>>((acc, r) => {
        const key = `${r.kind}: ${r.error?.code}`;
        acc[key] = (acc[key] ?? 0) + 1;
        return acc;
      }, {}),
    };
  } finally {
    for (const [name, value] of [['BULK_WEBEX_REQUESTS_PER_SECOND', saved.rps], ['WEBEX_INITIAL_REQUESTS_PER_SECOND', saved.initial], ['WEBEX_MAX_REQUESTS_PER_SECOND', saved.ceiling], ['BULK_JOINERS_MAX_CONCURRENCY', saved.max], ['LOCAL_OBJECT_STORE_DIR', saved.dir], ['BULK_IMPORTS_BUCKET', saved.bucket], ['RECONCILE_MAX_LEAVER_PERCENT', saved.pct], ['RECONCILE_MAX_LEAVERS', saved.leavers]] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    sim.reset();
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;

import { fork } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PEOPLE_MAX_PAGE_WITH_CALLING_DATA } from '../functions/lib/reconcile/org-snapshot';
import { TELEPHONY_MAX_PAGE } from '../functions/lib/webex/telephony-api';
import { SIM_ACCESS_TOKEN } from '../functions/simulator/seed';
import { startSimulator } from '../functions/simulator/server';
import { CORP_DOMAIN, largeOrgSeed, rosterCsv } from '../test/support/reconcile-org';
import type { ChildTask } from './reconcile-plan-child';

/**
 * Reconciliation, plan: a plan for a simulated organisation of 10,000 people and a 10,000-row roster with 2 % joiners,
 * 1 % movers and 1 % leavers. Webex requests against the minimum (people at 100 a page with callingData,
 * one page of calling locations, numbers at 2000 a page); time and peak memory against a baseline measured
 * in the same run: a fresh process paging through the same lists with the client and keeping nothing.
 */

export interface ReconcilePlanResult {
  /** People in the simulated org (in scope; the demo org's 3 are another domain). */
  people: number;
  rosterRows: number;
  actions: number;
  requests: number;
  minimumRequests: number;
  requestRatio: number;
  baselineMs: number;
  planMs: number;
  timeRatio: number;
  baselineMaxRssMb: number;
  planMaxRssMb: number;
  memoryRatio: number;
  /** A 10,000-action plan saved with its reports (JSON, CSV, HTML) in a fresh process, against the planner's peak. */
  reportActions: number;
  reportMaxRssMb: number;
  reportRatio: number;
  /** The Lambda the issue names. */
  lambdaMemoryMb: number;
  fitsLambda: boolean;
}

const LAMBDA_MB = 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function runChild(task: ChildTask): Promise<{ ms: number; maxRssMb: number; items: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'reconcile-plan-child.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m) => {
      resolve(m as { ms: number; maxRssMb: number; items: number });
      child.kill();
    });
    child.once('error', reject);
    child.once('exit', (code) => code && reject(new Error(`reconcile bench child exited with ${code}`)));
    child.send(task);
  });
}

/**
 * `rows`: the roster's size (at most CSV_MAX_ROWS, the preflight's limit). 2 % of it are joiners, 1 % movers,
 * and the org has 1 % more people, the leavers: 10,000 rows meet 9,900 people in scope (and the demo org's 3).
 */
export async function measureReconcilePlan(options: { rows?: number; rounds?: number } = {}): Promise<ReconcilePlanResult> {
  const rows = options.rows ?? 10_000;
  const rounds = options.rounds ?? 3;
  const [joiners, movers, leavers] = [Math.round(rows * 0.02), Math.round(rows * 0.01), Math.round(rows * 0.01)];
  const people = rows - joiners + leavers;
  // Free numbers for the joiners and for the one the plan sets aside for each mover (number-picks.ts), with room to spare.
  const org = largeOrgSeed(people, Math.ceil((joiners + movers) / 3) + 3);
  const { csv, expected } = rosterCsv(org, { joiners: joiners / people, movers: movers / people, leavers: leavers / people });
  const sim = await startSimulator({ seed: org.seed, maxRecordedRequests: 1_000_000 });
  const root = await mkdtemp(join(tmpdir(), 'reconcile-bench-'));
  const bucket = 'imports';
  await mkdir(join(root, bucket, 'rosters'), { recursive: true });
  await writeFile(join(root, bucket, 'rosters', 'nightly.csv'), csv);
  const task = { baseUrl: sim.url, token: SIM_ACCESS_TOKEN, root, bucket, key: 'rosters/nightly.csv', scope: { emailDomains: [CORP_DOMAIN] } };
  // The numbers list holds every number, and a calling user without one as an extension-only entry.
  const withPrimary = new Set(org.seed.numbers.filter((n) => n.owner?.kind === 'PRIMARY').map((n) => n.owner!.personId));
  const numberEntries = org.seed.numbers.length + org.seed.people.filter((p) => p.calling?.extension && !withPrimary.has(p.id)).length;
  const minimumRequests = Math.ceil(org.seed.people.length / PEOPLE_MAX_PAGE_WITH_CALLING_DATA) + 1 + Math.ceil(numberEntries / TELEPHONY_MAX_PAGE);
  const baseline: { ms: number; maxRssMb: number }[] = [];
  const plan: { ms: number; maxRssMb: number; items: number }[] = [];
  const report: { ms: number; maxRssMb: number; items: number }[] = [];
  let requests = 0;
  try {
    // Interleaved, so load on the machine weighs on both alike.
    for (let round = 0; round < rounds; round++) {
      baseline.push(await runChild({ ...task, mode: 'baseline' }));
      const before = sim.requests.length;
      plan.push(await runChild({ ...task, mode: 'plan' }));
      requests = sim.requests.length - before;
      report.push(await runChild({ ...task, mode: 'report' }));
    }
  } finally {
    await sim.close();
  }
  const baselineMs = median(baseline.map((b) => b.ms));
  const planMs = median(plan.map((p) => p.ms));
  const baselineMaxRssMb = Math.max(...baseline.map((b) => b.maxRssMb));
  const planMaxRssMb = Math.max(...plan.map((p) => p.maxRssMb));
  const actions = plan[0].items;
  if (actions !== expected.join + expected.move + expected.leave) throw new Error(`the plan has ${actions} actions, expected ${expected.join + expected.move + expected.leave}`);
  return {
    people,
    rosterRows: people - expected.leave + expected.join,
    actions,
    requests,
    minimumRequests,
    requestRatio: requests / minimumRequests,
    baselineMs,
    planMs,
    timeRatio: planMs / baselineMs,
    baselineMaxRssMb,
    planMaxRssMb,
    memoryRatio: planMaxRssMb / baselineMaxRssMb,
    reportActions: report[0].items,
    reportMaxRssMb: Math.max(...report.map((r) => r.maxRssMb)),
    reportRatio: Math.max(...report.map((r) => r.maxRssMb)) / planMaxRssMb,
    lambdaMemoryMb: LAMBDA_MB,
    fitsLambda: planMaxRssMb < LAMBDA_MB,
  };
}

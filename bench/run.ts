/**
 * npm run bench — figures as ratios against baselines measured in the same run, printed as tables and
 * written to bench/results/latest.json for comparison between versions. Never asserted in tests.
 */
import './env';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSimulator } from '../functions/simulator/server';
import { SIM_ACCESS_TOKEN } from '../functions/simulator/seed';
import { measureAuthorizer } from './authorizer';
import { measureBulkThroughput } from './bulk-throughput';
import { measureActivityCost } from './activity-cost';
import { measureColdStarts } from './cold-start';
import { measureOverhead } from './overhead';
import { measurePacing } from './pacing';
import { measureReachability } from './reachability';
import { measureReconcilePlan } from './reconcile-plan';
import { measureReconcileApply } from './reconcile-apply';
import { countWebexCalls } from './webex-calls';
import { measureTextValidation } from './text-validation';
import { measureTextGrowth } from './text-growth';
import { measureScim } from './scim';
import { measureHistory } from './history';

/** `npm run bench -- bulk cold`: only those sections (calls, overhead, bulk, history, cold, reach, reconcile, apply, inputs, authorizer, scim, pacing); none named: all. */
const SECTIONS = ['calls', 'overhead', 'bulk', 'history', 'cold', 'reach', 'reconcile', 'apply', 'inputs', 'authorizer', 'scim', 'pacing'] as const;
const wanted = process.argv.slice(2);
for (const name of wanted) if (!(SECTIONS as readonly string[]).includes(name)) throw new Error(`unknown bench section ${name} (${SECTIONS.join(', ')})`);
const runs = (section: (typeof SECTIONS)[number]) => !wanted.length || wanted.includes(section);

async function main() {
  const sim = await startSimulator({ maxRecordedRequests: 1_000_000 } as Parameters<typeof startSimulator>[0]);
  process.env.WEBEX_BASE_URL = sim.url;
  // Before the local runtime's first Webex call, which builds its client from these.
  process.env.WEBEX_ACCESS_TOKEN = SIM_ACCESS_TOKEN;
  const results: Record<string, unknown> = { at: new Date().toISOString(), node: process.version };
  try {
    if (runs('calls')) {
      const calls = await countWebexCalls(sim);
      results.webexCalls = calls;
      console.log('\nWebex calls per workflow (warm function) vs the minimum the Webex API allows');
      console.table(calls.map((c) => ({ workflow: c.workflow, calls: c.calls, minimum: c.minimum, ratio: round(c.ratio) })));
    }

    if (runs('overhead')) {
      const overhead = await measureOverhead(sim);
      results.handlerOverhead = overhead;
      console.log(`\nHandler overhead over a raw call to the simulator (${overhead.iterations} interleaved runs)`);
      console.table({
        'raw fetch (baseline)': { medianMs: round(overhead.rawMs.median), p99Ms: round(overhead.rawMs.p99), ratio: 1 },
        'GET /users/{id} handler': { medianMs: round(overhead.handlerMs.median), p99Ms: round(overhead.handlerMs.p99), ratio: round(overhead.ratio.median) },
        'added by the handler': { medianMs: round(overhead.addedMs.median), p99Ms: round(overhead.addedMs.p99), ratio: '' },
      });
    }

    if (runs('scim')) {
      const scim = await measureScim(sim);
      results.scim = scim;
      console.log('\nSCIM request path through the local API vs GET /users/{id} (one Webex read), interleaved; target <= 2');
      console.table({
        'GET /users/{id} (baseline)': { p50Ms: round(scim.latency.get.p50), p99Ms: round(scim.latency.get.p99), ratioP50: 1, ratioP99: 1 },
        'POST /scim/v2/Users': { p50Ms: round(scim.latency.post.p50), p99Ms: round(scim.latency.post.p99), ratioP50: round(scim.ratio.postP50), ratioP99: round(scim.ratio.postP99) },
        'PATCH /scim/v2/Users/{id}': { p50Ms: round(scim.latency.patch.p50), p99Ms: round(scim.latency.patch.p99), ratioP50: round(scim.ratio.patchP50), ratioP99: round(scim.ratio.patchP99) },
      });
      const b = scim.burst;
      console.log(`\nSCIM burst: ${b.users} POST /Users at ${b.arrivalPerSecond}/s, Webex limited to ${b.webexBudgetPerSecond}/s (SCIM_BENCH_WEBEX_RPS).`
        + ' fractionOfBudget: Webex requests accepted a second / the budget; fractionOfRunBudget: / what the runs may draw (1 - the interactive share):'
        + ' the target (>= 0.9 of the Webex budget) is read against fractionOfRunBudget');
      console.table({ burst: { accepted: b.accepted, answeredMs: b.answeredMs, lastCallingMs: b.lastCallingMs, webexPerSecond: round(b.webexAcceptedPerSecond), fractionOfBudget: round(b.fractionOfBudget), fractionOfRunBudget: round(b.fractionOfRunBudget), rateLimited: b.rateLimited, lost: b.lost, duplicated: b.duplicated } });
      console.table({ 'per user': { rowWrites: round(b.resourceWritesPerUser), streamInvocations: round(b.streamInvocationsPerUser), cpuMs: round(b.cpuMsPerUser) } });
      if (b.lost) console.table(Object.entries(b.whyLost).map(([reason, users]) => ({ 'without calling: why (callingStatus, lastError)': reason, users })));
    }

    if (runs('authorizer')) {
      const a = await measureAuthorizer();
      results.authorizer = a;
      console.log(`\nOAuth Lambda authorizer vs a bare function (${a.runs} interleaved cold starts; bundles ${a.bundleKb.authorizer} KB vs ${a.bundleKb.bare} KB)`);
      console.table({
        'cold start, spawn to first answer (ms, median)': { authorizer: round(a.coldMs.authorizer), floor: round(a.coldMs.floor), bare: round(a.coldMs.bare), ratio: round(a.coldRatio), target: '<= 1.2' },
        'cold start ratios': { authorizer: `${round(a.overFloorRatio)}x the floor`, floor: `${round(a.floorRatio)}x bare`, bare: 1, ratio: round(a.coldRatio), target: 'floor: node:https + node:crypto, one JWKS read, one RS256 check' },
        'warm invocation, a new token each (ms, p50)': { authorizer: round(a.warmP50Ms.authorizer), floor: round(a.warmP50Ms.floor), bare: round(a.warmP50Ms.bare), ratio: round(a.warmP50Ms.authorizer / a.warmP50Ms.bare), target: `added ${round(a.addedP50Ms)} ms; cached per token 5 min` },
      });
    }

    if (runs('inputs')) {
      const inputs = await measureTextValidation();
      results.textValidation = inputs;
      console.log(`\nText checks: adversarial 64 KB bodies vs a plain 64 KB body of the same route (20th percentile of interleaved runs, the median's ratio beside it; target: worst ratio <= ${inputs.target})`);
      console.table(inputs.rows.map((r) => ({ route: r.route, corpus: r.corpus, bytes: r.bytes, adversarialMs: round(r.adversarialMs), plainMs: round(r.plainMs), ratio: round(r.ratio), medianRatio: round(r.medianRatio) })));
      console.log(`worst: ${inputs.worst.route}, ${inputs.worst.corpus}: ${round(inputs.worst.ratio)}x`);
      const growth = measureTextGrowth();
      results.textGrowth = growth;
      console.log('\nText checks: how their time grows with the input (ratios measured in the same run; the tests count work instead)');
      console.table(growth.rows.map((r) => ({ check: r.check, corpus: r.corpus, growth: round(r.growth), linear: r.linear })));
    }

    if (runs('bulk')) {
      const users = process.env.BENCH_BULK_USERS ? Number(process.env.BENCH_BULK_USERS) : undefined;
      const pairs = process.env.BENCH_BULK_PAIRS ? Number(process.env.BENCH_BULK_PAIRS) : undefined;
      // A short warm-up run first (not counted): the first run of a process pays for loading and compiling.
      await measureBulkThroughput(sim, { users: 20 });
      const costs = [];
      for (const via of ['json', 'csv'] as const) costs.push(await measureActivityCost(sim, via, { users, pairs }));
      results.bulkThroughput = costs.flatMap((c) => c.runs);
      results.bulkActivityCost = costs.map(({ runs: _runs, ...c }) => c);
      console.log('\nBulk joiners under a fixed rate limit (target: >= 0.9 of the ceiling, no failed or duplicated users)');
      console.table(
        costs.flatMap((c) => c.runs).map(({ failures: _failures, tableCalls: _calls, rateLimit, ...r }) => ({ ...r, limit: `${rateLimit.limit}/${rateLimit.windowMs} ms` })),
      );
      console.log('Activity writes on / off, fraction of the ceiling; each on-run over the mean of the off-runs either side (A B A B … A), target: median >= 0.95');
      console.table(Object.fromEntries(costs.map((c) => [c.via, {
        pairs: c.pairs, median: round(c.median), cost: `${round(c.cost * 100)} %`, min: round(c.spread.min), max: round(c.spread.max), mad: round(c.spread.mad), ratios: c.ratios.map(round).join(' '),
        'activity table requests a user': Object.entries(c.tableCallsPerUser).map(([op, n]) => `${op} ${n}`).join(', '),
      }])));
    }

    if (runs('history')) {
      const hist = await measureHistory();
      results.history = hist;
      console.log(`\nGET /users/{user}/history (first page) for a user with ${hist.records} records vs a user with 1, ${hist.iterations} interleaved runs (target: the same DynamoDB calls, one Query, no Scan)`);
      console.table({
        'user with 1 record (baseline)': { dynamoCalls: hist.quiet.commands.join(' + '), itemsRead: hist.quiet.itemsRead, itemsAnswered: hist.quiet.itemsAnswered, p50Ms: round(hist.quiet.p50Ms), p99Ms: round(hist.quiet.p99Ms) },
        [`user with ${hist.records} records`]: { dynamoCalls: hist.busy.commands.join(' + '), itemsRead: hist.busy.itemsRead, itemsAnswered: hist.busy.itemsAnswered, p50Ms: round(hist.busy.p50Ms), p99Ms: round(hist.busy.p99Ms) },
      });
      console.log(`DynamoDB calls ratio ${round(hist.callRatio)}, Scans ${hist.scans}, p50 latency ratio ${round(hist.latencyRatio)}`);
    }

    if (runs('reconcile')) {
      // Its own simulator, seeded with the large org; the planner runs in fresh processes (peak RSS its own).
      const r = await measureReconcilePlan();
      results.reconcilePlan = r;
      console.log(`\nReconciliation plan: ${r.rosterRows}-row roster vs ${r.people} people (${r.actions} actions); baseline: paging the same lists with the client`);
      console.table({
        'Webex requests': { value: r.requests, baseline: r.minimumRequests, ratio: round(r.requestRatio), target: '1 (the minimum)' },
        'time (ms, median)': { value: round(r.planMs), baseline: round(r.baselineMs), ratio: round(r.timeRatio), target: '' },
        'peak RSS (MB)': { value: round(r.planMaxRssMb), baseline: round(r.baselineMaxRssMb), ratio: round(r.memoryRatio), target: `< ${r.lambdaMemoryMb} (fits: ${r.fitsLambda})` },
        // The planner's own peak, this run, is the baseline (154 MB when the reports were added).
        [`reports of a ${r.reportActions}-action plan, peak RSS (MB)`]: { value: round(r.reportMaxRssMb), baseline: round(r.planMaxRssMb), ratio: round(r.reportRatio), target: "<= 1 (within the planner's memory)" },
      });
    }

    if (runs('apply')) {
      // With the movers' and joiners' numbers in the roster, and without: then the plan picks them (number-picks.ts).
      // Then the issue's scale, as the plan bench: a 10,000-row roster of which 2 % joiners and 1 % movers, against
      // 9,900 people of whom 100 leave (the preflight's row limit is 10,000), the plan picking the numbers.
      const applies = [
        await measureReconcileApply(sim),
        await measureReconcileApply(sim, { rosterNumbers: false }),
        await measureReconcileApply(sim, { people: 9_900, rosterNumbers: false, mix: { joiners: 200 / 9_900, movers: 100 / 9_900, leavers: 100 / 9_900 } }),
      ];
      results.reconcileApply = applies;
      const a = applies[0];
      console.log(`\nReconciliation apply: ${a.actions} actions (${Object.entries(a.byKind).map(([k, n]) => `${k} ${n}`).join(', ')}) paced to ${a.requestsPerSecondBudget} Webex requests/s (target: >= 0.9 of the budget, none duplicated or missing)`);
      console.table(
        applies.map((r) => ({
          people: r.people,
          actions: r.actions,
          numbers: r.rosterNumbers ? 'in the roster' : 'none in the roster: the plan picks',
          'plan picked': r.planPicked,
          'requests/s': r.achievedPerSecond,
          budget: r.requestsPerSecondBudget,
          ratio: r.ratio,
          'requests vs planned': round(r.webexRequests / r.plannedRequests),
          succeeded: r.succeeded,
          failed: r.failed,
          skipped: r.skipped,
          duplicated: r.duplicated,
          missing: r.missing,
          elapsedMs: r.elapsedMs,
        })),
      );
      for (const r of applies) if (r.failed) console.log('failed actions:', r.failures);
    }

    if (runs('pacing')) {
      const pacing = await measurePacing(sim);
      results.pacing = pacing;
      console.log('\nAdaptive pacing vs wxc_sdk (10 at a time, Retry-After obeyed, no pacing), hidden fixed-window limits; usable = limit × (1 − 0.2)');
      console.log('targets: achieved/usable >= 0.9; 429 share after 10 s <= 2 %; failed/duplicated/missing 0; speedup vs fixed 5/s = usable/5 within 15 %; interactive 429 <= 1 %; two runs combined >= 0.9, each >= 0.3');
      console.log('achieved/min(usable, limit − GET rate): the runs\' rate over what they may take beside the interactive GET (about 1/s: at limit 3 more than the 0.2 share, so the usable rate is out of reach there)');
      console.table(pacing.map((r) => ({
        limit: r.limit, users: r.ours.users,
        'achieved/usable': round(r.ours.achievedOverUsable), 'achieved/min(usable, limit − GET rate)': round(r.ours.achievedOverLeft), 'baseline achieved/usable': round(r.baseline.achieved / r.usable),
        '429 after 10s': round(r.ours.share429After10s), 'baseline 429 after 10s': round(r.baseline.share429After10s),
        'failed/dup/missing': `${r.ours.failed}/${r.ours.duplicated}/${r.ours.missing}`, 'baseline f/d/m': `${r.baseline.failed}/${r.baseline.duplicated}/${r.baseline.missing}`,
        'time s': round(r.ours.seconds), 'baseline time s': round(r.baseline.seconds),
        'speedup vs 5/s': round(r.ours.speedupVsFixed5), expected: round(r.ours.expectedSpeedup),
        'interactive 429': round(r.ours.interactive429), 'baseline interactive 429': round(r.baseline.interactive429),
        'two runs combined/usable': round(r.twoRuns.combinedOverUsable), 'two runs shares': r.twoRuns.shares.map(round).join(' / '),
      })));
      console.log('Ours without the interactive GET (a fresh budget): the rate alone, and from 10 s on; the budget item\'s writes per joiner');
      console.table(pacing.map((r) => ({
        limit: r.limit,
        'achieved/usable': round(r.quiet.achievedOverUsable), 'after 10 s': round(r.quiet.achievedAfter10sOverUsable),
        '429 after 10s': round(r.quiet.share429After10s), 'failed/dup/missing': `${r.quiet.failed}/${r.quiet.duplicated}/${r.quiet.missing}`,
        'writes/joiner': round(r.quiet.budgetWritesPerJoiner), 'writes/joiner (with GET)': round(r.ours.budgetWritesPerJoiner),
        'with GET: after 10 s': round(r.ours.achievedAfter10s / r.usable),
      })));
    }

    if (runs('reach')) {
      const reach = measureReachability();
      results.reachability = reach;
      console.log(`\nReachability: operations of Cisco's documents a dry run of POST /webex/requests accepts: ${reach.label} (target: all)`);
      if (reach.missing.length) console.log(`not reached: ${reach.missing.join(', ')}`);
    }

    if (runs('cold')) {
      const cold = await measureColdStarts(sim);
      results.coldStart = cold;
      // The guarded request carries Cisco's operation table: measured against the plainest People function.
      const request = cold.find((r) => r.id === 'WebexRequest');
      const getUser = cold.find((r) => r.id === 'GetUser');
      if (request && getUser) {
        const passthrough = {
          coldRatio: round(request.totalMs / getUser.totalMs),
          // Loading alone: the first invocations differ (GetUser makes three Webex calls, this one one).
          loadRatio: round(request.loadMs / getUser.loadMs),
          sizeRatio: round(request.bytes / getUser.bytes),
          webexRequestKb: request.kb,
          getUserKb: getUser.kb,
        };
        results.webexRequestVsGetUser = passthrough;
        console.log(`\nWebexRequest vs GetUser, same run: cold start ${passthrough.coldRatio}x (target <= 1.2x), load alone ${passthrough.loadRatio}x, bundle ${passthrough.webexRequestKb} KB vs ${passthrough.getUserKb} KB (${passthrough.sizeRatio}x)`);
      }
      console.log('\nCold start and size of every bundled Lambda asset (median of 5 fresh processes) vs the baseline');
      console.log('targets: cold start <= 1.5x the baseline, bundle <= 250 KB');
      console.table(cold.map((r) => ({ function: r.id, kb: r.kb, sizeRatio: r.sizeRatio, loadMs: round(r.loadMs), coldMs: round(r.totalMs), coldRatio: r.coldRatio, status: r.status, meetsTargets: r.meetsTargets, firstInvocation: r.firstInvocation })));
      const failed = cold.filter((r) => !r.succeeded).map((r) => r.id);
      console.log(failed.length ? `first invocations that did not succeed (their figures measure an error path): ${failed.join(', ')}` : 'every first invocation succeeded');
      const undeclared = cold.filter((r) => !r.asDeclared).map((r) => r.id);
      if (undeclared.length) console.log(`first invocations whose Webex requests are not what their row declares: ${undeclared.join(', ')}`);
    }
  } finally {
    await sim.close();
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  // A partial run updates its sections and keeps the others' last figures.
  const file = join(dir, 'latest.json');
  const previous = wanted.length && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, `${JSON.stringify({ ...previous, ...results }, null, 2)}\n`);
  console.log(`\nwrote ${join('bench', 'results', 'latest.json')}`);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

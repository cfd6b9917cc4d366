import { PacingBudget } from '../functions/lib/pacing/budget';
import { DEFAULT_INTERACTIVE_SHARE, pacingSettings } from '../functions/lib/pacing/settings';
import { JOINER_WEBEX_REQUESTS } from '../functions/lib/bulk/pacing';
import { WebexClient } from '../functions/lib/webex/client';
import { lifecyclePath } from '../scripts/flow-calls';
import { stepRequests } from '../functions/lib/workflows/task-steps';
import { withRequestGate } from '../functions/lib/webex/request-gate';
import type { PaceStore } from '../functions/lib/pacing/store';
import { StaticTokenProvider } from '../functions/lib/webex/token-provider';
import { localActivityTable } from '../functions/local/local-activity-table';
import { DEMO_IDS, SIM_ACCESS_TOKEN } from '../functions/simulator/seed';
import type { Simulator } from '../functions/simulator/server';

/**
 * The pacing controller against hidden simulator limits: each "joiner" draws its JOINER_WEBEX_REQUESTS from the
 * shared budget (the real PacingBudget over the DynamoDB adapter on dynalite), waits for its slot, then sends them
 * through the real Webex client (one POST /people, then reads), whose 429s are reported to the budget. A pool of 40
 * workers stands for the Map's concurrency. Beside it in the same run, wxc_sdk's strategy: 10 requests at a time,
 * Retry-After obeyed, no pacing. An interactive GET /people/{id} every second (one attempt, as an API caller sees
 * it) counts the 429s the service desk would get. The simulator's limit is a fixed 1 s window of `limit` requests
 * (burst = 1 s of rate). Scaled down from 1,000 joiners: each run is sized to last about RUN_SECONDS at the usable
 * rate, so the ratios stay meaningful on a shared 2-core machine.
 *
 * A joiner's requests go as its steps send them in production: step by step along the Joiner's path (its rows'
 * declared requests, the nested Enable Calling's in their place), each step taking its requests' send slots from the
 * budget (PacingBudget.spaced, as the lifecycle and Enable Calling step functions do through runTaskStep), each
 * request then waiting in the client for its own. BENCH_PACING_BURSTS=1 leaves the send slots out: a joiner's requests all at once from its Pace slot, as
 * production sent them before the steps were spaced. Each run also counts the budget item's writes per joiner.
 *
 * Per limit: ours with the interactive GET (its 429 share, and the rate in the same run), ours again without it
 * (the rate alone: at a low limit the GET's 1/s is itself more than the interactive share), two runs at once, and
 * the baseline.
 */
const LIMITS = process.env.BENCH_PACING_LIMITS ? process.env.BENCH_PACING_LIMITS.split(',').map(Number) : [3, 10, 40, 100];
const RUN_SECONDS = Number(process.env.BENCH_PACING_SECONDS ?? 40);
const WORKERS = 40;
const BASELINE_CONCURRENCY = 10;
const FIXED_RATE = 5;
const BURSTS = process.env.BENCH_PACING_BURSTS === '1';

/** The Joiner's steps that call Webex, in order, each with the requests its row declares. */
const JOINER_STEPS = lifecyclePath('joiner').flatMap((p) => Array.from({ length: p.times ?? 1 }, () => stepRequests(p.row, p.when))).filter((n) => n > 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

interface RunFigures {
  users: number;
  seconds: number;
  requests: number;
  rateLimited: number;
  failed: number;
  duplicated: number;
  missing: number;
  /** Webex requests answered 2xx a second, from the run's first request to its last. */
  achieved: number;
  /** Share of requests answered 429 after the first 10 s. */
  share429After10s: number;
  /** The same rate from 10 s after the start: the rate found, slow start left out. */
  achievedAfter10s: number;
}

export interface PacingRow {
  limit: number;
  usable: number;
  ours: RunFigures & {
    achievedOverUsable: number; speedupVsFixed5: number; expectedSpeedup: number; interactive429: number; budgetWritesPerJoiner: number;
    /** The interactive GETs sent a second (about 1: more than the interactive share at a low limit). */
    interactiveRate: number;
    /**
     * The rate over what the runs may honestly take beside the GET: the usable rate, or what the GET leaves
     * (limit − interactiveRate) where that is less (at a low limit, a GET a second is more than the interactive share).
     */
    achievedOverLeft: number;
  };
  /** Ours again on a fresh budget, without the interactive GET. */
  quiet: RunFigures & { achievedOverUsable: number; achievedAfter10sOverUsable: number; budgetWritesPerJoiner: number };
  baseline: RunFigures & { interactive429: number };
  twoRuns: { combinedOverUsable: number; shares: [number, number] };
}

const client = (sim: Simulator, onRateLimited?: (ms: number) => Promise<unknown>, maxAttempts = 12) =>
  new WebexClient({ baseUrl: sim.url, tokenProvider: new StaticTokenProvider(SIM_ACCESS_TOKEN), maxAttempts, retryBudgetMs: 120_000, onRateLimited });

/**
 * One joiner's requests: the create, then reads of the user (JOINER_WEBEX_REQUESTS in all), grouped by the steps that
 * send them; with a budget, each step takes its requests' send slots and runs behind them (as runTaskStep does), so
 * the client waits for each request's own slot.
 */
async function joiner(webex: WebexClient, email: string, budget?: PacingBudget): Promise<boolean> {
  try {
    let id: string | undefined;
    for (const requests of JOINER_STEPS) {
      const step = async () => {
        for (let i = 0; i < requests; i++) {
          if (id === undefined) id = (await webex.post<{ id: string }>('/people', { body: { emails: [email], displayName: email.split('@')[0], firstName: 'Pace', lastName: 'Bench' } })).data.id;
          else await webex.get(`/people/${id}`);
        }
      };
      await (budget ? withRequestGate(await budget.spaced(requests), step) : step());
    }
    return true;
  } catch {
    return false;
  }
}

async function paced(budget: PacingBudget, webex: WebexClient, emails: string[]): Promise<boolean[]> {
  const queue = emails.map((e, i) => ({ e, i }));
  const ok: boolean[] = [];
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let item = queue.shift(); item; item = queue.shift()) {
        for (;;) {
          const { grant } = await budget.acquire(JOINER_WEBEX_REQUESTS, !BURSTS);
          await sleep((grant.granted ? grant.notBeforeMs : grant.retryAtMs) - Date.now());
          if (grant.granted) break;
        }
        ok[item.i] = await joiner(webex, item.e, BURSTS ? undefined : budget);
      }
    }),
  );
  return ok;
}

async function unpaced(webex: WebexClient, emails: string[]): Promise<boolean[]> {
  const queue = emails.map((e, i) => ({ e, i }));
  const ok: boolean[] = [];
  // wxc_sdk: a fixed number of requests in flight; here, 10 joiners each one request at a time.
  await Promise.all(Array.from({ length: BASELINE_CONCURRENCY }, async () => {
    for (let item = queue.shift(); item; item = queue.shift()) ok[item.i] = await joiner(webex, item.e);
  }));
  return ok;
}

/** An interactive read every second while `during` runs: the share answered 429, and the reads sent a second. */
async function interactive<T>(sim: Simulator, during: Promise<T>): Promise<{ result: T; share429: number; rate: number }> {
  const webex = client(sim, undefined, 1);
  let asked = 0;
  let refused = 0;
  let done = false;
  const startedAt = Date.now();
  const loop = (async () => {
    while (!done) {
      asked++;
      try {
        await webex.get(`/people/${DEMO_IDS.people.bob}`);
      } catch {
        refused++;
      }
      await sleep(1000);
    }
  })();
  const result = await during;
  const seconds = (Date.now() - startedAt) / 1000;
  done = true;
  await loop;
  return { result, share429: asked ? refused / asked : 0, rate: asked / Math.max(0.001, seconds) };
}

function figures(sim: Simulator, from: number, emails: string[], ok: boolean[], startedAt: number): RunFigures {
  const ours = new Set(emails);
  const created = new Map<string, number>();
  const recorded = sim.requests.slice(from).filter((r) => !(r.method === 'GET' && r.path === `/people/${DEMO_IDS.people.bob}`));
  for (const r of recorded) {
    const email = (r.body as { emails?: string[] } | undefined)?.emails?.[0];
    if (r.method === 'POST' && r.path === '/people' && r.status < 300 && email && ours.has(email)) created.set(email, (created.get(email) ?? 0) + 1);
  }
  const first = recorded[0]?.at ?? startedAt;
  const last = recorded.at(-1)?.at ?? first;
  const after = recorded.filter((r) => r.at >= startedAt + 10_000);
  return {
    users: emails.length,
    seconds: (last - startedAt) / 1000,
    requests: recorded.length,
    rateLimited: recorded.filter((r) => r.status === 429).length,
    failed: ok.filter((x) => !x).length,
    duplicated: [...created.values()].filter((n) => n > 1).length,
    missing: emails.filter((e) => !created.has(e)).length,
    achieved: recorded.filter((r) => r.status < 300).length / Math.max(0.001, (last - first) / 1000),
    share429After10s: after.length ? after.filter((r) => r.status === 429).length / after.length : 0,
    achievedAfter10s: after.filter((r) => r.status < 300).length / Math.max(0.001, (last - (startedAt + 10_000)) / 1000),
  };
}

/** The store with its writes counted (each a conditional PutItem, billed whether it wins or not). */
function countingWrites(store: PaceStore): { store: PaceStore; writes: () => number } {
  let writes = 0;
  return {
    store: { read: () => store.read(), write: (state, version) => ((writes += 1), store.write(state, version)) },
    writes: () => writes,
  };
}

export async function measurePacing(sim: Simulator): Promise<PacingRow[]> {
  const rows: PacingRow[] = [];
  const share = DEFAULT_INTERACTIVE_SHARE;
  let seq = 0;
  const emailsFor = (n: number, tag: string) => Array.from({ length: n }, () => `pace.${tag}.${++seq}@example.com`);
  for (const limit of LIMITS) {
    const usable = limit * (1 - share);
    const users = Math.max(6, Math.round((usable * RUN_SECONDS) / JOINER_WEBEX_REQUESTS));
    sim.faults.rateLimit({ limit, windowMs: 1000 });

    // Ours: a fresh deployment (no rate found yet), starting at 5.
    const table = localActivityTable();
    const settings = pacingSettings({});
    const counted = countingWrites(table.paceStore);
    const budget = new PacingBudget({ store: counted.store, settings });
    const webex = client(sim, (ms) => budget.rateLimited(ms));
    let emails = emailsFor(users, `l${limit}`);
    let from = sim.requests.length;
    let startedAt = Date.now();
    const ours = await interactive(sim, paced(budget, webex, emails));
    console.error(`pacing bench: limit ${limit}: ours done in ${(Date.now() - startedAt) / 1000} s`);
    const oursFig = figures(sim, from, emails, ours.result, startedAt);
    const oursWrites = counted.writes() / users;

    // Ours again, a fresh deployment, without the interactive GET: the runs' rate alone.
    sim.faults.rateLimit({ limit, windowMs: 1000 });
    const quietTable = localActivityTable();
    const quietCounted = countingWrites(quietTable.paceStore);
    const quietBudget = new PacingBudget({ store: quietCounted.store, settings });
    emails = emailsFor(users, `q${limit}`);
    from = sim.requests.length;
    startedAt = Date.now();
    const quietOk = await paced(quietBudget, client(sim, (ms) => quietBudget.rateLimited(ms)), emails);
    const quietFig = figures(sim, from, emails, quietOk, startedAt);
    await quietTable.close();
    console.error(`pacing bench: limit ${limit}: ours without the interactive GET done in ${(Date.now() - startedAt) / 1000} s`);

    // Two runs at once on the same (now found) budget: two Lambdas' budgets over the one item.
    const [a, b] = [emailsFor(Math.ceil(users / 2), `a${limit}`), emailsFor(Math.ceil(users / 2), `b${limit}`)];
    from = sim.requests.length;
    startedAt = Date.now();
    const other = new PacingBudget({ store: table.paceStore, settings });
    const [okA, okB] = await Promise.all([paced(budget, webex, a), paced(other, client(sim, (ms) => other.rateLimited(ms)), b)]);
    const fa = figures(sim, from, a, okA, startedAt);
    const fb = figures(sim, from, b, okB, startedAt);
    console.error(`pacing bench: limit ${limit}: two runs done in ${(Date.now() - startedAt) / 1000} s`);
    const both = figures(sim, from, [...a, ...b], [...okA, ...okB], startedAt);
    await table.close();

    // wxc_sdk's strategy, in the same run, against the same limit.
    sim.faults.rateLimit({ limit, windowMs: 1000 });
    emails = emailsFor(users, `w${limit}`);
    from = sim.requests.length;
    startedAt = Date.now();
    const base = await interactive(sim, unpaced(client(sim), emails));
    const baseFig = figures(sim, from, emails, base.result, startedAt);

    const fixedSeconds = (users * JOINER_WEBEX_REQUESTS) / FIXED_RATE;
    const aShare = fa.requests - fa.rateLimited;
    const bShare = fb.requests - fb.rateLimited;
    rows.push({
      limit,
      usable,
      ours: {
        ...oursFig, achievedOverUsable: oursFig.achieved / usable, speedupVsFixed5: fixedSeconds / oursFig.seconds, expectedSpeedup: usable / FIXED_RATE,
        interactive429: ours.share429, budgetWritesPerJoiner: oursWrites, interactiveRate: ours.rate, achievedOverLeft: oursFig.achieved / Math.max(0.001, Math.min(usable, limit - ours.rate)),
      },
      quiet: { ...quietFig, achievedOverUsable: quietFig.achieved / usable, achievedAfter10sOverUsable: quietFig.achievedAfter10s / usable, budgetWritesPerJoiner: quietCounted.writes() / users },
      baseline: { ...baseFig, interactive429: base.share429 },
      twoRuns: { combinedOverUsable: both.achieved / usable, shares: [aShare / Math.max(1, aShare + bShare), bShare / Math.max(1, aShare + bShare)] },
    });
  }
  sim.faults.rateLimit(undefined);
  return rows;
}

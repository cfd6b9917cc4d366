import { randomUUID } from 'node:crypto';
import { startLocalApi } from '../functions/local/api-server';
import { createLocalRuntime } from '../functions/local/local-runtime';
import type { Simulator } from '../functions/simulator/server';
import { pacingSettings } from '../functions/lib/pacing/settings';
import { DEMO_IDS, demoSeed } from '../functions/simulator/seed';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PRODUCT = 'urn:ietf:params:scim:schemas:extension:webexprovisioning:2.0:User';

export interface ScimBenchOptions {
  /** Interleaved requests per kind in the latency section. @default 200 (SCIM_BENCH_ITERATIONS) */
  iterations?: number;
  /** POST /Users in the burst. @default 1000 (SCIM_BENCH_USERS) */
  users?: number;
  /** The burst's arrival rate, requests a second (Entra ID's gallery requirement). @default 25 */
  arrivalPerSecond?: number;
  /**
   * The Webex budget: the simulator's rate limit, requests a second. @default 10 (SCIM_BENCH_WEBEX_RPS). Webex's is
   * often 5; at 100 the whole chain (the applies, the lifecycle machines, dynalite, the simulator), all in this one
   * process, is CPU-bound far below the budget, so the fraction would measure the machine, not the pacing.
   */
  webexPerSecond?: number;
}

/**
 * SCIM through the local API (the real handlers, dynalite, the ScimApply machine in-process): the request path of
 * POST and PATCH /scim/v2/Users against GET /users/{id} (one Webex read) in the same run, interleaved, each timed
 * request once the applies earlier writes started have ended (all three kinds alike); then a burst
 * of POST /Users at Entra ID's 25 a second against the simulator limited to the Webex budget: every request answered
 * 201, then the time until the last user has calling, Webex requests accepted per second against the budget, users
 * lost (no calling) and duplicated (created twice).
 */
export async function measureScim(sim: Simulator, options: ScimBenchOptions = {}) {
  const iterations = options.iterations ?? Number(process.env.SCIM_BENCH_ITERATIONS ?? 200);
  const count = options.users ?? Number(process.env.SCIM_BENCH_USERS ?? 1000);
  const arrival = options.arrivalPerSecond ?? 25;
  const budget = options.webexPerSecond ?? Number(process.env.SCIM_BENCH_WEBEX_RPS ?? 10);
  // The runs draw (1 − interactive share) of the rate the pacing budget finds: the rest is left to the service desk.
  const runShare = 1 - pacingSettings(process.env).interactiveShare;
  const seed = demoSeed();
  for (const license of seed.licenses) if (license.calling) license.totalUnits += count + iterations * 2;
  sim.reset(seed);
  const runtime = createLocalRuntime();
  const api = await startLocalApi({ port: 0, runtime });
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(api.url + path, { method, headers: body === undefined ? {} : { 'content-type': 'application/scim+json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const run = randomUUID().slice(0, 8);
  try {
    // Latency: no calling location, so the applies behind the writes are one create each. The applies run in this
    // process (in AWS: other Lambdas, started by the table's stream), so each timed request of any kind waits until
    // the earlier writes' applies have ended: none is timed while another's apply competes for this event loop.
    const time = async (fn: () => Promise<unknown>) => {
      await runtime.executions.settle();
      const t = process.hrtime.bigint();
      await fn();
      return Number(process.hrtime.bigint() - t) / 1e6;
    };
    const ids: string[] = [];
    let n = 0;
    const post = async () => {
      const r = await send('POST', '/scim/v2/Users', { schemas: [USER], userName: `lat.${run}.${n++}@example.com`, displayName: 'Latency User' });
      if (r.status !== 201) throw new Error(`POST answered ${r.status}`);
      ids.push(r.body.id);
    };
    const patch = async () => {
      const r = await send('PATCH', `/scim/v2/Users/${ids[n % ids.length]}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'title', value: `T${n}` }] });
      if (r.status !== 200) throw new Error(`PATCH answered ${r.status}`);
    };
    const get = async () => {
      const r = await fetch(`${api.url}/users/${DEMO_IDS.people.alice}`);
      await r.text();
    };
    for (let i = 0; i < 20; i++) { await post(); await patch(); await get(); }
    const times = { post: [] as number[], patch: [] as number[], get: [] as number[] };
    for (let i = 0; i < iterations; i++) {
      times.post.push(await time(post));
      times.patch.push(await time(patch));
      times.get.push(await time(get));
    }
    await runtime.executions.settle();
    const stats = (t: number[]) => { const s = [...t].sort((a, b) => a - b); return { p50: percentile(s, 50), p99: percentile(s, 99) }; };
    const latency = { get: stats(times.get), post: stats(times.post), patch: stats(times.patch) };

    // The burst: calling by explicit location and extension (the demo pools have few numbers).
    sim.faults.rateLimit({ limit: budget, windowMs: 1000 });
    const stream = { ...runtime.scimStream };
    const cpu = process.cpuUsage();
    const started = Date.now();
    const answers: Promise<{ status: number; id?: string }>[] = [];
    for (let i = 0; i < count; i++) {
      const due = started + (i * 1000) / arrival;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      answers.push(send('POST', '/scim/v2/Users', {
        schemas: [USER, PRODUCT], userName: `burst.${run}.${i}@example.com`, displayName: `Burst ${i}`,
        [PRODUCT]: { callingLocation: i % 2 ? 'Headquarters' : 'Branch Office', extension: String(20000 + i) },
      }).then((r) => ({ status: r.status, id: r.body?.id as string | undefined })));
    }
    const answered = await Promise.all(answers);
    const statuses = answered.map((a) => a.status);
    const answeredMs = Date.now() - started;
    await runtime.executions.settle();
    const lastCallingMs = Date.now() - started;
    const cpuUsed = process.cpuUsage(cpu);
    const requests = sim.requests.filter((r) => r.at >= started);
    const accepted = requests.filter((r) => r.status !== 429);
    const created = new Map<string, number>();
    for (const r of accepted.filter((x) => x.method === 'POST' && x.path === '/people' && x.status < 300)) {
      const email = (r.body as { emails?: string[] }).emails?.[0] ?? '';
      created.set(email, (created.get(email) ?? 0) + 1);
    }
    const people = [...sim.state.people.values()].filter((p) => p.emails.some((e) => e.startsWith(`burst.${run}.`)));
    const withCalling = people.filter((p) => p.calling !== undefined);
    // Why a user has no calling, as the SCIM resource says (`callingStatus`, its `lastError`): a count per reason.
    const called = new Set(withCalling.flatMap((p) => p.emails));
    const whyLost: Record<string, number> = {};
    for (let i = 0; i < count; i++) {
      if (called.has(`burst.${run}.${i}@example.com`)) continue;
      const id = answered[i].id;
      const item = id ? await runtime.activityTable.scimStore.get('User', id) : undefined;
      const reason = item ? `${item.callingStatus}${item.lastError ? `: ${item.lastError.slice(0, 120)}` : ''}` : `not stored (${answered[i].status})`;
      whyLost[reason] = (whyLost[reason] ?? 0) + 1;
    }
    return {
      latency,
      ratio: { postP50: latency.post.p50 / latency.get.p50, postP99: latency.post.p99 / latency.get.p99, patchP50: latency.patch.p50 / latency.get.p50, patchP99: latency.patch.p99 / latency.get.p99 },
      burst: {
        users: count, arrivalPerSecond: arrival, webexBudgetPerSecond: budget,
        accepted: statuses.filter((s) => s === 201).length, answeredMs,
        lastCallingMs,
        webexAcceptedPerSecond: accepted.length / (lastCallingMs / 1000),
        fractionOfBudget: accepted.length / (lastCallingMs / 1000) / budget,
        fractionOfRunBudget: accepted.length / (lastCallingMs / 1000) / (budget * runShare),
        rateLimited: requests.length - accepted.length,
        lost: count - withCalling.length,
        whyLost,
        duplicated: [...created.values()].filter((v) => v > 1).length,
        // The table's stream per user: writes to SCIM resource rows (the request's and its apply's), and the
        // consumer's invocations the event source mapping's filter let through; this process's CPU per user.
        resourceWritesPerUser: (runtime.scimStream.resourceWrites - stream.resourceWrites) / count,
        streamInvocationsPerUser: (runtime.scimStream.invocations - stream.invocations) / count,
        cpuMsPerUser: (cpuUsed.user + cpuUsed.system) / 1000 / count,
      },
    };
  } finally {
    await api.close();
    await runtime.activityTable.close();
    sim.reset();
  }
}

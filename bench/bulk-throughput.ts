import { randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalObjectStore } from '../functions/local/local-object-store';
import type { BulkJoinersReport } from '../functions/lib/bulk/joiners';
import { benchRuntime, handlers } from './local-handlers';
import type { RecordedRequest, Simulator } from '../functions/simulator/server';
import { demoSeed } from '../functions/simulator/seed';
import { apiEvent, context } from './api-event';

export interface BulkThroughputOptions {
  /** @default 500 */
  users?: number;
  /** The org's rate limit on the simulator. @default 100 requests a second */
  rateLimit?: { limit: number; windowMs: number };
  /** BULK_JOINERS_MAX_CONCURRENCY for the run. @default 40 (the most an inline Map runs) */
  maxConcurrency?: number;
  /**
   * BULK_WEBEX_REQUESTS_PER_SECOND: the budget the joiners are paced to. An administrator who knows the
   * org's limit sets it a little under. @default 0.93 of the simulator's limit
   */
  requestsPerSecond?: number;
  /** POST /bulk/joiners (JSON) or POST /bulk/joiners/csv (a CSV in the imports bucket, the Distributed Map). @default 'json' */
  via?: 'json' | 'csv';
}

export interface BulkThroughputResult {
  via: 'json' | 'csv';
  users: number;
  maxConcurrency: number;
  /** The pacing budget, requests a second. */
  requestsPerSecond: number;
  rateLimit: { limit: number; windowMs: number };
  elapsedMs: number;
  /** Webex requests Webex accepted (not 429) per second. */
  acceptedPerSecond: number;
  /** What the rate limit allows per second. */
  ceilingPerSecond: number;
  /** acceptedPerSecond / ceilingPerSecond: how much of the limit the workflow turned into work. */
  fractionOfCeiling: number;
  usersPerSecond: number;
  /** Webex requests (accepted) per user: the cost of one joiner. */
  requestsPerUser: number;
  succeeded: number;
  failed: number;
  /** The first few failures from the report. */
  failures: { email: string; code?: string; message?: string }[];
  /** Users Webex created more than once (POST /people succeeded twice for one e-mail): must be 0. */
  duplicated: number;
  /** Users in the report that Webex never created: must be 0. */
  missing: number;
  rateLimited: number;
  /** 429s after the first rate-limit window that drew any: the workflow not settling under the limit. */
  rateLimitedAfterFirstBurst: number;
}

/**
 * N joiners through the BulkJoiners state machine (POST /bulk/joiners, the local in-process runner, the
 * real task handlers, Wait states taking real time: the pacing is a Wait) against the simulator with a
 * fixed rate limit: how close to the limit's ceiling the workflow runs, and that every user is created
 * exactly once. The simulator is reset (a demo org with enough calling licenses) before, and back to its
 * starting org after.
 */
export async function measureBulkThroughput(sim: Simulator, options: BulkThroughputOptions = {}): Promise<BulkThroughputResult> {
  const count = options.users ?? 500;
  const via = options.via ?? 'json';
  const rateLimit = options.rateLimit ?? { limit: 100, windowMs: 1000 };
  const maxConcurrency = options.maxConcurrency ?? 40;
  const requestsPerSecond = options.requestsPerSecond ?? (0.93 * rateLimit.limit) / (rateLimit.windowMs / 1000);
  const saved = {
    max: process.env.BULK_JOINERS_MAX_CONCURRENCY,
    rps: process.env.BULK_WEBEX_REQUESTS_PER_SECOND,
    store: process.env.LOCAL_OBJECT_STORE_DIR,
    bucket: process.env.BULK_IMPORTS_BUCKET,
  };
  // Waits as in AWS (benchRuntime): the pacing is a Wait state on each joiner's start time.
  process.env.BULK_JOINERS_MAX_CONCURRENCY = String(maxConcurrency);
  process.env.BULK_WEBEX_REQUESTS_PER_SECOND = String(requestsPerSecond);
  const run = randomUUID().slice(0, 8);
  const users = Array.from({ length: count }, (_, i) => ({
    email: `bulk.${run}.${i}@example.com`,
    firstName: 'Bulk',
    lastName: `User ${i}`,
    location: i % 2 ? 'Headquarters' : 'Branch Office',
    // Extensions only: the demo locations' number pools are small.
    extension: String(10000 + i),
  }));
  try {
    // The demo org with enough calling licenses for every joiner (it has 10): a fresh org, log and faults.
    const seed = demoSeed();
    for (const license of seed.licenses) if (license.calling) license.totalUnits += count;
    sim.reset(seed);
    sim.faults.rateLimit(rateLimit);
    // The imports bucket, a folder: a CSV run reads its file there, and either run writes its report files there.
    const root = await mkdtemp(join(tmpdir(), 'webex-prov-bench-'));
    process.env.LOCAL_OBJECT_STORE_DIR = root;
    process.env.BULK_IMPORTS_BUCKET = 'imports';
    const started = Date.now();
    const report = via === 'csv' ? await runCsv(users, run, new LocalObjectStore(root)) : await runJson(users, run);
    const elapsedMs = Date.now() - started;

    const requests = sim.requests.filter((r) => r.at >= started);
    const accepted = requests.filter((r) => r.status !== 429);
    const limited = requests.filter((r) => r.status === 429);
    const created = new Map<string, number>();
    for (const r of accepted.filter((x) => x.method === 'POST' && x.path === '/people' && x.status < 300)) {
      const email = (r.body as { emails?: string[] }).emails?.[0] ?? '';
      created.set(email, (created.get(email) ?? 0) + 1);
    }
    const ceilingPerSecond = rateLimit.limit / (rateLimit.windowMs / 1000);
    const acceptedPerSecond = accepted.length / (elapsedMs / 1000);
    return {
      via,
      users: count,
      maxConcurrency,
      requestsPerSecond: round(requestsPerSecond),
      rateLimit,
      elapsedMs,
      acceptedPerSecond: round(acceptedPerSecond),
      ceilingPerSecond,
      fractionOfCeiling: round(acceptedPerSecond / ceilingPerSecond),
      usersPerSecond: round(report.succeeded / (elapsedMs / 1000)),
      requestsPerUser: round(accepted.length / count),
      succeeded: report.succeeded,
      failed: report.failed,
      failures: report.results.filter((r) => r.status === 'FAILED').slice(0, 3).map((r) => ({ email: r.email, code: r.error?.code, message: r.error?.message })),
      duplicated: [...created.values()].filter((n) => n > 1).length,
      missing: users.filter((u) => !created.has(u.email)).length,
      rateLimited: limited.length,
      rateLimitedAfterFirstBurst: afterFirstBurst(limited, rateLimit.windowMs),
    };
  } finally {
    // Back to the starting org (and its rate limit option) for whatever runs next.
    sim.reset();
    restore('BULK_JOINERS_MAX_CONCURRENCY', saved.max);
    restore('BULK_WEBEX_REQUESTS_PER_SECOND', saved.rps);
    restore('LOCAL_OBJECT_STORE_DIR', saved.store);
    restore('BULK_IMPORTS_BUCKET', saved.bucket);
  }
}

type Joiner = { email: string; firstName: string; lastName: string; location: string; extension: string };

async function runJson(users: Joiner[], run: string): Promise<BulkJoinersReport> {
  const res = (await handlers.StartBulkJoiners(apiEvent('POST', '/bulk/joiners', { users, idempotencyKey: `bench-${run}` }), context)) as { statusCode: number; body: string };
  if (res.statusCode !== 202) throw new Error(`POST /bulk/joiners answered ${res.statusCode}: ${res.body}`);
  const { executionName } = JSON.parse(res.body) as { executionName: string };
  const outcome = await benchRuntime.executions.outcome('BulkJoiners', executionName);
  if (outcome?.status !== 'SUCCEEDED') throw new Error(`the bulk execution ended ${outcome?.status}: ${outcome?.error} ${outcome?.cause}`);
  return outcome.output as BulkJoinersReport;
}

/** The same users as a CSV in a folder standing in for the imports bucket; the full report read back from it. */
async function runCsv(users: Joiner[], run: string, store: LocalObjectStore): Promise<BulkJoinersReport> {
  const lines = ['email,firstName,lastName,location,extension', ...users.map((u) => [u.email, u.firstName, u.lastName, u.location, u.extension].join(','))];
  await store.putText('imports', `joiners/bench-${run}.csv`, `${lines.join('\r\n')}\r\n`);
  const res = (await handlers.StartBulkJoinersCsv(apiEvent('POST', '/bulk/joiners/csv', { key: `joiners/bench-${run}.csv` }), context)) as { statusCode: number; body: string };
  if (res.statusCode !== 202) throw new Error(`POST /bulk/joiners/csv answered ${res.statusCode}: ${res.body}`);
  const { executionName } = JSON.parse(res.body) as { executionName: string };
  const outcome = await benchRuntime.executions.outcome('BulkJoinersCsv', executionName);
  if (outcome?.status !== 'SUCCEEDED') throw new Error(`the CSV bulk execution ended ${outcome?.status}: ${outcome?.error} ${outcome?.cause}`);
  const summary = outcome.output as { report: { bucket: string; json: string } };
  return JSON.parse((await store.getText(summary.report.bucket, summary.report.json)).text) as BulkJoinersReport;
}

function afterFirstBurst(limited: RecordedRequest[], windowMs: number): number {
  if (!limited.length) return 0;
  const firstWindowEnd = limited[0].at + windowMs;
  return limited.filter((r) => r.at >= firstWindowEnd).length;
}

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

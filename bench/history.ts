import type { ActivityRecord } from '../functions/lib/activity/records';
import { route } from '../functions/get-user-history/handler';
import { routeHandler } from '../functions/lib/http/route';
import { localActivityTable, localDynamoClient } from '../functions/local/local-activity-table';
import { apiEvent, context } from './api-event';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** One GET's DynamoDB cost: the commands it sent and the items DynamoDB read for them (ScannedCount). */
interface GetCost {
  commands: string[];
  itemsRead: number;
  itemsAnswered: number;
}

/**
 * GET /users/{user}/history through its route handler, on the Lambdas' DynamoDB adapter against dynalite, for a
 * user with 1,000 records against a user with one (the baseline, same table, same run): the DynamoDB calls each
 * GET sends (one Query, never a Scan), the items DynamoDB reads for it (one page, not the user's whole history),
 * and the time, interleaved.
 */
export async function measureHistory(options: { records?: number; iterations?: number } = {}) {
  const records = options.records ?? 1_000;
  const iterations = options.iterations ?? 200;
  const cost: GetCost = { commands: [], itemsRead: 0, itemsAnswered: 0 };
  const table = localActivityTable({
    client: (endpoint) => {
      const client = localDynamoClient(endpoint);
      client.middlewareStack.add(
        (next, ctx) => async (args) => {
          cost.commands.push(String(ctx.commandName));
          const out = await next(args);
          cost.itemsRead += Number((out.output as { ScannedCount?: number }).ScannedCount ?? 0);
          return out;
        },
        { step: 'initialize', name: 'benchCountCalls' },
      );
      return client;
    },
  });
  try {
    const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const record = (email: string, i: number): ActivityRecord => ({
      kind: 'joiner', email, userId: `PERSON-${email}`, startedAt: at(i), at: at(i), outcome: 'succeeded', executionName: `run-${i}`,
      trigger: { type: 'event', source: 'hr', eventId: `e-${i}` }, changes: [{ field: 'displayName', before: undefined, after: 'Bench User' }],
      trackingIds: [`WEBEXPROV_${i}_abcdef12`],
    });
    const busy = 'busy.user@example.com';
    const quiet = 'quiet.user@example.com';
    for (let i = 0; i < records; i += 100) await table.store.record(Array.from({ length: Math.min(100, records - i) }, (_, j) => record(busy, i + j)));
    await table.store.record([record(quiet, 0)]);

    const handler = routeHandler(route, { activity: () => table.store });
    const get = async (email: string) => {
      cost.commands = [];
      cost.itemsRead = 0;
      const t = process.hrtime.bigint();
      const res = (await handler(apiEvent('GET', `/users/${email}/history`, undefined, '/users/{user}/history'), context)) as { statusCode: number; body: string };
      const ms = Number(process.hrtime.bigint() - t) / 1e6;
      if (res.statusCode !== 200) throw new Error(`GET history answered ${res.statusCode}: ${res.body}`);
      return { ms, cost: { commands: cost.commands, itemsRead: cost.itemsRead, itemsAnswered: (JSON.parse(res.body) as { items: unknown[] }).items.length } };
    };
    for (let i = 0; i < 20; i++) {
      await get(busy);
      await get(quiet);
    }
    const busyMs: number[] = [];
    const quietMs: number[] = [];
    let busyCost: GetCost | undefined;
    let quietCost: GetCost | undefined;
    // Interleaved, so drift on a shared machine hits both equally.
    for (let i = 0; i < iterations; i++) {
      const b = await get(busy);
      const q = await get(quiet);
      busyMs.push(b.ms);
      quietMs.push(q.ms);
      busyCost = b.cost;
      quietCost = q.cost;
    }
    busyMs.sort((a, b) => a - b);
    quietMs.sort((a, b) => a - b);
    return {
      records,
      iterations,
      busy: { ...busyCost!, p50Ms: percentile(busyMs, 50), p99Ms: percentile(busyMs, 99) },
      quiet: { ...quietCost!, p50Ms: percentile(quietMs, 50), p99Ms: percentile(quietMs, 99) },
      callRatio: busyCost!.commands.length / quietCost!.commands.length,
      scans: [...busyCost!.commands, ...quietCost!.commands].filter((c) => c === 'ScanCommand').length,
      latencyRatio: percentile(busyMs, 50) / percentile(quietMs, 50),
    };
  } finally {
    await table.close();
  }
}

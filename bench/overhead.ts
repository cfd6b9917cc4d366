import { handlers } from './local-handlers';
import type { Simulator } from '../functions/simulator/server';
import { DEMO_IDS, SIM_ACCESS_TOKEN } from '../functions/simulator/seed';
import { apiEvent, context } from './api-event';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * What the middleware chain, validation, the token cache and response shaping add over the bare
 * Webex call they wrap: GET /users/{id} through the handler vs the same GET sent with fetch.
 */
export async function measureOverhead(sim: Simulator, iterations = 400) {
  const url = `${sim.url}/people/${DEMO_IDS.people.alice}?callingData=true`;
  const raw = async () => {
    const res = await fetch(url, { headers: { Authorization: `Bearer ${SIM_ACCESS_TOKEN}`, Accept: 'application/json' } });
    await res.json();
  };
  const event = apiEvent('GET', `/users/${DEMO_IDS.people.alice}`, undefined, '/users/{user}');
  const viaHandler = async () => {
    await handlers.GetUser(event, context);
  };
  const time = async (fn: () => Promise<void>) => {
    const t = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t) / 1e6;
  };
  for (let i = 0; i < 50; i++) {
    await raw();
    await viaHandler();
  }
  const rawTimes: number[] = [];
  const handlerTimes: number[] = [];
  // Interleaved, so drift on a shared machine hits both equally.
  for (let i = 0; i < iterations; i++) {
    rawTimes.push(await time(raw));
    handlerTimes.push(await time(viaHandler));
  }
  rawTimes.sort((a, b) => a - b);
  handlerTimes.sort((a, b) => a - b);
  const stats = (t: number[]) => ({ median: percentile(t, 50), p99: percentile(t, 99) });
  const r = stats(rawTimes);
  const h = stats(handlerTimes);
  return {
    iterations,
    rawMs: r,
    handlerMs: h,
    addedMs: { median: h.median - r.median, p99: h.p99 - r.p99 },
    ratio: { median: h.median / r.median, p99: h.p99 / r.p99 },
  };
}

import type { Env } from '../config';
import { ConfigurationError, ValidationError } from '../errors';

/**
 * Bulk joiners are paced to a Webex request budget: joiner i of a run may not start before
 * start + i × (requests a joiner makes ÷ requests a second). Webex publishes no fixed limit for the
 * People and Calling admin APIs (it answers 429 with Retry-After, shared by the whole org), so a bulk
 * run that only bounded its concurrency would either idle (too few at once) or burst into 429s that
 * also throttle the service desk's own requests (too many). The schedule turns the budget into
 * absolute start times, which a Wait state (TimestampPath) honours: no Lambda sleeps, and a joiner that
 * was held back by the concurrency bound does not add its delay to every later one.
 */
export const REQUESTS_PER_SECOND_ENV = 'BULK_WEBEX_REQUESTS_PER_SECOND';
/** 300 a minute: the one per-client figure Webex documents (Contact Center), a cautious default for an org. */
export const DEFAULT_REQUESTS_PER_SECOND = 5;
const MAX_REQUESTS_PER_SECOND = 1000;

/**
 * Webex requests one joiner makes when nothing fails, on warm functions: the e-mail look-up and the
 * create; then Enable Calling's person read, the location by name and the licenses (both read fresh on
 * purpose: names change, unit counts decide), the number or extension check, and its read-back (person,
 * person again with calling data, the person's numbers). test/integration/bulk/joiner-cost.test.ts counts
 * them against the simulator (SHOW_CALLS=1 lists them), so this figure cannot drift from the workflow.
 */
export const JOINER_WEBEX_REQUESTS = 10;

export function requestsPerSecond(env: Env): number {
  const raw = env[REQUESTS_PER_SECOND_ENV];
  if (raw === undefined || raw === '') return DEFAULT_REQUESTS_PER_SECOND;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_REQUESTS_PER_SECOND) {
    throw new ConfigurationError(`${REQUESTS_PER_SECOND_ENV} must be a number above 0 and at most ${MAX_REQUESTS_PER_SECOND}, not "${raw}"`);
  }
  return n;
}

/** Milliseconds between two joiners' starts for a budget of `rps` Webex requests a second. */
export const joinerIntervalMs = (rps: number) => (JOINER_WEBEX_REQUESTS / rps) * 1000;

/**
 * Start times (RFC 3339, what a Wait state's TimestampPath takes) for `count` joiners whose first has
 * index `firstIndex` in a run that started at `startMs`.
 */
export function startSchedule(count: number, startMs: number, intervalMs: number, firstIndex = 0): string[] {
  return Array.from({ length: count }, (_, i) => new Date(startMs + Math.round((firstIndex + i) * intervalMs)).toISOString());
}

/**
 * How long a paced run's schedule may last: its joiners wait inside one BulkJoiners execution, whose
 * TimeoutSeconds is 24 h; the rest is headroom for the joiners themselves.
 */
export const MAX_SCHEDULE_MS = 20 * 3_600_000;

/** A paced run of `count` items lasting `ms` at the budget: past MAX_SCHEDULE_MS it is a 400 naming `field`, before anything starts. */
export function assertScheduleFits(count: number, ms: number, what: { field: string; noun: string; remedy: string }): void {
  if (ms <= MAX_SCHEDULE_MS) return;
  const hours = (n: number) => n / 3_600_000;
  throw new ValidationError([
    {
      field: what.field,
      message: `${count} ${what.noun} at the Webex request budget take ${hours(ms).toFixed(1)} h, more than the ${hours(MAX_SCHEDULE_MS)} h a run may take: ${what.remedy}`,
    },
  ]);
}

import type { Env } from '../config';
import { ValidationError } from '../errors';
import { pacingSettings } from '../pacing/settings';

/**
 * What a bulk run costs in Webex requests, and how long it may take. Each joiner draws JOINER_WEBEX_REQUESTS
 * from the deployment's shared pacing budget (pacing/budget.ts) before it starts; the rate itself is found there.
 * A run is checked against MAX_SCHEDULE_MS at the initial rate (`requestsPerSecond`: the slowest it starts at).
 */
/**
 * Webex requests one joiner makes when nothing fails, on warm functions: the e-mail look-up and the
 * create; then Enable Calling's person read, the location by name and the licenses (both read fresh on
 * purpose: names change, unit counts decide), the number or extension check, and its read-back (person,
 * person again with calling data, the person's numbers). test/integration/bulk/joiner-cost.test.ts counts
 * them against the simulator (SHOW_CALLS=1 lists them), so this figure cannot drift from the workflow.
 */
export const JOINER_WEBEX_REQUESTS = 10;

/** The pacing budget's initial rate (WEBEX_INITIAL_REQUESTS_PER_SECOND, else BULK_WEBEX_REQUESTS_PER_SECOND, else 5). */
export function requestsPerSecond(env: Env): number {
  return pacingSettings(env).initialRate;
}

/** Milliseconds between two joiners' starts for a budget of `rps` Webex requests a second. */
export const joinerIntervalMs = (rps: number) => (JOINER_WEBEX_REQUESTS / rps) * 1000;

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

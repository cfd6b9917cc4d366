import type { Env } from '../config';
import { ValidationError } from '../errors';
import { pacingSettings } from '../pacing/settings';
import { ACTION_REQUESTS, JOINER_REQUESTS } from './request-figures';

/** The reconcile apply's CheckAction: one read of the user before its machine starts. */
const CHECK_ACTION_REQUESTS = 1;

/**
 * What a bulk run costs in Webex requests, and how long it may take. Each joiner draws JOINER_WEBEX_REQUESTS
 * from the deployment's shared pacing budget (pacing/budget.ts) before it starts; the rate itself is found there.
 * A run is checked against MAX_SCHEDULE_MS at the initial rate (`requestsPerSecond`: the slowest it starts at).
 */
/**
 * Webex requests one joiner makes when nothing fails, on warm functions: the sum of its steps' (each row's
 * `webex`: the Joiner's create, then Enable Calling's enable path), written by `npm run request-figures`.
 * test/integration/bulk/joiner-cost.test.ts counts them against the simulator (SHOW_CALLS=1 lists them), so
 * neither the rows nor this figure can drift from the workflow.
 */
export const JOINER_WEBEX_REQUESTS = JOINER_REQUESTS;

/**
 * Webex requests each lifecycle machine makes when nothing fails, on warm functions: a reconcile action's figure
 * (request-figures.ts, from the step rows) less the apply's own read of the user (CheckAction), so the SCIM apply
 * draws what the machine it starts will send.
 */
export const LIFECYCLE_WEBEX_REQUESTS = {
  join: ACTION_REQUESTS.join - CHECK_ACTION_REQUESTS,
  move: ACTION_REQUESTS.move - CHECK_ACTION_REQUESTS,
  updateProfile: ACTION_REQUESTS.updateProfile - CHECK_ACTION_REQUESTS,
  leave: ACTION_REQUESTS.leave - CHECK_ACTION_REQUESTS,
} as const;

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

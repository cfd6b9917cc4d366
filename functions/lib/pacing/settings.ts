import type { Env, EnvName } from '../config';
import { ConfigurationError } from '../errors';
import type { PacingSettings } from './controller';

/**
 * The pacing controller's settings, from the variables the stack sets from its context keys
 * (`webexInitialRequestsPerSecond`, `webexMaxRequestsPerSecond`, `webexInteractiveShare`). The older
 * `bulkWebexRequestsPerSecond` (BULK_WEBEX_REQUESTS_PER_SECOND) is the initial rate when no initial rate is set:
 * it was the fixed budget, and is now where the search starts.
 */
export const PACING_ENV = {
  initialRate: 'WEBEX_INITIAL_REQUESTS_PER_SECOND',
  maxRate: 'WEBEX_MAX_REQUESTS_PER_SECOND',
  interactiveShare: 'WEBEX_INTERACTIVE_SHARE',
  legacyInitialRate: 'BULK_WEBEX_REQUESTS_PER_SECOND',
} as const satisfies Record<string, EnvName>;

/** 300 a minute: the one per-client figure Webex documents (Contact Center), a cautious start. */
export const DEFAULT_INITIAL_RATE = 5;
/** Above what any organisation we know of allows; a deployment that knows better sets webexMaxRequestsPerSecond. */
export const DEFAULT_MAX_RATE = 100;
export const DEFAULT_INTERACTIVE_SHARE = 0.2;
/** The largest rate either setting may name. */
export const MAX_SETTING_RATE = 1000;

export function pacingSettings(env: Env): PacingSettings {
  const initial = rate(env, PACING_ENV.initialRate) ?? rate(env, PACING_ENV.legacyInitialRate) ?? DEFAULT_INITIAL_RATE;
  const maxRate = rate(env, PACING_ENV.maxRate) ?? Math.max(DEFAULT_MAX_RATE, initial);
  if (initial > maxRate) throw new ConfigurationError(`${PACING_ENV.initialRate} (${initial}) must not be above ${PACING_ENV.maxRate} (${maxRate})`);
  const rawShare = env[PACING_ENV.interactiveShare];
  const interactiveShare = rawShare === undefined || rawShare === '' ? DEFAULT_INTERACTIVE_SHARE : Number(rawShare);
  if (!Number.isFinite(interactiveShare) || interactiveShare < 0 || interactiveShare >= 1) {
    throw new ConfigurationError(`${PACING_ENV.interactiveShare} must be a number from 0 to below 1, not "${rawShare}"`);
  }
  return { initialRate: initial, maxRate, interactiveShare };
}

function rate(env: Env, name: EnvName): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0 || n > MAX_SETTING_RATE) throw new ConfigurationError(`${name} must be a number above 0 and at most ${MAX_SETTING_RATE}, not "${raw}"`);
  return n;
}

import { readEnv, type Env, type EnvName } from '../config';
import { ConfigurationError } from '../errors';
import { defaultLeaverPolicy } from '../lifecycle/router';
import type { LeaverPolicy } from '../schemas/lifecycle-events';
import { LeaverThresholds } from './schemas';

/**
 * The deployment's defaults for what a plan request leaves out: the leaver policy is the lifecycle's
 * (`defaultLeaverPolicy`, LIFECYCLE_DEFAULT_LEAVER_POLICY), the leaver thresholds the stack's
 * `reconcileLeaverThresholds` (these variables; unset, DEFAULT_LEAVER_THRESHOLDS apply).
 */
export const RECONCILE_THRESHOLD_ENV = {
  maxLeaverPercent: 'RECONCILE_MAX_LEAVER_PERCENT',
  maxLeavers: 'RECONCILE_MAX_LEAVERS',
} as const satisfies Record<keyof LeaverThresholds, EnvName>;

export interface PlanDefaults {
  leaverPolicy: LeaverPolicy;
  thresholds: LeaverThresholds;
}

export function reconcilePlanDefaults(env: Env = readEnv()): PlanDefaults {
  const thresholds: LeaverThresholds = {};
  for (const [field, name] of Object.entries(RECONCILE_THRESHOLD_ENV) as [keyof LeaverThresholds, EnvName][]) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const parsed = LeaverThresholds.shape[field].safeParse(/^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN);
    if (!parsed.success || parsed.data === undefined) {
      throw new ConfigurationError(`${name} must be ${field === 'maxLeavers' ? 'a whole number of at least 0' : 'a number from 0 to 100'}, not "${text}"`);
    }
    thresholds[field] = parsed.data;
  }
  return { leaverPolicy: defaultLeaverPolicy(env), thresholds };
}

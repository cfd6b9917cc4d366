import type { Env } from '../config';
import { defaultLeaverPolicy } from '../lifecycle/router';
import type { LeaverPolicy } from '../schemas/lifecycle-events';
import type { LeaverThresholds } from './schemas';
import { deploymentThresholds } from './threshold-ceiling';

/**
 * The deployment's defaults for what a plan request leaves out: the leaver policy is the lifecycle's
 * (`defaultLeaverPolicy`, LIFECYCLE_DEFAULT_LEAVER_POLICY), the leaver thresholds the stack's
 * `reconcileLeaverThresholds` (threshold-ceiling.ts), which are also the ceiling a request may only tighten.
 */
export interface PlanDefaults {
  leaverPolicy: LeaverPolicy;
  thresholds: LeaverThresholds;
}

export function reconcilePlanDefaults(env: Env): PlanDefaults {
  return { leaverPolicy: defaultLeaverPolicy(env), thresholds: deploymentThresholds(env) };
}
